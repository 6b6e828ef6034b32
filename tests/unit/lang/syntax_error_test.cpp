// The SyntaxError layout, checked against what CPython 3.11's print_exception() prints for
// hand-built errors (raise SyntaxError('m', ('prog.py', lineno, offset, text, end_lineno,
// end_offset)) in the real interpreter).
#include <doctest/doctest.h>

#include "lang/syntax_error.h"

using interleave::lang::format_syntax_error;
using interleave::lang::make_syntax_error;
using interleave::lang::SyntaxError;
using interleave::lang::SyntaxErrorType;

namespace {

std::string fmt(int lineno, int offset, const char* text, int end_lineno, int end_offset,
                SyntaxErrorType type = SyntaxErrorType::SyntaxError) {
  SyntaxError e;
  e.type = type;
  e.msg = "m";
  e.filename = "prog.py";
  e.lineno = lineno;
  e.offset = offset;
  e.text = text;
  e.end_lineno = end_lineno;
  e.end_offset = end_offset;
  return format_syntax_error(e);
}

}  // namespace

TEST_CASE("carets: leading blanks stripped, range drawn, clipped to the line") {
  CHECK(fmt(1, 5, "  x = (1 +\n", 1, 9) ==
        "  File \"prog.py\", line 1\n    x = (1 +\n      ^^^^\nSyntaxError: m\n");
  CHECK(fmt(1, 3, "\tx = 1\n", 1, 6) ==
        "  File \"prog.py\", line 1\n    x = 1\n     ^^^\nSyntaxError: m\n");
  // A tab inside the line is printed as is, and counts as one column.
  CHECK(fmt(1, 3, "x\t= 1\n", 1, 6) ==
        "  File \"prog.py\", line 1\n    x\t= 1\n      ^^^\nSyntaxError: m\n");
  CHECK(fmt(2, 5, "abc\n", 2, 2) ==
        "  File \"prog.py\", line 2\n    abc\n       ^\nSyntaxError: m\n");
  CHECK(fmt(1, 20, "abc\n", 1, 25) ==
        "  File \"prog.py\", line 1\n    abc\n       ^\nSyntaxError: m\n");
  CHECK(fmt(1, 2, "abc\n", 1, 10) ==
        "  File \"prog.py\", line 1\n    abc\n     ^^^\nSyntaxError: m\n");
  CHECK(fmt(1, 2, "abc", 1, 10) ==
        "  File \"prog.py\", line 1\n    abc\n     ^^\nSyntaxError: m\n");
}

TEST_CASE("carets: multi-line ranges, offsets left of the text, no offset") {
  CHECK(fmt(1, 2, "abcdef\n", 2, 4) ==
        "  File \"prog.py\", line 1\n    abcdef\n     ^^^^^\nSyntaxError: m\n");
  CHECK(fmt(1, 3, "  abc\n", 2, 1) ==
        "  File \"prog.py\", line 1\n    abc\n    ^^^\nSyntaxError: m\n");
  CHECK(fmt(1, 0, "abc\n", 1, 0) == "  File \"prog.py\", line 1\n    abc\nSyntaxError: m\n");
  CHECK(fmt(1, -2, "abc\n", 1, 3) == "  File \"prog.py\", line 1\n    abc\nSyntaxError: m\n");
  CHECK(fmt(1, 3, "  \f x=1\n", 1, 4) == "  File \"prog.py\", line 1\n    x=1\nSyntaxError: m\n");
}

TEST_CASE("carets: text with embedded newlines") {
  CHECK(fmt(1, 2, "ab\ncd\n", 1, 4) ==
        "  File \"prog.py\", line 1\n    ab\ncd\n     ^^\nSyntaxError: m\n");
  CHECK(fmt(1, 4, "ab\ncd\n", 1, 5) ==
        "  File \"prog.py\", line 1\n    cd\n    ^\nSyntaxError: m\n");
}

TEST_CASE("IndentationError and TabError always get a single caret") {
  CHECK(fmt(2, 1, "pass\n", 2, 5, SyntaxErrorType::IndentationError) ==
        "  File \"prog.py\", line 2\n    pass\n    ^\nIndentationError: m\n");
  CHECK(fmt(3, 1, "\ty=2\n", 3, 0, SyntaxErrorType::TabError) ==
        "  File \"prog.py\", line 3\n    y=2\nTabError: m\n");
}

TEST_CASE("an error without a line prints only its message") {
  SyntaxError e;
  e.msg = "source code string cannot contain null bytes";
  CHECK(format_syntax_error(e) == "SyntaxError: source code string cannot contain null bytes\n");
}

TEST_CASE("make_syntax_error takes AST positions (bytes) and fills the line") {
  SyntaxError e =
      make_syntax_error(SyntaxErrorType::SyntaxError, "'return' outside function",
                        "x = 1\r\ndef f(): pass\r\nreturn 5\r\n", "prog.py", 3, 0, 3, 8);
  CHECK(e.text == "return 5\n");
  CHECK(e.offset == 1);
  CHECK(e.end_offset == 9);
  CHECK(format_syntax_error(e) ==
        "  File \"prog.py\", line 3\n    return 5\n    ^^^^^^^^\n"
        "SyntaxError: 'return' outside function\n");
  SyntaxError single = make_syntax_error(SyntaxErrorType::SyntaxError, "m", "a\nb", "p.py", 2, 0);
  CHECK(single.text == "b");
  CHECK(single.end_offset == -1);
}
