// Approximate identifier/printable classification (see unicode.h for the limits
// of the approximation). Pure functions over constant tables: any thread.
#include "lang/unicode.h"

#include <cstddef>

namespace interleave::lang::unicode {

namespace {

struct Range {
  std::uint32_t lo, hi;
};

// Code points that are neither letters nor digits: punctuation, symbols, spaces, controls.
constexpr Range kNotIdentifier[] = {
    {0x80, 0xA9},       {0xAB, 0xB4},       {0xB6, 0xB6},        {0xB8, 0xB9},     {0xBB, 0xBF},
    {0xD7, 0xD7},       {0xF7, 0xF7},       {0x2000, 0x203E},    {0x2041, 0x2053}, {0x2055, 0x206F},
    {0x20A0, 0x20CF},   {0x2190, 0x245F},   {0x2500, 0x2BFF},    {0x2E00, 0x2E7F}, {0x3000, 0x3004},
    {0x3008, 0x3020},   {0x3030, 0x3030},   {0xD800, 0xF8FF},    {0xFD3E, 0xFD3F}, {0xFE10, 0xFE1F},
    {0xFE30, 0xFE32},   {0xFE35, 0xFE4C},   {0xFE50, 0xFE6F},    {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F},
    {0xFF1A, 0xFF20},   {0xFF3B, 0xFF3E},   {0xFF40, 0xFF40},    {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF},
    {0x1F000, 0x1FAFF}, {0x2FA20, 0x2FFFF}, {0x323B0, 0x10FFFF},
};

// Code points CPython does not print: controls, format characters, separators other than the
// ASCII space, private use, unassigned specials.
constexpr Range kNotPrintable[] = {
    {0x00, 0x1F},     {0x7F, 0xA0},       {0xAD, 0xAD},        {0x1680, 0x1680}, {0x2000, 0x200F},
    {0x2028, 0x202F}, {0x205F, 0x206F},   {0x3000, 0x3000},    {0xD800, 0xF8FF}, {0xFEFF, 0xFEFF},
    {0xFFF0, 0xFFFB}, {0x2FA20, 0x2FFFF}, {0x323B0, 0x10FFFF},
};

template <std::size_t N>
bool in(const Range (&ranges)[N], std::uint32_t cp) {
  for (const Range& r : ranges) {
    if (cp >= r.lo && cp <= r.hi) return true;
  }
  return false;
}

}  // namespace

bool is_identifier_start(std::uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  }
  // Combining marks and the middle dot may continue a name but not start one.
  if ((cp >= 0x300 && cp <= 0x36F) || cp == 0xB7) return false;
  return !in(kNotIdentifier, cp);
}

bool is_identifier_continue(std::uint32_t cp) {
  if (cp < 0x80) return is_identifier_start(cp) || (cp >= '0' && cp <= '9');
  if ((cp >= 0x300 && cp <= 0x36F) || cp == 0xB7) return true;
  return !in(kNotIdentifier, cp);
}

bool is_printable(std::uint32_t cp) {
  return !in(kNotPrintable, cp);
}

}  // namespace interleave::lang::unicode
