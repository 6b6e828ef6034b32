// Lookups into the generated tables of unicode_db_data.inc: binary search over sorted ranges,
// with an ASCII shortcut in front of every predicate because ASCII dominates real programs.
#include "support/unicode_db.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace interleave::support::unicode {
namespace {

struct Range {
  char32_t lo, hi;
};
struct CaseRun {
  char32_t first, last;
  std::int32_t delta;
  std::uint8_t stride;
};
struct CaseMulti {
  char32_t cp;
  char32_t m[3];
};

#include "support/unicode_db_data.inc"

template <std::size_t N>
bool in_ranges(const Range (&table)[N], char32_t c) {
  const Range* end = table + N;
  const Range* it =
      std::upper_bound(table, end, c, [](char32_t v, const Range& r) { return v < r.lo; });
  return it != table && c <= (it - 1)->hi;
}

template <std::size_t R, std::size_t M>
std::size_t map_case(const CaseRun (&runs)[R], const CaseMulti (&multi)[M], char32_t c,
                     char32_t* out) {
  const CaseMulti* mend = multi + M;
  const CaseMulti* m =
      std::lower_bound(multi, mend, c, [](const CaseMulti& e, char32_t v) { return e.cp < v; });
  if (m != mend && m->cp == c) {
    std::size_t n = 0;
    for (char32_t x : m->m) {
      if (x != 0) out[n++] = x;
    }
    return n;
  }
  const CaseRun* rend = runs + R;
  const CaseRun* it =
      std::upper_bound(runs, rend, c, [](char32_t v, const CaseRun& r) { return v < r.first; });
  if (it != runs) {
    const CaseRun& r = *(it - 1);
    if (c <= r.last && (c - r.first) % r.stride == 0) {
      out[0] = static_cast<char32_t>(static_cast<std::int64_t>(c) + r.delta);
      return 1;
    }
  }
  out[0] = c;
  return 1;
}

bool ascii_alpha(char32_t c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

}  // namespace

bool is_alpha(char32_t c) {
  return c < 0x80 ? ascii_alpha(c) : in_ranges(kAlpha, c);
}
bool is_decimal(char32_t c) {
  return c < 0x80 ? c >= '0' && c <= '9' : in_ranges(kDecimal, c);
}
bool is_digit(char32_t c) {
  return c < 0x80 ? c >= '0' && c <= '9' : in_ranges(kDigit, c);
}
bool is_numeric(char32_t c) {
  return c < 0x80 ? c >= '0' && c <= '9' : in_ranges(kNumeric, c);
}
bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return in_ranges(kSpace, c);
}
bool is_upper(char32_t c) {
  return c < 0x80 ? c >= 'A' && c <= 'Z' : in_ranges(kUpper, c);
}
bool is_lower(char32_t c) {
  return c < 0x80 ? c >= 'a' && c <= 'z' : in_ranges(kLower, c);
}
bool is_title(char32_t c) {
  return c >= 0x80 && in_ranges(kTitle, c);
}
bool is_cased(char32_t c) {
  return c < 0x80 ? ascii_alpha(c) : in_ranges(kCased, c);
}
bool is_case_ignorable(char32_t c) {
  return in_ranges(kCaseIgnorable, c);
}
bool is_printable(char32_t c) {
  return c < 0x80 ? c >= 0x20 && c < 0x7F : in_ranges(kPrintable, c);
}
bool is_xid_start(char32_t c) {
  return c < 0x80 ? ascii_alpha(c) : in_ranges(kXidStart, c);
}
bool is_xid_continue(char32_t c) {
  if (c < 0x80) return ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_';
  return in_ranges(kXidContinue, c);
}
bool is_linebreak(char32_t c) {
  switch (c) {
    case '\n':
    case '\r':
    case 0x0B:
    case 0x0C:
    case 0x1C:
    case 0x1D:
    case 0x1E:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return true;
    default:
      return false;
  }
}

int decimal_value(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9' ? static_cast<int>(c - '0') : -1;
  if (!in_ranges(kDecimal, c)) return -1;
  const char32_t* end = std::end(kDecimalZeros);
  const char32_t* it = std::upper_bound(std::begin(kDecimalZeros), end, c);
  if (it == std::begin(kDecimalZeros)) return -1;
  char32_t zero = *(it - 1);
  return c - zero < 10 ? static_cast<int>(c - zero) : -1;
}

std::size_t to_upper(char32_t c, char32_t* out) {
  if (c < 0x80) {
    out[0] = c >= 'a' && c <= 'z' ? c - 32 : c;
    return 1;
  }
  return map_case(kUpperRuns, kUpperMulti, c, out);
}
std::size_t to_lower(char32_t c, char32_t* out) {
  if (c < 0x80) {
    out[0] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    return 1;
  }
  return map_case(kLowerRuns, kLowerMulti, c, out);
}
std::size_t to_title(char32_t c, char32_t* out) {
  if (c < 0x80) return to_upper(c, out);
  return map_case(kTitleRuns, kTitleMulti, c, out);
}
std::size_t to_fold(char32_t c, char32_t* out) {
  if (c < 0x80) return to_lower(c, out);
  return map_case(kFoldRuns, kFoldMulti, c, out);
}

}  // namespace interleave::support::unicode
