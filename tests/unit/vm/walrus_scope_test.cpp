// PEP 572's compile-time rules for `:=` in comprehensions, each compared with the SyntaxError
// python3 (3.11) prints for the same one-line program (message, line, carets). The scoping itself
// runs end to end in tests/programs/lang_walrus_scopes.py.
#include <doctest/doctest.h>

#include <string>

#include "vm_test_util.h"

using interleave::vm::test::ProgramResult;
using interleave::vm::test::run_program;

namespace {

struct Case {
  const char* source;
  const char* stderr_text;
};

const Case kCases[] = {
    {"[i := 0 for i in range(3)]\n",
     "  File \"prog.py\", line 1\n"
     "    [i := 0 for i in range(3)]\n"
     "     ^\n"
     "SyntaxError: assignment expression cannot rebind comprehension iteration variable 'i'\n"},
    {"x = [[(j := 1) for i in range(2)] for j in range(2)]\n",
     "  File \"prog.py\", line 1\n"
     "    x = [[(j := 1) for i in range(2)] for j in range(2)]\n"
     "           ^\n"
     "SyntaxError: assignment expression cannot rebind comprehension iteration variable 'j'\n"},
    {"def f():\n    x = [(y := 1) for y, w in [(1, 2)]]\n",
     "  File \"prog.py\", line 2\n"
     "    x = [(y := 1) for y, w in [(1, 2)]]\n"
     "          ^\n"
     "SyntaxError: assignment expression cannot rebind comprehension iteration variable 'y'\n"},
    {"class C:\n    v = [(y := 1) for x in range(2)]\n",
     "  File \"prog.py\", line 2\n"
     "    v = [(y := 1) for x in range(2)]\n"
     "          ^\n"
     "SyntaxError: assignment expression within a comprehension cannot be used in a class body\n"},
    {"x = [a for a in (b := [1, 2])]\n",
     "  File \"prog.py\", line 1\n"
     "    x = [a for a in (b := [1, 2])]\n"
     "                     ^^^^^^^^^^^\n"
     "SyntaxError: assignment expression cannot be used in a comprehension iterable expression\n"},
    {"x = [a for a in range(2) for c in (b := [1, 2])]\n",
     "  File \"prog.py\", line 1\n"
     "    x = [a for a in range(2) for c in (b := [1, 2])]\n"
     "                                       ^^^^^^^^^^^\n"
     "SyntaxError: assignment expression cannot be used in a comprehension iterable expression\n"},
    {"x = [(a, b) for a in range(2) if (b := a) for b in range(2)]\n",
     "  File \"prog.py\", line 1\n"
     "    x = [(a, b) for a in range(2) if (b := a) for b in range(2)]\n"
     "                                                  ^\n"
     "SyntaxError: comprehension inner loop cannot rebind assignment expression target 'b'\n"},
};

}  // namespace

TEST_CASE("walrus in comprehensions: CPython's SyntaxErrors") {
  for (const Case& c : kCases) {
    CAPTURE(c.source);
    ProgramResult r = run_program(c.source);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == c.stderr_text);
  }
}

TEST_CASE("walrus in comprehensions: legal forms compile and bind outside") {
  ProgramResult r = run_program(
      "print([y for x in [1, 2] if (y := x)], y)\n"
      "def f():\n"
      "    [(z := v) for v in 'ab']\n"
      "    return z\n"
      "print(f())\n"
      "class C:\n"
      "    def m(self):\n"
      "        return [(w := i) for i in range(3)], w\n"
      "print(C().m())\n");
  CHECK(r.err == "");
  CHECK(r.out == "[1, 2] 2\nb\n([0, 1, 2], 2)\n");
}
