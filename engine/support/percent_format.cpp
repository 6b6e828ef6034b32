// Port of CPython 3.11's PyUnicode_Format (Objects/unicodeobject.c): unicode_format_arg_parse,
// formatlong, formatfloat, formatchar and unicode_format_arg_output. CPython reads the format with
// a countdown (fmtcnt) that may run past the end; `exhausted` plays its part: once set, later reads
// fail and leave the last character in place, which ends in "incomplete format".
#include "support/percent_format.h"

#include <climits>
#include <cstdio>

#include "support/number_format.h"
#include "support/py_math.h"
#include "support/str_repr.h"
#include "support/utf8.h"

namespace interleave::support {

PercentKind PercentSpec::kind() const {
  switch (conversion) {
    case 's':
    case 'r':
    case 'a':
      return PercentKind::Str;
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      return PercentKind::Int;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return PercentKind::Float;
    case 'c':
      return PercentKind::Char;
    default:
      return PercentKind::Unsupported;
  }
}

void PercentSpec::set_star_width(std::int64_t w) {
  if (w < 0) {
    ljust = true;
    w = -w;
  }
  width = w;
}

void PercentSpec::set_star_precision(std::int64_t p) {
  precision = p < 0 ? 0 : p;
}

Result<bool> PercentParser::next(PercentPiece& piece) {
  piece = PercentPiece{};
  const std::size_t end = s_.size();
  if (pos_ >= end) return false;
  // Literal text up to the next '%'.
  const std::size_t start = pos_;
  while (pos_ < end && s_[pos_] != '%') {
    cp_pos_ += (static_cast<unsigned char>(s_[pos_]) & 0xC0) != 0x80;
    ++pos_;
  }
  piece.literal = s_.substr(start, pos_ - start);
  if (pos_ >= end) return true;
  ++pos_;  // the '%'
  ++cp_pos_;
  if (pos_ < end && s_[pos_] == '%') {
    piece.literal = s_.substr(start, pos_ - start);  // keeps one '%'
    ++pos_;
    ++cp_pos_;
    return true;
  }
  piece.has_spec = true;
  PercentSpec& spec = piece.spec;
  bool exhausted = false;
  char32_t ch = 0;
  auto read = [&]() {
    if (pos_ >= end) {
      exhausted = true;
      return false;
    }
    ch = utf8_decode(s_, pos_);
    ++cp_pos_;
    return true;
  };
  if (pos_ < end && s_[pos_] == '(') {
    ++pos_;
    ++cp_pos_;
    const std::size_t key_start = pos_;
    int pcount = 1;
    while (pcount > 0 && pos_ < end) {
      char c = s_[pos_];
      if (c == ')') {
        --pcount;
      } else if (c == '(') {
        ++pcount;
      }
      cp_pos_ += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      ++pos_;
    }
    spec.has_key = true;
    if (pcount > 0) {
      spec.key_incomplete = true;
      spec.key = s_.substr(key_start);
      return true;
    }
    spec.key = s_.substr(key_start, pos_ - key_start - 1);
  }
  while (read()) {
    switch (ch) {
      case '-':
        spec.ljust = true;
        continue;
      case '+':
        spec.sign = true;
        continue;
      case ' ':
        spec.blank = true;
        continue;
      case '#':
        spec.alt = true;
        continue;
      case '0':
        spec.zero = true;
        continue;
      default:
        break;
    }
    break;
  }
  if (!exhausted && ch == '*') {
    spec.width_star = true;
    read();
  } else if (ch >= '0' && ch <= '9') {
    std::int64_t w = ch - '0';
    while (read()) {
      if (ch < '0' || ch > '9') break;
      if (w > (INT64_MAX - (ch - '0')) / 10) {
        spec.deferred_error = "width too big";
        return true;
      }
      w = w * 10 + (ch - '0');
    }
    spec.width = w;
  }
  if (ch == '.') {
    spec.precision = 0;
    read();
    if (!exhausted && ch == '*') {
      spec.precision_star = true;
      read();
    } else if (ch >= '0' && ch <= '9') {
      std::int64_t p = ch - '0';
      while (read()) {
        if (ch < '0' || ch > '9') break;
        if (p > (INT_MAX - (ch - '0')) / 10) {
          spec.deferred_error = "precision too big";
          return true;
        }
        p = p * 10 + (ch - '0');
      }
      spec.precision = p;
    }
  }
  if (!exhausted && (ch == 'h' || ch == 'l' || ch == 'L')) read();
  if (exhausted) {
    spec.deferred_error = "incomplete format";
    return true;
  }
  spec.conversion = ch;
  spec.index = cp_pos_ - 1;
  return true;
}

Error percent_unsupported_error(const PercentSpec& spec) {
  char32_t c = spec.conversion;
  char shown = c >= 31 && c <= 126 ? static_cast<char>(c) : '?';
  char hex[16];
  std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(c));
  return value_error(std::string("unsupported format character '") + shown + "' (0x" + hex +
                     ") at index " + std::to_string(spec.index));
}

Error percent_type_error(const PercentSpec& spec, std::string_view type_name) {
  std::string t(type_name.substr(0, 200));
  switch (spec.kind()) {
    case PercentKind::Int:
      if (spec.conversion == 'o' || spec.conversion == 'x' || spec.conversion == 'X') {
        return type_error(std::string("%") + static_cast<char>(spec.conversion) +
                          " format: an integer is required, not " + t);
      }
      return type_error(std::string("%") + static_cast<char>(spec.conversion) +
                        " format: a real number is required, not " + t);
    case PercentKind::Float:
      return type_error("must be real number, not " + t);
    default:
      return type_error("%c requires int or char");
  }
}

namespace {

// unicode_format_arg_output. numeric: CPython's arg->sign (set for int and float conversions).
void output(std::string& out, std::string_view str, const PercentSpec& spec, bool numeric) {
  const char fill = numeric && spec.zero ? '0' : ' ';
  const bool ascii = is_ascii(str);
  auto len = static_cast<std::int64_t>(ascii ? str.size() : utf8_length(str));
  std::int64_t width = spec.width;
  const std::int64_t prec = spec.precision;
  if ((width == -1 || width <= len) && (prec == -1 || prec >= len) && !(spec.sign || spec.blank)) {
    out += str;
    return;
  }
  const char32_t conv = spec.conversion;
  if ((conv == 's' || conv == 'r' || conv == 'a') && prec >= 0 && len > prec) len = prec;
  std::int64_t pindex = 0;
  char signchar = 0;
  bool sign = numeric;
  if (sign) {
    if (str[0] == '-' || str[0] == '+') {
      signchar = str[0];
      --len;
      ++pindex;
    } else if (spec.sign) {
      signchar = '+';
    } else if (spec.blank) {
      signchar = ' ';
    } else {
      sign = false;
    }
  }
  if (width < len) width = len;
  if (sign) {
    if (fill != ' ') out += signchar;
    if (width > len) --width;
  }
  const bool prefix = spec.alt && (conv == 'x' || conv == 'X' || conv == 'o');
  if (prefix) {
    if (fill != ' ') {
      out += '0';
      out += static_cast<char>(conv);
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !spec.ljust) {
    out.append(static_cast<std::size_t>(width - len), fill);
    width = len;
  }
  if (fill == ' ') {
    if (sign) out += signchar;
    if (prefix) {
      out += '0';
      out += static_cast<char>(conv);
      pindex += 2;
    }
  }
  if (len > 0) {
    if (ascii) {
      out += str.substr(static_cast<std::size_t>(pindex), static_cast<std::size_t>(len));
    } else {
      std::size_t b0 = utf8_offset(str, static_cast<std::size_t>(pindex));
      std::size_t b1 = utf8_offset(str, static_cast<std::size_t>(pindex + len));
      out += str.substr(b0, b1 - b0);
    }
  }
  if (width > len) out.append(static_cast<std::size_t>(width - len), ' ');
}

}  // namespace

void format_percent_int(std::string& out, std::int64_t v, const PercentSpec& spec) {
  // formatlong: [sign][0x if alt][zeros up to precision][digits], upper-cased for 'X'.
  const char32_t conv = spec.conversion;
  const int base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : 10;
  std::string digits = int_to_base(v, base, false);
  std::string text;
  std::string_view d = digits;
  if (d[0] == '-') {
    text += '-';
    d.remove_prefix(1);
  }
  if (spec.alt && base != 10) {
    text += '0';
    text += base == 8 ? 'o' : 'x';
  }
  if (spec.precision > static_cast<std::int64_t>(d.size())) {
    text.append(static_cast<std::size_t>(spec.precision) - d.size(), '0');
  }
  text += d;
  if (conv == 'X') {
    for (char& c : text) {
      if (c >= 'a' && c <= 'x') c = static_cast<char>(c - 32);
    }
  }
  output(out, text, spec, true);
}

void format_percent_float(std::string& out, double v, const PercentSpec& spec) {
  int prec = spec.precision < 0 ? 6 : static_cast<int>(spec.precision);
  std::string text =
      double_to_string(v, static_cast<char>(spec.conversion), prec, spec.alt ? dtsf::kAlt : 0);
  output(out, text, spec, true);
}

void format_percent_str(std::string& out, std::string_view s, const PercentSpec& spec) {
  output(out, s, spec, false);
}

Result<Unit> format_percent_char(std::string& out, std::int64_t code_point,
                                 const PercentSpec& spec) {
  if (code_point < 0 || code_point > 0x10FFFF) {
    return overflow_error("%c arg not in range(0x110000)");
  }
  char buf[4];
  std::size_t n = utf8_encode(static_cast<char32_t>(code_point), buf);
  output(out, std::string_view(buf, n), spec, false);
  return Unit{};
}

Result<std::string> percent_format(std::string_view fmt, std::span<const PercentArg> args,
                                   bool single_arg) {
  const std::int64_t arglen = single_arg ? -1 : static_cast<std::int64_t>(args.size());
  std::int64_t argidx = single_arg ? -2 : 0;
  auto next_arg = [&]() -> const PercentArg* {
    if (argidx < arglen) {
      ++argidx;
      return arglen < 0 ? &args[0] : &args[static_cast<std::size_t>(argidx - 1)];
    }
    return nullptr;
  };
  auto type_name = [](const PercentArg& a) {
    return a.kind == PercentArg::Kind::Int     ? "int"
           : a.kind == PercentArg::Kind::Float ? "float"
                                               : "str";
  };
  std::string out;
  PercentParser parser(fmt);
  PercentPiece piece;
  for (;;) {
    Result<bool> more = parser.next(piece);
    if (!more) return more.take_error();
    if (!*more) break;
    out += piece.literal;
    if (!piece.has_spec) continue;
    PercentSpec& spec = piece.spec;
    if (spec.has_key) return type_error(kPercentNeedsMapping);  // positional arguments only
    if (spec.width_star) {
      const PercentArg* a = next_arg();
      if (a == nullptr) return type_error(kPercentNotEnoughArgs);
      if (a->kind != PercentArg::Kind::Int) return type_error(kPercentStarWantsInt);
      spec.set_star_width(a->i);
    }
    if (spec.precision_star) {
      const PercentArg* a = next_arg();
      if (a == nullptr) return type_error(kPercentNotEnoughArgs);
      if (a->kind != PercentArg::Kind::Int) return type_error(kPercentStarWantsInt);
      spec.set_star_precision(a->i);
    }
    if (spec.deferred_error != nullptr) return value_error(spec.deferred_error);
    const PercentArg* a = next_arg();
    if (a == nullptr) return type_error(kPercentNotEnoughArgs);
    switch (spec.kind()) {
      case PercentKind::Str: {
        std::string text;
        if (a->kind == PercentArg::Kind::Int) {
          text = int_repr(a->i);
        } else if (a->kind == PercentArg::Kind::Float) {
          text = float_repr(a->f);
        } else if (spec.conversion == 's') {
          text = a->s;
        } else if (spec.conversion == 'r') {
          text = str_repr(a->s);
        } else {
          text = str_ascii(a->s);
        }
        format_percent_str(out, text, spec);
        break;
      }
      case PercentKind::Int:
        if (a->kind == PercentArg::Kind::Int) {
          format_percent_int(out, a->i, spec);
        } else if (a->kind == PercentArg::Kind::Float && spec.conversion != 'o' &&
                   spec.conversion != 'x' && spec.conversion != 'X') {
          Result<std::int64_t> i = float_to_int64(a->f);
          if (!i) return i.take_error();
          format_percent_int(out, *i, spec);
        } else {
          return percent_type_error(spec, type_name(*a));
        }
        break;
      case PercentKind::Float:
        if (a->kind == PercentArg::Kind::Str) return percent_type_error(spec, "str");
        format_percent_float(
            out, a->kind == PercentArg::Kind::Int ? static_cast<double>(a->i) : a->f, spec);
        break;
      case PercentKind::Char: {
        std::int64_t cp = 0;
        if (a->kind == PercentArg::Kind::Int) {
          cp = a->i;
        } else if (a->kind == PercentArg::Kind::Str && utf8_length(a->s) == 1) {
          cp = utf8_code_point_at(a->s, 0);
        } else {
          return percent_type_error(spec, type_name(*a));
        }
        Result<Unit> r = format_percent_char(out, cp, spec);
        if (!r) return r.take_error();
        break;
      }
      case PercentKind::Unsupported:
        return percent_unsupported_error(spec);
    }
  }
  if (argidx < arglen) return type_error(kPercentNotAllConverted);
  return out;
}

}  // namespace interleave::support
