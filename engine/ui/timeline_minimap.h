// The minimap under the lanes: the whole run squeezed into a strip (one thin row per thread, by
// level of detail, so its cost is bounded by its width), the visible window outlined, the rest
// dimmed. Click or drag to move the window there. UI thread only.
#pragma once

#include <vector>

#include "ui/gfx.h"
#include "ui/timeline_axis.h"
#include "ui/timeline_model.h"
#include "ui/timeline_palette.h"

namespace interleave::ui {

// The minimap's spans depend only on the run and the strip's size: built once, placed each frame.
struct MinimapCache {
  const TimelineModel* model = nullptr;  // reset to null when the run changes
  float width = 0, height = 0;
  trace::Time extent = 0;
  std::vector<SpanInstance> spans;  // relative to the strip's top-left corner
  std::vector<SpanInstance> placed;
  std::vector<trace::Rect> rects;
};

// Draws over [min, max) (the tracks' horizontal extent) and moves `axis` on click or drag.
void draw_minimap(Gfx& gfx, const TimelineModel& model, TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const TimelineChrome& chrome, MinimapCache& cache);

}  // namespace interleave::ui
