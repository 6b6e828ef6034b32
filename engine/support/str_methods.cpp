// str methods over UTF-8. Substring search runs on bytes (UTF-8 is self-synchronising, so a byte
// match of valid text starts on a code-point boundary); code-point indices are converted at the
// edges, for free when the text is ASCII. Splitting and case mapping follow CPython's
// Objects/stringlib (split.h) and unicodeobject.c (do_upper, do_title, handle_capital_sigma...).
#include "support/str_methods.h"

#include <algorithm>
#include <limits>

#include "support/unicode_db.h"
#include "support/utf8.h"

namespace interleave::support {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// Code-point view of a string: length and cp -> byte offset, O(1) when ASCII.
struct Text {
  std::string_view s;
  bool ascii;
  std::int64_t length;
  explicit Text(std::string_view text)
      : s(text),
        ascii(is_ascii(text)),
        length(static_cast<std::int64_t>(ascii ? text.size() : utf8_length(text))) {}
  std::size_t offset(std::int64_t cp) const {
    return ascii ? static_cast<std::size_t>(cp) : utf8_offset(s, static_cast<std::size_t>(cp));
  }
  std::int64_t index(std::size_t byte) const {
    return static_cast<std::int64_t>(ascii ? byte : utf8_index_of_offset(s, byte));
  }
};

// ADJUST_INDICES of unicodeobject.c.
void adjust_indices(std::int64_t& start, std::int64_t& end, std::int64_t len) {
  if (end > len) {
    end = len;
  } else if (end < 0) {
    end += len;
    if (end < 0) end = 0;
  }
  if (start < 0) {
    start += len;
    if (start < 0) start = 0;
  }
}

std::size_t prev_pos(std::string_view s, std::size_t pos) {
  do {
    --pos;
  } while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80);
  return pos;
}

char32_t decode_at(std::string_view s, std::size_t pos, std::size_t& next) {
  next = pos;
  return utf8_decode(s, next);
}

bool space_at(std::string_view s, std::size_t pos, std::size_t& next) {
  auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) {
    next = pos + 1;
    return unicode::is_space(b);
  }
  return unicode::is_space(decode_at(s, pos, next));
}

std::int64_t find_impl(std::string_view s, std::string_view sub, OptIndex start, OptIndex end,
                       bool reverse) {
  Text t(s);
  std::int64_t st = start.value_or(0), en = end.value_or(kMax);
  adjust_indices(st, en, t.length);
  const auto sublen = static_cast<std::int64_t>(utf8_length(sub));
  if (en - st < sublen) return -1;
  const std::size_t b0 = t.offset(st);
  const std::size_t b1 = t.ascii ? static_cast<std::size_t>(en) : t.offset(en);
  std::string_view window = s.substr(b0, b1 - b0);
  std::size_t pos = reverse ? window.rfind(sub) : window.find(sub);
  if (pos == std::string_view::npos) return -1;
  return st + (t.ascii ? static_cast<std::int64_t>(pos)
                       : static_cast<std::int64_t>(utf8_length(window.substr(0, pos))));
}

// Membership test for strip(chars): a bitmap for ASCII sets, a list otherwise.
struct CharSet {
  bool ascii_bits[128] = {};
  std::vector<char32_t> others;
  explicit CharSet(std::string_view chars) {
    for (std::size_t i = 0; i < chars.size();) {
      char32_t c = utf8_decode(chars, i);
      if (c < 128) {
        ascii_bits[c] = true;
      } else {
        others.push_back(c);
      }
    }
  }
  bool contains(char32_t c) const {
    return c < 128 ? ascii_bits[c] : std::find(others.begin(), others.end(), c) != others.end();
  }
};

std::string_view strip_impl(std::string_view s, OptText chars, bool left, bool right) {
  std::optional<CharSet> set;
  if (chars) set.emplace(*chars);
  auto strippable = [&](char32_t c) { return set ? set->contains(c) : unicode::is_space(c); };
  std::size_t b = 0, e = s.size();
  if (left) {
    while (b < e) {
      std::size_t next;
      if (!strippable(decode_at(s, b, next))) break;
      b = next;
    }
  }
  if (right) {
    while (e > b) {
      std::size_t p = prev_pos(s, e), next;
      if (!strippable(decode_at(s, p, next))) break;
      e = p;
    }
  }
  return s.substr(b, e - b);
}

std::u32string decode_all(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(utf8_decode(s, i));
  return out;
}

void append_mapped(std::string& out, const char32_t* m, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) utf8_append(out, m[i]);
}

// lower_ucs4 with handle_capital_sigma: U+03A3 becomes final sigma after a cased letter that is
// not followed by one (case-ignorable characters are skipped both ways).
std::size_t lower_at(const std::u32string& u, std::size_t i, char32_t* out) {
  const char32_t c = u[i];
  if (c == 0x3A3) {
    std::size_t j = i;
    char32_t prev = 0;
    bool found = false;
    while (j > 0) {
      prev = u[--j];
      if (!unicode::is_case_ignorable(prev)) {
        found = true;
        break;
      }
    }
    bool final_sigma = found && unicode::is_cased(prev);
    if (final_sigma) {
      std::size_t k = i + 1;
      for (; k < u.size(); ++k) {
        if (!unicode::is_case_ignorable(u[k])) break;
      }
      final_sigma = k == u.size() || !unicode::is_cased(u[k]);
    }
    out[0] = final_sigma ? 0x3C2 : 0x3C3;
    return 1;
  }
  return unicode::to_lower(c, out);
}

std::string pad(std::string_view s, std::int64_t left, std::int64_t right, char32_t fill) {
  std::string out;
  char buf[4];
  const std::size_t n = utf8_encode(fill, buf);
  out.reserve(s.size() + static_cast<std::size_t>(left + right) * n);
  for (std::int64_t i = 0; i < left; ++i) out.append(buf, n);
  out += s;
  for (std::int64_t i = 0; i < right; ++i) out.append(buf, n);
  return out;
}

template <class Pred>
bool all_of_code_points(std::string_view s, Pred pred) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();) {
    if (!pred(utf8_decode(s, i))) return false;
  }
  return true;
}

}  // namespace

// ---- splitting and joining ---------------------------------------------------------------------

Result<std::vector<std::string_view>> str_split(std::string_view s, OptText sep,
                                                std::int64_t maxsplit) {
  std::vector<std::string_view> out;
  std::int64_t maxcount = maxsplit < 0 ? kMax : maxsplit;
  const std::size_t n = s.size();
  if (!sep) {
    std::size_t i = 0, next = 0;
    while (maxcount-- > 0) {
      while (i < n && space_at(s, i, next)) i = next;
      if (i == n) break;
      std::size_t j = i;
      space_at(s, i, next);
      i = next;
      while (i < n && !space_at(s, i, next)) i = next;
      out.push_back(s.substr(j, i - j));
    }
    if (i < n) {
      while (i < n && space_at(s, i, next)) i = next;
      if (i != n) out.push_back(s.substr(i));
    }
    return out;
  }
  if (sep->empty()) return value_error("empty separator");
  std::size_t i = 0;
  while (maxcount-- > 0) {
    std::size_t pos = s.find(*sep, i);
    if (pos == std::string_view::npos) break;
    out.push_back(s.substr(i, pos - i));
    i = pos + sep->size();
  }
  out.push_back(s.substr(i));
  return out;
}

Result<std::vector<std::string_view>> str_rsplit(std::string_view s, OptText sep,
                                                 std::int64_t maxsplit) {
  std::vector<std::string_view> out;
  std::int64_t maxcount = maxsplit < 0 ? kMax : maxsplit;
  if (!sep) {
    // Positions are "one past" the code point, so 0 means nothing left.
    std::size_t i = s.size(), next = 0;
    auto space_before = [&](std::size_t end_pos) {
      return space_at(s, prev_pos(s, end_pos), next);
    };
    while (maxcount-- > 0) {
      while (i > 0 && space_before(i)) i = prev_pos(s, i);
      if (i == 0) break;
      std::size_t j = i;
      i = prev_pos(s, i);
      while (i > 0 && !space_before(i)) i = prev_pos(s, i);
      out.push_back(s.substr(i, j - i));
    }
    if (i > 0) {
      while (i > 0 && space_before(i)) i = prev_pos(s, i);
      if (i > 0) out.push_back(s.substr(0, i));
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  if (sep->empty()) return value_error("empty separator");
  std::size_t j = s.size();
  while (maxcount-- > 0) {
    if (j < sep->size()) break;
    std::size_t pos = s.substr(0, j).rfind(*sep);
    if (pos == std::string_view::npos) break;
    out.push_back(s.substr(pos + sep->size(), j - pos - sep->size()));
    j = pos;
  }
  out.push_back(s.substr(0, j));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string_view> str_splitlines(std::string_view s, bool keepends) {
  std::vector<std::string_view> out;
  const std::size_t n = s.size();
  std::size_t i = 0, j = 0;
  while (i < n) {
    std::size_t next = i;
    while (i < n) {
      char32_t c = decode_at(s, i, next);
      if (unicode::is_linebreak(c)) break;
      i = next;
    }
    std::size_t eol = i;
    if (i < n) {
      i = s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? i + 2 : next;
      if (keepends) eol = i;
    }
    out.push_back(s.substr(j, eol - j));
    j = i;
  }
  return out;
}

std::string str_join(std::string_view sep, std::span<const std::string_view> items) {
  std::size_t total = items.empty() ? 0 : sep.size() * (items.size() - 1);
  for (std::string_view item : items) total += item.size();
  std::string out;
  out.reserve(total);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

Result<std::array<std::string_view, 3>> str_partition(std::string_view s, std::string_view sep) {
  if (sep.empty()) return value_error("empty separator");
  std::size_t pos = s.find(sep);
  if (pos == std::string_view::npos)
    return std::array<std::string_view, 3>{s, std::string_view{}, std::string_view{}};
  return std::array<std::string_view, 3>{s.substr(0, pos), s.substr(pos, sep.size()),
                                         s.substr(pos + sep.size())};
}

Result<std::array<std::string_view, 3>> str_rpartition(std::string_view s, std::string_view sep) {
  if (sep.empty()) return value_error("empty separator");
  std::size_t pos = s.rfind(sep);
  if (pos == std::string_view::npos)
    return std::array<std::string_view, 3>{std::string_view{}, std::string_view{}, s};
  return std::array<std::string_view, 3>{s.substr(0, pos), s.substr(pos, sep.size()),
                                         s.substr(pos + sep.size())};
}

// ---- trimming ----------------------------------------------------------------------------------

std::string_view str_strip(std::string_view s, OptText chars) {
  return strip_impl(s, chars, true, true);
}
std::string_view str_lstrip(std::string_view s, OptText chars) {
  return strip_impl(s, chars, true, false);
}
std::string_view str_rstrip(std::string_view s, OptText chars) {
  return strip_impl(s, chars, false, true);
}

// ---- searching ---------------------------------------------------------------------------------

std::int64_t str_find(std::string_view s, std::string_view sub, OptIndex start, OptIndex end) {
  return find_impl(s, sub, start, end, false);
}

std::int64_t str_rfind(std::string_view s, std::string_view sub, OptIndex start, OptIndex end) {
  return find_impl(s, sub, start, end, true);
}

Result<std::int64_t> str_index(std::string_view s, std::string_view sub, OptIndex start,
                               OptIndex end) {
  std::int64_t r = find_impl(s, sub, start, end, false);
  if (r < 0) return value_error("substring not found");
  return r;
}

Result<std::int64_t> str_rindex(std::string_view s, std::string_view sub, OptIndex start,
                                OptIndex end) {
  std::int64_t r = find_impl(s, sub, start, end, true);
  if (r < 0) return value_error("substring not found");
  return r;
}

std::int64_t str_count(std::string_view s, std::string_view sub, OptIndex start, OptIndex end) {
  Text t(s);
  std::int64_t st = start.value_or(0), en = end.value_or(kMax);
  adjust_indices(st, en, t.length);
  const auto sublen = static_cast<std::int64_t>(utf8_length(sub));
  if (en - st < sublen) return 0;
  if (sub.empty()) return en - st + 1;
  const std::size_t b0 = t.offset(st), b1 = t.offset(en);
  std::string_view window = s.substr(b0, b1 - b0);
  std::int64_t count = 0;
  for (std::size_t pos = window.find(sub); pos != std::string_view::npos;
       pos = window.find(sub, pos + sub.size())) {
    ++count;
  }
  return count;
}

bool str_contains(std::string_view s, std::string_view sub) {
  return s.find(sub) != std::string_view::npos;
}

bool str_startswith(std::string_view s, std::string_view prefix, OptIndex start, OptIndex end) {
  Text t(s);
  std::int64_t st = start.value_or(0), en = end.value_or(kMax);
  adjust_indices(st, en, t.length);
  en -= static_cast<std::int64_t>(utf8_length(prefix));
  if (en < st) return false;
  if (prefix.empty()) return true;
  return s.substr(t.offset(st), prefix.size()) == prefix;
}

bool str_endswith(std::string_view s, std::string_view suffix, OptIndex start, OptIndex end) {
  Text t(s);
  std::int64_t st = start.value_or(0), en = end.value_or(kMax);
  adjust_indices(st, en, t.length);
  en -= static_cast<std::int64_t>(utf8_length(suffix));
  if (en < st) return false;
  if (suffix.empty()) return true;
  return s.substr(t.offset(en), suffix.size()) == suffix;
}

// ---- new text ----------------------------------------------------------------------------------

std::string str_replace(std::string_view s, std::string_view old, std::string_view replacement,
                        std::int64_t count) {
  std::int64_t maxcount = count < 0 ? kMax : count;
  std::string out;
  if (old.empty()) {
    // Insert before every code point and at the end, at most maxcount times.
    std::size_t i = 0;
    while (i < s.size() && maxcount > 0) {
      out += replacement;
      std::size_t len = utf8_seq_len(static_cast<unsigned char>(s[i]));
      out += s.substr(i, len);
      i += len;
      --maxcount;
    }
    if (i == s.size() && maxcount > 0) {
      out += replacement;
    } else {
      out += s.substr(i);
    }
    return out;
  }
  out.reserve(s.size());
  std::size_t i = 0;
  while (maxcount-- > 0) {
    std::size_t pos = s.find(old, i);
    if (pos == std::string_view::npos) break;
    out += s.substr(i, pos - i);
    out += replacement;
    i = pos + old.size();
  }
  out += s.substr(i);
  return out;
}

std::string str_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t m[3];
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'a' && b <= 'z' ? b - 32 : b);
      ++i;
      continue;
    }
    append_mapped(out, m, unicode::to_upper(utf8_decode(s, i), m));
  }
  return out;
}

std::string str_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (is_ascii(s)) {
    for (char c : s) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    return out;
  }
  std::u32string u = decode_all(s);
  char32_t m[3];
  for (std::size_t i = 0; i < u.size(); ++i) append_mapped(out, m, lower_at(u, i, m));
  return out;
}

std::string str_casefold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t m[3];
  for (std::size_t i = 0; i < s.size();)
    append_mapped(out, m, unicode::to_fold(utf8_decode(s, i), m));
  return out;
}

std::string str_capitalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::u32string u = decode_all(s);
  char32_t m[3];
  for (std::size_t i = 0; i < u.size(); ++i) {
    append_mapped(out, m, i == 0 ? unicode::to_title(u[0], m) : lower_at(u, i, m));
  }
  return out;
}

std::string str_title(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::u32string u = decode_all(s);
  char32_t m[3];
  bool previous_is_cased = false;
  for (std::size_t i = 0; i < u.size(); ++i) {
    append_mapped(out, m, previous_is_cased ? lower_at(u, i, m) : unicode::to_title(u[i], m));
    previous_is_cased = unicode::is_cased(u[i]);
  }
  return out;
}

std::string str_swapcase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::u32string u = decode_all(s);
  char32_t m[3];
  for (std::size_t i = 0; i < u.size(); ++i) {
    const char32_t c = u[i];
    if (unicode::is_upper(c)) {
      append_mapped(out, m, lower_at(u, i, m));
    } else if (unicode::is_lower(c)) {
      append_mapped(out, m, unicode::to_upper(c, m));
    } else {
      utf8_append(out, c);
    }
  }
  return out;
}

std::string str_ljust(std::string_view s, std::int64_t width, char32_t fillchar) {
  auto len = static_cast<std::int64_t>(utf8_length(s));
  if (len >= width) return std::string(s);
  return pad(s, 0, width - len, fillchar);
}

std::string str_rjust(std::string_view s, std::int64_t width, char32_t fillchar) {
  auto len = static_cast<std::int64_t>(utf8_length(s));
  if (len >= width) return std::string(s);
  return pad(s, width - len, 0, fillchar);
}

std::string str_center(std::string_view s, std::int64_t width, char32_t fillchar) {
  auto len = static_cast<std::int64_t>(utf8_length(s));
  if (len >= width) return std::string(s);
  const std::int64_t marg = width - len;
  const std::int64_t left = marg / 2 + (marg & width & 1);
  return pad(s, left, marg - left, fillchar);
}

std::string str_zfill(std::string_view s, std::int64_t width) {
  auto len = static_cast<std::int64_t>(utf8_length(s));
  if (len >= width) return std::string(s);
  const auto fill = static_cast<std::size_t>(width - len);
  std::string out = pad(s, static_cast<std::int64_t>(fill), 0, '0');
  if (out[fill] == '+' || out[fill] == '-') {
    out[0] = out[fill];
    out[fill] = '0';
  }
  return out;
}

std::string str_expandtabs(std::string_view s, std::int64_t tabsize) {
  std::string out;
  out.reserve(s.size());
  std::int64_t line_pos = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\t') {
      ++i;
      if (tabsize > 0) {
        const std::int64_t incr = tabsize - (line_pos % tabsize);
        line_pos += incr;
        out.append(static_cast<std::size_t>(incr), ' ');
      }
      continue;
    }
    const std::size_t len = utf8_seq_len(static_cast<unsigned char>(c));
    out += s.substr(i, len);
    i += len;
    ++line_pos;
    if (c == '\n' || c == '\r') line_pos = 0;
  }
  return out;
}

std::string str_repeat(std::string_view s, std::int64_t n) {
  std::string out;
  if (n <= 0 || s.empty()) return out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) out += s;
  return out;
}

// ---- predicates --------------------------------------------------------------------------------

bool str_isdigit(std::string_view s) {
  return all_of_code_points(s, unicode::is_digit);
}
bool str_isdecimal(std::string_view s) {
  return all_of_code_points(s, unicode::is_decimal);
}
bool str_isnumeric(std::string_view s) {
  return all_of_code_points(s, unicode::is_numeric);
}
bool str_isalpha(std::string_view s) {
  return all_of_code_points(s, unicode::is_alpha);
}
bool str_isspace(std::string_view s) {
  return all_of_code_points(s, unicode::is_space);
}

bool str_isalnum(std::string_view s) {
  return all_of_code_points(s, [](char32_t c) {
    return unicode::is_alpha(c) || unicode::is_decimal(c) || unicode::is_digit(c) ||
           unicode::is_numeric(c);
  });
}

bool str_isupper(std::string_view s) {
  bool cased = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = utf8_decode(s, i);
    if (unicode::is_lower(c) || unicode::is_title(c)) return false;
    cased = cased || unicode::is_upper(c);
  }
  return cased;
}

bool str_islower(std::string_view s) {
  bool cased = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = utf8_decode(s, i);
    if (unicode::is_upper(c) || unicode::is_title(c)) return false;
    cased = cased || unicode::is_lower(c);
  }
  return cased;
}

bool str_istitle(std::string_view s) {
  bool cased = false, previous_is_cased = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = utf8_decode(s, i);
    if (unicode::is_upper(c) || unicode::is_title(c)) {
      if (previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else if (unicode::is_lower(c)) {
      if (!previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else {
      previous_is_cased = false;
    }
  }
  return cased;
}

bool str_isidentifier(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  char32_t first = utf8_decode(s, i);
  if (first != '_' && !unicode::is_xid_start(first)) return false;
  while (i < s.size()) {
    if (!unicode::is_xid_continue(utf8_decode(s, i))) return false;
  }
  return true;
}

bool str_isprintable(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!unicode::is_printable(utf8_decode(s, i))) return false;
  }
  return true;
}

bool str_isascii(std::string_view s) {
  return is_ascii(s);
}

}  // namespace interleave::support
