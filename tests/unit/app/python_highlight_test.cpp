// The Python highlighter: token kinds for each construct, and state across lines.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "ui/python_highlight.h"

using interleave::ui::highlight_line;
using interleave::ui::Highlighter;
using interleave::ui::LineState;
using interleave::ui::TextBuffer;
using interleave::ui::Token;
using interleave::ui::TokenKind;

namespace {
// (text, kind) pairs for one line from the default state.
std::vector<std::pair<std::string, TokenKind>> lex(const std::string& line, LineState in = {},
                                                   LineState* out = nullptr) {
  std::vector<Token> tokens;
  const LineState end = highlight_line(line, in, &tokens);
  if (out) *out = end;
  std::vector<std::pair<std::string, TokenKind>> result;
  int last = 0;
  for (const Token& t : tokens) {
    CHECK(t.begin >= last);  // ordered, non-overlapping
    CHECK(t.end > t.begin);
    last = t.end;
    result.emplace_back(
        line.substr(static_cast<std::size_t>(t.begin), static_cast<std::size_t>(t.end - t.begin)),
        t.kind);
  }
  return result;
}

TokenKind kind_of(const std::string& line, const std::string& text) {
  for (const auto& [t, k] : lex(line)) {
    if (t == text) return k;
  }
  FAIL("no token " << text << " in " << line);
  return TokenKind::Text;
}
}  // namespace

TEST_CASE("highlighter: keywords, builtins, constants, self, names after def and class") {
  const std::string line = "def worker(self, n=None): return len(range(n)) if True else print";
  CHECK(kind_of(line, "def") == TokenKind::Keyword);
  CHECK(kind_of(line, "worker") == TokenKind::Function);
  CHECK(kind_of(line, "self") == TokenKind::Self);
  CHECK(kind_of(line, "n") == TokenKind::Text);
  CHECK(kind_of(line, "None") == TokenKind::Constant);
  CHECK(kind_of(line, "return") == TokenKind::Keyword);
  CHECK(kind_of(line, "len") == TokenKind::Builtin);
  CHECK(kind_of(line, "True") == TokenKind::Constant);
  CHECK(kind_of(line, "print") == TokenKind::Builtin);
  CHECK(kind_of("class Pipeline:", "Pipeline") == TokenKind::Function);
  CHECK(kind_of("t.join()", "join") == TokenKind::Text);
  CHECK(kind_of("obj.print()", "print") == TokenKind::Text);  // an attribute, not the builtin
  CHECK(kind_of("raise ValueError('x')", "ValueError") == TokenKind::Builtin);
  CHECK(kind_of("match command:", "match") == TokenKind::Keyword);
  CHECK(kind_of("match = 3", "match") == TokenKind::Text);
}

TEST_CASE("highlighter: numbers in every literal form") {
  for (const char* n : {"42", "5_000_000", "0x1F", "0o17", "0b1010", "3.14", ".5", "1e-3",
                        "2.5E+10", "3j", "1_0.0_1"}) {
    CAPTURE(n);
    const auto tokens = lex(std::string("x = ") + n);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[2].first == n);
    CHECK(tokens[2].second == TokenKind::Number);
  }
  CHECK(kind_of("name2 = 1", "name2") == TokenKind::Text);
}

TEST_CASE("highlighter: strings with prefixes and escapes, comments, decorators") {
  auto t = lex(R"(s = r"a\"b" + b'x' # note)");
  REQUIRE(t.size() == 6);
  CHECK(t[2] == std::pair<std::string, TokenKind>{R"(r"a\"b")", TokenKind::String});
  CHECK(t[4] == std::pair<std::string, TokenKind>{"b'x'", TokenKind::String});
  CHECK(t[5] == std::pair<std::string, TokenKind>{"# note", TokenKind::Comment});
  CHECK(kind_of("x = '# not a comment'", "'# not a comment'") == TokenKind::String);
  CHECK(kind_of("@functools.wraps(f)", "@functools.wraps") == TokenKind::Decorator);
  CHECK(kind_of("a @ b", "@") == TokenKind::Operator);  // matrix multiply, not a decorator
  CHECK(kind_of("rb = 1", "rb") == TokenKind::Text);    // a prefix-like name with no quote
}

TEST_CASE("highlighter: f-strings colour their replacement fields, {{ }} stay text") {
  const auto t = lex(R"(print(f"got {x!r:>10} of {{n}}"))");
  std::vector<std::pair<std::string, TokenKind>> strings;
  for (const auto& p : t) {
    if (p.second == TokenKind::String || p.second == TokenKind::Interpolation) strings.push_back(p);
  }
  REQUIRE(strings.size() == 3);
  CHECK(strings[0] == std::pair<std::string, TokenKind>{R"(f"got )", TokenKind::String});
  CHECK(strings[1] == std::pair<std::string, TokenKind>{"{x!r:>10}", TokenKind::Interpolation});
  CHECK(strings[2] == std::pair<std::string, TokenKind>{R"( of {{n}}")", TokenKind::String});
  CHECK(kind_of("f'{d[\"k\"]}'", "{d[\"k\"]}") == TokenKind::Interpolation);
}

TEST_CASE("highlighter: triple-quoted strings continue across lines") {
  LineState s;
  auto first = lex(R"(doc = """Start of)", {}, &s);
  CHECK(s.quote == '"');
  CHECK(s.triple);
  CHECK(first.back().second == TokenKind::String);
  auto middle = lex("still 'inside' # here", s, &s);
  REQUIRE(middle.size() == 1);
  CHECK(middle[0].second == TokenKind::String);
  auto last = lex(R"(end""" + x)", s, &s);
  CHECK(s == LineState{});
  REQUIRE(last.size() == 3);
  CHECK(last[0] == std::pair<std::string, TokenKind>{R"(end""")", TokenKind::String});
  CHECK(last[2].second == TokenKind::Text);
  LineState after;
  lex("x = 'unterminated", {}, &after);
  CHECK(after == LineState{});  // a one-line string never leaks into the next line
  lex("x = 'continued \\", {}, &after);
  CHECK(after.quote == '\'');  // ... unless the line ends with a backslash
}

TEST_CASE("highlighter: the document cache re-tokenises on a new version only") {
  TextBuffer b("'''a\nb'''\nx = 1");
  Highlighter h;
  h.update(b, 1);
  REQUIRE(h.line_count() == 3);
  CHECK(h.tokens(1).front().kind == TokenKind::String);
  CHECK(h.tokens(2).front().kind == TokenKind::Text);
  b.set_text("x = 1");
  h.update(b, 1);  // same version, different line count: still refreshed
  CHECK(h.line_count() == 1);
}

TEST_CASE("highlighter: arbitrary bytes give tokens and never fail") {
  std::string junk;
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  std::vector<Token> tokens;
  LineState s = highlight_line(junk, {}, &tokens);
  (void)s;
  for (const Token& t : tokens) CHECK(t.end <= static_cast<int>(junk.size()));
}
