// First end-to-end checks of the VM through the cooperative driver.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

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
