// Panel rectangles. Columns keep a readable minimum (the gallery ~220 px) and round to whole pixels
// so that panel borders stay crisp.
#include "ui/layout.h"

#include <algorithm>
#include <cmath>

namespace interleave::ui {
namespace {

Rect rect(float x, float y, float w, float h) {
  const float x0 = std::round(x), y0 = std::round(y);
  return {x0, y0, std::round(x + w) - x0, std::round(y + h) - y0};
}

}  // namespace

PanelLayout compute_layout(Rect a) {
  PanelLayout l;
  if (a.w >= kWideLayoutMin) {
    const float left = std::clamp(a.w * 0.17f, 230.0f, 420.0f);
    const float right = std::clamp(a.w * 0.25f, 300.0f, 900.0f);
    const float mid = a.w - left - right;
    const float bottom = std::round(a.h * 0.2f);
    const float upper = a.h - bottom;
    // The timeline is what the playground is for: it gets more than half the column (compare
    // mode stacks two runs in it; the editor keeps its run bar and a dozen lines).
    const float editor_h = std::round(upper * 0.45f);
    l.examples = rect(a.x, a.y, left, upper);
    l.editor = rect(a.x + left, a.y, mid, editor_h);
    l.timeline = rect(a.x + left, a.y + editor_h, mid, upper - editor_h);
    l.summary = rect(a.x + left + mid, a.y, right, editor_h);
    l.memory = rect(a.x + left + mid, a.y + editor_h, right, upper - editor_h);
    l.console = rect(a.x, a.y + upper, a.w, bottom);
    return l;
  }
  if (a.w >= kCompactWidthMin && a.h < kCompactHeightMax) {
    // Compact (an embed): the program down the left, full height (its run bar wraps, a dozen
    // lines of code stay visible); the timeline top right, wide and tall enough for a process's
    // GIL lane and threads; below it one panel whose tabs are the console, the numbers and the
    // memory view.
    l.compact = true;
    const float left = std::round(std::clamp(a.w * 0.42f, 250.0f, 420.0f));
    const float timeline_h =
        std::round(std::clamp(a.h * 0.6f, std::min(kTimelineMinHeight, a.h * 0.55f), a.h - 120.0f));
    l.editor = rect(a.x, a.y, left, a.h);
    l.timeline = rect(a.x + left, a.y, a.w - left, timeline_h);
    l.details = rect(a.x + left, a.y + timeline_h, a.w - left, a.h - timeline_h);
    l.summary = l.memory = l.console = l.details;
    return l;
  }
  // Narrow: the editor row first (where the reader's eye starts), then the timeline beside the
  // numbers, then the console beside the memory view.
  // In a short viewport (an embed 480 px high) a quarter of the height is too little for the
  // timeline's toolbar, axis, lanes and minimap: it keeps kTimelineMinHeight (at most 42% of the
  // height), and the editor and console rows share what is left.
  l.narrow = true;
  const float left = std::clamp(a.w * 0.30f, 170.0f, 300.0f);
  const float middle =
      std::round(std::max(a.h * 0.26f, std::min(kTimelineMinHeight, a.h * 0.42f)));
  const float top = std::round((a.h - middle) * (0.48f / 0.74f));
  const float bottom = a.h - top - middle;
  const float wide_col = std::round(a.w * 0.62f);
  l.examples = rect(a.x, a.y, left, top);
  l.editor = rect(a.x + left, a.y, a.w - left, top);
  l.timeline = rect(a.x, a.y + top, wide_col, middle);
  l.summary = rect(a.x + wide_col, a.y + top, a.w - wide_col, middle);
  l.console = rect(a.x, a.y + top + middle, wide_col, bottom);
  l.memory = rect(a.x + wide_col, a.y + top + middle, a.w - wide_col, bottom);
  return l;
}

}  // namespace interleave::ui
