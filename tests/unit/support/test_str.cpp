// str repr/ascii, the str methods, UTF-8 helpers and slicing, against CPython 3.11 (expected
// text from python3).
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/slice.h"
#include "support/str_methods.h"
#include "support/str_repr.h"
#include "support/unicode_db.h"
#include "support/utf8.h"

using namespace std::literals;
using namespace interleave::support;

namespace {

using Views = std::vector<std::string_view>;

Views split_or_fail(const Result<std::vector<std::string_view>>& r) {
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("repr and ascii of str match CPython") {
  struct Case {
    std::string_view text, repr, ascii;
  };
  const Case cases[] = {
      {""sv, "''"sv, "''"sv},
      {"abc"sv, "'abc'"sv, "'abc'"sv},
      {"it's"sv, "\"it's\""sv, "\"it's\""sv},
      {"say \"hi\""sv, "'say \"hi\"'"sv, "'say \"hi\"'"sv},
      {"both ' and \""sv, "'both \\' and \"'"sv, "'both \\' and \"'"sv},
      {"a\\b"sv, "'a\\\\b'"sv, "'a\\\\b'"sv},
      {"tab\there\nnl\rcr"sv, "'tab\\there\\nnl\\rcr'"sv, "'tab\\there\\nnl\\rcr'"sv},
      {"\x00"
       "\x01"
       "\x1f"
       "\x7f"
       ""sv,
       "'\\x00\\x01\\x1f\\x7f'"sv, "'\\x00\\x01\\x1f\\x7f'"sv},
      {"h\xc3\xa9"
       "llo"sv,
       "'h\xc3\xa9"
       "llo'"sv,
       "'h\\xe9llo'"sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       ""sv,
       "'\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       "'"sv,
       "'\\u65e5\\u672c\\u8a9e'"sv},
      {"\xc2\x80"
       "\xc2\x9f"
       "\xc2\xa0"
       "\xc2\xad"
       ""sv,
       "'\\x80\\x9f\\xa0\\xad'"sv, "'\\x80\\x9f\\xa0\\xad'"sv},
      {"\xe2\x80\x8b"
       "\xe2\x80\xa8"
       "\xef\xbb\xbf"
       ""sv,
       "'\\u200b\\u2028\\ufeff'"sv, "'\\u200b\\u2028\\ufeff'"sv},
      {"\xf0\x9f\x98\x80"
       ""sv,
       "'\xf0\x9f\x98\x80"
       "'"sv,
       "'\\U0001f600'"sv},
      {"\xf3\xa0\x80\x81"
       ""sv,
       "'\\U000e0001'"sv, "'\\U000e0001'"sv},
      {"\xed\x9f\xbf"
       "\xee\x80\x80"
       ""sv,
       "'\\ud7ff\\ue000'"sv, "'\\ud7ff\\ue000'"sv},
      {"\xc3\xa9"
       "\xcc\x81"
       ""sv,
       "'\xc3\xa9"
       "\xcc\x81"
       "'"sv,
       "'\\xe9\\u0301'"sv},
      {"\xf4\x8f\xbf\xbf"
       ""sv,
       "'\\U0010ffff'"sv, "'\\U0010ffff'"sv},
      {"\xcd\xb8"
       ""sv,
       "'\\u0378'"sv, "'\\u0378'"sv},
      {"\xc3\xbf"
       "\xc4\x80"
       ""sv,
       "'\xc3\xbf"
       "\xc4\x80"
       "'"sv,
       "'\\xff\\u0100'"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.repr);
    CHECK(str_repr(c.text) == c.repr);
    CHECK(str_ascii(c.text) == c.ascii);
    CHECK(ascii_escape(str_repr(c.text)) == c.ascii);
    std::string out = "<";
    str_repr_to(out, c.text);
    CHECK(out == "<" + std::string(c.repr));
    out = "<";
    str_ascii_to(out, c.text);
    CHECK(out == "<" + std::string(c.ascii));
  }
}

TEST_CASE("split and rsplit") {
  struct Case {
    std::string_view text;
    std::optional<std::string_view> sep;
    std::int64_t maxsplit;
    Views split, rsplit;
  };
  const std::vector<Case> cases = {
      {"a b  c"sv, std::nullopt, -1, {"a"sv, "b"sv, "c"sv}, {"a"sv, "b"sv, "c"sv}},
      {"  a b  "sv, std::nullopt, -1, {"a"sv, "b"sv}, {"a"sv, "b"sv}},
      {"a,b,,c"sv, ","sv, -1, {"a"sv, "b"sv, ""sv, "c"sv}, {"a"sv, "b"sv, ""sv, "c"sv}},
      {"a,b,c"sv, ","sv, 1, {"a"sv, "b,c"sv}, {"a,b"sv, "c"sv}},
      {""sv, std::nullopt, -1, {}, {}},
      {""sv, ","sv, -1, {""sv}, {""sv}},
      {"   "sv, std::nullopt, -1, {}, {}},
      {"a b c"sv, std::nullopt, 1, {"a"sv, "b c"sv}, {"a b"sv, "c"sv}},
      {"  a b c  "sv, std::nullopt, 1, {"a"sv, "b c  "sv}, {"  a b"sv, "c"sv}},
      {"a::b::c"sv, "::"sv, -1, {"a"sv, "b"sv, "c"sv}, {"a"sv, "b"sv, "c"sv}},
      {"a\xe3\x80\x80"
       "b\xc2\xa0"
       "c"sv,
       std::nullopt,
       -1,
       {"a"sv, "b"sv, "c"sv},
       {"a"sv, "b"sv, "c"sv}},
      {"x"sv, std::nullopt, 0, {"x"sv}, {"x"sv}},
      {"a b"sv, std::nullopt, 0, {"a b"sv}, {"a b"sv}},
      {"  a b"sv, std::nullopt, 0, {"a b"sv}, {"  a b"sv}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.maxsplit);
    CHECK(split_or_fail(str_split(c.text, c.sep, c.maxsplit)) == c.split);
    CHECK(split_or_fail(str_rsplit(c.text, c.sep, c.maxsplit)) == c.rsplit);
  }
  auto empty = str_split("abc", ""sv);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "empty separator");
  CHECK_FALSE(str_rsplit("abc", ""sv).ok());
}

TEST_CASE("splitlines") {
  struct Case {
    std::string_view text;
    Views lines, kept;
  };
  const std::vector<Case> cases = {
      {"a\nb\r\nc\rd"sv, {"a"sv, "b"sv, "c"sv, "d"sv}, {"a\n"sv, "b\r\n"sv, "c\r"sv, "d"sv}},
      {"a\n"sv, {"a"sv}, {"a\n"sv}},
      {""sv, {}, {}},
      {"\n\n"sv, {""sv, ""sv}, {"\n"sv, "\n"sv}},
      {"x\x0b"
       "y\x0c"
       "z\x1c"
       "\xc2\x85"
       "w\xe2\x80\xa8"
       "v"sv,
       {"x"sv, "y"sv, "z"sv, ""sv, "w"sv, "v"sv},
       {"x\x0b"
        ""sv,
        "y\x0c"
        ""sv,
        "z\x1c"
        ""sv,
        "\xc2\x85"
        ""sv,
        "w\xe2\x80\xa8"
        ""sv,
        "v"sv}},
      {"no breaks"sv, {"no breaks"sv}, {"no breaks"sv}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(str_splitlines(c.text) == c.lines);
    CHECK(str_splitlines(c.text, true) == c.kept);
  }
}

TEST_CASE("strip, lstrip, rstrip") {
  struct Case {
    std::string_view text;
    std::optional<std::string_view> chars;
    std::string_view strip, lstrip, rstrip;
  };
  const Case cases[] = {
      {"  hi  "sv, std::nullopt, "hi"sv, "hi  "sv, "  hi"sv},
      {"\t\n hi \xe3\x80\x80"
       ""sv,
       std::nullopt, "hi"sv,
       "hi \xe3\x80\x80"
       ""sv,
       "\t\n hi"sv},
      {"xxhixx"sv, "x"sv, "hi"sv, "hixx"sv, "xxhi"sv},
      {"abcba"sv, "ab"sv, "c"sv, "cba"sv, "abc"sv},
      {"\xc3\xa9"
       "\xc3\xa9"
       "a\xc3\xa9"
       "\xc3\xa9"
       ""sv,
       "\xc3\xa9"
       ""sv,
       "a"sv,
       "a\xc3\xa9"
       "\xc3\xa9"
       ""sv,
       "\xc3\xa9"
       "\xc3\xa9"
       "a"sv},
      {""sv, std::nullopt, ""sv, ""sv, ""sv},
      {"   "sv, std::nullopt, ""sv, ""sv, ""sv},
      {"hi"sv, ""sv, "hi"sv, "hi"sv, "hi"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(str_strip(c.text, c.chars) == c.strip);
    CHECK(str_lstrip(c.text, c.chars) == c.lstrip);
    CHECK(str_rstrip(c.text, c.chars) == c.rstrip);
  }
}

TEST_CASE("find, rfind, count, startswith, endswith with start/end") {
  struct Case {
    std::string_view text, sub;
    std::optional<std::int64_t> start, end;
    std::int64_t find, rfind, count;
    bool startswith, endswith;
  };
  const Case cases[] = {
      {"hello world"sv, "o"sv, std::nullopt, std::nullopt, 4, 7, 2, false, false},
      {"hello world"sv, "o"sv, 5LL, std::nullopt, 7, 7, 1, false, false},
      {"hello world"sv, "o"sv, std::nullopt, 5LL, 4, 4, 1, false, true},
      {"hello"sv, ""sv, std::nullopt, std::nullopt, 0, 5, 6, true, true},
      {"hello"sv, ""sv, 10LL, std::nullopt, -1, -1, 0, false, false},
      {"hello"sv, "z"sv, std::nullopt, std::nullopt, -1, -1, 0, false, false},
      {"h\xc3\xa9"
       "llo w\xc3\xb6"
       "rld"sv,
       "\xc3\xb6"
       ""sv,
       std::nullopt, std::nullopt, 7, 7, 1, false, false},
      {"h\xc3\xa9"
       "llo w\xc3\xb6"
       "rld"sv,
       "l"sv, -4LL, std::nullopt, 9, 9, 1, false, false},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       "\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv,
       "\xe6\x9c\xac"
       ""sv,
       2LL, std::nullopt, 4, 4, 1, false, true},
      {"aaaa"sv, "aa"sv, std::nullopt, std::nullopt, 0, 2, 2, true, true},
      {"abc"sv, ""sv, -1LL, std::nullopt, 2, 3, 2, true, true},
      {"abc"sv, "c"sv, -100LL, 100LL, 2, 2, 1, false, true},
      {"abcabc"sv, "abc"sv, 1LL, -1LL, -1, -1, 0, false, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.sub);
    CHECK(str_find(c.text, c.sub, c.start, c.end) == c.find);
    CHECK(str_rfind(c.text, c.sub, c.start, c.end) == c.rfind);
    CHECK(str_count(c.text, c.sub, c.start, c.end) == c.count);
    CHECK(str_startswith(c.text, c.sub, c.start, c.end) == c.startswith);
    CHECK(str_endswith(c.text, c.sub, c.start, c.end) == c.endswith);
    auto index = str_index(c.text, c.sub, c.start, c.end);
    auto rindex = str_rindex(c.text, c.sub, c.start, c.end);
    CHECK(index.ok() == (c.find >= 0));
    CHECK(rindex.ok() == (c.rfind >= 0));
    if (index.ok()) CHECK(*index == c.find);
    if (!rindex.ok()) CHECK(rindex.error().message == "substring not found");
  }
  CHECK(str_contains("hello", "ell"));
  CHECK_FALSE(str_contains("hello", "elo"));
  CHECK(str_contains("hello", ""));
}

TEST_CASE("replace") {
  struct Case {
    std::string_view text, old, replacement;
    std::int64_t count;
    std::string_view expected;
  };
  const Case cases[] = {
      {"aaa"sv, "a"sv, "b"sv, -1, "bbb"sv},
      {"aaa"sv, "a"sv, "b"sv, 2, "bba"sv},
      {"abc"sv, ""sv, "-"sv, -1, "-a-b-c-"sv},
      {"abc"sv, ""sv, "-"sv, 2, "-a-bc"sv},
      {""sv, ""sv, "x"sv, -1, "x"sv},
      {"h\xc3\xa9"
       "llo"sv,
       "l"sv, "L"sv, -1,
       "h\xc3\xa9"
       "LLo"sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv,
       ""sv, "|"sv, -1,
       "|\xe6\x97\xa5"
       "|\xe6\x9c\xac"
       "|"sv},
      {"abc"sv, "x"sv, "y"sv, -1, "abc"sv},
      {"abcabc"sv, "bc"sv, ""sv, -1, "aa"sv},
      {"aaaa"sv, "aa"sv, "b"sv, -1, "bb"sv},
      {"abc"sv, ""sv, "-"sv, 0, "abc"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(str_replace(c.text, c.old, c.replacement, c.count) == c.expected);
  }
}

TEST_CASE("case mapping: upper lower casefold capitalize title swapcase") {
  struct Case {
    std::string_view text, upper, lower, casefold, capitalize, title, swapcase;
  };
  const Case cases[] = {
      {"hello World"sv, "HELLO WORLD"sv, "hello world"sv, "hello world"sv, "Hello world"sv,
       "Hello World"sv, "HELLO wORLD"sv},
      {"HELLO"sv, "HELLO"sv, "hello"sv, "hello"sv, "Hello"sv, "Hello"sv, "hello"sv},
      {"\xc3\x9f"
       " stra\xc3\x9f"
       "e"sv,
       "SS STRASSE"sv,
       "\xc3\x9f"
       " stra\xc3\x9f"
       "e"sv,
       "ss strasse"sv,
       "Ss stra\xc3\x9f"
       "e"sv,
       "Ss Stra\xc3\x9f"
       "e"sv,
       "SS STRASSE"sv},
      {"\xef\xac\x81"
       "nance"sv,
       "FINANCE"sv,
       "\xef\xac\x81"
       "nance"sv,
       "finance"sv, "Finance"sv, "Finance"sv, "FINANCE"sv},
      {"\xc7\x86"
       "emal"sv,
       "\xc7\x84"
       "EMAL"sv,
       "\xc7\x86"
       "emal"sv,
       "\xc7\x86"
       "emal"sv,
       "\xc7\x85"
       "emal"sv,
       "\xc7\x85"
       "emal"sv,
       "\xc7\x84"
       "EMAL"sv},
      {"\xce\xa3"
       "\xce\x91"
       "\xce\xa3"
       " \xce\x9f"
       "\xce\x94"
       "\xce\x9f"
       "\xce\xa3"
       ""sv,
       "\xce\xa3"
       "\xce\x91"
       "\xce\xa3"
       " \xce\x9f"
       "\xce\x94"
       "\xce\x9f"
       "\xce\xa3"
       ""sv,
       "\xcf\x83"
       "\xce\xb1"
       "\xcf\x82"
       " \xce\xbf"
       "\xce\xb4"
       "\xce\xbf"
       "\xcf\x82"
       ""sv,
       "\xcf\x83"
       "\xce\xb1"
       "\xcf\x83"
       " \xce\xbf"
       "\xce\xb4"
       "\xce\xbf"
       "\xcf\x83"
       ""sv,
       "\xce\xa3"
       "\xce\xb1"
       "\xcf\x82"
       " \xce\xbf"
       "\xce\xb4"
       "\xce\xbf"
       "\xcf\x82"
       ""sv,
       "\xce\xa3"
       "\xce\xb1"
       "\xcf\x82"
       " \xce\x9f"
       "\xce\xb4"
       "\xce\xbf"
       "\xcf\x82"
       ""sv,
       "\xcf\x83"
       "\xce\xb1"
       "\xcf\x82"
       " \xce\xbf"
       "\xce\xb4"
       "\xce\xbf"
       "\xcf\x82"
       ""sv},
      {"\xe1\xbd\x88"
       "\xce\x94"
       "\xce\xa5"
       "\xce\xa3"
       "\xce\xa3"
       "\xce\x95"
       "\xce\x8e"
       "\xce\xa3"
       ""sv,
       "\xe1\xbd\x88"
       "\xce\x94"
       "\xce\xa5"
       "\xce\xa3"
       "\xce\xa3"
       "\xce\x95"
       "\xce\x8e"
       "\xce\xa3"
       ""sv,
       "\xe1\xbd\x80"
       "\xce\xb4"
       "\xcf\x85"
       "\xcf\x83"
       "\xcf\x83"
       "\xce\xb5"
       "\xcf\x8d"
       "\xcf\x82"
       ""sv,
       "\xe1\xbd\x80"
       "\xce\xb4"
       "\xcf\x85"
       "\xcf\x83"
       "\xcf\x83"
       "\xce\xb5"
       "\xcf\x8d"
       "\xcf\x83"
       ""sv,
       "\xe1\xbd\x88"
       "\xce\xb4"
       "\xcf\x85"
       "\xcf\x83"
       "\xcf\x83"
       "\xce\xb5"
       "\xcf\x8d"
       "\xcf\x82"
       ""sv,
       "\xe1\xbd\x88"
       "\xce\xb4"
       "\xcf\x85"
       "\xcf\x83"
       "\xcf\x83"
       "\xce\xb5"
       "\xcf\x8d"
       "\xcf\x82"
       ""sv,
       "\xe1\xbd\x80"
       "\xce\xb4"
       "\xcf\x85"
       "\xcf\x83"
       "\xcf\x83"
       "\xce\xb5"
       "\xcf\x8d"
       "\xcf\x82"
       ""sv},
      {"they're bill's"sv, "THEY'RE BILL'S"sv, "they're bill's"sv, "they're bill's"sv,
       "They're bill's"sv, "They'Re Bill'S"sv, "THEY'RE BILL'S"sv},
      {"hello_world-42x"sv, "HELLO_WORLD-42X"sv, "hello_world-42x"sv, "hello_world-42x"sv,
       "Hello_world-42x"sv, "Hello_World-42X"sv, "HELLO_WORLD-42X"sv},
      {"\xc4\xb0"
       "stanbul"sv,
       "\xc4\xb0"
       "STANBUL"sv,
       "i\xcc\x87"
       "stanbul"sv,
       "i\xcc\x87"
       "stanbul"sv,
       "\xc4\xb0"
       "stanbul"sv,
       "\xc4\xb0"
       "stanbul"sv,
       "i\xcc\x87"
       "STANBUL"sv},
      {"\xc7\x85"
       " \xc7\x88"
       ""sv,
       "\xc7\x84"
       " \xc7\x87"
       ""sv,
       "\xc7\x86"
       " \xc7\x89"
       ""sv,
       "\xc7\x86"
       " \xc7\x89"
       ""sv,
       "\xc7\x85"
       " \xc7\x89"
       ""sv,
       "\xc7\x85"
       " \xc7\x88"
       ""sv,
       "\xc7\x85"
       " \xc7\x88"
       ""sv},
      {"\xc5\x89"
       ""sv,
       "\xca\xbc"
       "N"sv,
       "\xc5\x89"
       ""sv,
       "\xca\xbc"
       "n"sv,
       "\xca\xbc"
       "N"sv,
       "\xca\xbc"
       "N"sv,
       "\xca\xbc"
       "N"sv},
      {""sv, ""sv, ""sv, ""sv, ""sv, ""sv, ""sv},
      {"123 abc"sv, "123 ABC"sv, "123 abc"sv, "123 abc"sv, "123 abc"sv, "123 Abc"sv, "123 ABC"sv},
      {"\xce\xb1"
       "\xce\xa3"
       "."sv,
       "\xce\x91"
       "\xce\xa3"
       "."sv,
       "\xce\xb1"
       "\xcf\x82"
       "."sv,
       "\xce\xb1"
       "\xcf\x83"
       "."sv,
       "\xce\x91"
       "\xcf\x82"
       "."sv,
       "\xce\x91"
       "\xcf\x82"
       "."sv,
       "\xce\x91"
       "\xcf\x82"
       "."sv},
      {"\xc3\x80"
       "\xc3\x89"
       "\xc3\x8e"
       "\xc3\xb5"
       "\xc3\xbc"
       ""sv,
       "\xc3\x80"
       "\xc3\x89"
       "\xc3\x8e"
       "\xc3\x95"
       "\xc3\x9c"
       ""sv,
       "\xc3\xa0"
       "\xc3\xa9"
       "\xc3\xae"
       "\xc3\xb5"
       "\xc3\xbc"
       ""sv,
       "\xc3\xa0"
       "\xc3\xa9"
       "\xc3\xae"
       "\xc3\xb5"
       "\xc3\xbc"
       ""sv,
       "\xc3\x80"
       "\xc3\xa9"
       "\xc3\xae"
       "\xc3\xb5"
       "\xc3\xbc"
       ""sv,
       "\xc3\x80"
       "\xc3\xa9"
       "\xc3\xae"
       "\xc3\xb5"
       "\xc3\xbc"
       ""sv,
       "\xc3\xa0"
       "\xc3\xa9"
       "\xc3\xae"
       "\xc3\x95"
       "\xc3\x9c"
       ""sv},
      {"mIxEd CaSe"sv, "MIXED CASE"sv, "mixed case"sv, "mixed case"sv, "Mixed case"sv,
       "Mixed Case"sv, "MiXeD cAsE"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(str_upper(c.text) == c.upper);
    CHECK(str_lower(c.text) == c.lower);
    CHECK(str_casefold(c.text) == c.casefold);
    CHECK(str_capitalize(c.text) == c.capitalize);
    CHECK(str_title(c.text) == c.title);
    CHECK(str_swapcase(c.text) == c.swapcase);
  }
}

TEST_CASE("predicates") {
  // Bits in order: isdigit isdecimal isnumeric isalpha isalnum isspace isupper islower istitle
  // isidentifier isprintable isascii.
  struct Case {
    std::string_view text;
    std::string_view bits;
  };
  const Case cases[] = {
      {""sv, "000000000011"},
      {"123"sv, "111010000011"},
      {"\xd9\xa1"
       "\xd9\xa2"
       "\xd9\xa3"
       ""sv,
       "111010000010"},
      {"\xc2\xb2"
       ""sv,
       "101010000010"},
      {"\xc2\xbd"
       ""sv,
       "001010000010"},
      {"abc"sv, "000110010111"},
      {"abc123"sv, "000010010111"},
      {"ABC"sv, "000110100111"},
      {"Abc Def"sv, "000000001011"},
      {"abc def"sv, "000000010011"},
      {" \t\n"sv, "000001000001"},
      {"\xe3\x80\x80"
       ""sv,
       "000001000000"},
      {"h\xc3\xa9"
       "llo"sv,
       "000110010110"},
      {"H\xc3\x89"
       "LLO"sv,
       "000110100110"},
      {"_x1"sv, "000000010111"},
      {"1x"sv, "000010010011"},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv,
       "000110000110"},
      {"print"sv, "000110010111"},
      {"a\x00"
       ""sv,
       "000000010001"},
      {"\xc7\x85"
       "ungla"sv,
       "000110001110"},
      {"\xe2\x85\xab"
       ""sv,
       "001010101110"},
      {"x y"sv, "000000010011"},
      {"\xef\xac\x81"
       ""sv,
       "000110010110"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const bool got[] = {str_isdigit(c.text),      str_isdecimal(c.text),   str_isnumeric(c.text),
                        str_isalpha(c.text),      str_isalnum(c.text),     str_isspace(c.text),
                        str_isupper(c.text),      str_islower(c.text),     str_istitle(c.text),
                        str_isidentifier(c.text), str_isprintable(c.text), str_isascii(c.text)};
    for (std::size_t i = 0; i < std::size(got); ++i) {
      CAPTURE(i);
      CHECK(got[i] == (c.bits[i] == '1'));
    }
  }
}

TEST_CASE("ljust rjust center zfill expandtabs repeat") {
  struct Just {
    std::string_view text;
    std::int64_t width;
    std::string_view fill, ljust, rjust, center;
  };
  const Just just[] = {
      {"abc"sv, 7, " "sv, "abc    "sv, "    abc"sv, "  abc  "sv},
      {"abc"sv, 2, " "sv, "abc"sv, "abc"sv, "abc"sv},
      {"abc"sv, 6, "*"sv, "abc***"sv, "***abc"sv, "*abc**"sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv,
       5,
       "\xe2\x82\xac"
       ""sv,
       "\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe2\x82\xac"
       "\xe2\x82\xac"
       "\xe2\x82\xac"
       ""sv,
       "\xe2\x82\xac"
       "\xe2\x82\xac"
       "\xe2\x82\xac"
       "\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv,
       "\xe2\x82\xac"
       "\xe2\x82\xac"
       "\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe2\x82\xac"
       ""sv},
      {"ab"sv, 5, "-"sv, "ab---"sv, "---ab"sv, "--ab-"sv},
  };
  for (const Just& c : just) {
    CAPTURE(c.text);
    const char32_t fill = utf8_code_point_at(c.fill, 0);
    CHECK(str_ljust(c.text, c.width, fill) == c.ljust);
    CHECK(str_rjust(c.text, c.width, fill) == c.rjust);
    CHECK(str_center(c.text, c.width, fill) == c.center);
  }
  struct Zfill {
    std::string_view text;
    std::int64_t width;
    std::string_view expected;
  };
  const Zfill zfill[] = {
      {"42"sv, 5, "00042"sv},
      {"-42"sv, 5, "-0042"sv},
      {"+42"sv, 5, "+0042"sv},
      {"abc"sv, 2, "abc"sv},
      {""sv, 3, "000"sv},
      {"-"sv, 3, "-00"sv},
      {"\xe6\x97\xa5"
       ""sv,
       3,
       "00\xe6\x97\xa5"
       ""sv},
  };
  for (const Zfill& c : zfill) CHECK(str_zfill(c.text, c.width) == c.expected);
  struct Tabs {
    std::string_view text;
    std::int64_t tabsize;
    std::string_view expected;
  };
  const Tabs tabs[] = {
      {"a\tb"sv, 8, "a       b"sv},
      {"ab\tc\td"sv, 4, "ab  c   d"sv},
      {"x\ny\tz"sv, 4, "x\ny   z"sv},
      {"\xe6\x97\xa5"
       "\tx"sv,
       4,
       "\xe6\x97\xa5"
       "   x"sv},
      {"a\tb"sv, 0, "ab"sv},
      {"\t"sv, 1, " "sv},
      {"a\rb\tc"sv, 8, "a\rb       c"sv},
  };
  for (const Tabs& c : tabs) CHECK(str_expandtabs(c.text, c.tabsize) == c.expected);
  CHECK(str_repeat("ab", 3) == "ababab");
  CHECK(str_repeat("ab", -1).empty());
}

TEST_CASE("partition, rpartition and join") {
  struct Case {
    std::string_view text, sep;
    std::array<std::string_view, 3> partition, rpartition;
  };
  const Case cases[] = {
      {"a=b=c"sv, "="sv, {"a"sv, "="sv, "b=c"sv}, {"a=b"sv, "="sv, "c"sv}},
      {"abc"sv, "="sv, {"abc"sv, ""sv, ""sv}, {""sv, ""sv, "abc"sv}},
      {"\xe6\x97\xa5"
       "=\xe6\x9c\xac"
       "=\xe8\xaa\x9e"
       ""sv,
       "="sv,
       {"\xe6\x97\xa5"
        ""sv,
        "="sv,
        "\xe6\x9c\xac"
        "=\xe8\xaa\x9e"
        ""sv},
       {"\xe6\x97\xa5"
        "=\xe6\x9c\xac"
        ""sv,
        "="sv,
        "\xe8\xaa\x9e"
        ""sv}},
      {"key: value"sv, ": "sv, {"key"sv, ": "sv, "value"sv}, {"key"sv, ": "sv, "value"sv}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto p = str_partition(c.text, c.sep);
    auto rp = str_rpartition(c.text, c.sep);
    REQUIRE(p.ok());
    REQUIRE(rp.ok());
    CHECK(*p == c.partition);
    CHECK(*rp == c.rpartition);
  }
  CHECK(str_partition("a", "").error().message == "empty separator");
  const std::string_view items[] = {"a", "b\xc3\xa9", "", "c"};
  CHECK(str_join(", ", items) == "a, b\xc3\xa9, , c");
  CHECK(str_join("-", std::span<const std::string_view>()).empty());
}

TEST_CASE("slices by code point") {
  struct Case {
    std::string_view text;
    std::optional<std::int64_t> start, stop, step;
    std::string_view expected;
  };
  const Case cases[] = {
      {"hello"sv, 1LL, 3LL, std::nullopt, "el"sv},
      {"hello"sv, std::nullopt, std::nullopt, -1LL, "olleh"sv},
      {"hello"sv, std::nullopt, std::nullopt, 2LL, "hlo"sv},
      {"h\xc3\xa9"
       "llo w\xc3\xb6"
       "rld"sv,
       2LL, -2LL, std::nullopt,
       "llo w\xc3\xb6"
       "r"sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       "\xe3\x83\x86"
       "\xe3\x82\xad"
       "\xe3\x82\xb9"
       "\xe3\x83\x88"
       ""sv,
       std::nullopt, std::nullopt, -2LL,
       "\xe3\x83\x88"
       "\xe3\x82\xad"
       "\xe8\xaa\x9e"
       "\xe6\x97\xa5"
       ""sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       "\xe3\x83\x86"
       "\xe3\x82\xad"
       "\xe3\x82\xb9"
       "\xe3\x83\x88"
       ""sv,
       -3LL, std::nullopt, std::nullopt,
       "\xe3\x82\xad"
       "\xe3\x82\xb9"
       "\xe3\x83\x88"
       ""sv},
      {"abc"sv, 5LL, 10LL, std::nullopt, ""sv},
      {"abc"sv, -100LL, 100LL, 3LL, "a"sv},
      {"\xe6\x97\xa5"
       "\xe6\x9c\xac"
       "\xe8\xaa\x9e"
       ""sv,
       2LL, 0LL, -1LL,
       "\xe8\xaa\x9e"
       "\xe6\x9c\xac"
       ""sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto s = adjust_slice(static_cast<std::int64_t>(utf8_length(c.text)), c.start, c.stop, c.step);
    REQUIRE(s.ok());
    CHECK(utf8_slice(c.text, *s) == c.expected);
  }
  auto zero = adjust_slice(3, std::nullopt, std::nullopt, 0);
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message == "slice step cannot be zero");
  auto r = adjust_slice(10, -3, std::nullopt, std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->start == 7);
  CHECK(r->stop == 10);
  CHECK(r->length == 3);
  auto back = adjust_slice(10, std::nullopt, std::nullopt, -3);
  REQUIRE(back.ok());
  CHECK(back->start == 9);
  CHECK(back->stop == -1);
  CHECK(back->length == 4);
}

TEST_CASE("UTF-8 helpers") {
  const std::string_view s = "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80z";  // a é 日 😀 z
  CHECK(utf8_valid(s));
  CHECK_FALSE(is_ascii(s));
  CHECK(is_ascii("plain"));
  CHECK(utf8_length(s) == 5);
  CHECK(utf8_offset(s, 0) == 0);
  CHECK(utf8_offset(s, 2) == 3);
  CHECK(utf8_offset(s, 4) == 10);
  CHECK(utf8_offset(s, 99) == s.size());
  CHECK(utf8_index_of_offset(s, 6) == 3);
  CHECK(utf8_at(s, 2) == "\xe6\x97\xa5");
  CHECK(utf8_at(s, 9).empty());
  CHECK(utf8_code_point_at(s, 3) == 0x1F600);
  CHECK(utf8_from_code_point(0x20AC) == "\xe2\x82\xac");
  CHECK(utf8_from_code_point(0x10FFFF) == "\xf4\x8f\xbf\xbf");
  std::string out;
  utf8_append(out, 'x');
  utf8_append(out, 0xE9);
  CHECK(out == "x\xc3\xa9");
  std::size_t pos = 1;
  CHECK(utf8_decode(s, pos) == 0xE9);
  CHECK(pos == 3);
  // Invalid input: overlong, surrogate, truncated, stray continuation, beyond U+10FFFF.
  for (std::string_view bad :
       {"\xc0\xaf"sv, "\xed\xa0\x80"sv, "\xe6\x97"sv, "\x80"sv, "\xf4\x90\x80\x80"sv}) {
    CHECK_FALSE(utf8_valid(bad));
  }
  std::size_t p = 0;
  CHECK(utf8_decode("\xe6\x97"sv, p) == 0xFFFD);  // never reads past the end
  CHECK(p == 2);
}

TEST_CASE("unicode_db agrees with Python on sample code points") {
  using namespace interleave::support::unicode;
  CHECK(is_alpha(U'\u00e9'));
  CHECK_FALSE(is_alpha(U'1'));
  CHECK(decimal_value(U'\u0663') == 3);
  CHECK(decimal_value(U'\u00b2') == -1);
  CHECK(is_digit(U'\u00b2'));
  CHECK(is_numeric(U'\u00bd'));
  CHECK(is_space(U'\u3000'));
  CHECK(is_space(0x1C));
  CHECK_FALSE(is_printable(0xA0));
  CHECK(is_printable(U'\u00e9'));
  CHECK(is_title(U'\u01c5'));
  CHECK(is_xid_start(U'\u65e5'));
  CHECK(is_xid_continue(U'\u0301'));
  CHECK_FALSE(is_xid_start(U'\u0301'));
  char32_t m[3];
  REQUIRE(to_upper(U'\u00df', m) == 2);
  CHECK((m[0] == U'S' && m[1] == U'S'));
  REQUIRE(to_title(U'\u01c6', m) == 1);
  CHECK(m[0] == U'\u01c5');
  REQUIRE(to_fold(U'\u1e9e', m) == 2);
  CHECK((m[0] == U's' && m[1] == U's'));
  REQUIRE(to_lower(U'\u0130', m) == 2);
  CHECK((m[0] == U'i' && m[1] == 0x307));
}
