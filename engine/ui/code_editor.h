// The code editor widget: draws an EditorModel with the mono font, a line-number gutter, Python
// colouring, selection, a blinking cursor and the error line (red gutter mark, wavy underline,
// message on hover), and maps keyboard and mouse onto the model. The editing logic itself lives in
// editor_model.h; this file is the thin ImGui part. UI thread only.
#pragma once

#include <cstdint>
#include <optional>

#include <imgui.h>

#include "ui/console_model.h"
#include "ui/editor_model.h"
#include "ui/python_highlight.h"
#include "ui/theme.h"

namespace interleave::ui {

class CodeEditor {
 public:
  struct Events {
    bool run = false;      // Ctrl+Enter
    bool changed = false;  // the text changed this frame
  };

  EditorModel& model() { return model_; }
  const EditorModel& model() const { return model_; }

  void set_error(std::optional<ErrorMark> error) { error_ = std::move(error); }
  const std::optional<ErrorMark>& error() const { return error_; }

  // Puts the cursor at the start of `line` (1-based), scrolls it into view, flashes it, focuses.
  void go_to_line(int line);
  void focus() { want_focus_ = true; }
  bool has_focus() const { return has_focus_; }

  // Draws the editor filling `size` (ImGui's convention: 0 = all available, negative = leave).
  Events draw(const char* id, ImVec2 size, ImFont* mono, const Palette& palette);

 private:
  void keyboard(Events* events, int page_lines);
  TextPos pos_at(ImVec2 mouse) const;
  void scroll_to_cursor(ImVec2 view_size);

  EditorModel model_;
  Highlighter highlighter_;
  std::optional<ErrorMark> error_;
  bool has_focus_ = false, want_focus_ = false, dragging_ = false;
  std::uint64_t seen_cursor_version_ = ~std::uint64_t{0};
  std::uint64_t width_version_ = ~std::uint64_t{0};
  int widest_ = 0;  // display columns of the longest line
  double cursor_moved_at_ = 0, flash_at_ = -10;
  int flash_line_ = -1;
  // Geometry of the last frame, for mouse hit-testing.
  ImVec2 text_origin_{0, 0};
  float char_w_ = 8, line_h_ = 16, gutter_w_ = 40;
};

}  // namespace interleave::ui
