// Arithmetic where Python differs from C: floor division and modulo follow the divisor's sign,
// int64 overflow is detected (the VM raises OverflowError or widens), true division of ints is
// correctly rounded, round() uses CPython's correctly rounded half-even algorithm, float pow has
// CPython's special cases, and every failure carries CPython's message. Pure: any thread.
#pragma once

#include <cstdint>
#include <utility>

#include "support/result.h"

namespace interleave::support {

// ---- overflow-checked int64 (true: no overflow; out is the result) -----------------------------
inline bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_add_overflow(a, b, &out);
}
inline bool checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_sub_overflow(a, b, &out);
}
inline bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_mul_overflow(a, b, &out);
}
inline bool checked_neg(std::int64_t a, std::int64_t& out) {
  return !__builtin_sub_overflow(std::int64_t{0}, a, &out);
}

// Overflow (only INT64_MIN // -1 and the like) gives ErrorKind::OverflowError "integer overflow";
// the VM widens to a big int or raises.
// ZeroDivisionError "integer division or modulo by zero".
Result<std::int64_t> int_floordiv(std::int64_t a, std::int64_t b);
// ZeroDivisionError "integer modulo by zero".
Result<std::int64_t> int_mod(std::int64_t a, std::int64_t b);
// ZeroDivisionError "integer division or modulo by zero".
Result<std::pair<std::int64_t, std::int64_t>> int_divmod(std::int64_t a, std::int64_t b);
// a / b correctly rounded; ZeroDivisionError "division by zero".
Result<double> int_truediv(std::int64_t a, std::int64_t b);
// a ** b for b >= 0 (OverflowError "integer overflow" when it leaves int64). For b < 0 Python
// returns a float: the VM calls float_pow(a, b).
Result<std::int64_t> int_pow(std::int64_t base, std::int64_t exp);
// ValueError "negative shift count"; OverflowError "integer overflow" when bits are lost.
Result<std::int64_t> int_lshift(std::int64_t a, std::int64_t n);
Result<std::int64_t> int_rshift(std::int64_t a, std::int64_t n);  // arithmetic, n >= 64 saturates
// abs(): OverflowError for INT64_MIN.
Result<std::int64_t> int_abs(std::int64_t a);

// ---- float -------------------------------------------------------------------------------------
Result<double> float_truediv(double a, double b);   // "float division by zero"
Result<double> float_floordiv(double a, double b);  // "float floor division by zero"
Result<double> float_mod(double a, double b);       // "float modulo"
Result<std::pair<double, double>> float_divmod(double a, double b);  // "float divmod()"
// a ** b: ZeroDivisionError "0.0 cannot be raised to a negative power"; OverflowError
// "(34, 'Numerical result out of range')"; a negative base with a non-integer exponent is complex
// in Python: ValueError "negative number cannot be raised to a fractional power" (deviation).
Result<double> float_pow(double a, double b);

// round(x) (no ndigits): half-even to an integral double; the VM converts with float_to_int64.
double float_round(double x);
// round(x, ndigits): CPython's correctly rounded decimal method.
// OverflowError "rounded value too large to represent".
Result<double> float_round(double x, std::int64_t ndigits);
// round(n, ndigits) for an int: half-even at 10**-ndigits (ndigits >= 0 returns n).
Result<std::int64_t> int_round(std::int64_t n, std::int64_t ndigits);

// int(x) for a float: truncation. OverflowError "cannot convert float infinity to integer",
// ValueError "cannot convert float NaN to integer", OverflowError "int too large to convert" when
// finite but outside int64 (the VM widens).
Result<std::int64_t> float_to_int64(double x);
// Exact comparison of an int64 with a double (Python compares int and float exactly).
// Returns -1, 0, 1, or 2 when x is NaN (unordered).
int compare_int_float(std::int64_t a, double x);

}  // namespace interleave::support
