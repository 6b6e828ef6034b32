// The str methods of CPython 3.11 over UTF-8 text: indices and widths count code points, results
// that are substrings come back as views into the argument (the VM copies them into new str
// objects), new text comes back as std::string. Character classes and case mappings are Unicode
// 14 (unicode_db); lower() applies the final-sigma rule. Pure functions: any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace interleave::support {

using OptIndex = std::optional<std::int64_t>;     // None or an int, as the methods' start/end
using OptText = std::optional<std::string_view>;  // None or a str, as sep/chars

// ---- splitting and joining ---------------------------------------------------------------------
// sep None: runs of whitespace, no empty strings. Error: ValueError "empty separator".
Result<std::vector<std::string_view>> str_split(std::string_view s, OptText sep = std::nullopt,
                                                std::int64_t maxsplit = -1);
Result<std::vector<std::string_view>> str_rsplit(std::string_view s, OptText sep = std::nullopt,
                                                 std::int64_t maxsplit = -1);
// Boundaries: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029.
std::vector<std::string_view> str_splitlines(std::string_view s, bool keepends = false);
std::string str_join(std::string_view sep, std::span<const std::string_view> items);
// Error: ValueError "empty separator".
Result<std::array<std::string_view, 3>> str_partition(std::string_view s, std::string_view sep);
Result<std::array<std::string_view, 3>> str_rpartition(std::string_view s, std::string_view sep);

// ---- trimming ----------------------------------------------------------------------------------
// chars None: Unicode whitespace; otherwise the set of code points in chars.
std::string_view str_strip(std::string_view s, OptText chars = std::nullopt);
std::string_view str_lstrip(std::string_view s, OptText chars = std::nullopt);
std::string_view str_rstrip(std::string_view s, OptText chars = std::nullopt);

// ---- searching ---------------------------------------------------------------------------------
// Results are code-point indices; start/end are slice-style (negative from the end, clamped).
std::int64_t str_find(std::string_view s, std::string_view sub, OptIndex start = std::nullopt,
                      OptIndex end = std::nullopt);
std::int64_t str_rfind(std::string_view s, std::string_view sub, OptIndex start = std::nullopt,
                       OptIndex end = std::nullopt);
// Error: ValueError "substring not found".
Result<std::int64_t> str_index(std::string_view s, std::string_view sub,
                               OptIndex start = std::nullopt, OptIndex end = std::nullopt);
Result<std::int64_t> str_rindex(std::string_view s, std::string_view sub,
                                OptIndex start = std::nullopt, OptIndex end = std::nullopt);
std::int64_t str_count(std::string_view s, std::string_view sub, OptIndex start = std::nullopt,
                       OptIndex end = std::nullopt);
bool str_contains(std::string_view s, std::string_view sub);  // `sub in s`
bool str_startswith(std::string_view s, std::string_view prefix, OptIndex start = std::nullopt,
                    OptIndex end = std::nullopt);
bool str_endswith(std::string_view s, std::string_view suffix, OptIndex start = std::nullopt,
                  OptIndex end = std::nullopt);

// ---- new text ----------------------------------------------------------------------------------
std::string str_replace(std::string_view s, std::string_view old, std::string_view replacement,
                        std::int64_t count = -1);
std::string str_upper(std::string_view s);
std::string str_lower(std::string_view s);
std::string str_casefold(std::string_view s);
std::string str_capitalize(std::string_view s);
std::string str_title(std::string_view s);
std::string str_swapcase(std::string_view s);
// fillchar is one code point (the VM checks "The fill character must be exactly one character
// long").
std::string str_ljust(std::string_view s, std::int64_t width, char32_t fillchar = ' ');
std::string str_rjust(std::string_view s, std::int64_t width, char32_t fillchar = ' ');
std::string str_center(std::string_view s, std::int64_t width, char32_t fillchar = ' ');
std::string str_zfill(std::string_view s, std::int64_t width);
std::string str_expandtabs(std::string_view s, std::int64_t tabsize = 8);
std::string str_repeat(std::string_view s, std::int64_t n);  // s * n (n <= 0: empty)

// ---- predicates (all False for '' except isascii) ----------------------------------------------
bool str_isdigit(std::string_view s);
bool str_isdecimal(std::string_view s);
bool str_isnumeric(std::string_view s);
bool str_isalpha(std::string_view s);
bool str_isalnum(std::string_view s);
bool str_isspace(std::string_view s);
bool str_isupper(std::string_view s);
bool str_islower(std::string_view s);
bool str_istitle(std::string_view s);
bool str_isidentifier(std::string_view s);
bool str_isprintable(std::string_view s);  // True for ''
bool str_isascii(std::string_view s);      // True for ''

}  // namespace interleave::support
