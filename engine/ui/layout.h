// Where each panel goes, as a pure function of the area under the menu bar: three columns on a
// wide screen (Examples | Editor over Timeline | Summary over Memory, Console across the bottom),
// a two-column grid from about 600 px (an embed) to 1100 px. Any thread (pure).
#pragma once

namespace interleave::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct PanelLayout {
  Rect examples, editor, timeline, summary, memory, console;
  bool narrow = false;
};

inline constexpr float kWideLayoutMin = 1100.0f;  // logical pixels

PanelLayout compute_layout(Rect area);

}  // namespace interleave::ui
