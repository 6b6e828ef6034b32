// The run worker's engine: run::run_source and nothing else (no UI, no SDL), built once per variant
// as interleave-worker-{mt,st}.{js,wasm} and loaded by public/run-worker.js inside a dedicated Web
// Worker, so that the page's main thread never runs or waits for a program.
//
// The worker's JS (run-worker.js) calls these exported functions on the worker's own JS thread:
//   iw_start(...)    starts a run. mt: on a new pthread, returning at once, so the worker's JS
//                    thread stays free to start more pthreads for Python threads (past the pre-started
//                    pool) and to hear "stop"; st: runs to the end inside the call, Python threads
//                    taking turns on this one thread (run mode "coop"), output flushed on the way.
//   iw_stop()        raises Options::stop_request (mt); the driver ends the run within 200 ms.
//   iw_take_output() moves the output produced so far into a staging buffer (iw_output_data) in
//                    frames of [fd: u8][length: u32 LE][bytes], and returns its size.
//   iw_status()      -1 while a run goes on, else its exit status (PRODUCT.md's CLI statuses).
//   iw_summary(), iw_trace(), iw_elapsed()  the finished run's summary JSON, Chrome trace JSON
//                    ("" when not recorded) and wall time in seconds.
//   iw_finish()      joins the finished run's thread and forgets it (before the next iw_start).
// Invariants: at most one run at a time; output frames keep the driver's order. Thread rules: the
// exported functions run on the worker's JS thread only; the run thread touches only `Run`'s
// output buffer (under its mutex) and its own fields until `done` is set (release/acquire).
#include <emscripten.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include "run/program.h"
#include "version.h"

namespace {

#if defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kThreads = true;
#else
constexpr bool kThreads = false;
#endif

// Calls the worker JS's flush hook: in st the JS thread is busy inside iw_start, so output is
// pushed from here instead of being polled.
EM_JS(void, iw_js_flush, (), { if (typeof self.__interleaveFlush === 'function') self.__interleaveFlush(); });

struct Run {
  std::string code, filename;
  interleave::run::Options options;
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::string pending;  // output frames not yet taken (guarded by mu)
  std::atomic<bool> done{false};
  int status = -1;       // written before done is set
  double elapsed = 0;    // seconds
  std::string summary, trace;
  std::thread thread;    // mt only
  double last_flush_ms = 0;
};

Run* current = nullptr;  // the worker's run (JS thread only)
std::string staged;      // the frames iw_take_output handed out last
int run_counter = 0;

void append_frame(Run& run, int fd, std::string_view text) {
  const auto n = static_cast<std::uint32_t>(text.size());
  const char head[5] = {static_cast<char>(fd == 2 ? 2 : 1), static_cast<char>(n & 0xff),
                        static_cast<char>((n >> 8) & 0xff), static_cast<char>((n >> 16) & 0xff),
                        static_cast<char>((n >> 24) & 0xff)};
  std::lock_guard<std::mutex> lock(run.mu);
  run.pending.append(head, sizeof head);
  run.pending.append(text);
}

std::string read_and_remove(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  in.close();
  std::remove(path.c_str());
  return text.str();
}

void execute(Run& run) {
  const auto t0 = std::chrono::steady_clock::now();
  const int status = interleave::run::run_source(
      run.code, run.filename, run.options, [&run](int fd, std::string_view text) {
        append_frame(run, fd, text);
        if (!kThreads) {
          // st: hand output over every ~16 ms or 64 KiB, the JS thread being busy here.
          const double now = emscripten_get_now();
          bool big = false;
          {
            std::lock_guard<std::mutex> lock(run.mu);
            big = run.pending.size() >= 64 * 1024;
          }
          if (big || now - run.last_flush_ms >= 16) {
            run.last_flush_ms = now;
            iw_js_flush();
          }
        }
      });
  run.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  run.summary = read_and_remove(run.options.summary_path);
  run.trace = read_and_remove(run.options.trace_path);
  run.status = status;
  run.done.store(true, std::memory_order_release);
}

}  // namespace

extern "C" {

// {"build":"mt"|"st","threads":bool,"version":"..."}: what this worker can do.
EMSCRIPTEN_KEEPALIVE const char* iw_info_json() {
  static const std::string json = std::string("{\"build\":\"") + (kThreads ? "mt" : "st") +
                                  "\",\"threads\":" + (kThreads ? "true" : "false") +
                                  ",\"version\":\"" + interleave::version() + "\"}";
  return json.c_str();
}

// Starts a run; returns 0, or 1 when a run is still active (the caller finishes it first).
// mode: "real" | "sim" (st runs "real" as "coop": Python threads take turns on one core under the
// GIL). seed < 0: none. want_summary / want_trace: record the run and hand back the JSON.
EMSCRIPTEN_KEEPALIVE int iw_start(const char* code, const char* filename, const char* mode,
                                  const char* gil, double interval, int cores, const char* start,
                                  double timeout, double seed, int want_summary, int want_trace) {
  if (current != nullptr) return 1;
  auto* run = new Run;
  run->code = code;
  run->filename = filename;
  interleave::run::Options& o = run->options;
  o.mode = mode;
  if (!kThreads && o.mode == "real") o.mode = "coop";
  o.gil = gil;
  o.switch_interval = interval;
  o.cores = cores;
  o.start_method = start;
  o.timeout = timeout;
  if (seed >= 0) o.seed = static_cast<std::uint64_t>(seed);
  o.argv = {run->filename};
  o.stop_request = &run->stop;
  ++run_counter;
  // Recording needs a driver that records (real, sim); the cooperative one does not.
  const bool records = o.mode != "coop";
  if (records && want_summary) o.summary_path = "/tmp/run-" + std::to_string(run_counter) + ".summary.json";
  if (records && want_trace) o.trace_path = "/tmp/run-" + std::to_string(run_counter) + ".trace.json";
  current = run;
  if (kThreads) {
    run->thread = std::thread([run] { execute(*run); });
  } else {
    execute(*run);
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE void iw_stop() {
  if (current != nullptr) current->stop.store(true);
}

EMSCRIPTEN_KEEPALIVE int iw_take_output() {
  staged.clear();
  if (current == nullptr) return 0;
  std::lock_guard<std::mutex> lock(current->mu);
  staged.swap(current->pending);
  return static_cast<int>(staged.size());
}

EMSCRIPTEN_KEEPALIVE const char* iw_output_data() { return staged.data(); }

EMSCRIPTEN_KEEPALIVE int iw_status() {
  if (current == nullptr || !current->done.load(std::memory_order_acquire)) return -1;
  return current->status;
}

EMSCRIPTEN_KEEPALIVE const char* iw_summary() { return current ? current->summary.c_str() : ""; }
EMSCRIPTEN_KEEPALIVE const char* iw_trace() { return current ? current->trace.c_str() : ""; }
EMSCRIPTEN_KEEPALIVE double iw_elapsed() { return current ? current->elapsed : 0; }

EMSCRIPTEN_KEEPALIVE void iw_finish() {
  if (current == nullptr || !current->done.load(std::memory_order_acquire)) return;
  if (current->thread.joinable()) current->thread.join();
  delete current;
  current = nullptr;
}

}  // extern "C"

// No main: the module's runtime starts, then the worker's JS waits for requests.
