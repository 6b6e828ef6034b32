// interleave-node-{mt,st}.js: the Wasm engine as a command line under node, for measuring the
// interpreter's speed in WebAssembly without a browser (bench/browser.mjs --node).
//
//   node interleave-node-mt.js FILE.py [--repeat N] [--gil on|off|legacy] [--summary]
//
// Runs FILE with run::run_source exactly as the run worker does (web/worker_main.cpp): in mt on a
// pthread (PROXY_TO_PTHREAD) with the real driver, in st with real mode as the cooperative driver
// ("coop"). Prints the program's output of the last run, then one line per run on stderr:
// `elapsed: SECONDS cpu: SECONDS` (parse, compile and run, as the run worker measures it; cpu is
// the node process's CPU time over the run, all threads, from process.cpuUsage(): on a loaded
// machine it moves far less than the wall time). Exit status: the last run's (PRODUCT.md's
// statuses), 2 on a usage error. Single-threaded apart from the run.
//
// The same file also compiles natively (bench/native_run.sh), so that the native side of the
// comparison is measured by the same code: in-process repeats, the same clocks, real mode.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#if defined(__EMSCRIPTEN__)
#include <emscripten/emscripten.h>
#else
#include <ctime>
#endif

#include "run/program.h"

namespace {

// The whole process's CPU time in seconds (user + system, every thread). Under node it is called
// on the run's pthread in mt: process.cpuUsage() is process-wide there too.
#if defined(__EMSCRIPTEN__)
EM_JS(double, process_cpu_seconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
#else
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
#endif

int usage(const std::string& why) {
  std::cerr << "interleave-node: " << why << "\n"
            << "usage: node interleave-node-{mt,st}.js FILE.py [--repeat N] [--gil on|off|legacy] "
               "[--summary]\n";
  return interleave::run::exit_status::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__EMSCRIPTEN_PTHREADS__) || !defined(__EMSCRIPTEN__)
  constexpr bool kThreads = true;
#else
  constexpr bool kThreads = false;
#endif
  std::string file;
  int repeat = 1;
  bool summary = false;
  interleave::run::Options options;
  options.mode = kThreads ? "real" : "coop";
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
      if (repeat < 1 || repeat > 1000) return usage("--repeat takes 1 to 1000");
    } else if (a == "--gil" && i + 1 < argc) {
      options.gil = argv[++i];
    } else if (a == "--summary") {
      summary = true;
    } else if (!a.empty() && a[0] != '-' && file.empty()) {
      file = a;
    } else {
      return usage("unexpected argument '" + std::string(a) + "'");
    }
  }
  if (file.empty()) return usage("no program given");
  std::ifstream in(file, std::ios::binary);
  if (!in) return usage("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  options.argv = {file};
  if (summary) options.summary_path = "/tmp/interleave-node-summary.json";

  int status = 0;
  for (int run = 0; run < repeat; ++run) {
    std::string out, err;
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = process_cpu_seconds();
    status = interleave::run::run_source(source, file, options, [&](int fd, std::string_view s) {
      (fd == 2 ? err : out).append(s);
    });
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = process_cpu_seconds() - cpu0;
    if (run + 1 == repeat) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fwrite(err.data(), 1, err.size(), stderr);
    }
    std::fprintf(stderr, "elapsed: %.6f cpu: %.6f\n", elapsed, cpu);
  }
  if (summary) std::remove(options.summary_path.c_str());
  return status;
}
