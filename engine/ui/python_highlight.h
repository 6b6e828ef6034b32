// Python syntax colouring for the editor: a line tokeniser that carries the one piece of state that
// crosses lines (inside a triple-quoted or backslash-continued string), and a per-document cache.
// It classifies, it does not validate: any bytes give some tokens and never fail.
// Plain data with no ImGui: the UI thread owns it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ui/text_buffer.h"

namespace interleave::ui {

enum class TokenKind : std::uint8_t {
  Text,           // identifiers and anything unclassified
  Keyword,        // def, if, with, ... and the soft keywords match/case at a line start
  Constant,       // True, False, None
  Builtin,        // print, len, range, ... and the exception classes
  Self,           // self, cls
  Function,       // the name after def or class
  Number,         // 42, 0x1f, 1_000, 3.5e-3, 2j
  String,         // any string literal, prefixes and quotes included
  Interpolation,  // {expr} inside an f-string
  Comment,
  Decorator,  // @name (and its dotted tail)
  Operator,
};

struct Token {
  int begin, end;  // byte columns [begin, end)
  TokenKind kind;
};

// The lexical state between lines: outside any string, or inside one that continues.
struct LineState {
  char quote = 0;       // ' or " when inside a string
  bool triple = false;  // ''' or """
  bool fstring = false;
  bool raw = false;
  bool operator==(const LineState&) const = default;
};

// Tokenises `line` starting in state `in`; appends tokens (in order, non-overlapping, blanks
// omitted) to `out` and returns the state at the end of the line.
LineState highlight_line(std::string_view line, LineState in, std::vector<Token>* out);

class Highlighter {
 public:
  // Re-tokenises `buffer` when `version` differs from the last call (programs are small: a full
  // pass costs microseconds per line).
  void update(const TextBuffer& buffer, std::uint64_t version);
  const std::vector<Token>& tokens(int line) const {
    return lines_[static_cast<std::size_t>(line)];
  }
  int line_count() const { return static_cast<int>(lines_.size()); }

 private:
  std::vector<std::vector<Token>> lines_;
  std::uint64_t version_ = ~std::uint64_t{0};
};

}  // namespace interleave::ui
