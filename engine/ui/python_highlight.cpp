// The tokeniser follows Python's lexical rules closely enough for colouring: string prefixes
// (r, b, u, f and pairs), implicit continuation of triple-quoted strings, f-string replacement
// fields with {{ }} escapes, numeric literals with underscores, exponents and the j suffix.
#include "ui/python_highlight.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <iterator>

namespace interleave::ui {
namespace {

constexpr std::string_view kKeywords[] = {
    "and",    "as",   "assert", "async",  "await",  "break",   "class",    "continue",
    "def",    "del",  "elif",   "else",   "except", "finally", "for",      "from",
    "global", "if",   "import", "in",     "is",     "lambda",  "nonlocal", "not",
    "or",     "pass", "raise",  "return", "try",    "while",   "with",     "yield"};

constexpr std::string_view kConstants[] = {"True", "False", "None"};

constexpr std::string_view kBuiltins[] = {"abs",
                                          "all",
                                          "any",
                                          "ascii",
                                          "bin",
                                          "bool",
                                          "breakpoint",
                                          "bytearray",
                                          "bytes",
                                          "callable",
                                          "chr",
                                          "classmethod",
                                          "compile",
                                          "complex",
                                          "delattr",
                                          "dict",
                                          "dir",
                                          "divmod",
                                          "enumerate",
                                          "eval",
                                          "exec",
                                          "filter",
                                          "float",
                                          "format",
                                          "frozenset",
                                          "getattr",
                                          "globals",
                                          "hasattr",
                                          "hash",
                                          "help",
                                          "hex",
                                          "id",
                                          "input",
                                          "int",
                                          "isinstance",
                                          "issubclass",
                                          "iter",
                                          "len",
                                          "list",
                                          "locals",
                                          "map",
                                          "max",
                                          "memoryview",
                                          "min",
                                          "next",
                                          "object",
                                          "oct",
                                          "open",
                                          "ord",
                                          "pow",
                                          "print",
                                          "property",
                                          "range",
                                          "repr",
                                          "reversed",
                                          "round",
                                          "set",
                                          "setattr",
                                          "slice",
                                          "sorted",
                                          "staticmethod",
                                          "str",
                                          "sum",
                                          "super",
                                          "tuple",
                                          "type",
                                          "vars",
                                          "zip",
                                          "__import__",
                                          "__name__",
                                          "__file__",
                                          "BaseException",
                                          "Exception",
                                          "ArithmeticError",
                                          "AssertionError",
                                          "AttributeError",
                                          "EOFError",
                                          "ImportError",
                                          "IndexError",
                                          "KeyError",
                                          "KeyboardInterrupt",
                                          "MemoryError",
                                          "NameError",
                                          "NotImplementedError",
                                          "OSError",
                                          "OverflowError",
                                          "RecursionError",
                                          "RuntimeError",
                                          "StopIteration",
                                          "SyntaxError",
                                          "SystemExit",
                                          "TypeError",
                                          "ValueError",
                                          "ZeroDivisionError",
                                          "TimeoutError",
                                          "NotImplemented"};

template <std::size_t N>
bool in(const std::string_view (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

bool ident_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool ident_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}

class LineLexer {
 public:
  LineLexer(std::string_view line, std::vector<Token>* out) : s_(line), out_(out) {}

  LineState run(LineState state) {
    if (state.quote) state = string_body(state);
    while (i_ < size() && !state.quote) state = token(state);
    return state;
  }

 private:
  int size() const { return static_cast<int>(s_.size()); }
  unsigned char at(int i) const {
    return i < size() ? static_cast<unsigned char>(s_[static_cast<std::size_t>(i)]) : 0;
  }
  void emit(int begin, int end, TokenKind kind) {
    if (end <= begin) return;
    // Adjacent pieces of one kind join, so a string with escapes stays one token.
    if (!out_->empty() && out_->back().kind == kind && out_->back().end == begin) {
      out_->back().end = end;
    } else {
      out_->push_back({begin, end, kind});
    }
  }

  LineState token(LineState state) {
    const int start = i_;
    const unsigned char c = at(i_);
    if (c == ' ' || c == '\t' || c == '\f') {
      ++i_;
      return state;
    }
    if (c == '#') {
      emit(i_, size(), TokenKind::Comment);
      i_ = size();
      return state;
    }
    if (c == '@' && only_blanks_before(i_)) return decorator(), state;
    if (std::isdigit(c) || (c == '.' && std::isdigit(at(i_ + 1)))) return number(), state;
    if (ident_start(c)) {
      // A string prefix (r, b, u, f and two-letter mixes) directly followed by a quote.
      int j = i_;
      bool raw = false, fmt = false, ok = true;
      while (j < size() && j - i_ < 2 && std::isalpha(at(j))) {
        const char p = static_cast<char>(std::tolower(at(j)));
        if (p == 'r')
          raw = true;
        else if (p == 'f')
          fmt = true;
        else if (p != 'b' && p != 'u')
          ok = false;
        ++j;
      }
      if (ok && j > i_ && (at(j) == '\'' || at(j) == '"')) {
        i_ = j;
        return string_start(start, raw, fmt);
      }
      return word(), state;
    }
    if (c == '\'' || c == '"') return string_start(start, false, false);
    if (std::ispunct(c)) {
      ++i_;
      emit(start, i_, TokenKind::Operator);
      return state;
    }
    i_ += utf8_length(c);
    emit(start, i_, TokenKind::Text);
    return state;
  }

  bool only_blanks_before(int i) const {
    for (int k = 0; k < i; ++k) {
      if (at(k) != ' ' && at(k) != '\t') return false;
    }
    return true;
  }

  void decorator() {
    const int start = i_++;
    while (i_ < size() && (ident_char(at(i_)) || at(i_) == '.')) ++i_;
    emit(start, i_, TokenKind::Decorator);
  }

  void number() {
    const int start = i_;
    if (at(i_) == '0' && std::isalpha(at(i_ + 1)) && std::strchr("xXoObB", at(i_ + 1))) {
      i_ += 2;
      while (std::isxdigit(at(i_)) || at(i_) == '_') ++i_;
    } else {
      while (std::isdigit(at(i_)) || at(i_) == '_') ++i_;
      if (at(i_) == '.') {
        ++i_;
        while (std::isdigit(at(i_)) || at(i_) == '_') ++i_;
      }
      if ((at(i_) == 'e' || at(i_) == 'E') &&
          (std::isdigit(at(i_ + 1)) ||
           ((at(i_ + 1) == '+' || at(i_ + 1) == '-') && std::isdigit(at(i_ + 2))))) {
        i_ += 2;
        while (std::isdigit(at(i_)) || at(i_) == '_') ++i_;
      }
      if (at(i_) == 'j' || at(i_) == 'J') ++i_;
    }
    emit(start, i_, TokenKind::Number);
  }

  void word() {
    const int start = i_;
    while (i_ < size() && ident_char(at(i_))) ++i_;
    const std::string_view w =
        s_.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i_ - start));
    TokenKind kind = TokenKind::Text;
    if (after_def_) {
      kind = TokenKind::Function;
    } else if (in(kKeywords, w)) {
      kind = TokenKind::Keyword;
    } else if (in(kConstants, w)) {
      kind = TokenKind::Constant;
    } else if (w == "self" || w == "cls") {
      kind = TokenKind::Self;
    } else if (in(kBuiltins, w) && !after_dot(start)) {
      kind = TokenKind::Builtin;
    } else if ((w == "match" || w == "case") && only_blanks_before(start) && starts_subject()) {
      kind = TokenKind::Keyword;  // soft keywords, only where they start a statement
    }
    after_def_ = kind == TokenKind::Keyword && (w == "def" || w == "class");
    emit(start, i_, kind);
  }

  // After a soft keyword comes its subject (`match command:`), never an operator (`match = 3`).
  bool starts_subject() const {
    if (at(i_) != ' ') return false;
    int k = i_;
    while (at(k) == ' ') ++k;
    const unsigned char c = at(k);
    return ident_start(c) || std::isdigit(c) || c == '\'' || c == '"' || c == '(' || c == '[' ||
           c == '{' || c == '-';
  }

  // `x.print` is an attribute, not the builtin.
  bool after_dot(int start) const {
    int k = start - 1;
    while (k >= 0 && at(k) == ' ') --k;
    return k >= 0 && at(k) == '.';
  }

  LineState string_start(int start, bool raw, bool fmt) {
    const char q = static_cast<char>(at(i_));
    LineState state{q, false, fmt, raw};
    if (at(i_ + 1) == static_cast<unsigned char>(q) &&
        at(i_ + 2) == static_cast<unsigned char>(q)) {
      state.triple = true;
      i_ += 3;
    } else {
      ++i_;
    }
    emit(start, i_, TokenKind::String);
    return string_body(state);
  }

  // Scans string contents from i_ until the closing quote or the end of the line.
  LineState string_body(LineState state) {
    const unsigned char q = static_cast<unsigned char>(state.quote);
    int piece = i_;
    while (i_ < size()) {
      const unsigned char c = at(i_);
      if (c == '\\') {
        i_ += 2;  // an escape (raw strings too: r"\"" does not end at the escaped quote)
        continue;
      }
      if (state.fstring && c == '{') {
        if (at(i_ + 1) == '{') {
          i_ += 2;
          continue;
        }
        emit(piece, i_, TokenKind::String);
        const int open = i_;
        int depth = 0;
        while (i_ < size()) {
          if (at(i_) == '{') ++depth;
          if (at(i_) == '}' && --depth == 0) {
            ++i_;
            break;
          }
          if (at(i_) == q && !state.triple) break;  // unterminated field: let the quote end it
          ++i_;
        }
        emit(open, i_, TokenKind::Interpolation);
        piece = i_;
        continue;
      }
      if (c == q) {
        if (!state.triple) {
          ++i_;
          emit(piece, i_, TokenKind::String);
          return {};
        }
        if (at(i_ + 1) == q && at(i_ + 2) == q) {
          i_ += 3;
          emit(piece, i_, TokenKind::String);
          return {};
        }
      }
      ++i_;
    }
    i_ = std::min(i_, size());
    emit(piece, i_, TokenKind::String);
    // A one-line string goes on to the next line only after a trailing backslash.
    if (!state.triple && !(size() > 0 && at(size() - 1) == '\\')) return {};
    return state;
  }

  std::string_view s_;
  std::vector<Token>* out_;
  int i_ = 0;
  bool after_def_ = false;
};

}  // namespace

LineState highlight_line(std::string_view line, LineState in, std::vector<Token>* out) {
  return LineLexer(line, out).run(in);
}

void Highlighter::update(const TextBuffer& buffer, std::uint64_t version) {
  if (version == version_ && static_cast<int>(lines_.size()) == buffer.line_count()) return;
  version_ = version;
  lines_.resize(static_cast<std::size_t>(buffer.line_count()));
  LineState state;
  for (int i = 0; i < buffer.line_count(); ++i) {
    auto& tokens = lines_[static_cast<std::size_t>(i)];
    tokens.clear();
    state = highlight_line(buffer.line(i), state, &tokens);
  }
}

}  // namespace interleave::ui
