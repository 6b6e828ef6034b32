// Where each panel goes, as a pure function of the area under the menu bar: three columns on a
// wide screen (Examples | Editor over Timeline | Summary over Memory, Console across the bottom);
// below 1100 px wide and kCompactHeightMax high (an embed: 600x400 to 900x600) a compact layout,
// the editor down the left and the timeline over one tabbed panel (Console | Summary | Memory,
// `details`) on the right, the gallery behind the Examples menu; otherwise (narrow and tall) a
// two-column grid, its timeline at least kTimelineMinHeight high. Any thread (pure).
#pragma once

namespace interleave::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct PanelLayout {
  Rect examples, editor, timeline, summary, memory, console;
  bool narrow = false;
  // Compact: `examples` is empty (a floating window on demand), and the console, the summary and
  // the memory view are tabs of one panel at `details` (their rects are that one too).
  bool compact = false;
  Rect details;
};

inline constexpr float kWideLayoutMin = 1100.0f;  // logical pixels
// The narrow layout's timeline keeps this height when the viewport allows (toolbar, axis, a
// process with its GIL lane and two threads, the minimap).
inline constexpr float kTimelineMinHeight = 200.0f;
// The compact layout: areas at least this wide and less than this high.
inline constexpr float kCompactWidthMin = 560.0f, kCompactHeightMax = 720.0f;

PanelLayout compute_layout(Rect area);

}  // namespace interleave::ui
