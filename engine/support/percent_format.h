// printf-style `str % args`, as CPython 3.11's PyUnicode_Format. PercentParser walks the format
// one conversion at a time so the VM can fetch arguments in CPython's order (mapping key, '*'
// width, '*' precision, then the value) and raise errors in the same order; the format_* functions
// render one conversion exactly as CPython. percent_format() drives it all for positional
// int/float/str arguments. Pure functions: any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "support/result.h"

namespace interleave::support {

// Messages the VM raises itself while feeding arguments.
inline constexpr const char* kPercentNotEnoughArgs = "not enough arguments for format string";
inline constexpr const char* kPercentNotAllConverted =
    "not all arguments converted during string formatting";
inline constexpr const char* kPercentNeedsMapping = "format requires a mapping";  // TypeError
inline constexpr const char* kPercentStarWantsInt = "* wants int";                // TypeError

// How the VM must prepare the argument of a conversion.
enum class PercentKind : std::uint8_t {
  Str,          // s r a: the VM computes str()/repr()/ascii() and calls format_percent_str
  Int,          // d i u o x X: an int (d i u also accept a float, truncated): format_percent_int
  Float,        // e E f F g G: a float (or int converted): format_percent_float
  Char,         // c: an int code point or a 1-char str: format_percent_char
  Unsupported,  // the VM still consumes an argument, then raises unsupported_error()
};

struct PercentSpec {
  std::string_view key;  // %(key)s
  bool has_key = false;
  // "%(key" without its ')': CPython raises ValueError "incomplete format key" after checking
  // that the argument is a mapping and before looking the key up. Nothing else is parsed.
  bool key_incomplete = false;
  bool ljust = false, sign = false, blank = false, alt = false, zero = false;  // - + space # 0
  bool width_star = false, precision_star = false;  // the VM fills width/precision from args
  std::int64_t width = -1;
  std::int64_t precision = -1;
  char32_t conversion = 0;
  std::size_t index = 0;  // code-point index of the conversion character in the format
  // A ValueError found while parsing ("incomplete format", "width too big", "precision too big"):
  // CPython raises it after the '*' arguments are fetched, so the VM raises it then.
  const char* deferred_error = nullptr;

  PercentKind kind() const;
  // Applies a '*' width the way CPython does (negative means left-justify).
  void set_star_width(std::int64_t w);
  void set_star_precision(std::int64_t p);  // negative means 0
};

struct PercentPiece {
  std::string_view literal;  // text before the conversion ("%%" contributes "%")
  bool has_spec = false;
  PercentSpec spec;
};

// The VM's loop, in CPython's order, for each piece: append literal; if has_spec:
//   1. has_key: no mapping -> TypeError kPercentNeedsMapping; key_incomplete -> ValueError
//      "incomplete format key"; else look the key up (it becomes the only argument)
//   2. width_star / precision_star: next argument, an int (TypeError kPercentStarWantsInt),
//      applied with set_star_width / set_star_precision
//   3. deferred_error -> ValueError
//   4. next argument (TypeError kPercentNotEnoughArgs), then by kind(): format_percent_* or
//      percent_unsupported_error / percent_type_error
// At the end, unused positional arguments -> TypeError kPercentNotAllConverted.
class PercentParser {
 public:
  explicit PercentParser(std::string_view format) : s_(format) {}
  // false at the end; pieces carry their own errors (PercentSpec::deferred_error, key_incomplete)
  // because CPython raises them only after fetching some arguments. Never fails today; the Result
  // leaves room for errors that need no argument.
  Result<bool> next(PercentPiece& piece);

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t cp_pos_ = 0;  // code points consumed, for PercentSpec::index
};

// "unsupported format character 'z' (0x7a) at index 3"
Error percent_unsupported_error(const PercentSpec& spec);
// "%x format: an integer is required, not str" / "%d format: a real number is required, not str"
Error percent_type_error(const PercentSpec& spec, std::string_view type_name);

// Render one conversion, appending to out.
void format_percent_int(std::string& out, std::int64_t v, const PercentSpec& spec);
void format_percent_float(std::string& out, double v, const PercentSpec& spec);
void format_percent_str(std::string& out, std::string_view s, const PercentSpec& spec);
// Errors: OverflowError "%c arg not in range(0x110000)".
Result<Unit> format_percent_char(std::string& out, std::int64_t code_point,
                                 const PercentSpec& spec);

// A positional argument for percent_format().
struct PercentArg {
  enum class Kind : std::uint8_t { Int, Float, Str } kind = Kind::Int;
  std::int64_t i = 0;
  double f = 0.0;
  std::string_view s;

  static PercentArg of(std::int64_t v) { return {Kind::Int, v, 0.0, {}}; }
  static PercentArg of(double v) { return {Kind::Float, 0, v, {}}; }
  static PercentArg of(std::string_view v) { return {Kind::Str, 0, 0.0, v}; }
};

// fmt % tuple(args) for int/float/str arguments (single_arg: fmt % args[0], not a tuple). %(key)
// is refused with "format requires a mapping" as for a tuple.
Result<std::string> percent_format(std::string_view fmt, std::span<const PercentArg> args,
                                   bool single_arg = false);

}  // namespace interleave::support
