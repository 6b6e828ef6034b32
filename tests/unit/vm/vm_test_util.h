// Helpers for the VM tests: an interpreter booted for driving the C++ API, and running a program
// under the cooperative driver to capture its output and exit status, the way run::run_source
// does for mode "coop". Test-only; one thread.
#pragma once

#include <string>
#include <string_view>
#include <thread>

#include "run/coop_driver.h"
#include "run/program.h"
#include "vm/interp.h"

namespace interleave::vm::test {

// An interpreter booted under a cooperative driver with no program loaded, for tests that drive
// the VM's C++ API on its boot thread.
struct Fixture {
  run::CoopDriver driver{run::Options{}, {}};
  Interpreter interp{driver, Config{}};
  Thread& t = *interp.boot;
};

struct ProgramResult {
  std::string out, err;
  int status = 0;
};

inline ProgramResult run_program(std::string_view source, run::Options options = {},
                                 std::string_view filename = "prog.py", std::int64_t heap_limit = 0,
                                 bool free_threaded = false, std::int64_t gc_interval = 0) {
  ProgramResult r;
  if (options.timeout == 0) options.timeout = 10;
  run::CoopDriver driver(
      options, [&](int fd, std::string_view text) { (fd == 1 ? r.out : r.err).append(text); });
  Config config;
  config.argv.emplace_back(filename);
  if (options.seed) config.seed = static_cast<std::int64_t>(*options.seed);
  if (heap_limit > 0) config.heap_limit = heap_limit;
  config.free_threaded = free_threaded;
  config.gc_interval = gc_interval;
  Interpreter interp(driver, config);
  std::string error;
  Thread* main = interp.load_main(source, filename, &error);
  if (main == nullptr) {
    r.err = error;
    r.status = 1;
    return r;
  }
  r.status = driver.run(*main);
  return r;
}

}  // namespace interleave::vm::test
