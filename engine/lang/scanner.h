// The scanner: UTF-8 Python source -> tokens, following CPython 3.11's tokenizer (Parser/
// tokenizer.c) rule for rule, including its error messages and error positions. The source is
// first normalised (BOM dropped, \r\n and \r turned into \n, a final \n added); every token's text
// views that normalised buffer, so a Scanner must outlive its tokens. Not copyable or movable.
// One Scanner per parse; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/syntax_error.h"
#include "lang/token.h"

namespace interleave::lang {

// The limits CPython's tokenizer enforces (MAXINDENT, MAXLEVEL).
inline constexpr int kMaxIndent = 100;
inline constexpr int kMaxParenLevel = 200;

class Scanner {
 public:
  // Tokenises the whole source at once. On a tokenizer error the token list ends with an Error
  // token placed where the error was found, and error() describes it.
  Scanner(std::string_view source, std::string_view filename);
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  const std::vector<Token>& tokens() const { return tokens_; }

  // The tokenizer error, if any (filename unset). Either a real error (invalid literal, bad
  // indentation, unterminated string, ...) or, when eof_in_paren() is true, the end of input was
  // reached inside brackets: CPython reports that one only if the parser fails.
  const std::optional<SyntaxError>& error() const { return error_; }
  bool eof_in_paren() const { return eof_in_paren_; }
  // The innermost unclosed bracket at end of input (valid when eof_in_paren()).
  char open_paren() const { return open_paren_; }
  int open_paren_lineno() const { return open_paren_lineno_; }
  int open_paren_col() const { return open_paren_col_; }

  // The normalised source, and one line of it (1-based) with its '\n' ("" past the end).
  const std::string& source() const { return source_; }
  std::string_view line(int lineno) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  struct Paren {
    char ch;
    std::int32_t lineno;
    std::int32_t col;
  };

  void normalise(std::string_view source);
  void run();
  bool next_token();  // false once EndMarker or Error was emitted
  bool scan_indentation();
  bool scan_number(const char* start);
  bool scan_string(const char* start, const char* quote);
  bool scan_name(const char* start);
  bool scan_operator(const char* start);
  bool verify_end_of_number(const char* p, const char* kind);
  const char* decimal_tail(const char* p);  // nullptr after reporting an error

  void emit(TokenKind kind, const char* start, const char* end);
  void emit_at(TokenKind kind, int lineno, int col, int end_lineno, int end_col);
  // Error at the cursor in CPython's `syntaxerror(tok, ...)` sense: offset counts the characters of
  // the line before `cur`.
  bool error_at_cursor(const char* cur, std::string msg);
  bool error_range(int lineno, int offset, int end_offset, std::string msg,
                   SyntaxErrorType type = SyntaxErrorType::SyntaxError);
  int chars_before(const char* line_start, const char* p) const;

  std::string filename_;
  std::string source_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<Token> tokens_;
  std::optional<SyntaxError> error_;
  bool eof_in_paren_ = false;
  char open_paren_ = 0;
  int open_paren_lineno_ = 0;
  int open_paren_col_ = 0;

  // Cursor state.
  const char* cur_ = nullptr;
  const char* line_start_ = nullptr;
  int lineno_ = 1;
  bool at_bol_ = true;
  bool blank_line_ = false;  // the current line holds only blanks and a comment
  int pending_indents_ = 0;  // > 0: INDENTs to emit; < 0: DEDENTs
  std::vector<int> indents_{0};
  std::vector<int> alt_indents_{0};
  std::vector<Paren> parens_;
};

}  // namespace interleave::lang
