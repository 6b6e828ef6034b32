// Per-code-point Unicode properties and case mappings as CPython 3.11 sees them (Unicode 14.0):
// range tables generated from python3.11's own str methods by unicode_db_gen.py, so the
// predicates agree with Python for every code point. Immutable tables: any thread.
#pragma once

#include <cstddef>

namespace interleave::support::unicode {

bool is_alpha(char32_t c);    // str.isalpha
bool is_decimal(char32_t c);  // str.isdecimal
bool is_digit(char32_t c);    // str.isdigit
bool is_numeric(char32_t c);  // str.isnumeric
bool is_space(char32_t c);    // str.isspace
bool is_upper(char32_t c);    // Py_UNICODE_ISUPPER
bool is_lower(char32_t c);    // Py_UNICODE_ISLOWER
bool is_title(char32_t c);    // Py_UNICODE_ISTITLE
bool is_cased(char32_t c);
bool is_case_ignorable(char32_t c);
bool is_printable(char32_t c);  // str.isprintable
bool is_xid_start(char32_t c);
bool is_xid_continue(char32_t c);
bool is_linebreak(char32_t c);  // splitlines boundaries
int decimal_value(char32_t c);  // 0-9, or -1

// Full case mappings (up to 3 code points); return the count written to out[3].
std::size_t to_upper(char32_t c, char32_t* out);
std::size_t to_lower(char32_t c, char32_t* out);
std::size_t to_title(char32_t c, char32_t* out);
std::size_t to_fold(char32_t c, char32_t* out);  // casefold

}  // namespace interleave::support::unicode
