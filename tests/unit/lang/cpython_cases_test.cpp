// Table-driven comparison with CPython 3.11: every entry of cpython_cases.h was produced by the
// real interpreter (ast.dump with positions, or the SyntaxError it prints for prog.py).
#include <doctest/doctest.h>

#include <string>

#include "cpython_cases.h"
#include "lang/ast_dump.h"
#include "lang/parser.h"

using interleave::lang::format_syntax_error;
using interleave::lang::parse;

TEST_CASE("ASTs and positions match CPython's ast.dump") {
  for (const LangCase& c : kDumpCases) {
    CAPTURE(c.source);
    auto r = parse(c.source, "prog.py");
    REQUIRE_MESSAGE(r.ok(), format_syntax_error(*r.error));
    CHECK(interleave::lang::ast::dump(*r.module, true) == std::string(c.expected));
  }
}

TEST_CASE("syntax errors print exactly as CPython prints them") {
  for (const LangCase& c : kErrorCases) {
    CAPTURE(c.source);
    auto r = parse(c.source, "prog.py");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error.has_value());
    CHECK(format_syntax_error(*r.error) == std::string(c.expected));
  }
}
