// The code editor's model: text, selection, editing commands and undo, with Python-aware
// indentation (Enter keeps the indent and adds a level after ':', Tab inserts 4 spaces). It knows
// nothing of ImGui, so every command is unit-tested; code_editor.cpp maps keys and mouse onto it.
// Invariant: the selection is always valid in the buffer. UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ui/text_buffer.h"
#include "ui/undo_stack.h"

namespace interleave::ui {

class EditorModel {
 public:
  static constexpr int kIndent = 4;

  // A new document: the text replaced, the cursor at the start, the undo history emptied.
  void set_text(std::string_view text);
  std::string text() const { return buffer_.text(); }
  const TextBuffer& buffer() const { return buffer_; }

  const Selection& selection() const { return sel_; }
  TextPos cursor() const { return sel_.cursor; }
  std::string selected_text() const;

  // Increments on every change of the text: caches (highlighting, "modified") compare it.
  std::uint64_t version() const { return version_; }
  // Increments whenever the cursor moves: the view scrolls it into sight.
  std::uint64_t cursor_version() const { return cursor_version_; }

  void set_read_only(bool read_only) { read_only_ = read_only; }
  bool read_only() const { return read_only_; }

  // Movement. `extend` keeps the anchor (Shift held) and so grows the selection.
  void set_cursor(TextPos p, bool extend);
  void move_left(bool extend);
  void move_right(bool extend);
  void move_up(bool extend, int lines = 1);
  void move_down(bool extend, int lines = 1);
  void move_word_left(bool extend);
  void move_word_right(bool extend);
  void move_home(bool extend);  // first non-blank of the line, then column 0 (toggles)
  void move_end(bool extend);
  void move_doc_start(bool extend);
  void move_doc_end(bool extend);
  void select_all();
  void select_word(TextPos p);  // double click
  void select_line(int line);   // triple click or a click in the gutter

  // Editing; each returns false (and changes nothing) in read-only mode or when there is nothing
  // to do. Each is one undo step, except that runs of typing or deleting merge.
  bool insert(std::string_view text);  // typing and paste: replaces the selection
  bool newline();                      // Enter, with auto-indent
  bool tab();                          // 4 spaces, or indents every selected line
  bool untab();                        // Shift+Tab: dedents the current or selected lines
  bool backspace();                    // in leading blanks, back to the previous indent stop
  bool delete_forward();
  bool delete_word_left();
  bool delete_word_right();
  bool cut(std::string* out);
  bool undo();
  bool redo();
  bool can_undo() const { return undo_.can_undo(); }
  bool can_redo() const { return undo_.can_redo(); }

 private:
  // Starts, adds to and finishes one undo group.
  void begin_edit(EditKind kind);
  void replace(TextPos from, TextPos to, std::string_view text);
  void end_edit();
  bool delete_range(TextPos from, TextPos to, EditKind kind);
  void moved(TextPos cursor, bool extend);
  TextPos word_left(TextPos p) const;
  TextPos word_right(TextPos p) const;
  void restore(const Selection& s);

  TextBuffer buffer_;
  Selection sel_;
  UndoStack undo_;
  UndoGroup pending_;
  bool merge_ = false;     // pending_ continues the open undo group
  int goal_display_ = -1;  // display column vertical moves aim for; -1: the cursor's own
  bool read_only_ = false;
  std::uint64_t version_ = 0, cursor_version_ = 0;
};

}  // namespace interleave::ui
