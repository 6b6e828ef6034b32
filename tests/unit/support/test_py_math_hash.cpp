// Python arithmetic and hash() against CPython 3.11 (expected values printed by python3).
// Floats are compared through float_repr so expectations read like Python output. Single-threaded.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "support/number_format.h"
#include "support/py_hash.h"
#include "support/py_math.h"

using namespace interleave::support;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::nan("");

// repr() of a Result<double>, so expectations read like Python's output.
std::string r(const Result<double>& v) {
  REQUIRE(v.ok());
  return float_repr(*v);
}
}  // namespace

TEST_CASE("int floor division and modulo follow the divisor's sign") {
  struct Case {
    std::int64_t a, b, q, m;
  };
  const Case cases[] = {
      {7, 2, 3, 1},
      {-7, 2, -4, 1},
      {7, -2, -4, -1},
      {-7, -2, 3, -1},
      {0, 5, 0, 0},
      {INT64_MIN, 3, -3074457345618258603, 1},
      {INT64_MAX, -10, -922337203685477581, -3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(*int_floordiv(c.a, c.b) == c.q);
    CHECK(*int_mod(c.a, c.b) == c.m);
    auto dm = int_divmod(c.a, c.b);
    REQUIRE(dm.ok());
    CHECK(dm->first == c.q);
    CHECK(dm->second == c.m);
  }
  CHECK(int_floordiv(1, 0).error().message == "integer division or modulo by zero");
  CHECK(int_floordiv(1, 0).error().kind == ErrorKind::ZeroDivisionError);
  CHECK(int_mod(1, 0).error().message == "integer modulo by zero");
  CHECK(int_divmod(1, 0).error().message == "integer division or modulo by zero");
  CHECK(int_floordiv(INT64_MIN, -1).error().kind == ErrorKind::OverflowError);
  CHECK(*int_mod(INT64_MIN, -1) == 0);
}

TEST_CASE("int true division is correctly rounded") {
  CHECK(r(int_truediv(1, 3)) == "0.3333333333333333");
  CHECK(r(int_truediv(4611686018427387905, 3)) == "1.5372286728091292e+18");
  CHECK(r(int_truediv(INT64_MIN, 7)) == "-1.3176245766935393e+18");
  CHECK(r(int_truediv(INT64_MAX, 9007199254740993)) == "1023.9999999999999");
  CHECK(r(int_truediv(1000000000000000000, 7)) == "1.4285714285714286e+17");
  CHECK(r(int_truediv(1, INT64_MIN)) == "-1.0842021724855044e-19");
  CHECK(r(int_truediv(1152921504606846977, 1152921504606846976)) == "1.0");
  CHECK(int_truediv(1, 0).error().message == "division by zero");
}

TEST_CASE("checked int64 arithmetic, pow, shifts, abs") {
  std::int64_t out = 0;
  CHECK(checked_add(INT64_MAX - 1, 1, out));
  CHECK(out == INT64_MAX);
  CHECK_FALSE(checked_add(INT64_MAX, 1, out));
  CHECK_FALSE(checked_sub(INT64_MIN, 1, out));
  CHECK(checked_mul(-3037000499, 3037000499, out));
  CHECK_FALSE(checked_mul(INT64_MAX, 2, out));
  CHECK_FALSE(checked_neg(INT64_MIN, out));
  CHECK(checked_neg(5, out));
  CHECK(out == -5);
  CHECK(*int_pow(3, 39) == 4052555153018976267);
  CHECK(*int_pow(-2, 63) == INT64_MIN);
  CHECK(*int_pow(0, 0) == 1);
  CHECK(*int_pow(-1, 1000001) == -1);
  CHECK(int_pow(2, 63).error().kind == ErrorKind::OverflowError);
  CHECK(int_pow(10, 19).error().kind == ErrorKind::OverflowError);
  CHECK(*int_lshift(1, 62) == std::int64_t{1} << 62);
  CHECK(*int_lshift(-1, 63) == INT64_MIN);
  CHECK(int_lshift(1, 63).error().kind == ErrorKind::OverflowError);
  CHECK(int_lshift(1, -1).error().message == "negative shift count");
  CHECK(*int_lshift(0, 1000) == 0);
  CHECK(*int_rshift(-5, 1) == -3);
  CHECK(*int_rshift(-5, 100) == -1);
  CHECK(*int_rshift(5, 100) == 0);
  CHECK(int_rshift(1, -1).error().message == "negative shift count");
  CHECK(*int_abs(-7) == 7);
  CHECK(int_abs(INT64_MIN).error().kind == ErrorKind::OverflowError);
}

TEST_CASE("float floor division, modulo and divmod") {
  struct Case {
    double a, b;
    const char *q, *m;
  };
  const Case cases[] = {
      {7.5, 2.0, "3.0", "1.5"},
      {-7.5, 2.0, "-4.0", "0.5"},
      {7.5, -2.0, "-4.0", "-0.5"},
      {0.0, -1.0, "-0.0", "-0.0"},
      {-0.0, 1.0, "-0.0", "0.0"},
      {1e308, 1e-308, "inf", "3.498445546245627e-309"},
      {5.0, kInf, "0.0", "5.0"},
      {-5.0, kInf, "-1.0", "inf"},
      {0.1, 0.01, "10.0", "3.469446951953614e-18"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(r(float_floordiv(c.a, c.b)) == c.q);
    CHECK(r(float_mod(c.a, c.b)) == c.m);
    auto dm = float_divmod(c.a, c.b);
    REQUIRE(dm.ok());
    CHECK(float_repr(dm->first) == c.q);
    CHECK(float_repr(dm->second) == c.m);
  }
  CHECK(float_truediv(1.0, 0.0).error().message == "float division by zero");
  CHECK(float_floordiv(1.0, 0.0).error().message == "float floor division by zero");
  CHECK(float_mod(1.0, 0.0).error().message == "float modulo");
  CHECK(float_divmod(1.0, 0.0).error().message == "float divmod()");
  CHECK(r(float_truediv(1.0, 4.0)) == "0.25");
}

TEST_CASE("float pow special cases") {
  CHECK(r(float_pow(2.0, 0.5)) == "1.4142135623730951");
  CHECK(r(float_pow(-8.0, 3.0)) == "-512.0");
  CHECK(r(float_pow(-2.0, -1.0)) == "-0.5");
  CHECK(r(float_pow(0.0, 0.0)) == "1.0");
  CHECK(r(float_pow(kNan, 0.0)) == "1.0");
  CHECK(r(float_pow(1.0, kNan)) == "1.0");
  CHECK(r(float_pow(-1.0, kInf)) == "1.0");
  CHECK(r(float_pow(0.5, kInf)) == "0.0");
  CHECK(r(float_pow(2.0, -kInf)) == "0.0");
  CHECK(r(float_pow(-kInf, 3.0)) == "-inf");
  CHECK(r(float_pow(-kInf, 2.0)) == "inf");
  CHECK(r(float_pow(-kInf, -3.0)) == "-0.0");
  CHECK(r(float_pow(-0.0, 3.0)) == "-0.0");
  CHECK(r(float_pow(-0.0, 2.0)) == "0.0");
  CHECK(r(float_pow(2.0, -1074.0)) == "5e-324");
  auto zero = float_pow(0.0, -1.0);
  CHECK(zero.error().kind == ErrorKind::ZeroDivisionError);
  CHECK(zero.error().message == "0.0 cannot be raised to a negative power");
  auto big = float_pow(10.0, 400.0);
  CHECK(big.error().kind == ErrorKind::OverflowError);
  CHECK(big.error().message == "(34, 'Numerical result out of range')");
  CHECK(float_pow(-8.0, 1.0 / 3).error().kind == ErrorKind::ValueError);
}

TEST_CASE("round() with and without ndigits") {
  struct Case {
    double x;
    std::int64_t n;
    const char* expected;
  };
  const Case cases[] = {
      {2.675, 2, "2.67"},        {0.125, 2, "0.12"},      {0.375, 2, "0.38"},
      {1234.5678, -2, "1200.0"}, {1250.0, -2, "1200.0"},  {1350.0, -2, "1400.0"},
      {-1250.0, -2, "-1200.0"},  {5e-324, 400, "5e-324"}, {1.5, 0, "2.0"},
      {2.5, 0, "2.0"},           {-0.5, 0, "-0.0"},       {1e300, -301, "0.0"},
      {123.456, 1, "123.5"},     {0.5, -1, "0.0"},        {1e-320, 322, "1e-320"},
      {12345.6789, -400, "0.0"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.x);
    CAPTURE(c.n);
    CHECK(r(float_round(c.x, c.n)) == c.expected);
  }
  auto over = float_round(1.7976931348623157e308, -308);
  CHECK(over.error().kind == ErrorKind::OverflowError);
  CHECK(over.error().message == "rounded value too large to represent");
  CHECK(std::isnan(*float_round(kNan, 2)));
  CHECK(float_round(0.5) == 0.0);
  CHECK(float_round(1.5) == 2.0);
  CHECK(float_round(2.5) == 2.0);
  CHECK(float_round(-1.5) == -2.0);
  CHECK(float_round(2.4999999999999996) == 2.0);
  struct IntCase {
    std::int64_t n, d, expected;
  };
  const IntCase int_cases[] = {
      {12345, -2, 12300},   {12350, -2, 12400}, {12250, -2, 12200},
      {-12350, -2, -12400}, {15, -1, 20},       {25, -1, 20},
      {5, -1, 0},           {123, 2, 123},      {5000000000000000000, -19, 0}};
  for (const IntCase& c : int_cases) CHECK(*int_round(c.n, c.d) == c.expected);
  CHECK(int_round(INT64_MAX, -1).error().kind == ErrorKind::OverflowError);  // 9223372036854775810
  CHECK(int_round(6000000000000000000, -19).error().kind == ErrorKind::OverflowError);
}

TEST_CASE("float to int conversion and exact int/float comparison") {
  CHECK(*float_to_int64(-3.99) == -3);
  CHECK(*float_to_int64(9.2e18) == 9200000000000000000);
  CHECK(*float_to_int64(-9223372036854775808.0) == INT64_MIN);
  CHECK(float_to_int64(9223372036854775808.0).error().kind == ErrorKind::OverflowError);
  CHECK(float_to_int64(kInf).error().message == "cannot convert float infinity to integer");
  CHECK(float_to_int64(kNan).error().message == "cannot convert float NaN to integer");
  CHECK(float_to_int64(kNan).error().kind == ErrorKind::ValueError);
  CHECK(compare_int_float(1, 1.0) == 0);
  CHECK(compare_int_float(9007199254740993, 9007199254740992.0) == 1);  // exact, not via double
  CHECK(compare_int_float(INT64_MAX, 9223372036854775808.0) == -1);
  CHECK(compare_int_float(2, 2.5) == -1);
  CHECK(compare_int_float(-2, -2.5) == 1);
  CHECK(compare_int_float(0, kNan) == 2);
  CHECK(compare_int_float(5, -kInf) == 1);
}

TEST_CASE("numeric hashes equal CPython's") {
  struct IntCase {
    std::int64_t v, h;
  };
  const IntCase ints[] = {{0, 0},
                          {1, 1},
                          {-1, -2},
                          {-2, -2},
                          {(std::int64_t{1} << 61) - 1, 0},
                          {std::int64_t{1} << 61, 1},
                          {INT64_MAX, 3},
                          {INT64_MIN, -4}};
  for (const IntCase& c : ints) CHECK(int_hash(c.v) == c.h);
  struct FloatCase {
    double v;
    std::int64_t h;
  };
  const FloatCase floats[] = {{1.0, 1},
                              {-1.0, -2},
                              {0.5, 1152921504606846976},
                              {1.5, 1152921504606846977},
                              {-0.0, 0},
                              {1e100, 1822893315824342674},
                              {kInf, 314159},
                              {-kInf, -314159},
                              {2305843009213693952.0, 1},
                              {3.14159, 326484311674566659},
                              {1e-300, 482449582752280463},
                              {-2.5, -1152921504606846978}};
  for (const FloatCase& c : floats) {
    CAPTURE(c.v);
    CHECK(float_hash(c.v) == c.h);
  }
  CHECK(float_hash(kNan, 1234) == 1234);
  CHECK(float_hash(12345.0) == int_hash(12345));
}

TEST_CASE("tuple, pointer and str hashes") {
  // hash(()), hash((1,)), hash((1, 2)), hash((2, 3)), hash((-1,)), hash((1, (2, 3)))
  CHECK(tuple_hash({}) == 5740354900026072187);
  const std::int64_t one[] = {1};
  CHECK(tuple_hash(one) == -6644214454873602895);
  const std::int64_t one_two[] = {1, 2};
  CHECK(tuple_hash(one_two) == -3550055125485641917);
  const std::int64_t two_three[] = {2, 3};
  CHECK(tuple_hash(two_three) == 8409376899596376432);
  const std::int64_t minus_one[] = {int_hash(-1)};
  CHECK(tuple_hash(minus_one) == 8078679518589016365);
  const std::int64_t nested[] = {1, tuple_hash(two_three)};
  CHECK(tuple_hash(nested) == 7267574591690527098);
  CHECK(pointer_hash(0x7f0000001230) == 0x7f000000123);
  CHECK(pointer_hash(0x10) == 1);
  CHECK(str_hash("") == 0);
  CHECK(str_hash("abc") == str_hash(std::string("ab") + "c"));
  CHECK(str_hash("abc") != str_hash("abd"));
  CHECK(str_hash("abc") != -1);
}
