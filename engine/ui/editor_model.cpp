// Editing commands over TextBuffer with undo groups. Word motion follows the usual code-editor
// convention: a word is a run of identifier characters or a run of punctuation; blanks are skipped.
#include "ui/editor_model.h"

#include <algorithm>
#include <cctype>

namespace interleave::ui {
namespace {

enum class CharClass { Blank, Word, Punct };

CharClass char_class(unsigned char c) {
  if (c == ' ' || c == '\t') return CharClass::Blank;
  if (c >= 0x80 || std::isalnum(c) || c == '_') return CharClass::Word;
  return CharClass::Punct;
}

int leading_blanks(const std::string& line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) &&
         (line[static_cast<std::size_t>(n)] == ' ' || line[static_cast<std::size_t>(n)] == '\t')) {
    ++n;
  }
  return n;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The code of a line without a trailing comment (a '#' outside quotes), right-trimmed.
std::string_view code_part(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#') {
      return trim_right(line.substr(0, i));
    }
  }
  return trim_right(line);
}

// Statements after which the next line goes back one level.
bool ends_block(std::string_view code) {
  while (!code.empty() && (code.front() == ' ' || code.front() == '\t')) code.remove_prefix(1);
  for (std::string_view word : {"return", "pass", "break", "continue", "raise"}) {
    if (code.substr(0, word.size()) == word &&
        (code.size() == word.size() ||
         char_class(static_cast<unsigned char>(code[word.size()])) != CharClass::Word)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void EditorModel::set_text(std::string_view text) {
  buffer_.set_text(text);
  sel_ = {};
  undo_.clear();
  goal_display_ = -1;
  ++version_;
  ++cursor_version_;
}

std::string EditorModel::selected_text() const {
  return buffer_.slice(sel_.begin(), sel_.end());
}

// ---- movement ----

void EditorModel::moved(TextPos cursor, bool extend) {
  sel_.cursor = buffer_.clamp(cursor);
  if (!extend) sel_.anchor = sel_.cursor;
  undo_.seal();
  ++cursor_version_;
}

void EditorModel::set_cursor(TextPos p, bool extend) {
  goal_display_ = -1;
  moved(p, extend);
}

void EditorModel::move_left(bool extend) {
  goal_display_ = -1;
  if (!extend && !sel_.empty()) return moved(sel_.begin(), false);
  moved(buffer_.prev_char(sel_.cursor), extend);
}

void EditorModel::move_right(bool extend) {
  goal_display_ = -1;
  if (!extend && !sel_.empty()) return moved(sel_.end(), false);
  moved(buffer_.next_char(sel_.cursor), extend);
}

void EditorModel::move_up(bool extend, int lines) {
  const TextPos c = sel_.cursor;
  if (goal_display_ < 0) goal_display_ = buffer_.display_col(c.line, c.col);
  if (c.line == 0) return moved({0, 0}, extend);
  const int line = std::max(0, c.line - lines);
  moved({line, buffer_.col_at_display(line, goal_display_)}, extend);
}

void EditorModel::move_down(bool extend, int lines) {
  const TextPos c = sel_.cursor;
  if (goal_display_ < 0) goal_display_ = buffer_.display_col(c.line, c.col);
  const int last = buffer_.line_count() - 1;
  if (c.line == last) return moved(buffer_.end(), extend);
  const int line = std::min(last, c.line + lines);
  moved({line, buffer_.col_at_display(line, goal_display_)}, extend);
}

TextPos EditorModel::word_left(TextPos p) const {
  if (p.col == 0) return buffer_.prev_char(p);
  const std::string& s = buffer_.line(p.line);
  auto cls = [&](int i) {
    return char_class(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
  };
  int i = p.col;
  while (i > 0 && cls(i - 1) == CharClass::Blank) --i;
  if (i > 0) {
    const CharClass k = cls(i - 1);
    while (i > 0 && cls(i - 1) == k) --i;
  }
  return {p.line, i};
}

TextPos EditorModel::word_right(TextPos p) const {
  const std::string& s = buffer_.line(p.line);
  const int n = static_cast<int>(s.size());
  if (p.col >= n) return buffer_.next_char(p);
  auto cls = [&](int i) {
    return char_class(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
  };
  int i = p.col;
  while (i < n && cls(i) == CharClass::Blank) ++i;
  if (i < n) {
    const CharClass k = cls(i);
    while (i < n && cls(i) == k) ++i;
  }
  return {p.line, i};
}

void EditorModel::move_word_left(bool extend) {
  goal_display_ = -1;
  moved(word_left(sel_.cursor), extend);
}

void EditorModel::move_word_right(bool extend) {
  goal_display_ = -1;
  moved(word_right(sel_.cursor), extend);
}

void EditorModel::move_home(bool extend) {
  goal_display_ = -1;
  const TextPos c = sel_.cursor;
  const int indent = leading_blanks(buffer_.line(c.line));
  moved({c.line, c.col == indent ? 0 : indent}, extend);
}

void EditorModel::move_end(bool extend) {
  goal_display_ = -1;
  moved({sel_.cursor.line, buffer_.line_length(sel_.cursor.line)}, extend);
}

void EditorModel::move_doc_start(bool extend) {
  goal_display_ = -1;
  moved({0, 0}, extend);
}

void EditorModel::move_doc_end(bool extend) {
  goal_display_ = -1;
  moved(buffer_.end(), extend);
}

void EditorModel::select_all() {
  goal_display_ = -1;
  sel_.anchor = {0, 0};
  moved(buffer_.end(), true);
}

void EditorModel::select_word(TextPos p) {
  p = buffer_.clamp(p);
  const std::string& s = buffer_.line(p.line);
  const int n = static_cast<int>(s.size());
  if (n == 0) return set_cursor(p, false);
  const int at = std::min(p.col, n - 1);
  auto cls = [&](int i) {
    return char_class(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
  };
  const CharClass k = cls(at);
  int b = at, e = at;
  while (b > 0 && cls(b - 1) == k) --b;
  while (e < n && cls(e) == k) ++e;
  goal_display_ = -1;
  sel_.anchor = {p.line, b};
  moved({p.line, e}, true);
}

void EditorModel::select_line(int line) {
  line = std::clamp(line, 0, buffer_.line_count() - 1);
  goal_display_ = -1;
  sel_.anchor = {line, 0};
  const TextPos end = line + 1 < buffer_.line_count() ? TextPos{line + 1, 0}
                                                      : TextPos{line, buffer_.line_length(line)};
  moved(end, true);
}

// ---- editing ----

void EditorModel::begin_edit(EditKind kind) {
  pending_ = UndoGroup{{}, sel_, sel_, kind};
  merge_ = false;
  if (kind == EditKind::Other || !sel_.empty()) return;
  const UndoGroup* open = undo_.open_group();
  merge_ = open && open->kind == kind && open->after == sel_;
}

void EditorModel::replace(TextPos from, TextPos to, std::string_view text) {
  TextChange change{from, buffer_.erase(from, to), std::string(text)};
  buffer_.insert(from, text);
  pending_.changes.push_back(std::move(change));
}

void EditorModel::end_edit() {
  pending_.after = sel_;
  goal_display_ = -1;
  ++version_;
  ++cursor_version_;
  if (pending_.changes.empty()) return;
  UndoGroup* open = merge_ ? undo_.open_group() : nullptr;
  if (open) {
    for (TextChange& c : pending_.changes) open->changes.push_back(std::move(c));
    open->after = pending_.after;
  } else {
    undo_.push(std::move(pending_));
  }
  pending_ = {};
}

bool EditorModel::insert(std::string_view text) {
  if (read_only_ || (text.empty() && sel_.empty())) return false;
  // One typed character that is not a word boundary continues the current undo step.
  const bool typed = text.size() <= 4 && text.find('\n') == std::string_view::npos;
  EditKind kind = typed ? EditKind::Typing : EditKind::Other;
  if (typed && !text.empty() &&
      char_class(static_cast<unsigned char>(text[0])) == CharClass::Blank && sel_.cursor.col > 0 &&
      char_class(static_cast<unsigned char>(buffer_.line(
          sel_.cursor.line)[static_cast<std::size_t>(sel_.cursor.col - 1)])) != CharClass::Blank) {
    undo_.seal();  // a space after a word starts a new step: Ctrl+Z takes back whole words
  }
  begin_edit(kind);
  const TextPos from = sel_.begin();
  replace(from, sel_.end(), text);
  sel_.anchor = sel_.cursor = end_of_insert(from, std::string(text));
  end_edit();
  return true;
}

bool EditorModel::newline() {
  if (read_only_) return false;
  const TextPos from = sel_.begin();
  const std::string& line = buffer_.line(from.line);
  const std::string before = line.substr(0, static_cast<std::size_t>(from.col));
  std::string indent = before.substr(0, static_cast<std::size_t>(leading_blanks(before)));
  const std::string_view code = code_part(before);
  if (!code.empty() && code.back() == ':') {
    indent += std::string(kIndent, ' ');
  } else if (ends_block(code) && indent.size() >= kIndent) {
    indent.resize(indent.size() - kIndent);
  }
  // Blanks left at the cursor would become trailing blanks on this line or leading ones on the
  // next.
  TextPos start = from;
  while (start.col > 0 && (line[static_cast<std::size_t>(start.col - 1)] == ' ') &&
         start.col > static_cast<int>(code.size())) {
    --start.col;
  }
  if (code.empty()) start.col = from.col;  // a blank line keeps its indent as typed
  TextPos to = sel_.end();
  const std::string& end_line = buffer_.line(to.line);
  while (to.col < static_cast<int>(end_line.size()) &&
         end_line[static_cast<std::size_t>(to.col)] == ' ') {
    ++to.col;
  }
  begin_edit(EditKind::Other);
  replace(start, to, "\n" + indent);
  sel_.anchor = sel_.cursor = {start.line + 1, static_cast<int>(indent.size())};
  end_edit();
  return true;
}

bool EditorModel::tab() {
  if (read_only_) return false;
  if (sel_.begin().line == sel_.end().line) {
    const int display = buffer_.display_col(sel_.begin().line, sel_.begin().col);
    return insert(std::string(static_cast<std::size_t>(kIndent - display % kIndent), ' '));
  }
  const TextPos b = sel_.begin(), e = sel_.end();
  const int last = e.col == 0 ? e.line - 1 : e.line;  // a selection ending at column 0 stops before
  begin_edit(EditKind::Other);
  Selection s = sel_;
  for (int l = b.line; l <= last; ++l) {
    if (buffer_.line_length(l) == 0) continue;  // no trailing blanks on empty lines
    replace({l, 0}, {l, 0}, std::string(kIndent, ' '));
    // Column 0 stays put, so a selection of whole lines still covers whole lines.
    for (TextPos* p : {&s.anchor, &s.cursor}) {
      if (p->line == l && p->col > 0) p->col += kIndent;
    }
  }
  sel_ = s;
  end_edit();
  return true;
}

bool EditorModel::untab() {
  if (read_only_) return false;
  const TextPos b = sel_.begin(), e = sel_.end();
  const int last = (e.col == 0 && e.line > b.line) ? e.line - 1 : e.line;
  begin_edit(EditKind::Other);
  Selection s = sel_;
  for (int l = b.line; l <= last; ++l) {
    const std::string& line = buffer_.line(l);
    int n = 0;
    while (n < kIndent && n < static_cast<int>(line.size()) &&
           line[static_cast<std::size_t>(n)] == ' ')
      ++n;
    if (n == 0 && !line.empty() && line[0] == '\t') n = 1;
    if (n == 0) continue;
    replace({l, 0}, {l, n}, "");
    for (TextPos* p : {&s.anchor, &s.cursor}) {
      if (p->line == l) p->col = std::max(0, p->col - n);
    }
  }
  sel_ = s;
  const bool changed = !pending_.changes.empty();
  end_edit();
  return changed;
}

bool EditorModel::delete_range(TextPos from, TextPos to, EditKind kind) {
  if (read_only_ || from == to) return false;
  begin_edit(kind);
  replace(from, to, "");
  sel_.anchor = sel_.cursor = from;
  end_edit();
  return true;
}

bool EditorModel::backspace() {
  if (!sel_.empty()) return delete_range(sel_.begin(), sel_.end(), EditKind::Other);
  const TextPos c = sel_.cursor;
  const std::string& line = buffer_.line(c.line);
  if (c.col > 0 && leading_blanks(line) >= c.col &&
      line.find('\t') == std::string::npos) {  // inside the indentation: back one indent stop
    const int stop = (c.col - 1) / kIndent * kIndent;
    return delete_range({c.line, stop}, c, EditKind::Deleting);
  }
  return delete_range(buffer_.prev_char(c), c, EditKind::Deleting);
}

bool EditorModel::delete_forward() {
  if (!sel_.empty()) return delete_range(sel_.begin(), sel_.end(), EditKind::Other);
  return delete_range(sel_.cursor, buffer_.next_char(sel_.cursor), EditKind::Other);
}

bool EditorModel::delete_word_left() {
  if (!sel_.empty()) return delete_range(sel_.begin(), sel_.end(), EditKind::Other);
  return delete_range(word_left(sel_.cursor), sel_.cursor, EditKind::Other);
}

bool EditorModel::delete_word_right() {
  if (!sel_.empty()) return delete_range(sel_.begin(), sel_.end(), EditKind::Other);
  return delete_range(sel_.cursor, word_right(sel_.cursor), EditKind::Other);
}

bool EditorModel::cut(std::string* out) {
  if (sel_.empty()) return false;
  *out = selected_text();
  return delete_range(sel_.begin(), sel_.end(), EditKind::Other);
}

void EditorModel::restore(const Selection& s) {
  sel_ = {buffer_.clamp(s.anchor), buffer_.clamp(s.cursor)};
  goal_display_ = -1;
  ++version_;
  ++cursor_version_;
}

bool EditorModel::undo() {
  if (read_only_) return false;
  const UndoGroup* g = undo_.undo();
  if (!g) return false;
  for (auto it = g->changes.rbegin(); it != g->changes.rend(); ++it) {
    buffer_.erase(it->at, end_of_insert(it->at, it->inserted));
    buffer_.insert(it->at, it->removed);
  }
  restore(g->before);
  return true;
}

bool EditorModel::redo() {
  if (read_only_) return false;
  const UndoGroup* g = undo_.redo();
  if (!g) return false;
  for (const TextChange& c : g->changes) {
    buffer_.erase(c.at, end_of_insert(c.at, c.removed));
    buffer_.insert(c.at, c.inserted);
  }
  restore(g->after);
  return true;
}

}  // namespace interleave::ui
