// Port of CPython 3.11's Objects/stringlib/unicode_format.h: MarkupIterator_next + parse_field,
// field_name_split + FieldNameIterator, and build_string's recursion limit. Every delimiter is
// ASCII, so scanning UTF-8 bytes finds the same positions as CPython's code-point scan.
#include "support/str_format.h"

#include <cstdint>
#include <cstdio>

#include "support/unicode_db.h"
#include "support/utf8.h"

namespace interleave::support {
namespace {

// get_integer: -1 when empty or not all decimal digits.
Result<std::int64_t> get_integer(std::string_view s) {
  if (s.empty()) return std::int64_t{-1};
  std::int64_t acc = 0;
  for (std::size_t i = 0; i < s.size();) {
    int d = unicode::decimal_value(utf8_decode(s, i));
    if (d < 0) return std::int64_t{-1};
    if (acc > (INT64_MAX - d) / 10) return value_error("Too many decimal digits in format string");
    acc = acc * 10 + d;
  }
  return acc;
}

}  // namespace

Result<bool> FieldNameIterator::next(FieldAccess& access) {
  access = FieldAccess{};
  if (pos_ >= rest_.size()) return false;
  const char c = rest_[pos_++];
  if (c == '.') {
    access.is_attribute = true;
    const std::size_t start = pos_;
    while (pos_ < rest_.size() && rest_[pos_] != '.' && rest_[pos_] != '[') ++pos_;
    access.name = rest_.substr(start, pos_ - start);
  } else if (c == '[') {
    const std::size_t start = pos_;
    bool bracket_seen = false;
    while (pos_ < rest_.size()) {
      if (rest_[pos_++] == ']') {
        bracket_seen = true;
        break;
      }
    }
    if (!bracket_seen) return value_error("Missing ']' in format string");
    access.name = rest_.substr(start, pos_ - 1 - start);
    Result<std::int64_t> idx = get_integer(access.name);
    if (!idx) return idx.take_error();
    access.index = *idx;
  } else {
    return value_error("Only '.' or '[' may follow ']' in format field specifier");
  }
  if (access.name.empty()) return value_error("Empty attribute in format string");
  return true;
}

Result<bool> FormatStringIterator::next(FormatPiece& piece) {
  piece = FormatPiece{};
  const std::size_t end = s_.size();
  if (pos_ >= end) return false;
  const std::size_t start = pos_;
  char c = 0;
  bool markup_follows = false;
  while (pos_ < end) {
    c = s_[pos_++];
    if (c == '{' || c == '}') {
      markup_follows = true;
      break;
    }
  }
  const bool at_end = pos_ >= end;
  std::size_t len = pos_ - start;
  if (c == '}' && (at_end || s_[pos_] != '}')) {
    return value_error("Single '}' encountered in format string");
  }
  if (at_end && c == '{') return value_error("Single '{' encountered in format string");
  if (!at_end) {
    if (s_[pos_] == c) {  // "{{" or "}}": keep one brace as literal text
      ++pos_;
      markup_follows = false;
    } else {
      --len;
    }
  }
  piece.literal = s_.substr(start, len);
  if (!markup_follows) return true;
  piece.has_field = true;

  // parse_field
  const std::size_t name_start = pos_;
  c = 0;
  while (pos_ < end) {
    c = s_[pos_++];
    if (c == '{') return value_error("unexpected '{' in field name");
    if (c == '[') {
      while (pos_ < end && s_[pos_] != ']') ++pos_;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  piece.field_name = s_.substr(name_start, pos_ - 1 - name_start);
  if (c == '!' || c == ':') {
    if (c == '!') {
      if (pos_ >= end) {
        return value_error("end of string while looking for conversion specifier");
      }
      piece.conversion = utf8_decode(s_, pos_);
      if (pos_ < end) {
        c = s_[pos_++];
        if (c == '}') return true;
        if (c != ':') return value_error("expected ':' after conversion specifier");
      }
    }
    const std::size_t spec_start = pos_;
    int count = 1;
    while (pos_ < end) {
      c = s_[pos_++];
      if (c == '{') {
        piece.spec_needs_expanding = true;
        ++count;
      } else if (c == '}') {
        if (--count == 0) {
          piece.format_spec = s_.substr(spec_start, pos_ - 1 - spec_start);
          return true;
        }
      }
    }
    return value_error("unmatched '{' in format spec");
  }
  if (c != '}') return value_error("expected '}' before end of string");
  return true;
}

Result<FieldName> split_field_name(std::string_view field_name, AutoNumber& auto_number) {
  std::size_t i = 0;
  while (i < field_name.size() && field_name[i] != '.' && field_name[i] != '[') ++i;
  FieldName name;
  name.first = field_name.substr(0, i);
  name.rest = field_name.substr(i);
  Result<std::int64_t> idx = get_integer(name.first);
  if (!idx) return idx.take_error();
  name.index = *idx;
  const bool empty = name.first.empty();
  if (empty || name.index != -1) {
    if (auto_number.state == AutoNumber::Init) {
      auto_number.state = empty ? AutoNumber::Auto : AutoNumber::Manual;
    }
    if (auto_number.state == AutoNumber::Manual && empty) {
      return value_error(
          "cannot switch from manual field specification to automatic field numbering");
    }
    if (auto_number.state == AutoNumber::Auto && !empty) {
      return value_error(
          "cannot switch from automatic field numbering to manual field specification");
    }
    if (empty) name.index = auto_number.next++;
  }
  return name;
}

Result<Unit> check_conversion(char32_t conversion) {
  if (conversion == 0 || conversion == 'r' || conversion == 's' || conversion == 'a') {
    return Unit{};
  }
  std::string msg = "Unknown conversion specifier ";
  if (conversion > 32 && conversion < 127) {
    msg += static_cast<char>(conversion);
  } else {
    char hex[16];
    std::snprintf(hex, sizeof hex, "\\x%x", static_cast<unsigned>(conversion));
    msg += hex;
  }
  return value_error(std::move(msg));
}

namespace {

Result<Unit> build_string(std::string& out, std::string_view format, FormatResolver& resolver,
                          int recursion_depth, AutoNumber& auto_number) {
  if (recursion_depth <= 0) return value_error("Max string recursion exceeded");
  FormatStringIterator it(format);
  FormatPiece piece;
  for (;;) {
    Result<bool> more = it.next(piece);
    if (!more) return more.take_error();
    if (!*more) return Unit{};
    out += piece.literal;
    if (!piece.has_field) continue;
    Result<FieldName> name = split_field_name(piece.field_name, auto_number);
    if (!name) return name.take_error();
    if (Result<Unit> r = resolver.lookup(*name); !r) return r.take_error();
    if (piece.conversion != 0) {
      if (Result<Unit> r = check_conversion(piece.conversion); !r) return r.take_error();
      if (Result<Unit> r = resolver.convert(piece.conversion); !r) return r.take_error();
    }
    if (piece.spec_needs_expanding) {
      std::string spec;
      Result<Unit> r =
          build_string(spec, piece.format_spec, resolver, recursion_depth - 1, auto_number);
      if (!r) return r.take_error();
      if (r = resolver.render(spec, out); !r) return r.take_error();
    } else {
      if (Result<Unit> r = resolver.render(piece.format_spec, out); !r) return r.take_error();
    }
  }
}

}  // namespace

Result<Unit> str_format_to(std::string& out, std::string_view format, FormatResolver& resolver) {
  AutoNumber auto_number;
  return build_string(out, format, resolver, 2, auto_number);
}

Result<std::string> str_format(std::string_view format, FormatResolver& resolver) {
  std::string out;
  Result<Unit> r = str_format_to(out, format, resolver);
  if (!r) return r.take_error();
  return out;
}

}  // namespace interleave::support
