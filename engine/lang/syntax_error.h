// A compile-time error as CPython reports it (SyntaxError, IndentationError, TabError) and its
// rendering in CPython 3.11's traceback layout. Plain data: any thread.
// Invariant: lineno/offset/end_offset are 1-based like CPython's attributes; 0 means unknown.
// As when CPython 3.11 runs a file, tokenizer errors count columns in characters, parser and
// compiler errors in UTF-8 bytes.
#pragma once

#include <string>
#include <string_view>

namespace interleave::lang {

enum class SyntaxErrorType { SyntaxError, IndentationError, TabError };

struct SyntaxError {
  SyntaxErrorType type = SyntaxErrorType::SyntaxError;
  std::string msg;
  std::string filename;
  int lineno = 0;
  int offset = 0;  // 1-based column of the first caret
  int end_lineno = 0;
  int end_offset = 0;  // 1-based column one past the last caret; 0 or <= offset: a single caret
  std::string text;    // the offending source line, with its newline, as CPython stores it
};

// "SyntaxError" / "IndentationError" / "TabError".
const char* type_name(SyntaxErrorType type);

// Builds an error located at a position of `source` given as in the AST (lineno 1-based,
// col_offset 0-based in UTF-8 bytes), filling `text`. For the compiler too ("'return' outside
// function"): pass the node's position. end_col_offset < 0: a single caret.
SyntaxError make_syntax_error(SyntaxErrorType type, std::string msg, std::string_view source,
                              std::string_view filename, int lineno, int col_offset,
                              int end_lineno = 0, int end_col_offset = -1);

// The lines CPython 3.11 prints for an uncaught SyntaxError, ending in a newline:
//     File "prog.py", line 3
//       x = (1 +
//           ^
//   SyntaxError: '(' was never closed
std::string format_syntax_error(const SyntaxError& error);

}  // namespace interleave::lang
