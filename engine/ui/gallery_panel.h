// The examples gallery: lessons as collapsible groups, their examples selectable (hover shows the
// explanation and what to look for), a filter box, and the chosen example's notes at the bottom.
// Drawn inside the caller's window. UI thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/lessons.h"
#include "ui/theme.h"

namespace interleave::ui {

class GalleryPanel {
 public:
  explicit GalleryPanel(std::vector<Lesson> lessons) : lessons_(std::move(lessons)) {}

  const std::vector<Lesson>& lessons() const { return lessons_; }
  const LessonExample* find(std::string_view file) const;

  // Draws the gallery; returns the file of the example picked this frame. `current` is the
  // example in the editor (highlighted, its notes shown below the list).
  std::optional<std::string> draw(const Palette& palette, std::string_view current);

 private:
  std::vector<Lesson> lessons_;
  char filter_[64] = {};
};

}  // namespace interleave::ui
