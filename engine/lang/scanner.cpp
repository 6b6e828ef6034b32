// The scanner, a port of CPython 3.11's tok_get(): same token boundaries, same errors at the same
// offsets (the parser turns them into SyntaxErrors). The normalised buffer ends in "\n\0", so the
// cursor can always look one character ahead without bounds checks.
// Any thread (one Scanner per parse).
#include "lang/scanner.h"

#include <cstdio>
#include <cstring>

#include "lang/unicode.h"
#include "support/utf8.h"

namespace interleave::lang {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_xdigit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 128;
}
bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c);
}

struct Keyword {
  std::string_view spelling;
  TokenKind kind;
};

constexpr Keyword kKeywords[] = {
    {"False", TokenKind::False},
    {"None", TokenKind::None},
    {"True", TokenKind::True},
    {"and", TokenKind::And},
    {"as", TokenKind::As},
    {"assert", TokenKind::Assert},
    {"async", TokenKind::Async},
    {"await", TokenKind::Await},
    {"break", TokenKind::Break},
    {"class", TokenKind::Class},
    {"continue", TokenKind::Continue},
    {"def", TokenKind::Def},
    {"del", TokenKind::Del},
    {"elif", TokenKind::Elif},
    {"else", TokenKind::Else},
    {"except", TokenKind::Except},
    {"finally", TokenKind::Finally},
    {"for", TokenKind::For},
    {"from", TokenKind::From},
    {"global", TokenKind::Global},
    {"if", TokenKind::If},
    {"import", TokenKind::Import},
    {"in", TokenKind::In},
    {"is", TokenKind::Is},
    {"lambda", TokenKind::Lambda},
    {"nonlocal", TokenKind::Nonlocal},
    {"not", TokenKind::Not},
    {"or", TokenKind::Or},
    {"pass", TokenKind::Pass},
    {"raise", TokenKind::Raise},
    {"return", TokenKind::Return},
    {"try", TokenKind::Try},
    {"while", TokenKind::While},
    {"with", TokenKind::With},
    {"yield", TokenKind::Yield},
};

TokenKind keyword_or_name(std::string_view text) {
  if (text.size() < 2 || text.size() > 8) return TokenKind::Name;
  for (const Keyword& k : kKeywords) {
    if (k.spelling[0] == text[0] && k.spelling == text) return k.kind;
  }
  return TokenKind::Name;
}

std::string hex4(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------
Scanner::Scanner(std::string_view source, std::string_view filename) : filename_(filename) {
  normalise(source);
  if (error_) {
    emit_at(TokenKind::Error, 0, 0, 0, 0);  // the token list is never empty
  } else {
    run();
  }
}

void Scanner::normalise(std::string_view source) {
  if (source.size() >= 3 && source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  if (source.find('\0') != std::string_view::npos) {
    error_ = SyntaxError{};
    error_->msg = "source code string cannot contain null bytes";
    return;
  }
  source_.reserve(source.size() + 2);
  for (std::size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    if (c == '\r') {
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
      c = '\n';
    }
    source_.push_back(c);
  }
  if (!source_.empty() && source_.back() != '\n') source_.push_back('\n');
  line_starts_.push_back(0);
  for (std::size_t i = 0; i + 1 < source_.size(); ++i) {
    if (source_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
  // CPython decodes the file before tokenising; a file that is not UTF-8 fails as a whole.
  std::size_t bad = support::utf8_find_invalid(source_);
  if (bad != std::string::npos) {
    int line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += source_[i] == '\n';
    char byte[8];
    std::snprintf(byte, sizeof byte, "\\x%02x", static_cast<unsigned char>(source_[bad]));
    error_ = SyntaxError{};
    error_->msg = "Non-UTF-8 code starting with '" + std::string(byte) + "' in file " + filename_ +
                  " on line " + std::to_string(line) +
                  ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
  }
}

std::string_view Scanner::line(int lineno) const {
  if (lineno < 1 || lineno > line_count()) return {};
  std::size_t start = line_starts_[lineno - 1];
  std::size_t end = source_.find('\n', start);
  end = end == std::string::npos ? source_.size() : end + 1;
  return std::string_view(source_).substr(start, end - start);
}

void Scanner::run() {
  cur_ = source_.c_str();
  line_start_ = cur_;
  tokens_.reserve(source_.size() / 3 + 8);
  while (next_token()) {
  }
}

// ---------------------------------------------------------------------------------------------
// Emitting tokens and errors
// ---------------------------------------------------------------------------------------------
void Scanner::emit(TokenKind kind, const char* start, const char* end) {
  // Only strings span lines; their start line is remembered by the caller through line_start_
  // being updated as the scan proceeds, so compute the start from the token's own text.
  Token t;
  t.kind = kind;
  t.text = std::string_view(start, static_cast<std::size_t>(end - start));
  t.end_lineno = lineno_;
  t.end_col_offset = static_cast<std::int32_t>(end - line_start_);
  if (start >= line_start_) {
    t.lineno = lineno_;
    t.col_offset = static_cast<std::int32_t>(start - line_start_);
  } else {  // a multi-line token: walk back to its first line
    int line = lineno_;
    while (line > 1 && source_.c_str() + line_starts_[line - 1] > start) --line;
    t.lineno = line;
    t.col_offset = static_cast<std::int32_t>(start - (source_.c_str() + line_starts_[line - 1]));
  }
  t.level = static_cast<std::int32_t>(parens_.size());
  tokens_.push_back(t);
}

void Scanner::emit_at(TokenKind kind, int lineno, int col, int end_lineno, int end_col) {
  Token t;
  t.kind = kind;
  t.lineno = lineno;
  t.col_offset = col;
  t.end_lineno = end_lineno;
  t.end_col_offset = end_col;
  t.level = static_cast<std::int32_t>(parens_.size());
  tokens_.push_back(t);
}

int Scanner::chars_before(const char* line_start, const char* p) const {
  return static_cast<int>(support::utf8_length(
      std::string_view(line_start, static_cast<std::size_t>(p - line_start))));
}

bool Scanner::error_at_cursor(const char* cur, std::string msg) {
  int offset = chars_before(line_start_, cur);
  return error_range(lineno_, offset, offset, std::move(msg));
}

bool Scanner::error_range(int lineno, int offset, int end_offset, std::string msg,
                          SyntaxErrorType type) {
  SyntaxError e;
  e.type = type;
  e.msg = std::move(msg);
  e.lineno = lineno;
  e.end_lineno = lineno;
  e.offset = offset;
  e.end_offset = end_offset;
  e.text = std::string(line(lineno));
  // CPython's tokenizer errors carry the line without its newline, indentation errors with it.
  if (type == SyntaxErrorType::SyntaxError && !e.text.empty() && e.text.back() == '\n')
    e.text.pop_back();
  error_ = std::move(e);
  emit_at(TokenKind::Error, lineno, 0, lineno, 0);
  return false;
}

// ---------------------------------------------------------------------------------------------
// The main loop (tok_get)
// ---------------------------------------------------------------------------------------------
bool Scanner::next_token() {
  for (;;) {
    if (at_bol_) {
      at_bol_ = false;
      if (!scan_indentation()) return false;
    }
    if (pending_indents_ != 0) {
      int col = static_cast<int>(cur_ - line_start_);
      emit_at(pending_indents_ > 0 ? TokenKind::Indent : TokenKind::Dedent, lineno_, col, lineno_,
              col);
      pending_indents_ += pending_indents_ > 0 ? -1 : 1;
      return true;
    }
    while (*cur_ == ' ' || *cur_ == '\t' || *cur_ == '\f') ++cur_;
    // CPython starts a NEWLINE token at the comment before it, if any.
    const char* newline_start = cur_;
    if (*cur_ == '#') {
      while (*cur_ != '\n' && *cur_ != '\0') ++cur_;
    }
    const char* start = cur_;
    char c = *cur_;

    if (c == '\0') {  // end of input
      int last = line_count();
      int last_len = last > 0 ? static_cast<int>(line(last).size()) - 1 : 0;
      if (last == 0) last = 1;
      if (!parens_.empty()) {
        const Paren& p = parens_.back();
        eof_in_paren_ = true;
        open_paren_ = p.ch;
        open_paren_lineno_ = p.lineno;
        open_paren_col_ = p.col;
        emit_at(TokenKind::Error, last, last_len, last, last_len);
        return false;
      }
      for (std::size_t i = 1; i < indents_.size(); ++i) {
        emit_at(TokenKind::Dedent, last, last_len, last, last_len);
      }
      indents_.resize(1);
      emit_at(TokenKind::EndMarker, last, last_len, last, last_len);
      return false;
    }

    if (c == '\n') {
      ++cur_;
      bool blank = blank_line_;
      if (!blank && parens_.empty()) {
        // Its end is the newline's own column: CPython leaves the '\n' out of the token.
        emit(TokenKind::Newline, newline_start, cur_);
        tokens_.back().end_col_offset = static_cast<std::int32_t>(start - line_start_);
      }
      ++lineno_;
      line_start_ = cur_;
      at_bol_ = true;
      if (blank || !parens_.empty()) continue;
      return true;
    }

    if (c == '\\') {
      if (cur_[1] != '\n') {
        // CPython has read the character after the backslash when it gives up.
        const char* after = cur_[1] == '\0' ? cur_ + 1 : cur_ + 2;
        return error_range(lineno_, chars_before(line_start_, after), 0,
                           "unexpected character after line continuation character");
      }
      if (cur_[2] == '\0') {
        return error_range(lineno_, chars_before(line_start_, cur_ + 1), -1,
                           "unexpected EOF while parsing");
      }
      cur_ += 2;
      ++lineno_;
      line_start_ = cur_;
      continue;
    }

    if (is_ident_start(c)) return scan_name(start);
    if (is_digit(c) || (c == '.' && is_digit(cur_[1]))) return scan_number(start);
    if (c == '\'' || c == '"') return scan_string(start, start);
    return scan_operator(start);
  }
}

// Computes the indentation of a new line and queues INDENT/DEDENT tokens (CPython's atbol block).
bool Scanner::scan_indentation() {
  constexpr int kTabSize = 8;
  int col = 0;
  int altcol = 0;
  int cont_line_col = 0;
  for (;;) {
    char c = *cur_;
    if (c == ' ') {
      ++col;
      ++altcol;
    } else if (c == '\t') {
      col = (col / kTabSize + 1) * kTabSize;
      ++altcol;
    } else if (c == '\f') {
      col = altcol = 0;
    } else if (c == '\\' && cur_[1] == '\n' && cur_[2] != '\0') {
      // Indentation cannot be split with backslashes: the first one fixes the level.
      cont_line_col = cont_line_col ? cont_line_col : col;
      cur_ += 2;
      ++lineno_;
      line_start_ = cur_;
      continue;
    } else {
      break;
    }
    ++cur_;
  }
  blank_line_ = *cur_ == '#' || *cur_ == '\n';
  if (blank_line_ || !parens_.empty() || *cur_ == '\0') return true;
  if (cont_line_col) col = altcol = cont_line_col;

  auto line_end_offset = [&] {
    std::string_view text = line(lineno_);
    return static_cast<int>(support::utf8_length(text));
  };
  if (col == indents_.back()) {
    if (altcol != alt_indents_.back()) {
      return error_range(lineno_, 1, 0, "inconsistent use of tabs and spaces in indentation",
                         SyntaxErrorType::TabError);
    }
  } else if (col > indents_.back()) {
    if (static_cast<int>(indents_.size()) >= kMaxIndent) {
      return error_range(lineno_, line_end_offset(), -1, "too many levels of indentation",
                         SyntaxErrorType::IndentationError);
    }
    if (altcol <= alt_indents_.back()) {
      return error_range(lineno_, 1, 0, "inconsistent use of tabs and spaces in indentation",
                         SyntaxErrorType::TabError);
    }
    ++pending_indents_;
    indents_.push_back(col);
    alt_indents_.push_back(altcol);
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      --pending_indents_;
      indents_.pop_back();
      alt_indents_.pop_back();
    }
    if (col != indents_.back()) {
      return error_range(lineno_, line_end_offset(), -1,
                         "unindent does not match any outer indentation level",
                         SyntaxErrorType::IndentationError);
    }
    if (altcol != alt_indents_.back()) {
      return error_range(lineno_, 1, 0, "inconsistent use of tabs and spaces in indentation",
                         SyntaxErrorType::TabError);
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Names and string prefixes
// ---------------------------------------------------------------------------------------------
bool Scanner::scan_name(const char* start) {
  // A string prefix (b, r, u, f and their two-letter combinations) directly before a quote.
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  for (const char* p = start;; ++p) {
    char c = *p;
    if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
      saw_b = true;
    } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
      saw_u = true;
    } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
      saw_r = true;
    } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
      saw_f = true;
    } else {
      break;
    }
    if (p[1] == '"' || p[1] == '\'') return scan_string(start, p + 1);
  }

  const char* p = start;
  bool ascii = true;
  while (is_ident_char(*p)) {
    ascii = ascii && static_cast<unsigned char>(*p) < 128;
    ++p;
  }
  if (!ascii) {
    // CPython's verify_identifier(): report the first character that cannot be in a name.
    std::string_view text(start, static_cast<std::size_t>(p - start));
    std::size_t i = 0;
    bool first = true;
    while (i < text.size()) {
      std::size_t next = i;
      const std::uint32_t cp = support::utf8_decode(text, next);
      const std::size_t len = next - i;
      bool ok = first ? unicode::is_identifier_start(cp) : unicode::is_identifier_continue(cp);
      if (!ok) {
        const char* after = start + i + len;
        if (unicode::is_printable(cp)) {
          return error_at_cursor(after, "invalid character '" + std::string(text.substr(i, len)) +
                                            "' (U+" + hex4(cp) + ")");
        }
        return error_at_cursor(after, "invalid non-printable character U+" + hex4(cp));
      }
      first = false;
      i += len;
    }
  }
  cur_ = p;
  emit(keyword_or_name(std::string_view(start, static_cast<std::size_t>(p - start))), start, p);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------
// After a literal: a letter glued to it is an error, except the keywords that may legally follow
// a number (`1if x else y`), which CPython 3.11 still accepts.
bool Scanner::verify_end_of_number(const char* p, const char* kind) {
  char c = *p;
  bool keyword = false;
  if (c == 'a') {
    keyword = std::strncmp(p + 1, "nd", 2) == 0;
  } else if (c == 'e') {
    keyword = std::strncmp(p + 1, "lse", 3) == 0;
  } else if (c == 'f') {
    keyword = std::strncmp(p + 1, "or", 2) == 0;
  } else if (c == 'i') {
    keyword = p[1] == 'f' || p[1] == 'n' || p[1] == 's';
  } else if (c == 'o') {
    keyword = p[1] == 'r';
  } else if (c == 'n') {
    keyword = std::strncmp(p + 1, "ot", 2) == 0;
  }
  if (keyword) return true;
  if (is_ident_char(c)) {
    error_at_cursor(p, std::string("invalid ") + kind + " literal");
    return false;
  }
  return true;
}

const char* Scanner::decimal_tail(const char* p) {
  for (;;) {
    while (is_digit(*p)) ++p;
    if (*p != '_') return p;
    ++p;
    if (!is_digit(*p)) {
      error_at_cursor(p, "invalid decimal literal");
      return nullptr;
    }
  }
}

bool Scanner::scan_number(const char* start) {
  const char* p = start;
  bool fraction_or_exponent = false;
  if (*p == '.') {  // ".5"
    p = decimal_tail(p + 1);
    if (!p) return false;
    fraction_or_exponent = true;
  } else if (*p == '0' && (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' || p[1] == 'O' ||
                           p[1] == 'b' || p[1] == 'B')) {
    char base = static_cast<char>(p[1] | 0x20);
    const char* kind = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
    auto in_base = [base](char c) {
      return base == 'x'   ? is_xdigit(c)
             : base == 'o' ? (c >= '0' && c <= '7')
                           : (c == '0' || c == '1');
    };
    p += 2;
    do {
      if (*p == '_') ++p;
      if (!in_base(*p)) {
        if (base != 'x' && is_digit(*p)) {
          return error_at_cursor(p + 1,
                                 std::string("invalid digit '") + *p + "' in " + kind + " literal");
        }
        return error_at_cursor(p, std::string("invalid ") + kind + " literal");
      }
      while (in_base(*p)) ++p;
    } while (*p == '_');
    if (base != 'x' && is_digit(*p)) {
      return error_at_cursor(p + 1,
                             std::string("invalid digit '") + *p + "' in " + kind + " literal");
    }
    if (!verify_end_of_number(p, kind)) return false;
    cur_ = p;
    emit(TokenKind::Number, start, p);
    return true;
  } else if (*p == '0') {
    // "0", "00", "0_0"; a non-zero digit after leading zeros is only valid in a float.
    ++p;
    for (;;) {
      if (*p == '_') {
        ++p;
        if (!is_digit(*p)) return error_at_cursor(p, "invalid decimal literal");
      }
      if (*p != '0') break;
      ++p;
    }
    const char* zeros_end = p;
    bool nonzero = false;
    if (is_digit(*p)) {
      nonzero = true;
      p = decimal_tail(p);
      if (!p) return false;
    }
    if (*p != '.' && *p != 'e' && *p != 'E' && *p != 'j' && *p != 'J' && nonzero) {
      return error_range(
          lineno_, chars_before(line_start_, start) + 1, chars_before(line_start_, zeros_end) + 1,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
          "octal integers");
    }
  } else {
    p = decimal_tail(p);
    if (!p) return false;
  }

  if (!fraction_or_exponent && *p == '.') {
    ++p;
    if (is_digit(*p)) {
      p = decimal_tail(p);
      if (!p) return false;
    }
  }
  if (*p == 'e' || *p == 'E') {
    const char* e = p;
    ++p;
    if (*p == '+' || *p == '-') {
      ++p;
      if (!is_digit(*p)) return error_at_cursor(p, "invalid decimal literal");
    } else if (!is_digit(*p)) {
      // "1else": the literal ends before the `e`.
      if (!verify_end_of_number(e, "decimal")) return false;
      cur_ = e;
      emit(TokenKind::Number, start, e);
      return true;
    }
    p = decimal_tail(p);
    if (!p) return false;
  }
  if (*p == 'j' || *p == 'J') {
    ++p;
    if (!verify_end_of_number(p, "imaginary")) return false;
  } else if (!verify_end_of_number(p, "decimal")) {
    return false;
  }
  cur_ = p;
  emit(TokenKind::Number, start, p);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Strings: the whole literal, prefix and quotes included, is one token; the parser decodes it.
// ---------------------------------------------------------------------------------------------
bool Scanner::scan_string(const char* start, const char* quote_pos) {
  const char quote = *quote_pos;
  const int first_lineno = lineno_;
  const char* first_line_start = line_start_;
  const char* p = quote_pos + 1;
  int quote_size = 1;
  int end_quote_size = 0;
  if (*p == quote) {
    if (p[1] == quote) {
      quote_size = 3;
      p += 2;
    } else {
      end_quote_size = 1;  // the empty string
      ++p;
    }
  }
  while (end_quote_size != quote_size) {
    char c = *p;
    if (c == '\0' || (quote_size == 1 && c == '\n')) {
      int detected = c == '\0' ? line_count() : lineno_;
      int offset = chars_before(first_line_start, start) + 1;
      lineno_ = first_lineno;
      line_start_ = first_line_start;
      return error_range(first_lineno, offset, offset,
                         std::string(quote_size == 3 ? "unterminated triple-quoted string literal"
                                                     : "unterminated string literal") +
                             " (detected at line " + std::to_string(detected) + ")");
    }
    ++p;
    if (c == quote) {
      ++end_quote_size;
      continue;
    }
    end_quote_size = 0;
    if (c == '\n') {
      ++lineno_;
      line_start_ = p;
    } else if (c == '\\') {
      if (*p == '\n') {
        ++p;
        ++lineno_;
        line_start_ = p;
      } else if (*p != '\0') {
        ++p;
      }
    }
  }
  cur_ = p;
  emit(TokenKind::String, start, p);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Operators and brackets
// ---------------------------------------------------------------------------------------------
bool Scanner::scan_operator(const char* start) {
  const char c = *start;
  const char c1 = start[1];
  const char c2 = c1 == '\0' ? '\0' : start[2];
  TokenKind kind = TokenKind::Unknown;
  int len = 1;
  auto two = [&](char second, TokenKind k) {
    if (c1 == second) {
      kind = k;
      len = 2;
      return true;
    }
    return false;
  };
  switch (c) {
    case '(':
      kind = TokenKind::LPar;
      break;
    case ')':
      kind = TokenKind::RPar;
      break;
    case '[':
      kind = TokenKind::LSqb;
      break;
    case ']':
      kind = TokenKind::RSqb;
      break;
    case '{':
      kind = TokenKind::LBrace;
      break;
    case '}':
      kind = TokenKind::RBrace;
      break;
    case ',':
      kind = TokenKind::Comma;
      break;
    case ';':
      kind = TokenKind::Semi;
      break;
    case '~':
      kind = TokenKind::Tilde;
      break;
    case ':':
      kind = TokenKind::Colon;
      two('=', TokenKind::ColonEqual);
      break;
    case '+':
      kind = TokenKind::Plus;
      two('=', TokenKind::PlusEqual);
      break;
    case '-':
      kind = TokenKind::Minus;
      two('=', TokenKind::MinEqual) || two('>', TokenKind::RArrow);
      break;
    case '%':
      kind = TokenKind::Percent;
      two('=', TokenKind::PercentEqual);
      break;
    case '&':
      kind = TokenKind::Amper;
      two('=', TokenKind::AmperEqual);
      break;
    case '|':
      kind = TokenKind::VBar;
      two('=', TokenKind::VBarEqual);
      break;
    case '^':
      kind = TokenKind::Circumflex;
      two('=', TokenKind::CircumflexEqual);
      break;
    case '@':
      kind = TokenKind::At;
      two('=', TokenKind::AtEqual);
      break;
    case '=':
      kind = TokenKind::Equal;
      two('=', TokenKind::EqEqual);
      break;
    case '!':
      two('=', TokenKind::NotEqual);
      break;
    case '.':
      kind = TokenKind::Dot;
      if (c1 == '.' && c2 == '.') {
        kind = TokenKind::Ellipsis;
        len = 3;
      }
      break;
    case '*':
      kind = TokenKind::Star;
      if (c1 == '*') {
        kind = TokenKind::DoubleStar;
        len = 2;
        if (c2 == '=') {
          kind = TokenKind::DoubleStarEqual;
          len = 3;
        }
      } else {
        two('=', TokenKind::StarEqual);
      }
      break;
    case '/':
      kind = TokenKind::Slash;
      if (c1 == '/') {
        kind = TokenKind::DoubleSlash;
        len = 2;
        if (c2 == '=') {
          kind = TokenKind::DoubleSlashEqual;
          len = 3;
        }
      } else {
        two('=', TokenKind::SlashEqual);
      }
      break;
    case '<':
      kind = TokenKind::Less;
      if (c1 == '<') {
        kind = TokenKind::LeftShift;
        len = 2;
        if (c2 == '=') {
          kind = TokenKind::LeftShiftEqual;
          len = 3;
        }
      } else if (!two('=', TokenKind::LessEqual)) {
        two('>', TokenKind::NotEqual);  // `<>`: CPython tokenises it, the parser rejects it
      }
      break;
    case '>':
      kind = TokenKind::Greater;
      if (c1 == '>') {
        kind = TokenKind::RightShift;
        len = 2;
        if (c2 == '=') {
          kind = TokenKind::RightShiftEqual;
          len = 3;
        }
      } else {
        two('=', TokenKind::GreaterEqual);
      }
      break;
    default:
      if (static_cast<unsigned char>(c) < 32 || c == 127) {
        return error_at_cursor(
            start + 1, "invalid non-printable character U+" + hex4(static_cast<unsigned char>(c)));
      }
      break;
  }

  const char* end = start + len;
  if (kind == TokenKind::LPar || kind == TokenKind::LSqb || kind == TokenKind::LBrace) {
    if (static_cast<int>(parens_.size()) >= kMaxParenLevel) {
      return error_at_cursor(end, "too many nested parentheses");
    }
    parens_.push_back(
        {c, static_cast<std::int32_t>(lineno_), static_cast<std::int32_t>(start - line_start_)});
  } else if (kind == TokenKind::RPar || kind == TokenKind::RSqb || kind == TokenKind::RBrace) {
    if (parens_.empty()) return error_at_cursor(end, std::string("unmatched '") + c + "'");
    Paren open = parens_.back();
    parens_.pop_back();
    char expected = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
    if (c != expected) {
      std::string msg = std::string("closing parenthesis '") + c +
                        "' does not match opening parenthesis '" + open.ch + "'";
      if (open.lineno != lineno_) msg += " on line " + std::to_string(open.lineno);
      return error_at_cursor(end, msg);
    }
  }
  cur_ = end;
  emit(kind, start, end);
  return true;
}

}  // namespace interleave::lang
