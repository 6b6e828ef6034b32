// Decoding never reads past the end: a truncated sequence yields U+FFFD and consumes the rest, so
// even invalid input (which the VM should never hold) cannot cause out-of-bounds reads.
#include "support/utf8.h"

namespace interleave::support {

bool is_ascii(std::string_view s) {
  unsigned char acc = 0;
  for (char c : s) acc |= static_cast<unsigned char>(c);
  return acc < 0x80;
}

std::size_t utf8_find_invalid(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1F, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0F, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool utf8_valid(std::string_view s) { return utf8_find_invalid(s) == std::string_view::npos; }

std::size_t utf8_encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void utf8_append(std::string& out, char32_t cp) {
  char buf[4];
  out.append(buf, utf8_encode(cp, buf));
}

std::string utf8_from_code_point(char32_t cp) {
  std::string s;
  utf8_append(s, cp);
  return s;
}

char32_t utf8_decode(std::string_view s, std::size_t& pos) {
  auto b = static_cast<unsigned char>(s[pos]);
  std::size_t len = utf8_seq_len(b);
  if (len == 1) {
    ++pos;
    return b;
  }
  if (pos + len > s.size()) {
    pos = s.size();
    return 0xFFFD;
  }
  char32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
  pos += len;
  return cp;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::size_t utf8_offset(std::string_view s, std::size_t index) {
  std::size_t pos = 0;
  while (index > 0 && pos < s.size()) {
    pos += utf8_seq_len(static_cast<unsigned char>(s[pos]));
    --index;
  }
  return pos < s.size() ? pos : s.size();
}

std::size_t utf8_index_of_offset(std::string_view s, std::size_t byte_offset) {
  return utf8_length(s.substr(0, byte_offset));
}

std::string_view utf8_at(std::string_view s, std::size_t index) {
  std::size_t pos = utf8_offset(s, index);
  if (pos >= s.size()) return {};
  std::size_t len = utf8_seq_len(static_cast<unsigned char>(s[pos]));
  return s.substr(pos, len);
}

char32_t utf8_code_point_at(std::string_view s, std::size_t index) {
  std::size_t pos = utf8_offset(s, index);
  if (pos >= s.size()) return 0;
  return utf8_decode(s, pos);
}

}  // namespace interleave::support
