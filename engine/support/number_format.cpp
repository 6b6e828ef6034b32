// Float digits come from the C library: "%.*e"/"%.*f" are correctly rounded in glibc and musl, and
// the shortest round-trip digits are found by trying 15, 16 and 17 significant digits (see
// shortest_digits). On those digits runs a port of CPython's format_float_short (pystrtod.c), which
// decides between fixed and exponent notation, padding and the decimal point.
#include "support/number_format.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "support/str_repr.h"
#include "support/unicode_db.h"
#include "support/utf8.h"

namespace interleave::support {

// ---- int -> text -------------------------------------------------------------------------------

std::size_t int64_to_chars(std::int64_t v, char* out) {
  char tmp[kInt64Chars];
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::size_t n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  std::size_t len = 0;
  if (v < 0) out[len++] = '-';
  while (n > 0) out[len++] = tmp[--n];
  return len;
}

std::string int_repr(std::int64_t v) {
  char buf[kInt64Chars];
  return std::string(buf, int64_to_chars(v, buf));
}

void int_repr_to(std::string& out, std::int64_t v) {
  char buf[kInt64Chars];
  out.append(buf, int64_to_chars(v, buf));
}

std::string int_to_base(std::int64_t v, int base, bool prefix) {
  if (base == 10) return int_repr(v);
  char tmp[72];
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::size_t n = 0;
  do {
    tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % static_cast<unsigned>(base)];
    u /= static_cast<unsigned>(base);
  } while (u != 0);
  std::string out;
  out.reserve(n + 3);
  if (v < 0) out += '-';
  if (prefix) {
    out += '0';
    out += base == 16 ? 'x' : base == 8 ? 'o' : 'b';
  }
  while (n > 0) out += tmp[--n];
  return out;
}

// ---- float digits ------------------------------------------------------------------------------
namespace {

// Digits in the convention of David Gay's dtoa: value = 0.DIGITS * 10**decpt, no trailing zeros;
// zero is "0" with decpt 1.
struct Digits {
  const char* p = nullptr;
  int len = 0;
  int decpt = 0;
};

// Parses "d[.ddd]e[+-]x" from printf into digits (written to dst, trailing zeros removed).
int parse_exp_form(const char* s, char* dst, int& decpt) {
  int len = 0;
  for (; *s != 'e'; ++s) {
    if (*s >= '0' && *s <= '9') dst[len++] = *s;
  }
  decpt = std::atoi(s + 1) + 1;
  while (len > 1 && dst[len - 1] == '0') --len;
  return len;
}

bool round_trips(const char* text, double v) {
  return std::strtod(text, nullptr) == v;
}

// Shortest digits that read back as v (v finite, > 0), the closest such when several exist, as
// Gay's mode 0. For normal doubles a string of <= 15 significant digits that round-trips is the
// correctly rounded 15-digit one (15-digit decimals are spaced wider than two ulps), so
// "%.14e" finds it; otherwise "%.15e" (nearest 16 digits) or its neighbour at a power of two,
// where the rounding interval is lopsided; otherwise 17 digits, which always round-trip.
// Subnormals have fewer significant bits, so every length is tried.
int shortest_digits(double v, char* dst, int& decpt) {
  char buf[48];
  if (v < DBL_MIN) {
    for (int prec = 1; prec <= 17; ++prec) {
      std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
      if (round_trips(buf, v)) return parse_exp_form(buf, dst, decpt);
    }
  }
  std::snprintf(buf, sizeof buf, "%.14e", v);
  if (round_trips(buf, v)) return parse_exp_form(buf, dst, decpt);
  std::snprintf(buf, sizeof buf, "%.15e", v);
  if (round_trips(buf, v)) return parse_exp_form(buf, dst, decpt);
  int m = 0;
  std::frexp(v, &m);
  if (std::ldexp(0.5, m) == v) {  // a power of two: try the 16-digit neighbours
    char digits[24];
    int dp = 0;
    int n = parse_exp_form(buf, digits, dp);
    std::uint64_t q = 0;
    for (int i = 0; i < 16; ++i)
      q = q * 10 + static_cast<std::uint64_t>(i < n ? digits[i] - '0' : 0);
    for (int delta : {-1, 1}) {
      std::uint64_t c = q + static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
      int e = dp - 1;
      if (c == 10000000000000000ULL) {
        c /= 10;
        ++e;
      } else if (c < 1000000000000000ULL) {
        c = c * 10 + 9;
        --e;
      }
      char cand[48];
      std::snprintf(cand, sizeof cand, "%llu", static_cast<unsigned long long>(c));
      char sci[64];
      std::snprintf(sci, sizeof sci, "%c.%se%d", cand[0], cand + 1, e);
      if (round_trips(sci, v)) return parse_exp_form(sci, dst, decpt);
    }
  }
  std::snprintf(buf, sizeof buf, "%.16e", v);
  return parse_exp_form(buf, dst, decpt);
}

// Gay's mode 2: `ndigits` significant digits, correctly rounded, trailing zeros removed.
Digits mode2_digits(double v, int ndigits, std::vector<char>& store) {
  store.assign(static_cast<std::size_t>(ndigits) + 40, 0);
  std::snprintf(store.data(), store.size(), "%.*e", ndigits - 1, v);
  std::vector<char> digits(static_cast<std::size_t>(ndigits) + 2);
  Digits d;
  d.len = parse_exp_form(store.data(), digits.data(), d.decpt);
  store.swap(digits);
  d.p = store.data();
  return d;
}

// Gay's mode 3: `ndigits` digits after the decimal point, correctly rounded (half-even on the
// exact binary value), leading and trailing zeros removed; all-zero gives "0", decpt 1.
Digits mode3_digits(double v, int ndigits, std::vector<char>& store) {
  int e = 0;
  std::frexp(v, &e);
  std::size_t size =
      static_cast<std::size_t>(e > 0 ? e : 0) / 3 + static_cast<std::size_t>(ndigits) + 40;
  std::vector<char> text(size);
  std::snprintf(text.data(), size, "%.*f", ndigits, v);
  store.assign(size, 0);
  Digits d;
  int len = 0;
  int decpt = 0;
  bool in_fraction = false;
  for (const char* s = text.data(); *s; ++s) {
    if (*s == '.') {
      in_fraction = true;
      continue;
    }
    if (!in_fraction) ++decpt;
    if (len == 0 && *s == '0') {  // a leading zero moves the point instead
      --decpt;
      continue;
    }
    store[static_cast<std::size_t>(len++)] = *s;
  }
  while (len > 0 && store[static_cast<std::size_t>(len - 1)] == '0') --len;
  if (len == 0) {
    store[0] = '0';
    len = 1;
    decpt = 1;
  }
  d.p = store.data();
  d.len = len;
  d.decpt = decpt;
  return d;
}

// format_float_short from CPython's Python/pystrtod.c, over Gay-style digits.
void format_digits(std::string& out, bool negative, Digits dg, char format_code, int precision,
                   bool always_add_sign, bool add_dot_0_if_integer, bool use_alt_formatting,
                   bool no_negative_zero, bool upper) {
  const char* digits = dg.p;
  int digits_len = dg.len;
  int decpt = dg.decpt;
  bool use_exp = false;
  int exp = 0;
  if (no_negative_zero && negative && (digits_len == 0 || (digits_len == 1 && digits[0] == '0'))) {
    negative = false;
  }
  int vdigits_end = digits_len;
  switch (format_code) {
    case 'e':
      use_exp = true;
      vdigits_end = precision;
      break;
    case 'f':
      vdigits_end = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0_if_integer ? precision - 1 : precision)) use_exp = true;
      if (use_alt_formatting) vdigits_end = precision;
      break;
    default:  // 'r'
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0_if_integer) {
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
  } else {
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;
  }
  if (negative) {
    out += '-';
  } else if (always_add_sign) {
    out += '+';
  }
  if (decpt <= 0) {
    out.append(static_cast<std::size_t>(decpt - vdigits_start), '0');
    out += '.';
    out.append(static_cast<std::size_t>(-decpt), '0');
  } else {
    out.append(static_cast<std::size_t>(-vdigits_start), '0');
  }
  if (0 < decpt && decpt <= digits_len) {
    out.append(digits, static_cast<std::size_t>(decpt));
    out += '.';
    out.append(digits + decpt, static_cast<std::size_t>(digits_len - decpt));
  } else {
    out.append(digits, static_cast<std::size_t>(digits_len));
  }
  if (digits_len < decpt) {
    out.append(static_cast<std::size_t>(decpt - digits_len), '0');
    out += '.';
    out.append(static_cast<std::size_t>(vdigits_end - decpt), '0');
  } else {
    out.append(static_cast<std::size_t>(vdigits_end - digits_len), '0');
  }
  if (out.back() == '.' && !use_alt_formatting) out.pop_back();
  if (use_exp) {
    out += upper ? 'E' : 'e';
    char buf[16];
    std::snprintf(buf, sizeof buf, "%+.02d", exp);
    out += buf;
  }
}

}  // namespace

// ---- float -> text -----------------------------------------------------------------------------

void double_to_string_to(std::string& out, double v, char code, int precision, unsigned flags) {
  bool upper = false;
  char format_code = code;
  int mode = 0;
  switch (code) {
    case 'E':
      upper = true;
      format_code = 'e';
      [[fallthrough]];
    case 'e':
      mode = 2;
      ++precision;
      break;
    case 'F':
      upper = true;
      format_code = 'f';
      [[fallthrough]];
    case 'f':
      mode = 3;
      break;
    case 'G':
      upper = true;
      format_code = 'g';
      [[fallthrough]];
    case 'g':
      mode = 2;
      if (precision == 0) precision = 1;
      break;
    default:
      format_code = 'r';
      mode = 0;
      precision = 0;
      break;
  }
  bool always_add_sign = (flags & dtsf::kSign) != 0;
  if (std::isnan(v)) {
    if (always_add_sign) out += '+';
    out += upper ? "NAN" : "nan";
    return;
  }
  bool negative = std::signbit(v);
  if (std::isinf(v)) {
    if (negative) {
      out += '-';
    } else if (always_add_sign) {
      out += '+';
    }
    out += upper ? "INF" : "inf";
    return;
  }
  double a = std::fabs(v);
  char small[24];
  std::vector<char> store;
  Digits d;
  if (a == 0.0) {
    d.p = "0";
    d.len = 1;
    d.decpt = 1;
  } else if (mode == 0) {
    d.len = shortest_digits(a, small, d.decpt);
    d.p = small;
  } else if (mode == 2) {
    d = mode2_digits(a, precision, store);
  } else {
    d = mode3_digits(a, precision, store);
  }
  format_digits(out, negative, d, format_code, precision, always_add_sign,
                (flags & dtsf::kAddDot0) != 0, (flags & dtsf::kAlt) != 0,
                (flags & dtsf::kNoNegZero) != 0, upper);
}

std::string double_to_string(double v, char code, int precision, unsigned flags) {
  std::string out;
  double_to_string_to(out, v, code, precision, flags);
  return out;
}

void float_repr_to(std::string& out, double v) {
  char buf[kFloatReprChars];
  out.append(buf, float_repr_chars(v, buf));
}

std::size_t float_repr_chars(double v, char* out) {
  if (std::isfinite(v) && v != 0.0) {
    // The hot path of print(x): no heap, same rules as format_digits for 'r' + add_dot_0.
    char digits[24];
    int decpt = 0;
    int len = shortest_digits(std::fabs(v), digits, decpt);
    std::size_t n = 0;
    if (std::signbit(v)) out[n++] = '-';
    if (decpt <= -4 || decpt > 16) {
      out[n++] = digits[0];
      if (len > 1) {
        out[n++] = '.';
        std::memcpy(out + n, digits + 1, static_cast<std::size_t>(len - 1));
        n += static_cast<std::size_t>(len - 1);
      }
      n += static_cast<std::size_t>(
          std::snprintf(out + n, kFloatReprChars - n, "e%+.02d", decpt - 1));
    } else if (decpt <= 0) {
      out[n++] = '0';
      out[n++] = '.';
      for (int i = 0; i < -decpt; ++i) out[n++] = '0';
      std::memcpy(out + n, digits, static_cast<std::size_t>(len));
      n += static_cast<std::size_t>(len);
    } else if (decpt < len) {
      std::memcpy(out + n, digits, static_cast<std::size_t>(decpt));
      n += static_cast<std::size_t>(decpt);
      out[n++] = '.';
      std::memcpy(out + n, digits + decpt, static_cast<std::size_t>(len - decpt));
      n += static_cast<std::size_t>(len - decpt);
    } else {
      std::memcpy(out + n, digits, static_cast<std::size_t>(len));
      n += static_cast<std::size_t>(len);
      for (int i = len; i < decpt; ++i) out[n++] = '0';
      out[n++] = '.';
      out[n++] = '0';
    }
    return n;
  }
  std::string s = double_to_string(v, 'r', 0, dtsf::kAddDot0);
  std::memcpy(out, s.data(), s.size());
  return s.size();
}

std::string float_repr(double v) {
  char buf[kFloatReprChars];
  return std::string(buf, float_repr_chars(v, buf));
}

std::string float_str(double v) {
  return float_repr(v);
}

// ---- text -> numbers ---------------------------------------------------------------------------
namespace {

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// _PyUnicode_TransformDecimalAndSpaceToASCII: Unicode whitespace becomes ' ', Unicode decimal
// digits their ASCII digit, any other non-ASCII character '?' (which no parser accepts).
std::string to_ascii_number_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++pos;
      continue;
    }
    char32_t c = utf8_decode(text, pos);
    if (unicode::is_space(c)) {
      out += ' ';
    } else if (int dv = unicode::decimal_value(c); dv >= 0) {
      out += static_cast<char>('0' + dv);
    } else {
      out += '?';
    }
  }
  return out;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

Error invalid_int_literal(std::string_view text, int base) {
  std::string r = str_repr(text);
  // "%.200R": the repr cut to 200 code points.
  if (utf8_length(r) > 200) r.resize(utf8_offset(r, 200));
  return value_error("invalid literal for int() with base " + std::to_string(base) + ": " + r);
}

}  // namespace

Result<IntLiteral> scan_int(std::string_view text, int base) {
  if (base != 0 && (base < 2 || base > 36)) {
    return value_error("int() base must be >= 2 and <= 36, or 0");
  }
  std::string ascii = is_ascii(text) ? std::string(text) : to_ascii_number_text(text);
  const char* s = ascii.c_str();
  const char* end = s + ascii.size();
  IntLiteral lit;
  while (s < end && ascii_space(*s)) ++s;
  if (s < end && (*s == '+' || *s == '-')) {
    lit.negative = *s == '-';
    ++s;
  }
  int b = base;
  bool error_if_nonzero = false;
  auto is_prefix = [&](char lower) { return s + 1 < end && s[0] == '0' && (s[1] | 0x20) == lower; };
  if (b == 0) {
    if (s >= end || s[0] != '0') {
      b = 10;
    } else if (is_prefix('x')) {
      b = 16;
    } else if (is_prefix('o')) {
      b = 8;
    } else if (is_prefix('b')) {
      b = 2;
    } else {
      error_if_nonzero = true;  // old C-style octal: only zero is allowed
      b = 10;
    }
  }
  if ((b == 16 && is_prefix('x')) || (b == 8 && is_prefix('o')) || (b == 2 && is_prefix('b'))) {
    s += 2;
    if (s < end && *s == '_') ++s;  // one underscore may follow the prefix
  }
  lit.base = b;
  if (s < end && *s == '_') return invalid_int_literal(text, base);
  bool prev_underscore = false;
  while (s < end && !ascii_space(*s)) {
    if (*s == '_') {
      if (prev_underscore) return invalid_int_literal(text, base);
      prev_underscore = true;
    } else {
      if (digit_value(*s) >= b) return invalid_int_literal(text, base);
      lit.digits += *s;
      prev_underscore = false;
    }
    ++s;
  }
  if (prev_underscore || lit.digits.empty()) return invalid_int_literal(text, base);
  while (s < end && ascii_space(*s)) ++s;
  if (s != end) return invalid_int_literal(text, base);
  if (error_if_nonzero && lit.digits.find_first_not_of('0') != std::string::npos) {
    return invalid_int_literal(text, base);
  }
  return lit;
}

Result<std::int64_t> parse_int(std::string_view text, int base) {
  // Fast path: plain short ASCII decimal, the common int(input()) case.
  if (base == 10 && !text.empty() && text.size() <= 18) {
    std::size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
    if (i < text.size()) {
      std::int64_t v = 0;
      std::size_t j = i;
      for (; j < text.size() && text[j] >= '0' && text[j] <= '9'; ++j) v = v * 10 + (text[j] - '0');
      if (j == text.size()) return text[0] == '-' ? -v : v;
    }
  }
  Result<IntLiteral> lit = scan_int(text, base);
  if (!lit) return lit.take_error();
  std::uint64_t limit = lit->negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t v = 0;
  auto b = static_cast<std::uint64_t>(lit->base);
  for (char c : lit->digits) {
    auto d = static_cast<std::uint64_t>(digit_value(c));
    if (v > (limit - d) / b) return overflow_error("int too large to convert");
    v = v * b + d;
  }
  return lit->negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != b[i]) return false;
  }
  return true;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The decimal grammar of float(): digits [. [digits]] | . digits, then an optional exponent.
bool valid_decimal(std::string_view s) {
  std::size_t i = 0;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

Result<double> parse_float(std::string_view text) {
  auto fail = [&] { return value_error("could not convert string to float: " + str_repr(text)); };
  std::string ascii = is_ascii(text) ? std::string(text) : to_ascii_number_text(text);
  if (ascii.find('_') != std::string::npos) {
    // _Py_string_to_number_with_underscores: '_' only between two digits.
    std::string clean;
    char prev = 0;
    for (char c : ascii) {
      if (c == '_') {
        if (!is_digit(prev)) return fail();
      } else {
        if (prev == '_' && !is_digit(c)) return fail();
        clean += c;
      }
      prev = c;
    }
    if (prev == '_') return fail();
    ascii.swap(clean);
  }
  std::string_view s = ascii;
  while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (iequals(body, "nan")) return negative ? -std::nan("") : std::nan("");
  if (!valid_decimal(body)) return fail();
  std::string z(s);  // NUL-terminated for strtod
  return std::strtod(z.c_str(), nullptr);
}

}  // namespace interleave::support
