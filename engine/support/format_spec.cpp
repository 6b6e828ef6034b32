// Port of CPython 3.11's Python/formatter_unicode.c: parse_internal_render_format_spec,
// format_{long,float,string}_internal, calc_number_widths/fill_number and the zero-padding
// thousands grouping of _PyUnicode_InsertThousandsGrouping. Numbers are laid out as
//   <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal> <remainder> <rpadding>
// where only one padding is non-empty.
#include "support/format_spec.h"

#include <algorithm>
#include <climits>
#include <vector>

#include "support/number_format.h"
#include "support/unicode_db.h"
#include "support/utf8.h"

namespace interleave::support {
namespace {

bool is_alignment_token(char32_t c) {
  return c == '<' || c == '>' || c == '=' || c == '^';
}
bool is_sign_element(char32_t c) {
  return c == ' ' || c == '+' || c == '-';
}

std::string char_for_message(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "\\x";
  char buf[8];
  int n = 0;
  do {
    buf[n++] = kHex[c & 0xF];
    c >>= 4;
  } while (c != 0);
  while (n > 0) s += buf[--n];
  return s;
}

// get_integer: Unicode decimal digits; -1 on overflow, else the count consumed.
int get_integer(const std::vector<char32_t>& s, std::size_t& pos, std::int64_t& result) {
  std::int64_t acc = 0;
  int consumed = 0;
  for (; pos < s.size(); ++pos, ++consumed) {
    int d = unicode::decimal_value(s[pos]);
    if (d < 0) break;
    if (acc > (INT64_MAX - d) / 10) return -1;
    acc = acc * 10 + d;
  }
  result = acc;
  return consumed;
}

// The digits of a number padded with '0' to min_width and grouped right to left.
void insert_grouping(std::string& out, std::string_view digits, std::int64_t min_width, char sep,
                     std::int64_t group) {
  min_width = std::max<std::int64_t>(0, min_width);
  std::string rev;
  auto remaining = static_cast<std::int64_t>(digits.size());
  std::int64_t digits_pos = remaining;
  auto emit = [&](std::int64_t n_chars, std::int64_t n_zeros, bool use_sep) {
    if (use_sep) rev += sep;
    for (std::int64_t i = 0; i < n_chars; ++i)
      rev += digits[static_cast<std::size_t>(--digits_pos)];
    rev.append(static_cast<std::size_t>(n_zeros), '0');
  };
  if (sep == 0) {
    std::int64_t len = std::max({remaining, min_width, std::int64_t{1}});
    emit(std::min(remaining, len), std::max<std::int64_t>(0, len - remaining), false);
  } else {
    bool use_sep = false;
    for (;;) {
      std::int64_t len = std::min(group, std::max({remaining, min_width, std::int64_t{1}}));
      std::int64_t n_zeros = std::max<std::int64_t>(0, len - remaining);
      std::int64_t n_chars = std::max<std::int64_t>(0, std::min(remaining, len));
      emit(n_chars, n_zeros, use_sep);
      use_sep = true;
      remaining -= n_chars;
      min_width -= len;
      if (remaining <= 0 && min_width <= 0) break;
      min_width -= 1;
    }
  }
  out.append(rev.rbegin(), rev.rend());
}

void fill(std::string& out, char32_t c, std::int64_t n) {
  if (n <= 0) return;
  if (c < 0x80) {
    out.append(static_cast<std::size_t>(n), static_cast<char>(c));
  } else {
    char buf[4];
    std::size_t len = utf8_encode(c, buf);
    for (std::int64_t i = 0; i < n; ++i) out.append(buf, len);
  }
}

// calc_number_widths + fill_number. digits: the leading decimal digits; remainder: what follows
// the decimal point (or everything after the digits when there is no decimal point).
void write_number(std::string& out, const FormatSpec& f, char sign_char, std::string_view prefix,
                  std::string_view digits, bool has_decimal, std::string_view remainder,
                  bool to_upper, std::int64_t group) {
  char sign = 0;
  if (f.sign == '+') {
    sign = sign_char == '-' ? '-' : '+';
  } else if (f.sign == ' ') {
    sign = sign_char == '-' ? '-' : ' ';
  } else if (sign_char == '-') {
    sign = '-';
  }
  const auto n_sign = static_cast<std::int64_t>(sign != 0);
  const auto n_remainder = static_cast<std::int64_t>(utf8_length(remainder));
  const std::int64_t n_non_digit = n_sign + static_cast<std::int64_t>(prefix.size()) +
                                   static_cast<std::int64_t>(has_decimal) + n_remainder;
  const std::int64_t min_width = f.fill == '0' && f.align == '=' ? f.width - n_non_digit : 0;
  std::string grouped;
  if (!digits.empty()) {
    char sep = f.grouping;
    insert_grouping(grouped, digits, min_width, sep, group);
  }
  if (to_upper) {
    for (char& c : grouped) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
  }
  std::int64_t padding = f.width - (n_non_digit + static_cast<std::int64_t>(grouped.size()));
  std::int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (f.align) {
      case '<':
        rpad = padding;
        break;
      case '^':
        lpad = padding / 2;
        rpad = padding - lpad;
        break;
      case '=':
        spad = padding;
        break;
      default:
        lpad = padding;
        break;
    }
  }
  fill(out, f.fill, lpad);
  if (sign != 0) out += sign;
  if (to_upper) {
    for (char c : prefix) out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  } else {
    out += prefix;
  }
  fill(out, f.fill, spad);
  out += grouped;
  if (has_decimal) out += '.';
  out += remainder;
  fill(out, f.fill, rpad);
}

}  // namespace

Error unknown_format_code(char32_t type, std::string_view type_name) {
  return value_error("Unknown format code '" + char_for_message(type) + "' for object of type '" +
                     std::string(type_name.substr(0, 200)) + "'");
}

Result<FormatSpec> parse_format_spec(std::string_view spec, FormatTarget target,
                                     std::string_view type_name) {
  std::vector<char32_t> s;
  s.reserve(spec.size());
  for (std::size_t i = 0; i < spec.size();) s.push_back(utf8_decode(spec, i));
  const char default_align = target == FormatTarget::Str ? '<' : '>';
  FormatSpec f;
  f.align = default_align;
  f.type = target == FormatTarget::Str ? 's' : target == FormatTarget::Int ? 'd' : 0;
  std::size_t pos = 0;
  const std::size_t end = s.size();
  bool align_specified = false, fill_specified = false;
  if (end - pos >= 2 && is_alignment_token(s[pos + 1])) {
    f.align = static_cast<char>(s[pos + 1]);
    f.fill = s[pos];
    fill_specified = align_specified = true;
    pos += 2;
  } else if (end - pos >= 1 && is_alignment_token(s[pos])) {
    f.align = static_cast<char>(s[pos]);
    align_specified = true;
    ++pos;
  }
  if (pos < end && is_sign_element(s[pos])) f.sign = static_cast<char>(s[pos++]);
  if (pos < end && s[pos] == 'z') {
    f.no_neg_zero = true;
    ++pos;
  }
  if (pos < end && s[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  if (!fill_specified && pos < end && s[pos] == '0') {
    f.fill = '0';
    if (!align_specified && default_align == '>') f.align = '=';
    ++pos;
  }
  std::int64_t width = 0;
  int consumed = get_integer(s, pos, width);
  if (consumed < 0) return value_error("Too many decimal digits in format string");
  f.width = consumed == 0 ? -1 : width;
  if (pos < end && s[pos] == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (pos < end && s[pos] == '_') {
    if (f.grouping != 0) return value_error("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    ++pos;
  }
  if (pos < end && s[pos] == ',' && f.grouping == '_') {
    return value_error("Cannot specify both ',' and '_'.");
  }
  if (pos < end && s[pos] == '.') {
    ++pos;
    std::int64_t precision = 0;
    consumed = get_integer(s, pos, precision);
    if (consumed < 0) return value_error("Too many decimal digits in format string");
    if (consumed == 0) return value_error("Format specifier missing precision");
    f.precision = precision;
  }
  if (end - pos > 1) {
    return value_error("Invalid format specifier '" + std::string(spec) + "' for object of type '" +
                       std::string(type_name.substr(0, 200)) + "'");
  }
  if (end - pos == 1) f.type = s[pos++];
  if (f.grouping != 0) {
    switch (f.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case 0:
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        if (f.grouping == '_') break;
        [[fallthrough]];
      default:
        return value_error(std::string("Cannot specify '") + f.grouping + "' with '" +
                           char_for_message(f.type) + "'.");
    }
  }
  return f;
}

// ---- float ------------------------------------------------------------------------------------

Result<Unit> format_float_to(std::string& out, double v, const FormatSpec& f) {
  if (f.precision > INT_MAX) return value_error("precision too big");
  int precision = static_cast<int>(f.precision);
  char32_t type = f.type;
  unsigned flags = 0;
  int default_precision = 6;
  if (f.alternate) flags |= dtsf::kAlt;
  if (f.no_neg_zero) flags |= dtsf::kNoNegZero;
  if (type == 0) {
    flags |= dtsf::kAddDot0;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  bool add_pct = false;
  if (type == '%') {
    type = 'f';
    v *= 100;
    add_pct = true;
  }
  if (precision < 0) {
    precision = default_precision;
  } else if (type == 'r') {
    type = 'g';
  }
  std::string buf;
  double_to_string_to(buf, v, static_cast<char>(type), precision, flags);
  if (add_pct) buf += '%';
  std::string_view text = buf;
  char sign_char = 0;
  if (!text.empty() && text[0] == '-') {
    sign_char = '-';
    text.remove_prefix(1);
  }
  std::size_t n = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  bool has_decimal = n < text.size() && text[n] == '.';
  std::string_view remainder = text.substr(n + (has_decimal ? 1 : 0));
  write_number(out, f, sign_char, {}, text.substr(0, n), has_decimal, remainder, false, 3);
  return Unit{};
}

Result<std::string> format_float(double v, std::string_view spec, std::string_view type_name) {
  std::string out;
  if (spec.empty()) {
    float_repr_to(out, v);
    return out;
  }
  Result<FormatSpec> f = parse_format_spec(spec, FormatTarget::Float, type_name);
  if (!f) return f.take_error();
  switch (f->type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      break;
    default:
      return unknown_format_code(f->type, type_name);
  }
  Result<Unit> r = format_float_to(out, v, *f);
  if (!r) return r.take_error();
  return out;
}

// ---- int --------------------------------------------------------------------------------------

Result<Unit> format_int_to(std::string& out, std::int64_t v, const FormatSpec& f,
                           std::string_view type_name) {
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
      return format_float_to(out, static_cast<double>(v), f);
    default:
      return unknown_format_code(f.type, type_name);
  }
  if (f.precision != -1) return value_error("Precision not allowed in integer format specifier");
  if (f.no_neg_zero) {
    return value_error("Negative zero coercion (z) not allowed in integer format specifier");
  }
  if (f.type == 'c') {
    if (f.sign != 0) return value_error("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) {
      return value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    }
    if (v < 0 || v > 0x10FFFF) return overflow_error("%c arg not in range(0x110000)");
    char buf[4];
    std::size_t len = utf8_encode(static_cast<char32_t>(v), buf);
    write_number(out, f, 0, {}, {}, false, std::string_view(buf, len), false, 3);
    return Unit{};
  }
  int base = 10;
  std::string_view prefix;
  switch (f.type) {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
    case 'X':
      base = 16;
      prefix = "0x";
      break;
    default:
      break;
  }
  if (!f.alternate) prefix = {};
  std::string digits = int_to_base(v, base, false);
  std::string_view d = digits;
  char sign_char = 0;
  if (d[0] == '-') {
    sign_char = '-';
    d.remove_prefix(1);
  }
  const std::int64_t group = f.grouping == '_' && base != 10 ? 4 : 3;
  write_number(out, f, sign_char, prefix, d, false, {}, f.type == 'X', group);
  return Unit{};
}

Result<std::string> format_int(std::int64_t v, std::string_view spec, std::string_view type_name) {
  if (spec.empty()) return int_repr(v);
  Result<FormatSpec> f = parse_format_spec(spec, FormatTarget::Int, type_name);
  if (!f) return f.take_error();
  std::string out;
  Result<Unit> r = format_int_to(out, v, *f, type_name);
  if (!r) return r.take_error();
  return out;
}

// ---- str --------------------------------------------------------------------------------------

Result<Unit> format_str_to(std::string& out, std::string_view s, const FormatSpec& f,
                           std::string_view type_name) {
  if (f.type != 's') return unknown_format_code(f.type, type_name);
  if (f.sign != 0) {
    return value_error(f.sign == ' ' ? "Space not allowed in string format specifier"
                                     : "Sign not allowed in string format specifier");
  }
  if (f.no_neg_zero) {
    return value_error("Negative zero coercion (z) not allowed in string format specifier");
  }
  if (f.alternate) return value_error("Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') return value_error("'=' alignment not allowed in string format specifier");
  auto len = static_cast<std::int64_t>(utf8_length(s));
  if (f.precision >= 0 && len > f.precision) {
    s = s.substr(0, utf8_offset(s, static_cast<std::size_t>(f.precision)));
    len = f.precision;
  }
  std::int64_t total = std::max(f.width, len);
  std::int64_t lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
  fill(out, f.fill, lpad);
  out += s;
  fill(out, f.fill, total - len - lpad);
  return Unit{};
}

Result<std::string> format_str(std::string_view s, std::string_view spec,
                               std::string_view type_name) {
  if (spec.empty()) return std::string(s);
  Result<FormatSpec> f = parse_format_spec(spec, FormatTarget::Str, type_name);
  if (!f) return f.take_error();
  std::string out;
  Result<Unit> r = format_str_to(out, s, *f, type_name);
  if (!r) return r.take_error();
  return out;
}

}  // namespace interleave::support
