// format(value, spec) for int, float and str against CPython 3.11 (expected text from python3).
// Tables are data: a failing row prints its spec and the expected text. Single-threaded.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "support/format_spec.h"

using namespace std::literals;
using namespace interleave::support;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::nan("");

template <class T>
struct Case {
  T value;
  std::string_view spec;
  bool ok;
  std::string_view expected;  // the text, or the ValueError/OverflowError message
};

template <class T, class F>
void run(const Case<T>* cases, std::size_t n, F format) {
  for (std::size_t i = 0; i < n; ++i) {
    const Case<T>& c = cases[i];
    CAPTURE(c.spec);
    CAPTURE(c.expected);
    auto r = format(c.value, c.spec);
    REQUIRE(r.ok() == c.ok);
    if (c.ok) {
      CHECK(r.value() == c.expected);
    } else {
      CHECK(r.error().message == c.expected);
    }
  }
}

const Case<std::int64_t> kIntCases[] = {
    {0LL, ""sv, true, "0"sv},
    {42LL, ""sv, true, "42"sv},
    {-42LL, "d"sv, true, "-42"sv},
    {255LL, "x"sv, true, "ff"sv},
    {255LL, "X"sv, true, "FF"sv},
    {255LL, "#x"sv, true, "0xff"sv},
    {255LL, "#X"sv, true, "0XFF"sv},
    {-255LL, "#x"sv, true, "-0xff"sv},
    {8LL, "o"sv, true, "10"sv},
    {8LL, "#o"sv, true, "0o10"sv},
    {5LL, "b"sv, true, "101"sv},
    {5LL, "#b"sv, true, "0b101"sv},
    {-5LL, "#010b"sv, true, "-0b0000101"sv},
    {1234567LL, ","sv, true, "1,234,567"sv},
    {1234567LL, "_"sv, true, "1_234_567"sv},
    {-1234567LL, ","sv, true, "-1,234,567"sv},
    {1234LL, "010,"sv, true, "00,001,234"sv},
    {1234LL, "012_"sv, true, "0_000_001_234"sv},
    {3735928559LL, "_x"sv, true, "dead_beef"sv},
    {3735928559LL, "#_X"sv, true, "0XDEAD_BEEF"sv},
    {255LL, "#012_b"sv, true, "0b0_1111_1111"sv},
    {42LL, "+"sv, true, "+42"sv},
    {42LL, " "sv, true, " 42"sv},
    {-42LL, " "sv, true, "-42"sv},
    {42LL, "5"sv, true, "   42"sv},
    {42LL, "<5"sv, true, "42   "sv},
    {42LL, "^6"sv, true, "  42  "sv},
    {42LL, "*^7"sv, true, "**42***"sv},
    {-42LL, "=8"sv, true, "-     42"sv},
    {-42LL, "08"sv, true, "-0000042"sv},
    {42LL, "+08"sv, true, "+0000042"sv},
    {42LL, "x>+8"sv, true, "xxxxx+42"sv},
    {65LL, "c"sv, true, "A"sv},
    {8364LL, "c"sv, true,
     "\xe2\x82\xac"
     ""sv},
    {8364LL, ">3c"sv, true,
     "  \xe2\x82\xac"
     ""sv},
    {65LL, "05c"sv, true, "0000A"sv},
    {12345LL, "n"sv, true, "12345"sv},
    {7LL, "e"sv, true, "7.000000e+00"sv},
    {7LL, ".2f"sv, true, "7.00"sv},
    {7LL, "%"sv, true, "700.000000%"sv},
    {7LL, "g"sv, true, "7"sv},
    {100000000000000000LL, "e"sv, true, "1.000000e+17"sv},
    {INT64_MIN, ""sv, true, "-9223372036854775808"sv},
    {INT64_MIN, "x"sv, true, "-8000000000000000"sv},
    {9223372036854775807LL, ","sv, true, "9,223,372,036,854,775,807"sv},
    {42LL,
     "\xe2\x82\xac"
     "^9"sv,
     true,
     "\xe2\x82\xac"
     "\xe2\x82\xac"
     "\xe2\x82\xac"
     "42\xe2\x82\xac"
     "\xe2\x82\xac"
     "\xe2\x82\xac"
     "\xe2\x82\xac"
     ""sv},
    {42LL, "-"sv, true, "42"sv},
    {3LL, "#"sv, true, "3"sv},
    {1LL, ".2"sv, false, "Precision not allowed in integer format specifier"sv},
    {1LL, "z"sv, false, "Negative zero coercion (z) not allowed in integer format specifier"sv},
    {1LL, "s"sv, false, "Unknown format code 's' for object of type 'int'"sv},
    {1LL, ",x"sv, false, "Cannot specify ',' with 'x'."sv},
    {1LL, ",c"sv, false, "Cannot specify ',' with 'c'."sv},
    {1LL, "_c"sv, false, "Cannot specify '_' with 'c'."sv},
    {1LL, "+c"sv, false, "Sign not allowed with integer format specifier 'c'"sv},
    {1LL, "#c"sv, false, "Alternate form (#) not allowed with integer format specifier 'c'"sv},
    {-1LL, "c"sv, false, "%c arg not in range(0x110000)"sv},
    {1114112LL, "c"sv, false, "%c arg not in range(0x110000)"sv},
    {1LL, "xx"sv, false, "Invalid format specifier 'xx' for object of type 'int'"sv},
    {1LL, "."sv, false, "Format specifier missing precision"sv},
    {1LL, ",_"sv, false, "Cannot specify both ',' and '_'."sv},
    {1LL, "_,"sv, false, "Cannot specify both ',' and '_'."sv},
    {1LL,
     "\x01"
     ""sv,
     false, "Unknown format code '\\x1' for object of type 'int'"sv},
    {1LL,
     "\xc3\xbc"
     ""sv,
     false, "Unknown format code '\\xfc' for object of type 'int'"sv},
};

const Case<double> kFloatCases[] = {
    {1.5, ""sv, true, "1.5"sv},
    {1.0, ""sv, true, "1.0"sv},
    {1e+16, ""sv, true, "1e+16"sv},
    {1.5, "f"sv, true, "1.500000"sv},
    {1.5, ".0f"sv, true, "2"sv},
    {2.5, ".0f"sv, true, "2"sv},
    {0.125, ".2f"sv, true, "0.12"sv},
    {1234.5678, ",.2f"sv, true, "1,234.57"sv},
    {1234.5678, "_.1f"sv, true, "1_234.6"sv},
    {-1234.5678, "015,.2f"sv, true, "-000,001,234.57"sv},
    {3.14159, "e"sv, true, "3.141590e+00"sv},
    {3.14159, ".2E"sv, true, "3.14E+00"sv},
    {3.14159, "g"sv, true, "3.14159"sv},
    {1e-05, "g"sv, true, "1e-05"sv},
    {123456789.0, "g"sv, true, "1.23457e+08"sv},
    {123456789.0, ".3"sv, true, "1.23e+08"sv},
    {123.0, ".3"sv, true, "1.23e+02"sv},
    {1.0, ".3"sv, true, "1.0"sv},
    {0.5, "%"sv, true, "50.000000%"sv},
    {0.12345, ".1%"sv, true, "12.3%"sv},
    {1.0, "#.0f"sv, true, "1."sv},
    {1.0, "#.0e"sv, true, "1.e+00"sv},
    {1.0, "#g"sv, true, "1.00000"sv},
    {-0.0, "z.1f"sv, true, "0.0"sv},
    {-0.0001, "z.2f"sv, true, "0.00"sv},
    {-0.0001, ".2f"sv, true, "-0.00"sv},
    {kInf, ""sv, true, "inf"sv},
    {-kInf, "+"sv, true, "-inf"sv},
    {kNan, "F"sv, true, "NAN"sv},
    {kInf, "010"sv, true, "0000000inf"sv},
    {kNan, "=+8"sv, true, "+    nan"sv},
    {1.5, "+"sv, true, "+1.5"sv},
    {1.5, " "sv, true, " 1.5"sv},
    {1.5, "*^10"sv, true, "***1.5****"sv},
    {1.5, "<8"sv, true, "1.5     "sv},
    {-1.5, "=10"sv, true, "-      1.5"sv},
    {1.5, "010"sv, true, "00000001.5"sv},
    {1e+300, ".3g"sv, true, "1e+300"sv},
    {1e-300, ".3"sv, true, "1e-300"sv},
    {12345.678, "n"sv, true, "12345.7"sv},
    {1e+22, "f"sv, true, "10000000000000000000000.000000"sv},
    {0.1, ".20f"sv, true, "0.10000000000000000555"sv},
    {0.6666666666666666, ".17g"sv, true, "0.66666666666666663"sv},
    {1.5, "d"sv, false, "Unknown format code 'd' for object of type 'float'"sv},
    {1.5, "x"sv, false, "Unknown format code 'x' for object of type 'float'"sv},
    {1.5, "s"sv, false, "Unknown format code 's' for object of type 'float'"sv},
    {1.5, "c"sv, false, "Unknown format code 'c' for object of type 'float'"sv},
    {1.5, "xx"sv, false, "Invalid format specifier 'xx' for object of type 'float'"sv},
    {1.5, ",s"sv, false, "Cannot specify ',' with 's'."sv},
    {1.5, "."sv, false, "Format specifier missing precision"sv},
    {1.5, "=^10.3f"sv, true, "==1.500==="sv},
    {9.995, ".2f"sv, true, "9.99"sv},
    {0.5, ".0f"sv, true, "0"sv},
    {1.25, ".1f"sv, true, "1.2"sv},
    {100.0, ".2g"sv, true, "1e+02"sv},
    {100.0, "#.2g"sv, true, "1.0e+02"sv},
};

const Case<std::string_view> kStrCases[] = {
    {"abc"sv, ""sv, true, "abc"sv},
    {"abc"sv, "s"sv, true, "abc"sv},
    {"abc"sv, "5"sv, true, "abc  "sv},
    {"abc"sv, ">5"sv, true, "  abc"sv},
    {"abc"sv, "^6"sv, true, " abc  "sv},
    {"abc"sv, "*^7"sv, true, "**abc**"sv},
    {"abc"sv, ".2"sv, true, "ab"sv},
    {"abc"sv, "5.1"sv, true, "a    "sv},
    {"h\xc3\xa9"
     "llo"sv,
     "7"sv, true,
     "h\xc3\xa9"
     "llo  "sv},
    {"\xe6\x97\xa5"
     "\xe6\x9c\xac"
     ""sv,
     "^6"sv, true,
     "  \xe6\x97\xa5"
     "\xe6\x9c\xac"
     "  "sv},
    {"\xe6\x97\xa5"
     "\xe6\x9c\xac"
     "\xe8\xaa\x9e"
     ""sv,
     ".2"sv, true,
     "\xe6\x97\xa5"
     "\xe6\x9c\xac"
     ""sv},
    {"abc"sv,
     "\xe2\x82\xac"
     ">5"sv,
     true,
     "\xe2\x82\xac"
     "\xe2\x82\xac"
     "abc"sv},
    {"abc"sv, "05"sv, true, "abc00"sv},
    {"abc"sv, "=5"sv, false, "'=' alignment not allowed in string format specifier"sv},
    {"abc"sv, "+"sv, false, "Sign not allowed in string format specifier"sv},
    {"abc"sv, " "sv, false, "Space not allowed in string format specifier"sv},
    {"abc"sv, "#"sv, false, "Alternate form (#) not allowed in string format specifier"sv},
    {"abc"sv, "z"sv, false, "Negative zero coercion (z) not allowed in string format specifier"sv},
    {"abc"sv, "d"sv, false, "Unknown format code 'd' for object of type 'str'"sv},
    {"abc"sv, ","sv, false, "Cannot specify ',' with 's'."sv},
    {"abc"sv, "_"sv, false, "Cannot specify '_' with 's'."sv},
    {"abc"sv, "xx"sv, false, "Invalid format specifier 'xx' for object of type 'str'"sv},
    {"abc"sv, "."sv, false, "Format specifier missing precision"sv},
};

}  // namespace

TEST_CASE("format(int, spec) matches CPython") {
  run(kIntCases, std::size(kIntCases),
      [](std::int64_t v, std::string_view spec) { return format_int(v, spec); });
}

TEST_CASE("format(float, spec) matches CPython") {
  run(kFloatCases, std::size(kFloatCases),
      [](double v, std::string_view spec) { return format_float(v, spec); });
}

TEST_CASE("format(str, spec) matches CPython") {
  run(kStrCases, std::size(kStrCases),
      [](std::string_view v, std::string_view spec) { return format_str(v, spec); });
}

TEST_CASE("format errors carry the exception kind and the type name") {
  auto c = format_int(0x110000, "c");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().kind == ErrorKind::OverflowError);
  auto b = format_int(1, "xx", "bool");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().kind == ErrorKind::ValueError);
  CHECK(b.error().message == "Invalid format specifier 'xx' for object of type 'bool'");
  CHECK(unknown_format_code(0x1, "int").message ==
        "Unknown format code '\\x1' for object of type 'int'");
  auto big = format_float(1.0, ".99999999999f");
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message == "precision too big");
  auto digits = format_int(1, "99999999999999999999d");
  REQUIRE_FALSE(digits.ok());
  CHECK(digits.error().message == "Too many decimal digits in format string");
}

TEST_CASE("parse_format_spec fills every field") {
  auto f = parse_format_spec("*^+z#012_.3f", FormatTarget::Float, "float");
  REQUIRE(f.ok());
  CHECK(f->fill == U'*');
  CHECK(f->align == '^');
  CHECK(f->sign == '+');
  CHECK(f->no_neg_zero);
  CHECK(f->alternate);
  CHECK(f->width == 12);
  CHECK(f->grouping == '_');
  CHECK(f->precision == 3);
  CHECK(f->type == U'f');
  // '0' without an explicit alignment means sign-aware padding for numbers only.
  auto num = parse_format_spec("08", FormatTarget::Int, "int");
  REQUIRE(num.ok());
  CHECK(num->align == '=');
  CHECK(num->fill == U'0');
  CHECK(num->type == U'd');
  auto str = parse_format_spec("08", FormatTarget::Str, "str");
  REQUIRE(str.ok());
  CHECK(str->align == '<');
  CHECK(str->type == U's');
  auto unicode_fill = parse_format_spec("\xe2\x82\xac>8", FormatTarget::Str, "str");
  REQUIRE(unicode_fill.ok());
  CHECK(unicode_fill->fill == U'\u20ac');
}

TEST_CASE("appending formatters add to the buffer") {
  std::string out = "x=";
  auto spec = parse_format_spec(">6.2f", FormatTarget::Float, "float");
  REQUIRE(spec.ok());
  REQUIRE(format_float_to(out, 3.14159, *spec).ok());
  auto ispec = parse_format_spec("04", FormatTarget::Int, "int");
  REQUIRE(ispec.ok());
  REQUIRE(format_int_to(out, 7, *ispec).ok());
  auto sspec = parse_format_spec("^5", FormatTarget::Str, "str");
  REQUIRE(sspec.ok());
  REQUIRE(format_str_to(out, "ab", *sspec).ok());
  CHECK(out == "x=  3.140007 ab  ");
}
