// The scanner on its own: token kinds, texts and positions, layout tokens, normalisation, and the
// tokenizer's errors (messages and 1-based offsets as CPython 3.11 reports them).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/scanner.h"

using interleave::lang::Scanner;
using interleave::lang::Token;
using interleave::lang::token_kind_name;
using interleave::lang::TokenKind;

namespace {

// "Name:x Equal:= Number:1 Newline EndMarker"
std::string describe(const Scanner& s) {
  std::string out;
  for (const Token& t : s.tokens()) {
    if (!out.empty()) out += ' ';
    out += token_kind_name(t.kind);
    if (t.kind == TokenKind::Name || t.kind == TokenKind::Number || t.kind == TokenKind::String ||
        t.kind == TokenKind::Unknown) {
      out += ':';
      out += t.text;
    }
  }
  return out;
}

std::string scan(const char* source) {
  Scanner s(source, "prog.py");
  return describe(s);
}

}  // namespace

TEST_CASE("numbers: every literal form is one token") {
  CHECK(scan("1_000 0x_fF 0o17 0b1_0 0 00 0_0 1.5 .5 1. 1e10 1E-5 1_0.0_1e+1_0 1j 09.5\n") ==
        "Number:1_000 Number:0x_fF Number:0o17 Number:0b1_0 Number:0 Number:00 Number:0_0 "
        "Number:1.5 Number:.5 Number:1. Number:1e10 Number:1E-5 Number:1_0.0_1e+1_0 Number:1j "
        "Number:09.5 Newline EndMarker");
  // A keyword glued to a number is still accepted by CPython 3.11.
  CHECK(scan("1if x else 2\n") == "Number:1 If Name:x Else Number:2 Newline EndMarker");
  CHECK(scan("1else\n") == "Number:1 Else Newline EndMarker");
}

TEST_CASE("strings: prefixes, quotes, triple quotes, escapes and continuation stay one token") {
  CHECK(scan("'a' \"b\" '''c\nd''' r'\\'' Rb\"x\" f'{x}' bR'y' u'z'\n") ==
        "String:'a' String:\"b\" String:'''c\nd''' String:r'\\'' String:Rb\"x\" String:f'{x}' "
        "String:bR'y' String:u'z' Newline EndMarker");
  CHECK(scan("'abc\\\ndef'\n") == "String:'abc\\\ndef' Newline EndMarker");
  // `ub` is not a prefix: a name, then a string.
  CHECK(scan("ub'x'\n") == "Name:ub String:'x' Newline EndMarker");
}

TEST_CASE("operators: longest match") {
  CHECK(scan("a **= b // c //= d -> e ... f := g != h <> i <<= j >>= k @= l\n") ==
        "Name:a DoubleStarEqual Name:b DoubleSlash Name:c DoubleSlashEqual Name:d RArrow Name:e "
        "Ellipsis Name:f ColonEqual Name:g NotEqual Name:h NotEqual Name:i LeftShiftEqual Name:j "
        "RightShiftEqual Name:k AtEqual Name:l Newline EndMarker");
  CHECK(scan("a $ b ? c ! d\n") ==
        "Name:a Unknown:$ Name:b Unknown:? Name:c Unknown:! Name:d Newline EndMarker");
}

TEST_CASE("keywords are their own kinds; soft keywords stay names") {
  CHECK(scan("if not x is None: match = case\n") ==
        "If Not Name:x Is None Colon Name:match Equal Name:case Newline EndMarker");
}

TEST_CASE("layout: INDENT/DEDENT, blank and comment lines, brackets, continuations") {
  CHECK(scan("if x:\n    y\n\n    # c\n        # deeper\n    z\nw\n") ==
        "If Name:x Colon Newline Indent Name:y Newline Name:z Newline Dedent Name:w Newline "
        "EndMarker");
  CHECK(scan("x = (1,\n  2)\ny = 1 + \\\n  2\n") ==
        "Name:x Equal LPar Number:1 Comma Number:2 RPar Newline Name:y Equal Number:1 Plus "
        "Number:2 Newline EndMarker");
  CHECK(scan("if a:\n  if b:\n    c\n") ==
        "If Name:a Colon Newline Indent If Name:b Colon Newline Indent Name:c Newline Dedent "
        "Dedent EndMarker");
  CHECK(scan("if a:\n\tb\n\tc\n") ==
        "If Name:a Colon Newline Indent Name:b Newline Name:c Newline Dedent EndMarker");
  // A tab and eight spaces reach the same column but not consistently: TabError, as in CPython.
  Scanner mixed("if a:\n\tb\n        c\n", "prog.py");
  REQUIRE(mixed.error().has_value());
  CHECK(mixed.error()->type == interleave::lang::SyntaxErrorType::TabError);
}

TEST_CASE("normalisation: BOM, CRLF, CR, missing final newline, empty input") {
  CHECK(scan("\xEF\xBB\xBFx = 1\r\ny = 2\rz") ==
        "Name:x Equal Number:1 Newline Name:y Equal Number:2 Newline Name:z Newline EndMarker");
  CHECK(scan("") == "EndMarker");
  CHECK(scan("   \n\n# only a comment") == "EndMarker");
}

TEST_CASE("positions: 0-based byte columns, multi-line strings, NEWLINE at the comment") {
  Scanner s("x = 'é'  # c\ny = '''a\nbc'''\n", "prog.py");
  const auto& t = s.tokens();
  REQUIRE(t.size() >= 8);
  CHECK(t[2].kind == TokenKind::String);
  CHECK(t[2].col_offset == 4);
  CHECK(t[2].end_col_offset == 8);  // é is two bytes
  CHECK(t[3].kind == TokenKind::Newline);
  CHECK(t[3].col_offset == 10);      // starts at the comment, as in CPython
  CHECK(t[3].end_col_offset == 13);  // and ends at the newline
  CHECK(t[6].kind == TokenKind::String);
  CHECK(t[6].lineno == 2);
  CHECK(t[6].col_offset == 4);
  CHECK(t[6].end_lineno == 3);
  CHECK(t[6].end_col_offset == 5);
}

TEST_CASE("non-ASCII identifiers are names") {
  CHECK(scan("é = 名前\n") == "Name:é Equal Name:名前 Newline EndMarker");
}

namespace {

struct ScanError {
  const char* source;
  const char* msg;
  int lineno;
  int offset;
};

}  // namespace

TEST_CASE("tokenizer errors: messages and offsets") {
  const ScanError cases[] = {
      {"1abc\n", "invalid decimal literal", 1, 1},
      {"12abc\n", "invalid decimal literal", 1, 2},
      {"1__0\n", "invalid decimal literal", 1, 2},
      {"1_\n", "invalid decimal literal", 1, 2},
      {"1e+\n", "invalid decimal literal", 1, 3},
      {"0x\n", "invalid hexadecimal literal", 1, 2},
      {"0xfabcz\n", "invalid hexadecimal literal", 1, 6},
      {"0b12\n", "invalid digit '2' in binary literal", 1, 4},
      {"0o8\n", "invalid digit '8' in octal literal", 1, 3},
      {"0o7abc\n", "invalid octal literal", 1, 3},
      {"1jx\n", "invalid imaginary literal", 1, 2},
      {"012\n",
       "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
       "integers",
       1, 1},
      {"s = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5},
      {"x = \"abc\\\ndef\n", "unterminated string literal (detected at line 2)", 1, 5},
      {"s = '''abc\n\n", "unterminated triple-quoted string literal (detected at line 2)", 1, 5},
      {"x = [1, 2)\n", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10},
      {"x = (1,\n2]\n", "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
       2, 2},
      {")\n", "unmatched ')'", 1, 1},
      {"x = 1 \\ 2\n", "unexpected character after line continuation character", 1, 8},
      {"x = 1 + \\", "unexpected EOF while parsing", 1, 9},
      {"x = €\n", "invalid character '€' (U+20AC)", 1, 5},
      {"ab€c = 1\n", "invalid character '€' (U+20AC)", 1, 3},
      {"x = \xC2\xA0 1\n", "invalid non-printable character U+00A0", 1, 5},
      {"x = a\x01\n", "invalid non-printable character U+0001", 1, 6},
      {"if x:\n    a\n  b\n", "unindent does not match any outer indentation level", 3, 4},
      {"if True:\n        x=1\n\ty=2\n", "inconsistent use of tabs and spaces in indentation", 3,
       1},
      {"x = 1\n\xff\n",
       "Non-UTF-8 code starting with '\\xff' in file prog.py on line 2, but no encoding declared; "
       "see https://peps.python.org/pep-0263/ for details",
       0, 0},
  };
  for (const ScanError& c : cases) {
    CAPTURE(c.source);
    Scanner s(c.source, "prog.py");
    REQUIRE(s.error().has_value());
    CHECK_FALSE(s.eof_in_paren());
    CHECK(s.error()->msg == c.msg);
    CHECK(s.error()->lineno == c.lineno);
    CHECK(s.error()->offset == c.offset);
    CHECK(s.tokens().back().kind == TokenKind::Error);
  }
}

TEST_CASE("end of input inside brackets is reported lazily, with the bracket") {
  Scanner s("x = [1,\n(2,\n", "prog.py");
  REQUIRE(s.eof_in_paren());
  CHECK(s.open_paren() == '(');
  CHECK(s.open_paren_lineno() == 2);
  CHECK(s.open_paren_col() == 0);
}

TEST_CASE("limits: 100 indentation levels, 200 nested brackets") {
  std::string deep;
  for (int i = 0; i < 101; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  Scanner indent(deep, "prog.py");
  REQUIRE(indent.error().has_value());
  CHECK(indent.error()->msg == "too many levels of indentation");

  Scanner ok(std::string(200, '(') + std::string(200, ')') + "\n", "prog.py");
  CHECK_FALSE(ok.error().has_value());
  Scanner too_deep(std::string(201, '(') + "\n", "prog.py");
  REQUIRE(too_deep.error().has_value());
  CHECK(too_deep.error()->msg == "too many nested parentheses");
  CHECK(too_deep.error()->offset == 201);
}

TEST_CASE("null bytes are refused up front") {
  Scanner s(std::string("x = 1\n\0\n", 8), "prog.py");
  REQUIRE(s.error().has_value());
  CHECK(s.error()->msg == "source code string cannot contain null bytes");
}
