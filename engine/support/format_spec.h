// The format-spec mini-language of format(), f-strings and str.format, as CPython 3.11's
// Python/formatter_unicode.c: [[fill]align][sign][z][#][0][width][grouping][.precision][type].
// Formats int64, double and str values with CPython's exact output and error messages. Locale-
// dependent 'n' uses the C locale (no grouping, '.'). Pure functions: any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/result.h"

namespace interleave::support {

struct FormatSpec {
  char32_t fill = ' ';
  char align = 0;            // '<' '>' '^' '=' once resolved; 0 only before resolution
  char sign = 0;             // '+' '-' ' ' or 0
  bool no_neg_zero = false;  // 'z'
  bool alternate = false;    // '#'
  char grouping = 0;         // ',' or '_' (or 0)
  std::int64_t width = -1;   // -1: none
  std::int64_t precision = -1;
  char32_t type = 0;  // 0: none given (a code point: error messages show it)
};

// What kind of value the spec will format: sets the default alignment ('>' numbers, '<' str),
// the meaning of the '0' flag, and the default type.
enum class FormatTarget : std::uint8_t { Int, Float, Str };

// type_name appears in messages: "Invalid format specifier 'xx' for object of type 'float'".
Result<FormatSpec> parse_format_spec(std::string_view spec, FormatTarget target,
                                     std::string_view type_name);

// format(v, spec). int types: b c d o x X n, none; e E f F g G % convert to float. type_name is
// "int" or "bool" (for messages). Appending forms avoid a temporary on f-string hot paths.
Result<std::string> format_int(std::int64_t v, std::string_view spec,
                               std::string_view type_name = "int");
Result<Unit> format_int_to(std::string& out, std::int64_t v, const FormatSpec& spec,
                           std::string_view type_name = "int");

// float types: e E f F g G n %, none (repr-like; 'g'-like with at least one decimal digit when a
// precision is given).
Result<std::string> format_float(double v, std::string_view spec,
                                 std::string_view type_name = "float");
Result<Unit> format_float_to(std::string& out, double v, const FormatSpec& spec);

// str types: s, none. Width and precision count code points; s is UTF-8.
Result<std::string> format_str(std::string_view s, std::string_view spec,
                               std::string_view type_name = "str");
Result<Unit> format_str_to(std::string& out, std::string_view s, const FormatSpec& spec,
                           std::string_view type_name = "str");

// "Unknown format code 'd' for object of type 'float'" (non-printable codes as '\x1').
Error unknown_format_code(char32_t type, std::string_view type_name);

}  // namespace interleave::support
