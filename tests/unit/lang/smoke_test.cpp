// Smoke test while the suite is written.
#include <doctest/doctest.h>

#include "lang/parser.h"

TEST_CASE("parse a trivial module") {
  auto r = interleave::lang::parse("x = 1\n", "prog.py");
  CHECK(r.ok());
}
