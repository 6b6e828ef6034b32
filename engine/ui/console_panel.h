// The console panel: ConsoleModel's lines with a toolbar (clear, copy all, stream and origin
// filters, search), origins coloured, traceback locations as links into the editor, deadlock
// reports highlighted, and auto-scroll that pauses ("scroll lock") while the user reads further
// up. Drawn inside the caller's window. UI thread only.
#pragma once

#include <cstdint>
#include <vector>

#include <imgui.h>

#include "ui/console_model.h"
#include "ui/theme.h"

namespace interleave::ui {

class ConsolePanel {
 public:
  struct Events {
    int jump_to_line = 0;  // a traceback location was clicked: its 1-based line
  };

  ConsoleModel& model() { return model_; }
  const ConsoleModel& model() const { return model_; }
  bool following() const { return follow_; }

  Events draw(ImFont* mono, const Palette& palette);

 private:
  void toolbar(const Palette& palette);
  void rebuild_visible();

  ConsoleModel model_;
  ConsoleFilter filter_;
  std::vector<std::uint32_t> visible_;  // indices of lines that pass the filter
  std::uint64_t visible_version_ = ~std::uint64_t{0};
  std::uint64_t filter_generation_ = 0, visible_filter_generation_ = ~std::uint64_t{0};
  char search_[96] = {};
  bool follow_ = true;          // keep the newest line in view
  bool scroll_to_end_ = false;  // once, after new lines while following
  std::uint64_t seen_version_ = 0;
};

}  // namespace interleave::ui
