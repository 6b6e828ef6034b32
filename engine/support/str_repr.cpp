// unicode_repr and ascii() from CPython's Objects/unicodeobject.c. The quote is chosen before any
// escaping: '"' only when the text contains ' and no ".
#include "support/str_repr.h"

#include "support/unicode_db.h"
#include "support/utf8.h"

namespace interleave::support {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void escape_code_point(std::string& out, char32_t c) {
  if (c <= 0xFF) {
    out += "\\x";
    out += kHex[(c >> 4) & 0xF];
    out += kHex[c & 0xF];
  } else if (c <= 0xFFFF) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
  } else {
    out += "\\U";
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
  }
}

void repr_impl(std::string& out, std::string_view s, bool ascii_only) {
  bool has_single = false, has_double = false;
  for (char c : s) {
    has_single |= c == '\'';
    has_double |= c == '"';
  }
  const char quote = has_single && !has_double ? '"' : '\'';
  out.reserve(out.size() + s.size() + 2);
  out += quote;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      ++pos;
      if (b == static_cast<unsigned char>(quote) || b == '\\') {
        out += '\\';
        out += static_cast<char>(b);
      } else if (b == '\t') {
        out += "\\t";
      } else if (b == '\n') {
        out += "\\n";
      } else if (b == '\r') {
        out += "\\r";
      } else if (b < ' ' || b == 0x7F) {
        escape_code_point(out, b);
      } else {
        out += static_cast<char>(b);
      }
      continue;
    }
    std::size_t start = pos;
    char32_t c = utf8_decode(s, pos);
    if (!ascii_only && unicode::is_printable(c)) {
      out.append(s.substr(start, pos - start));
    } else {
      escape_code_point(out, c);
    }
  }
  out += quote;
}

}  // namespace

void str_repr_to(std::string& out, std::string_view utf8) {
  repr_impl(out, utf8, false);
}

std::string str_repr(std::string_view utf8) {
  std::string out;
  repr_impl(out, utf8, false);
  return out;
}

void str_ascii_to(std::string& out, std::string_view utf8) {
  repr_impl(out, utf8, true);
}

std::string str_ascii(std::string_view utf8) {
  std::string out;
  repr_impl(out, utf8, true);
  return out;
}

std::string ascii_escape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = utf8_decode(utf8, pos);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      escape_code_point(out, c);
    }
  }
  return out;
}

}  // namespace interleave::support
