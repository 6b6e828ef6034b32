// Undo history bookkeeping; the editor model applies the changes.
#include "ui/undo_stack.h"

namespace interleave::ui {

void UndoStack::push(UndoGroup group) {
  groups_.resize(applied_);
  groups_.push_back(std::move(group));
  if (groups_.size() > limit_) groups_.erase(groups_.begin());
  applied_ = groups_.size();
  open_ = true;
}

UndoGroup* UndoStack::open_group() {
  if (!open_ || applied_ == 0 || applied_ != groups_.size()) return nullptr;
  return &groups_.back();
}

const UndoGroup* UndoStack::undo() {
  open_ = false;
  if (applied_ == 0) return nullptr;
  return &groups_[--applied_];
}

const UndoGroup* UndoStack::redo() {
  open_ = false;
  if (applied_ == groups_.size()) return nullptr;
  return &groups_[applied_++];
}

void UndoStack::clear() {
  groups_.clear();
  applied_ = 0;
  open_ = false;
}

TextPos end_of_insert(TextPos at, const std::string& text) {
  const std::size_t last = text.rfind('\n');
  if (last == std::string::npos) return {at.line, at.col + static_cast<int>(text.size())};
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return {at.line + lines, static_cast<int>(text.size() - last - 1)};
}

}  // namespace interleave::ui
