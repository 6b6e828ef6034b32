// First end-to-end checks of the VM through the cooperative driver.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "vm/disassembler.h"
#include "vm_test_util.h"

using interleave::vm::test::run_program;

TEST_CASE("INTERLEAVE_RUN runs one file (debugging aid)") {
  const char* path = std::getenv("INTERLEAVE_RUN");
  if (path == nullptr) return;
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  auto r = run_program(ss.str(), {}, path);
  std::fputs(r.out.c_str(), stdout);
  std::fputs(r.err.c_str(), stderr);
  std::printf("[exit %d]\n", r.status);
}

TEST_CASE("hello world") {
  auto r = run_program("print('hello', 1 + 2)\n");
  CHECK(r.err == "");
  CHECK(r.out == "hello 3\n");
  CHECK(r.status == 0);
}

TEST_CASE("INTERLEAVE_DIS disassembles one file (debugging aid)") {
  const char* path = std::getenv("INTERLEAVE_DIS");
  if (path == nullptr) return;
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  interleave::run::CoopDriver driver({}, {});
  interleave::vm::Interpreter interp(driver, {});
  std::string out;
  interleave::vm::disassemble(interp, ss.str(), path, &out);
  std::fputs(out.c_str(), stdout);
}
