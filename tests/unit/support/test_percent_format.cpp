// printf-style formatting against CPython 3.11 (expected text and errors from python3).
// Tables are data: a failing row prints its format. Single-threaded.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/percent_format.h"

using namespace std::literals;
using namespace interleave::support;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::nan("");

PercentArg I(std::int64_t v) {
  return PercentArg::of(v);
}
PercentArg F(double v) {
  return PercentArg::of(v);
}
PercentArg S(std::string_view v) {
  return PercentArg::of(v);
}

struct Case {
  std::string_view format;
  std::vector<PercentArg> args;
  std::optional<ErrorKind> error;
  std::string_view expected;  // text, or the error message
};

struct SingleCase {
  std::string_view format;
  PercentArg arg;
  std::optional<ErrorKind> error;
  std::string_view expected;
};

void check(Result<std::string> r, const std::optional<ErrorKind>& error,
           std::string_view expected) {
  REQUIRE(r.ok() == !error.has_value());
  if (error) {
    CHECK(r.error().kind == *error);
    CHECK(r.error().message == expected);
  } else {
    CHECK(r.value() == expected);
  }
}

}  // namespace

TEST_CASE("fmt % tuple matches CPython") {
  const std::vector<Case> cases = {
      {"%d"sv, {I(42LL)}, std::nullopt, "42"sv},
      {"%5d"sv, {I(42LL)}, std::nullopt, "   42"sv},
      {"%-5d|"sv, {I(42LL)}, std::nullopt, "42   |"sv},
      {"%05d"sv, {I(-42LL)}, std::nullopt, "-0042"sv},
      {"%+d"sv, {I(42LL)}, std::nullopt, "+42"sv},
      {"% d"sv, {I(42LL)}, std::nullopt, " 42"sv},
      {"%x"sv, {I(255LL)}, std::nullopt, "ff"sv},
      {"%X"sv, {I(255LL)}, std::nullopt, "FF"sv},
      {"%#x"sv, {I(255LL)}, std::nullopt, "0xff"sv},
      {"%#X"sv, {I(255LL)}, std::nullopt, "0XFF"sv},
      {"%#o"sv, {I(8LL)}, std::nullopt, "0o10"sv},
      {"%o"sv, {I(-8LL)}, std::nullopt, "-10"sv},
      {"%#08x"sv, {I(255LL)}, std::nullopt, "0x0000ff"sv},
      {"%#-8x|"sv, {I(255LL)}, std::nullopt, "0xff    |"sv},
      {"%.5d"sv, {I(42LL)}, std::nullopt, "00042"sv},
      {"%8.5d"sv, {I(-42LL)}, std::nullopt, "  -00042"sv},
      {"%+.3x"sv, {I(10LL)}, std::nullopt, "+00a"sv},
      {"%i %u"sv, {I(1LL), I(2LL)}, std::nullopt, "1 2"sv},
      {"%d"sv, {F(3.99)}, std::nullopt, "3"sv},
      {"%d"sv, {F(-3.99)}, std::nullopt, "-3"sv},
      {"%f"sv, {F(3.14159)}, std::nullopt, "3.141590"sv},
      {"%.2f"sv, {F(3.14159)}, std::nullopt, "3.14"sv},
      {"%5.2f"sv, {F(3.14159)}, std::nullopt, " 3.14"sv},
      {"%-8.2f|"sv, {F(3.14159)}, std::nullopt, "3.14    |"sv},
      {"%08.2f"sv, {F(-3.14159)}, std::nullopt, "-0003.14"sv},
      {"%+.1f"sv, {F(2.25)}, std::nullopt, "+2.2"sv},
      {"%e"sv, {F(12345.678)}, std::nullopt, "1.234568e+04"sv},
      {"%E"sv, {F(0.000123)}, std::nullopt, "1.230000E-04"sv},
      {"%g"sv, {F(0.0001)}, std::nullopt, "0.0001"sv},
      {"%g"sv, {F(1e-05)}, std::nullopt, "1e-05"sv},
      {"%G"sv, {F(1e+20)}, std::nullopt, "1E+20"sv},
      {"%#g"sv, {F(1.0)}, std::nullopt, "1.00000"sv},
      {"%#.0f"sv, {F(2.0)}, std::nullopt, "2."sv},
      {"%.0f"sv, {F(2.5)}, std::nullopt, "2"sv},
      {"%f"sv, {F(kInf)}, std::nullopt, "inf"sv},
      {"%05f"sv, {F(kInf)}, std::nullopt, "00inf"sv},
      {"%F"sv, {F(kNan)}, std::nullopt, "NAN"sv},
      {"%f"sv, {I(7LL)}, std::nullopt, "7.000000"sv},
      {"%s"sv, {S("abc"sv)}, std::nullopt, "abc"sv},
      {"%10s|"sv, {S("abc"sv)}, std::nullopt, "       abc|"sv},
      {"%-10s|"sv, {S("abc"sv)}, std::nullopt, "abc       |"sv},
      {"%.2s"sv, {S("abc"sv)}, std::nullopt, "ab"sv},
      {"%5.1s|"sv, {S("abc"sv)}, std::nullopt, "    a|"sv},
      {"%s"sv, {I(42LL)}, std::nullopt, "42"sv},
      {"%s"sv, {F(1.5)}, std::nullopt, "1.5"sv},
      {"%r"sv, {S("abc"sv)}, std::nullopt, "'abc'"sv},
      {"%r"sv, {S("it's"sv)}, std::nullopt, "\"it's\""sv},
      {"%a"sv,
       {S("h\xc3\xa9"
          "llo"sv)},
       std::nullopt,
       "'h\\xe9llo'"sv},
      {"%s"sv,
       {S("\xe6\x97\xa5"
          "\xe6\x9c\xac"
          ""sv)},
       std::nullopt,
       "\xe6\x97\xa5"
       "\xe6\x9c\xac"
       ""sv},
      {"%5s|"sv,
       {S("\xe6\x97\xa5"
          "\xe6\x9c\xac"
          ""sv)},
       std::nullopt,
       "   \xe6\x97\xa5"
       "\xe6\x9c\xac"
       "|"sv},
      {"%c"sv, {I(65LL)}, std::nullopt, "A"sv},
      {"%c"sv, {S("x"sv)}, std::nullopt, "x"sv},
      {"%3c|"sv,
       {I(8364LL)},
       std::nullopt,
       "  \xe2\x82\xac"
       "|"sv},
      {"%-3c|"sv,
       {S("\xc3\xa9"
          ""sv)},
       std::nullopt,
       "\xc3\xa9"
       "  |"sv},
      {"%%"sv, {}, std::nullopt, "%"sv},
      {"100%% done"sv, {}, std::nullopt, "100% done"sv},
      {"%s%%"sv, {I(5LL)}, std::nullopt, "5%"sv},
      {"%*d"sv, {I(5LL), I(42LL)}, std::nullopt, "   42"sv},
      {"%-*d|"sv, {I(5LL), I(42LL)}, std::nullopt, "42   |"sv},
      {"%*d|"sv, {I(-5LL), I(42LL)}, std::nullopt, "42   |"sv},
      {"%.*f"sv, {I(2LL), F(3.14159)}, std::nullopt, "3.14"sv},
      {"%*.*f"sv, {I(8LL), I(3LL), F(3.14159)}, std::nullopt, "   3.142"sv},
      {"%s and %s"sv, {S("a"sv), S("b"sv)}, std::nullopt, "a and b"sv},
      {"%d items"sv, {I(3LL)}, std::nullopt, "3 items"sv},
      {"%(x)s"sv, {}, ErrorKind::TypeError, "format requires a mapping"sv},
      {"%d"sv, {}, ErrorKind::TypeError, "not enough arguments for format string"sv},
      {"%d %d"sv, {I(1LL)}, ErrorKind::TypeError, "not enough arguments for format string"sv},
      {"%d"sv,
       {I(1LL), I(2LL)},
       ErrorKind::TypeError,
       "not all arguments converted during string formatting"sv},
      {"abc"sv,
       {I(5LL)},
       ErrorKind::TypeError,
       "not all arguments converted during string formatting"sv},
      {"%z"sv,
       {I(5LL)},
       ErrorKind::ValueError,
       "unsupported format character 'z' (0x7a) at index 1"sv},
      {"ab%-3z"sv,
       {I(5LL)},
       ErrorKind::ValueError,
       "unsupported format character 'z' (0x7a) at index 5"sv},
      {"%5%"sv,
       {I(1LL)},
       ErrorKind::ValueError,
       "unsupported format character '%' (0x25) at index 2"sv},
      {"%5%"sv, {}, ErrorKind::TypeError, "not enough arguments for format string"sv},
      {"%"sv, {}, ErrorKind::ValueError, "incomplete format"sv},
      {"abc%"sv, {I(1LL)}, ErrorKind::ValueError, "incomplete format"sv},
      {"%s %"sv, {I(1LL)}, ErrorKind::ValueError, "incomplete format"sv},
      {"%s %"sv, {}, ErrorKind::TypeError, "not enough arguments for format string"sv},
      {"%(x"sv, {}, ErrorKind::TypeError, "format requires a mapping"sv},
      {"%."sv, {I(1LL)}, ErrorKind::ValueError, "incomplete format"sv},
      {"%*d"sv, {S("a"sv), I(1LL)}, ErrorKind::TypeError, "* wants int"sv},
      {"%x"sv, {F(1.5)}, ErrorKind::TypeError, "%x format: an integer is required, not float"sv},
      {"%d"sv, {S("a"sv)}, ErrorKind::TypeError, "%d format: a real number is required, not str"sv},
      {"%f"sv, {S("a"sv)}, ErrorKind::TypeError, "must be real number, not str"sv},
      {"%c"sv, {S("ab"sv)}, ErrorKind::TypeError, "%c requires int or char"sv},
      {"%c"sv, {F(1.5)}, ErrorKind::TypeError, "%c requires int or char"sv},
      {"%c"sv, {I(-1LL)}, ErrorKind::OverflowError, "%c arg not in range(0x110000)"sv},
      {"%c"sv, {I(1114112LL)}, ErrorKind::OverflowError, "%c arg not in range(0x110000)"sv},
      {"%\xc3\xa9"
       ""sv,
       {I(1LL)},
       ErrorKind::ValueError,
       "unsupported format character '?' (0xe9) at index 1"sv},
      {"\xe6\x97\xa5"
       "%q"sv,
       {I(1LL)},
       ErrorKind::ValueError,
       "unsupported format character 'q' (0x71) at index 2"sv},
      {"%ld %hd %Lf"sv, {I(1LL), I(2LL), F(3.0)}, std::nullopt, "1 2 3.000000"sv},
      {"%d"sv, {F(kInf)}, ErrorKind::OverflowError, "cannot convert float infinity to integer"sv},
      {"%s"sv, {I(5LL)}, std::nullopt, "5"sv},
      {"%r"sv, {I(5LL)}, std::nullopt, "5"sv},
      {"% 5d"sv, {I(-3LL)}, std::nullopt, "   -3"sv},
      {"%+5s|"sv, {S("ab"sv)}, std::nullopt, "   ab|"sv},
      {"%05s|"sv, {S("ab"sv)}, std::nullopt, "   ab|"sv},
      {"%-05d|"sv, {I(3LL)}, std::nullopt, "3    |"sv},
      {"% 05d"sv, {I(3LL)}, std::nullopt, " 0003"sv},
      {"%+05.1f"sv, {F(2.5)}, std::nullopt, "+02.5"sv},
  };
  for (const Case& c : cases) {
    CAPTURE(c.format);
    CAPTURE(c.expected);
    check(percent_format(c.format, c.args), c.error, c.expected);
  }
}

TEST_CASE("fmt % single_value matches CPython") {
  const std::vector<SingleCase> cases = {
      {"%s"sv, I(5LL), std::nullopt, "5"sv},
      {"%d"sv, I(5LL), std::nullopt, "5"sv},
      {"%5.1f"sv, F(2.25), std::nullopt, "  2.2"sv},
      {"abc"sv, I(5LL), ErrorKind::TypeError,
       "not all arguments converted during string formatting"sv},
      {"%s %s"sv, I(5LL), ErrorKind::TypeError, "not enough arguments for format string"sv},
      {"%s"sv, S("x"sv), std::nullopt, "x"sv},
  };
  for (const SingleCase& c : cases) {
    CAPTURE(c.format);
    check(percent_format(c.format, std::span<const PercentArg>(&c.arg, 1), true), c.error,
          c.expected);
  }
}

TEST_CASE("PercentParser yields literals and specs in order") {
  PercentParser p("a%%b%(name)-+ #012.3lfc%*.*x%");
  PercentPiece piece;
  auto next = [&] {
    Result<bool> r = p.next(piece);
    REQUIRE(r.ok());
    return *r;
  };
  REQUIRE(next());
  CHECK(piece.literal == "a%");
  CHECK_FALSE(piece.has_spec);
  REQUIRE(next());
  CHECK(piece.literal == "b");
  REQUIRE(piece.has_spec);
  const PercentSpec& s = piece.spec;
  CHECK(s.has_key);
  CHECK(s.key == "name");
  CHECK((s.ljust && s.sign && s.blank && s.alt && s.zero));
  CHECK(s.width == 12);
  CHECK(s.precision == 3);
  CHECK(s.conversion == U'f');
  CHECK(s.kind() == PercentKind::Float);
  CHECK(s.index == 21);
  CHECK(s.deferred_error == nullptr);
  REQUIRE(next());
  CHECK(piece.literal == "c");
  CHECK(piece.spec.width_star);
  CHECK(piece.spec.precision_star);
  CHECK(piece.spec.kind() == PercentKind::Int);
  REQUIRE(next());
  CHECK(piece.literal.empty());
  REQUIRE(piece.has_spec);
  CHECK(piece.spec.deferred_error == "incomplete format"sv);
  CHECK_FALSE(next());
}

TEST_CASE("PercentParser marks an unterminated key") {
  PercentParser p("%(a(b)");
  PercentPiece piece;
  Result<bool> r = p.next(piece);
  REQUIRE(r.ok());
  CHECK(piece.spec.has_key);
  CHECK(piece.spec.key_incomplete);
}

TEST_CASE("star width and precision follow CPython's sign rules") {
  PercentSpec spec;
  spec.conversion = 'd';
  spec.set_star_width(-6);
  CHECK(spec.ljust);
  CHECK(spec.width == 6);
  spec.set_star_precision(-3);
  CHECK(spec.precision == 0);
  std::string out;
  format_percent_int(out, 42, spec);
  CHECK(out == "42    ");
}

TEST_CASE("per-conversion renderers append") {
  PercentSpec spec;
  spec.conversion = 'c';
  std::string out = ">";
  REQUIRE(format_percent_char(out, 0x1F600, spec).ok());
  CHECK(out == ">\xf0\x9f\x98\x80");
  spec.conversion = 's';
  spec.width = 4;
  format_percent_str(out, "\xc3\xa9", spec);
  CHECK(out == ">\xf0\x9f\x98\x80   \xc3\xa9");
  spec = PercentSpec{};
  spec.conversion = 'G';
  spec.precision = 3;
  out.clear();
  format_percent_float(out, 1234567.0, spec);
  CHECK(out == "1.23E+06");
  spec.conversion = 'y';
  spec.index = 7;
  CHECK(percent_unsupported_error(spec).message ==
        "unsupported format character 'y' (0x79) at index 7");
  spec.conversion = 'X';
  CHECK(percent_type_error(spec, "list").message == "%X format: an integer is required, not list");
}
