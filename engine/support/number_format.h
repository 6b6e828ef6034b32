// Numbers to text and text to numbers, byte for byte as CPython 3.11: repr/str of int and float,
// PyOS_double_to_string (the engine behind repr, format() and %-formatting of floats), and the
// int()/float() constructors' string parsing with their exact ValueError messages.
// Digits come from the C library's correctly rounded printf/strtod (glibc, musl/Emscripten), so
// the process must keep LC_NUMERIC as "C" (the engine never calls setlocale).
// Pure functions: any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "support/result.h"

namespace interleave::support {

// Buffer sizes for the *_chars functions (no terminating NUL is written).
inline constexpr std::size_t kInt64Chars = 20;      // "-9223372036854775808"
inline constexpr std::size_t kFloatReprChars = 32;  // "-2.2250738585072014e-308" and friends

// ---- int -> text -------------------------------------------------------------------------------
std::size_t int64_to_chars(std::int64_t v, char* out);  // decimal; returns the length
std::string int_repr(std::int64_t v);                   // str(v) == repr(v)
void int_repr_to(std::string& out, std::int64_t v);     // appends
// bin()/oct()/hex() for base 2/8/16 ("-0x1f"); with prefix=false the bare digits ("-1f").
std::string int_to_base(std::int64_t v, int base, bool prefix);

// ---- float -> text -----------------------------------------------------------------------------
std::size_t float_repr_chars(double v, char* out);  // out holds >= kFloatReprChars; returns length
std::string float_repr(double v);                   // '0.1' '1e+16' '1.5e-05' '100.0' 'inf' '-0.0'
std::string float_str(double v);                    // identical to float_repr in Python 3
void float_repr_to(std::string& out, double v);     // appends

// Flags of PyOS_double_to_string (Py_DTSF_*).
namespace dtsf {
inline constexpr unsigned kSign = 1;       // always emit a sign
inline constexpr unsigned kAddDot0 = 2;    // '1.0' rather than '1' when no exponent is used
inline constexpr unsigned kAlt = 4;        // '#': keep the decimal point and trailing zeros ('g')
inline constexpr unsigned kNoNegZero = 8;  // 'z': a result that rounds to zero loses its '-'
}  // namespace dtsf

// PyOS_double_to_string(v, code, precision, flags): code is one of e E f F g G r; 'r' ignores
// precision (shortest round-trip digits). Upper-case codes give 'E', 'INF', 'NAN'.
std::string double_to_string(double v, char code, int precision, unsigned flags = 0);
void double_to_string_to(std::string& out, double v, char code, int precision, unsigned flags = 0);

// ---- text -> int -------------------------------------------------------------------------------
// A validated int() literal: the VM can build a big integer from it when parse_int overflows.
struct IntLiteral {
  bool negative = false;
  int base = 10;       // resolved base (2..36), also for base 0 input
  std::string digits;  // ASCII digits/letters, no underscores, no prefix; never empty
};

// int(text, base): base 0 or 2..36; surrounding Unicode whitespace, sign, '_' between digits,
// 0x/0o/0b prefixes (base 0 or matching base), Unicode decimal digits. Errors (ValueError):
//   "invalid literal for int() with base 10: 'abc'"   (repr of text, cut to 200 chars as CPython)
//   "int() base must be >= 2 and <= 36, or 0"
Result<IntLiteral> scan_int(std::string_view text, int base = 10);
// As scan_int, then the value; a valid literal outside int64 gives ErrorKind::OverflowError with
// message "int too large to convert" (the VM falls back to big ints or raises).
Result<std::int64_t> parse_int(std::string_view text, int base = 10);

// ---- text -> float -----------------------------------------------------------------------------
// float(text): surrounding whitespace, sign, digits with '_' between digits, '.', exponent,
// inf/infinity/nan in any case. Error (ValueError): "could not convert string to float: 'x'".
Result<double> parse_float(std::string_view text);

}  // namespace interleave::support
