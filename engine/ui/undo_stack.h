// The editor's undo history: groups of text changes, each restoring the selection it started from.
// A group stays open while the user keeps typing (or deleting) at the same spot, so one Ctrl+Z
// takes back a word, not a letter. Bounded: the oldest groups are dropped past the limit.
// Plain data with no ImGui: the UI thread owns it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ui/text_buffer.h"

namespace interleave::ui {

struct Selection {
  TextPos anchor, cursor;  // the selection runs between them; the cursor is the end that moves
  bool empty() const { return anchor == cursor; }
  TextPos begin() const { return anchor < cursor ? anchor : cursor; }
  TextPos end() const { return anchor < cursor ? cursor : anchor; }
  bool operator==(const Selection&) const = default;
};

// One replacement: `removed` was at `at` and `inserted` took its place.
struct TextChange {
  TextPos at;
  std::string removed, inserted;
};

enum class EditKind { Other, Typing, Deleting };

struct UndoGroup {
  std::vector<TextChange> changes;  // applied in order; undone in reverse
  Selection before, after;
  EditKind kind = EditKind::Other;
};

class UndoStack {
 public:
  explicit UndoStack(std::size_t limit = 2000) : limit_(limit) {}

  // Records a group just applied; the redo history beyond it is gone.
  void push(UndoGroup group);
  // The last group when it may still grow (typing on at the same spot), else nullptr.
  UndoGroup* open_group();
  // Ends the open group (the cursor moved, the document was saved or run, ...).
  void seal() { open_ = false; }

  // The group to undo (and moves back past it) or to redo (and moves forward), or nullptr.
  const UndoGroup* undo();
  const UndoGroup* redo();
  bool can_undo() const { return applied_ > 0; }
  bool can_redo() const { return applied_ < groups_.size(); }
  void clear();
  std::size_t size() const { return groups_.size(); }

 private:
  std::vector<UndoGroup> groups_;
  std::size_t applied_ = 0;  // groups_[0, applied_) are in the text
  std::size_t limit_;
  bool open_ = false;
};

// The position just after `text` when it is inserted at `at`.
TextPos end_of_insert(TextPos at, const std::string& text);

}  // namespace interleave::ui
