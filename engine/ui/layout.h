// Where each panel goes, as a pure function of the area under the menu bar: three columns on a
// wide screen (Examples | Editor over Timeline | Summary over Memory, Console across the bottom),
// a two-column grid from about 600 px (an embed) to 1100 px, its timeline at least
// kTimelineMinHeight high when the viewport allows. Any thread (pure).
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
// The narrow layout's timeline keeps this height when the viewport allows (toolbar, axis, a
// process with its GIL lane and two threads, the minimap).
inline constexpr float kTimelineMinHeight = 200.0f;

PanelLayout compute_layout(Rect area);

}  // namespace interleave::ui
