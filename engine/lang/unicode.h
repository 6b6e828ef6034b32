// The few Unicode facts the front end needs, without a Unicode database: UTF-8 validation,
// decoding and encoding, and which code points may appear in identifiers or count as printable.
// The identifier and printable tables are an approximation of CPython's (which uses the full UCD):
// letters of every script are accepted, the common punctuation, symbol, space and control blocks
// are rejected. Pure functions: any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::lang::unicode {

// Index of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates
// and code points past U+10FFFF are invalid, as in CPython's decoder), or npos.
std::size_t find_invalid_utf8(std::string_view text);

// Number of code points in valid UTF-8 text (continuation bytes are not counted).
int count_chars(std::string_view text);

// Decodes the code point starting at text[i] (text must be valid UTF-8); *len gets its size.
std::uint32_t decode(std::string_view text, std::size_t i, std::size_t* len);

// Appends cp in UTF-8. Surrogates (U+D800..U+DFFF) get their 3-byte form, as CPython's
// "surrogatepass" would, so that "\ud800" survives in a std::string.
void append_utf8(std::uint32_t cp, std::string& out);

bool is_identifier_start(std::uint32_t cp);
bool is_identifier_continue(std::uint32_t cp);
bool is_printable(std::uint32_t cp);

}  // namespace interleave::lang::unicode
