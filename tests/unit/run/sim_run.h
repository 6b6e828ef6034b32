// Test helpers shared by the simulator's process tests: run a program in --mode sim through
// run_source and keep its status and output; read a file the run wrote (trace, summary).
// Single-threaded test code only.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "run/program.h"

namespace interleave::run::test {

struct Ran {
  int status = -1;
  std::string out, err;
};

// Runs `source` as prog.py in simulated mode (a 60 s limit unless `o` sets one).
inline Ran run_sim(const std::string& source, Options o) {
  Ran r;
  o.mode = "sim";
  if (o.timeout == 0) o.timeout = 60;
  r.status = run_source(source, "prog.py", o, [&](int fd, std::string_view text) {
    (fd == 2 ? r.err : r.out).append(text);
  });
  return r;
}

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace interleave::run::test
