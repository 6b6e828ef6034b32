// Python's numeric rules where C's differ, after CPython 3.11's Objects/longobject.c and
// floatobject.c (float_rem, _float_div_mod, float_pow, float___round___impl + double_round).
#include "support/py_math.h"

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace interleave::support {
namespace {
Error int_overflow() {
  return overflow_error("integer overflow");
}
}  // namespace

Result<std::int64_t> int_floordiv(std::int64_t a, std::int64_t b) {
  if (b == 0) return zero_division_error("integer division or modulo by zero");
  if (a == INT64_MIN && b == -1) return int_overflow();
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

Result<std::int64_t> int_mod(std::int64_t a, std::int64_t b) {
  if (b == 0) return zero_division_error("integer modulo by zero");
  if (b == -1) return std::int64_t{0};
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

Result<std::pair<std::int64_t, std::int64_t>> int_divmod(std::int64_t a, std::int64_t b) {
  if (b == 0) return zero_division_error("integer division or modulo by zero");
  if (a == INT64_MIN && b == -1) return int_overflow();
  std::int64_t q = a / b, r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) {
    --q;
    r += b;
  }
  return std::pair<std::int64_t, std::int64_t>{q, r};
}

Result<double> int_truediv(std::int64_t a, std::int64_t b) {
  if (b == 0) return zero_division_error("division by zero");
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (a > -kExact && a < kExact && b > -kExact && b < kExact) {
    return static_cast<double>(a) / static_cast<double>(b);  // both exact: one correct rounding
  }
  // Long division to at least 55 quotient bits plus a sticky bit, then one rounding by the
  // uint64 -> double conversion (round-half-even on a value whose tie is decided by the sticky).
  const bool negative = (a < 0) != (b < 0);
  std::uint64_t na = a < 0 ? 0 - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a);
  std::uint64_t nb = b < 0 ? 0 - static_cast<std::uint64_t>(b) : static_cast<std::uint64_t>(b);
  std::uint64_t q = na / nb, r = na % nb;
  int shift = 0;
  while (q < (std::uint64_t{1} << 55)) {
    const bool carry = (r >> 63) != 0;
    r <<= 1;
    q <<= 1;
    if (carry || r >= nb) {
      r -= nb;
      q |= 1;
    }
    ++shift;
  }
  if (r != 0) q |= 1;
  double result = std::ldexp(static_cast<double>(q), -shift);
  return negative ? -result : result;
}

Result<std::int64_t> int_pow(std::int64_t base, std::int64_t exp) {
  std::int64_t result = 1;
  while (exp > 0) {
    if (exp & 1) {
      if (!checked_mul(result, base, result)) return int_overflow();
    }
    exp >>= 1;
    if (exp > 0 && !checked_mul(base, base, base)) return int_overflow();
  }
  return result;
}

Result<std::int64_t> int_lshift(std::int64_t a, std::int64_t n) {
  if (n < 0) return value_error("negative shift count");
  if (a == 0) return std::int64_t{0};
  if (n >= 64) return int_overflow();
  const std::int64_t r = static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << n);
  if ((r >> n) != a) return int_overflow();
  return r;
}

Result<std::int64_t> int_rshift(std::int64_t a, std::int64_t n) {
  if (n < 0) return value_error("negative shift count");
  if (n >= 64) return a < 0 ? std::int64_t{-1} : std::int64_t{0};
  return a >> n;
}

Result<std::int64_t> int_abs(std::int64_t a) {
  if (a == INT64_MIN) return int_overflow();
  return a < 0 ? -a : a;
}

Result<double> float_truediv(double a, double b) {
  if (b == 0.0) return zero_division_error("float division by zero");
  return a / b;
}

namespace {
// _float_div_mod: floordiv and mod with Python's signs and the quotient snapped to an integer.
void float_div_mod(double vx, double wx, double& floordiv, double& mod) {
  mod = std::fmod(vx, wx);
  double div = (vx - mod) / wx;
  if (mod != 0.0) {
    if ((wx < 0) != (mod < 0)) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, wx);
  }
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, vx / wx);
  }
}
}  // namespace

Result<double> float_floordiv(double a, double b) {
  if (b == 0.0) return zero_division_error("float floor division by zero");
  double q = 0, m = 0;
  float_div_mod(a, b, q, m);
  return q;
}

Result<double> float_mod(double a, double b) {
  if (b == 0.0) return zero_division_error("float modulo");
  double mod = std::fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

Result<std::pair<double, double>> float_divmod(double a, double b) {
  if (b == 0.0) return zero_division_error("float divmod()");
  double q = 0, m = 0;
  float_div_mod(a, b, q, m);
  return std::pair<double, double>{q, m};
}

namespace {
bool is_odd_integer(double x) {
  return std::fmod(std::fabs(x), 2.0) == 1.0;
}
}  // namespace

Result<double> float_pow(double iv, double iw) {
  if (iw == 0.0) return 1.0;
  if (std::isnan(iv)) return iv;
  if (std::isnan(iw)) return iv == 1.0 ? 1.0 : iw;
  if (std::isinf(iw)) {
    iv = std::fabs(iv);
    if (iv == 1.0) return 1.0;
    if ((iw > 0.0) == (iv > 1.0)) return std::fabs(iw);
    return 0.0;
  }
  if (std::isinf(iv)) {
    const bool odd = is_odd_integer(iw);
    if (iw > 0.0) return odd ? iv : std::fabs(iv);
    return odd ? std::copysign(0.0, iv) : 0.0;
  }
  if (iv == 0.0) {
    if (iw < 0.0) return zero_division_error("0.0 cannot be raised to a negative power");
    return is_odd_integer(iw) ? iv : 0.0;
  }
  bool negate = false;
  if (iv < 0.0) {
    if (iw != std::floor(iw)) {
      return value_error("negative number cannot be raised to a fractional power");
    }
    iv = -iv;
    negate = is_odd_integer(iw);
  }
  if (iv == 1.0) return negate ? -1.0 : 1.0;
  double ix = std::pow(iv, iw);
  if (std::isinf(ix)) return overflow_error("(34, 'Numerical result out of range')");
  return negate ? -ix : ix;
}

double float_round(double x) {
  double rounded = std::round(x);
  if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);  // ties to even
  return rounded;
}

Result<double> float_round(double x, std::int64_t ndigits) {
  if (!std::isfinite(x)) return x;
  const int ndigits_max = static_cast<int>((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
  const int ndigits_min = -static_cast<int>((DBL_MAX_EXP + 1) * 0.30103);
  if (ndigits > ndigits_max) return x;
  if (ndigits < ndigits_min) return 0.0 * x;
  // double_round: correctly rounded decimal digits (Gay's mode 3), read back with strtod.
  // printf cannot round left of the point, so negative ndigits round the exact expansion.
  const int nd = static_cast<int>(ndigits);
  int e = 0;
  std::frexp(x, &e);
  const int exact_frac = std::max(0, DBL_MANT_DIG - e);
  const int frac = nd >= 0 ? nd : exact_frac;
  std::vector<char> buf(static_cast<std::size_t>(std::max(e, 0) / 3 + frac + 32));
  std::snprintf(buf.data(), buf.size(), "%.*f", frac, x);
  std::string text(buf.data());
  if (nd < 0) {
    // text = [-]III.FFF exactly; round the integer part at 10**-nd, half to even.
    const bool negative = text[0] == '-';
    std::string digits = text.substr(negative ? 1 : 0);
    const std::size_t point = digits.find('.');
    std::string int_part = point == std::string::npos ? digits : digits.substr(0, point);
    std::string frac_part = point == std::string::npos ? "" : digits.substr(point + 1);
    const auto drop = static_cast<std::size_t>(-nd);
    if (int_part.size() < drop) int_part.insert(0, drop - int_part.size(), '0');
    std::string keep = int_part.substr(0, int_part.size() - drop);
    std::string rest = int_part.substr(int_part.size() - drop) + frac_part;
    int cmp = 0;  // rest compared with one half
    if (rest[0] > '5') {
      cmp = 1;
    } else if (rest[0] < '5') {
      cmp = -1;
    } else {
      cmp = rest.find_first_not_of('0', 1) == std::string::npos ? 0 : 1;
    }
    const bool odd = !keep.empty() && ((keep.back() - '0') & 1);
    if (cmp > 0 || (cmp == 0 && odd)) {
      int i = static_cast<int>(keep.size()) - 1;
      while (i >= 0 && keep[static_cast<std::size_t>(i)] == '9')
        keep[static_cast<std::size_t>(i--)] = '0';
      if (i < 0) {
        keep.insert(0, 1, '1');
      } else {
        ++keep[static_cast<std::size_t>(i)];
      }
    }
    if (keep.empty()) keep = "0";
    text = (negative ? "-" : "") + keep + "e" + std::to_string(drop);
  }
  errno = 0;
  double rounded = std::strtod(text.c_str(), nullptr);
  if (std::isinf(rounded)) return overflow_error("rounded value too large to represent");
  return rounded;
}

Result<std::int64_t> int_round(std::int64_t n, std::int64_t ndigits) {
  if (ndigits >= 0) return n;
  if (ndigits < -19) return std::int64_t{0};
  // n - divmod_near(n, 10**-ndigits)[1], with the remainder rounded half to even.
  std::uint64_t p = 1;
  for (std::int64_t i = 0; i < -ndigits; ++i) p *= 10;
  const bool negative = n < 0;
  std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::uint64_t q = mag / p, r = mag % p;
  if (r > p - r || (r == p - r && (q & 1))) ++q;
  // Result magnitude q * p must fit.
  if (q != 0 && q > (negative ? (std::uint64_t{1} << 63) : INT64_MAX) / p) {
    return overflow_error("integer overflow");
  }
  std::uint64_t result = q * p;
  return negative ? static_cast<std::int64_t>(0 - result) : static_cast<std::int64_t>(result);
}

Result<std::int64_t> float_to_int64(double x) {
  if (std::isinf(x)) return overflow_error("cannot convert float infinity to integer");
  if (std::isnan(x)) return value_error("cannot convert float NaN to integer");
  const double t = std::trunc(x);
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) {
    return overflow_error("int too large to convert");
  }
  return static_cast<std::int64_t>(t);
}

int compare_int_float(std::int64_t a, double x) {
  if (std::isnan(x)) return 2;
  if (x >= 9223372036854775808.0) return -1;
  if (x < -9223372036854775808.0) return 1;
  const double t = std::trunc(x);
  const auto ti = static_cast<std::int64_t>(t);
  if (a != ti) return a < ti ? -1 : 1;
  const double frac = x - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

}  // namespace interleave::support
