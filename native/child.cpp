// A spawned child: reads the program's path and text and the pickled Process from the inherited
// payload descriptor, installs a POSIX host that knows both, and runs the child main program (run
// the program as __mp_main__, then Process._bootstrap) under the real-thread driver.
#include "child.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "ipc/mp_module.h"
#include "process_host.h"
#include "run/program.h"

namespace interleave::native {

namespace {

void write_output(int fd, std::string_view text) {
  if (fd == 2) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
}

}  // namespace

int child_main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "interleave: __child__ is started by multiprocessing only\n");
    return 2;
  }
  // The payload descriptor: u32 + program path, u32 + program text, then the pickled Process.
  std::string data;
  int fd = std::atoi(argv[2]);
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  auto child = std::make_unique<SpawnedChild>();
  std::size_t pos = 0;
  auto take = [&](std::string* out) {
    std::uint32_t n;
    if (data.size() - pos < 4) return false;
    std::memcpy(&n, data.data() + pos, 4);
    pos += 4;
    if (data.size() - pos < n) return false;
    out->assign(data, pos, n);
    pos += n;
    return true;
  };
  if (!take(&child->program_path) || !take(&child->program_source)) {
    std::fprintf(stderr, "interleave: __child__: malformed start data\n");
    return 2;
  }
  child->payload = data.substr(pos);

  run::Options options;
  std::vector<std::string> child_args;
  for (int i = 4; i + 1 < argc; i += 2) {
    std::string key = argv[i], value = argv[i + 1];
    if (key == "--trace-fd") {  // this child's own: not repeated for its children
      child->trace_fd = std::atoi(value.c_str());
      continue;
    }
    child_args.push_back(key);
    child_args.push_back(value);
    if (key == "--gil") options.gil = value;
    if (key == "--switch-interval") options.switch_interval = std::atof(value.c_str());
    if (key == "--start-method") options.start_method = value;
  }
  options.argv.push_back(child->program_path);
  // Leaked on purpose: detached I/O threads may use the host until the process exits.
  ipc::ProcessHost* host = make_posix_process_host(std::move(child)).release();
  host->set_program("", child_args);
  options.process_host = host;
  const int status =
      run::run_source(ipc::kChildMainSource, "<interleave child>", options, write_output);
  std::fflush(stdout);
  return status;
}

}  // namespace interleave::native
