// repr() and ascii() of str, as CPython 3.11's unicode_repr: quote choice (single quotes unless the
// text has ' and no "), \\ \n \r \t escapes, \xNN for other controls, non-ASCII kept when
// printable (str.isprintable) else \xNN / \uNNNN / \UNNNNNNNN. Printability comes from the
// generated Unicode 14 table of unicode_db (the version CPython 3.11 uses). Any thread.
#pragma once

#include <string>
#include <string_view>

namespace interleave::support {

std::string str_repr(std::string_view utf8);
void str_repr_to(std::string& out, std::string_view utf8);  // appends
std::string str_ascii(std::string_view utf8);               // ascii(s)
void str_ascii_to(std::string& out, std::string_view utf8);
// Escapes non-ASCII in an already built repr: ascii(obj) == ascii_escape(repr(obj)).
std::string ascii_escape(std::string_view utf8);

}  // namespace interleave::support
