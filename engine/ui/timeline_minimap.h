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

// Draws over [min, max) (the tracks' horizontal extent) and moves `axis` on click or drag.
void draw_minimap(Gfx& gfx, const TimelineModel& model, TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const TimelineChrome& chrome, std::vector<trace::Rect>& rects,
                  std::vector<SpanInstance>& instances);

}  // namespace interleave::ui
