// The editor's text: a vector of lines (without their '\n'), positions as (line, byte column) that
// always fall on UTF-8 character boundaries. Display columns expand tabs to the next multiple of 4
// and count one cell per character (the editor draws a monospace font).
// Plain data with no ImGui: the UI thread owns it; unit-tested on its own.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::ui {

struct TextPos {
  int line = 0;
  int col = 0;  // byte offset into the line
  auto operator<=>(const TextPos&) const = default;
};

class TextBuffer {
 public:
  static constexpr int kTabWidth = 4;

  TextBuffer() : lines_(1) {}
  explicit TextBuffer(std::string_view text) { set_text(text); }

  // Replaces everything; "\r\n" and lone '\r' become '\n'.
  void set_text(std::string_view text);
  std::string text() const;  // lines joined with '\n'

  int line_count() const { return static_cast<int>(lines_.size()); }
  const std::string& line(int i) const { return lines_[static_cast<std::size_t>(i)]; }
  int line_length(int i) const { return static_cast<int>(line(i).size()); }
  TextPos end() const { return {line_count() - 1, line_length(line_count() - 1)}; }

  // The nearest valid position: line and column in range, column moved back to a character start.
  TextPos clamp(TextPos p) const;

  // Inserts `text` (may hold newlines) at `at`; returns the position just after it.
  TextPos insert(TextPos at, std::string_view text);
  // Removes [from, to) and returns the removed text. Positions are ordered by the caller.
  std::string erase(TextPos from, TextPos to);
  std::string slice(TextPos from, TextPos to) const;

  // One character forward or back, crossing line ends; the ends of the buffer stay put.
  TextPos next_char(TextPos p) const;
  TextPos prev_char(TextPos p) const;

  // Display column of a byte column, and the byte column nearest a display column.
  int display_col(int line, int col) const;
  int col_at_display(int line, int display) const;

 private:
  std::vector<std::string> lines_;  // never empty
};

// Bytes in the UTF-8 sequence whose lead byte is `c` (1 for stray continuation bytes).
int utf8_length(unsigned char c);
inline bool utf8_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace interleave::ui
