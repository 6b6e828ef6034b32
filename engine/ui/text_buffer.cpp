// Line storage and UTF-8-aware position arithmetic for the editor.
#include "ui/text_buffer.h"

#include <algorithm>
#include <cstddef>

namespace interleave::ui {

int utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

void TextBuffer::set_text(std::string_view text) {
  lines_.assign(1, std::string());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines_.emplace_back();
    } else if (c == '\n') {
      lines_.emplace_back();
    } else {
      lines_.back() += c;
    }
  }
}

std::string TextBuffer::text() const {
  std::string out;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (i) out += '\n';
    out += lines_[i];
  }
  return out;
}

TextPos TextBuffer::clamp(TextPos p) const {
  p.line = std::clamp(p.line, 0, line_count() - 1);
  const std::string& s = line(p.line);
  p.col = std::clamp(p.col, 0, static_cast<int>(s.size()));
  while (p.col > 0 && p.col < static_cast<int>(s.size()) &&
         utf8_continuation(static_cast<unsigned char>(s[static_cast<std::size_t>(p.col)]))) {
    --p.col;
  }
  return p;
}

TextPos TextBuffer::insert(TextPos at, std::string_view text) {
  at = clamp(at);
  TextBuffer pieces(text);  // splits on newlines exactly as set_text does
  std::string& first = lines_[static_cast<std::size_t>(at.line)];
  const std::string tail = first.substr(static_cast<std::size_t>(at.col));
  first.erase(static_cast<std::size_t>(at.col));
  first += pieces.lines_.front();
  if (pieces.lines_.size() == 1) {
    const int col = static_cast<int>(first.size());
    first += tail;
    return {at.line, col};
  }
  pieces.lines_.back() += tail;
  const int end_col = static_cast<int>(pieces.lines_.back().size() - tail.size());
  lines_.insert(lines_.begin() + at.line + 1, std::make_move_iterator(pieces.lines_.begin() + 1),
                std::make_move_iterator(pieces.lines_.end()));
  return {at.line + static_cast<int>(pieces.lines_.size()) - 1, end_col};
}

std::string TextBuffer::slice(TextPos from, TextPos to) const {
  from = clamp(from);
  to = clamp(to);
  if (to <= from) return {};
  if (from.line == to.line) {
    return line(from.line).substr(static_cast<std::size_t>(from.col),
                                  static_cast<std::size_t>(to.col - from.col));
  }
  std::string out = line(from.line).substr(static_cast<std::size_t>(from.col));
  for (int i = from.line + 1; i < to.line; ++i) out += '\n' + line(i);
  out += '\n' + line(to.line).substr(0, static_cast<std::size_t>(to.col));
  return out;
}

std::string TextBuffer::erase(TextPos from, TextPos to) {
  from = clamp(from);
  to = clamp(to);
  if (to <= from) return {};
  std::string removed = slice(from, to);
  std::string& first = lines_[static_cast<std::size_t>(from.line)];
  const std::string tail = line(to.line).substr(static_cast<std::size_t>(to.col));
  first.erase(static_cast<std::size_t>(from.col));
  first += tail;
  lines_.erase(lines_.begin() + from.line + 1, lines_.begin() + to.line + 1);
  return removed;
}

TextPos TextBuffer::next_char(TextPos p) const {
  p = clamp(p);
  const std::string& s = line(p.line);
  if (p.col < static_cast<int>(s.size())) {
    const int n = utf8_length(static_cast<unsigned char>(s[static_cast<std::size_t>(p.col)]));
    return clamp({p.line, std::min(p.col + n, static_cast<int>(s.size()))});
  }
  if (p.line + 1 < line_count()) return {p.line + 1, 0};
  return p;
}

TextPos TextBuffer::prev_char(TextPos p) const {
  p = clamp(p);
  if (p.col > 0) return clamp({p.line, p.col - 1});
  if (p.line > 0) return {p.line - 1, line_length(p.line - 1)};
  return p;
}

int TextBuffer::display_col(int line_index, int col) const {
  const std::string& s = line(line_index);
  const int end = std::clamp(col, 0, static_cast<int>(s.size()));
  int display = 0;
  for (int i = 0; i < end;) {
    const unsigned char c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    display = c == '\t' ? (display / kTabWidth + 1) * kTabWidth : display + 1;
    i += utf8_length(c);
  }
  return display;
}

int TextBuffer::col_at_display(int line_index, int display) const {
  const std::string& s = line(line_index);
  int current = 0;
  int i = 0;
  while (i < static_cast<int>(s.size())) {
    const unsigned char c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    const int next = c == '\t' ? (current / kTabWidth + 1) * kTabWidth : current + 1;
    if (display < next) {
      // Nearer to the right edge of this character: the position after it.
      return (display - current) * 2 >= (next - current) ? i + utf8_length(c) : i;
    }
    current = next;
    i += utf8_length(c);
  }
  return static_cast<int>(s.size());
}

}  // namespace interleave::ui
