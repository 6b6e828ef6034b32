// Numbers to text and back against CPython 3.11 (expected text from python3, and from
// PyOS_double_to_string itself through ctypes).
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>

#include "support/number_format.h"

using namespace std::literals;
using namespace interleave::support;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::nan("");

bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

struct ReprCase {
  double value;
  std::string_view expected;
};
const ReprCase kReprCases[] = {
    {0.0, "0.0"sv},
    {-0.0, "-0.0"sv},
    {0.1, "0.1"sv},
    {0.30000000000000004, "0.30000000000000004"sv},
    {1.0, "1.0"sv},
    {100.0, "100.0"sv},
    {-2.5, "-2.5"sv},
    {1e+16, "1e+16"sv},
    {1000000000000000.0, "1000000000000000.0"sv},
    {1.2345678901234568e+17, "1.2345678901234568e+17"sv},
    {0.0001, "0.0001"sv},
    {1e-05, "1e-05"sv},
    {1.5e-05, "1.5e-05"sv},
    {0.0001234, "0.0001234"sv},
    {1e+22, "1e+22"sv},
    {1e+23, "1e+23"sv},
    {5e-324, "5e-324"sv},
    {2.2250738585072014e-308, "2.2250738585072014e-308"sv},
    {1.7976931348623157e+308, "1.7976931348623157e+308"sv},
    {9007199254740992.0, "9007199254740992.0"sv},
    {0.3333333333333333, "0.3333333333333333"sv},
    {0.6666666666666666, "0.6666666666666666"sv},
    {kInf, "inf"sv},
    {-kInf, "-inf"sv},
    {kNan, "nan"sv},
    {3.141592653589793, "3.141592653589793"sv},
    {1.152921504606847e+18, "1.152921504606847e+18"sv},
    {9.313225746154785e-10, "9.313225746154785e-10"sv},
    {1.5e-323, "1.5e-323"sv},
    {123.456, "123.456"sv},
    {1e+100, "1e+100"sv},
    {-1e-100, "-1e-100"sv},
    {0.5, "0.5"sv},
    {4.35, "4.35"sv},
    {1234567.0, "1234567.0"sv},
    {2.2250738585072014e-308, "2.2250738585072014e-308"sv},
    {8.98846567431158e+307, "8.98846567431158e+307"sv},
    {8.095e-320, "8.095e-320"sv},
};

struct DtsCase {
  double value;
  char code;
  int precision;
  unsigned flags;
  std::string_view expected;
};
const DtsCase kDtsCases[] = {
    {3.14159, 'f', 2, 0, "3.14"sv},
    {3.14159, 'e', 3, 0, "3.142e+00"sv},
    {3.14159, 'E', 0, 0, "3E+00"sv},
    {1234.5, 'g', 3, 0, "1.23e+03"sv},
    {1.234e-05, 'g', 3, 0, "1.23e-05"sv},
    {1.0, 'g', 6, dtsf::kAlt, "1.00000"sv},
    {2.5, 'f', 0, 0, "2"sv},
    {3.5, 'f', 0, 0, "4"sv},
    {0.125, 'f', 2, 0, "0.12"sv},
    {0.375, 'f', 2, 0, "0.38"sv},
    {1e+22, 'f', 0, 0, "10000000000000000000000"sv},
    {kInf, 'F', 2, 0, "INF"sv},
    {kNan, 'E', 2, dtsf::kSign, "+NAN"sv},
    {-0.0, 'f', 1, dtsf::kNoNegZero, "0.0"sv},
    {-0.001, 'f', 1, dtsf::kNoNegZero, "0.0"sv},
    {-0.001, 'f', 1, 0, "-0.0"sv},
    {1.0, 'r', 0, dtsf::kAddDot0, "1.0"sv},
    {1.0, 'r', 0, 0, "1"sv},
    {12.0, 'e', 2, dtsf::kSign, "+1.20e+01"sv},
    {0.1, 'f', 25, 0, "0.1000000000000000055511151"sv},
    {1e-07, 'g', 6, 0, "1e-07"sv},
    {123456.0, 'g', 6, 0, "123456"sv},
    {1234567.0, 'g', 6, 0, "1.23457e+06"sv},
    {1.0, 'g', 0, 0, "1"sv},
};

struct IntOk {
  std::string_view text;
  int base;
  std::int64_t value;
};
const IntOk kIntOk[] = {
    {"0"sv, 10, 0LL},
    {"-17"sv, 10, -17LL},
    {"+17"sv, 10, 17LL},
    {"  42\n"sv, 10, 42LL},
    {"1_000_000"sv, 10, 1000000LL},
    {"0x1f"sv, 16, 31LL},
    {"0X1F"sv, 0, 31LL},
    {"0o17"sv, 0, 15LL},
    {"0b101"sv, 0, 5LL},
    {"0b_1"sv, 0, 1LL},
    {"ff"sv, 16, 255LL},
    {"Z"sv, 36, 35LL},
    {"000"sv, 0, 0LL},
    {"0_0"sv, 0, 0LL},
    {"-0x_1f"sv, 0, -31LL},
    {"\xd9\xa3"
     "\xd9\xa4"
     ""sv,
     10, 34LL},
    {"\xc2\xa0"
     "12\xe3\x80\x80"
     ""sv,
     10, 12LL},
    {"9223372036854775807"sv, 10, 9223372036854775807LL},
    {"-9223372036854775808"sv, 10, INT64_MIN},
    {" -1 "sv, 10, -1LL},
    {"10"sv, 2, 2LL},
    {"777"sv, 8, 511LL},
    {"\t+0o_7_7 "sv, 0, 63LL},
};

struct TextError {
  std::string_view text;
  int base;
  std::string_view message;
};
const TextError kIntErrors[] = {
    {"abc"sv, 10, "invalid literal for int() with base 10: 'abc'"sv},
    {""sv, 10, "invalid literal for int() with base 10: ''"sv},
    {"  "sv, 10, "invalid literal for int() with base 10: '  '"sv},
    {"1 2"sv, 10, "invalid literal for int() with base 10: '1 2'"sv},
    {"_1"sv, 10, "invalid literal for int() with base 10: '_1'"sv},
    {"1_"sv, 10, "invalid literal for int() with base 10: '1_'"sv},
    {"1__0"sv, 10, "invalid literal for int() with base 10: '1__0'"sv},
    {"010"sv, 0, "invalid literal for int() with base 0: '010'"sv},
    {"0_10"sv, 0, "invalid literal for int() with base 0: '0_10'"sv},
    {"0x"sv, 16, "invalid literal for int() with base 16: '0x'"sv},
    {"12"sv, 2, "invalid literal for int() with base 2: '12'"sv},
    {"0b2"sv, 0, "invalid literal for int() with base 0: '0b2'"sv},
    {"\xc3\xa9"
     ""sv,
     10,
     "invalid literal for int() with base 10: '\xc3\xa9"
     "'"sv},
    {"1"sv, 1, "int() base must be >= 2 and <= 36, or 0"sv},
    {"1"sv, 37, "int() base must be >= 2 and <= 36, or 0"sv},
    {"0xg"sv, 0, "invalid literal for int() with base 0: '0xg'"sv},
    {"+"sv, 10, "invalid literal for int() with base 10: '+'"sv},
    {"--1"sv, 10, "invalid literal for int() with base 10: '--1'"sv},
    {"1e5"sv, 10, "invalid literal for int() with base 10: '1e5'"sv},
    {"0x1f"sv, 10, "invalid literal for int() with base 10: '0x1f'"sv},
    {"1\x00"
     ""sv,
     10, "invalid literal for int() with base 10: '1\\x00'"sv},
    {"it's"sv, 10, "invalid literal for int() with base 10: \"it's\""sv},
};

struct FloatOk {
  std::string_view text;
  double value;
};
const FloatOk kFloatOk[] = {
    {"1.5"sv, 1.5},
    {"-2"sv, -2.0},
    {"  3.25  "sv, 3.25},
    {"1e5"sv, 100000.0},
    {"1E-5"sv, 1e-05},
    {".5"sv, 0.5},
    {"5."sv, 5.0},
    {"1_000.5"sv, 1000.5},
    {"1_0e1_0"sv, 100000000000.0},
    {"inf"sv, kInf},
    {"-Infinity"sv, -kInf},
    {"+INF"sv, kInf},
    {"nan"sv, kNan},
    {"-nan"sv, kNan},
    {"NaN"sv, kNan},
    {"1e500"sv, kInf},
    {"-1e500"sv, -kInf},
    {"1e-400"sv, 0.0},
    {"0.1"sv, 0.1},
    {"\xd9\xa3"
     ".5"sv,
     3.5},
    {"007"sv, 7.0},
    {"1.7976931348623157e308"sv, 1.7976931348623157e+308},
    {"4.9406564584124654e-324"sv, 5e-324},
    {"-0.0"sv, -0.0},
    {"\xe2\x80\x83"
     "1.25\xe2\x80\x83"
     ""sv,
     1.25},
    {"0.30000000000000004"sv, 0.30000000000000004},
};

struct FloatError {
  std::string_view text;
  std::string_view message;
};
const FloatError kFloatErrors[] = {
    {""sv, "could not convert string to float: ''"sv},
    {"x"sv, "could not convert string to float: 'x'"sv},
    {"1e"sv, "could not convert string to float: '1e'"sv},
    {"1_"sv, "could not convert string to float: '1_'"sv},
    {"_1"sv, "could not convert string to float: '_1'"sv},
    {"1__0"sv, "could not convert string to float: '1__0'"sv},
    {"1._5"sv, "could not convert string to float: '1._5'"sv},
    {"1_.5"sv, "could not convert string to float: '1_.5'"sv},
    {"0x1p3"sv, "could not convert string to float: '0x1p3'"sv},
    {"inf5"sv, "could not convert string to float: 'inf5'"sv},
    {"1.5."sv, "could not convert string to float: '1.5.'"sv},
    {". 5"sv, "could not convert string to float: '. 5'"sv},
    {"nan(1)"sv, "could not convert string to float: 'nan(1)'"sv},
    {"\x00"
     ""sv,
     "could not convert string to float: '\\x00'"sv},
    {"1,5"sv, "could not convert string to float: '1,5'"sv},
    {"infinit"sv, "could not convert string to float: 'infinit'"sv},
    {"e5"sv, "could not convert string to float: 'e5'"sv},
    {"- 1"sv, "could not convert string to float: '- 1'"sv},
    {"1e+"sv, "could not convert string to float: '1e+'"sv},
    {"\xc3\xa9"
     ""sv,
     "could not convert string to float: '\xc3\xa9"
     "'"sv},
};

}  // namespace

TEST_CASE("float_repr matches CPython repr") {
  for (const ReprCase& c : kReprCases) {
    CAPTURE(c.expected);
    CHECK(float_repr(c.value) == c.expected);
    CHECK(float_str(c.value) == c.expected);
    char buf[kFloatReprChars];
    CHECK(std::string_view(buf, float_repr_chars(c.value, buf)) == c.expected);
    std::string appended = "x";
    float_repr_to(appended, c.value);
    CHECK(appended == "x" + std::string(c.expected));
  }
}

TEST_CASE("float_repr round-trips and is shortest on random doubles") {
  std::mt19937_64 gen(12345);
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t bits = gen();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    std::string r = float_repr(v);
    Result<double> back = parse_float(r);
    REQUIRE(back.ok());
    CHECK(same_double(*back, v));
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L && !defined(_LIBCPP_VERSION)
    // The shortest digits of std::to_chars (Ryu) must be the same digits.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    std::string mine = double_to_string(v, 'r', 0);
    Result<double> a = parse_float(sci);
    REQUIRE(a.ok());
    std::string digits_theirs, digits_mine;
    for (char ch : sci.substr(0, sci.find('e'))) {
      if (ch >= '0' && ch <= '9') digits_theirs += ch;
    }
    std::string m = mine.substr(0, mine.find('e'));
    for (char ch : m) {
      if (ch >= '0' && ch <= '9') digits_mine += ch;
    }
    auto strip = [](std::string s) {
      s.erase(0, s.find_first_not_of('0'));
      while (!s.empty() && s.back() == '0') s.pop_back();
      return s;
    };
    CHECK(strip(digits_mine) == strip(digits_theirs));
#endif
  }
}

TEST_CASE("double_to_string matches PyOS_double_to_string") {
  for (const DtsCase& c : kDtsCases) {
    CAPTURE(c.code);
    CAPTURE(c.precision);
    CAPTURE(c.expected);
    CHECK(double_to_string(c.value, c.code, c.precision, c.flags) == c.expected);
  }
}

TEST_CASE("int_repr, int64_to_chars and int_to_base") {
  CHECK(int_repr(0) == "0");
  CHECK(int_repr(-42) == "-42");
  CHECK(int_repr(INT64_MAX) == "9223372036854775807");
  CHECK(int_repr(INT64_MIN) == "-9223372036854775808");
  char buf[kInt64Chars];
  CHECK(std::string_view(buf, int64_to_chars(INT64_MIN, buf)) == "-9223372036854775808");
  std::string s = "n=";
  int_repr_to(s, 17);
  CHECK(s == "n=17");
  CHECK(int_to_base(255, 16, true) == "0xff");
  CHECK(int_to_base(-255, 16, true) == "-0xff");
  CHECK(int_to_base(8, 8, true) == "0o10");
  CHECK(int_to_base(5, 2, true) == "0b101");
  CHECK(int_to_base(0, 2, true) == "0b0");
  CHECK(int_to_base(-5, 2, false) == "-101");
  CHECK(int_to_base(INT64_MIN, 16, true) == "-0x8000000000000000");
  CHECK(int_to_base(35, 36, false) == "z");
}

TEST_CASE("parse_int accepts what int() accepts") {
  for (const IntOk& c : kIntOk) {
    CAPTURE(c.text);
    Result<std::int64_t> r = parse_int(c.text, c.base);
    REQUIRE(r.ok());
    CHECK(*r == c.value);
  }
}

TEST_CASE("parse_int rejects with int()'s message") {
  for (const TextError& c : kIntErrors) {
    CAPTURE(c.text);
    Result<std::int64_t> r = parse_int(c.text, c.base);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::ValueError);
    CHECK(r.error().message == c.message);
  }
  // CPython cuts the repr in the message to 200 characters (so the closing quote goes).
  Result<std::int64_t> long_text = parse_int(std::string(300, 'x'));
  REQUIRE_FALSE(long_text.ok());
  CHECK(long_text.error().message ==
        "invalid literal for int() with base 10: '" + std::string(199, 'x'));
}

TEST_CASE("parse_int reports int64 overflow and scan_int keeps the digits") {
  Result<std::int64_t> r = parse_int("9223372036854775808");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::OverflowError);
  CHECK_FALSE(parse_int("-9223372036854775809").ok());
  Result<IntLiteral> lit = scan_int(" -0x_DEAD_beef ", 0);
  REQUIRE(lit.ok());
  CHECK(lit->negative);
  CHECK(lit->base == 16);
  CHECK(lit->digits == "DEADbeef");
}

TEST_CASE("parse_float accepts what float() accepts") {
  for (const FloatOk& c : kFloatOk) {
    CAPTURE(c.text);
    Result<double> r = parse_float(c.text);
    REQUIRE(r.ok());
    CHECK(same_double(*r, c.value));
  }
}

TEST_CASE("parse_float rejects with float()'s message") {
  for (const FloatError& c : kFloatErrors) {
    CAPTURE(c.text);
    Result<double> r = parse_float(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::ValueError);
    CHECK(r.error().message == c.message);
  }
}
