// The few Unicode facts the front end needs, without a Unicode database: which code points may
// appear in identifiers or count as printable (UTF-8 itself is support/utf8.h).
// The identifier and printable tables are an approximation of CPython's (which uses the full UCD):
// letters of every script are accepted, the common punctuation, symbol, space and control blocks
// are rejected. Pure functions: any thread.
#pragma once

#include <cstdint>

namespace interleave::lang::unicode {

bool is_identifier_start(std::uint32_t cp);
bool is_identifier_continue(std::uint32_t cp);
bool is_printable(std::uint32_t cp);

}  // namespace interleave::lang::unicode
