// From the level-of-detail rectangles of the visible window to the GPU's span instances: at most
// 2 * pixels + 4 per lane whatever the number of spans (trace::LodIndex), coloured by state in
// thread lanes and by the holding thread in GIL and core lanes. Also lists the spans wide enough
// to carry a text label. Pure: UI thread (or a benchmark's).
#pragma once

#include <cstddef>
#include <vector>

#include "ui/gfx.h"
#include "ui/timeline_axis.h"
#include "ui/timeline_model.h"

namespace interleave::ui {

inline constexpr float kLabelMinWidth = 48.0f;  // logical pixels a span needs for a label

struct LabelSlot {
  float x0, x1, y, height;
  std::size_t lane, span;
};

struct LaneSlot {
  std::size_t lane;
  float y, height;  // the drawn bar, screen space
};

// Appends the instances of `lane` for the window of `axis`, whose pixel 0 is screen x `left`.
// `selected` is a span index of this lane to outline (kNoSpan for none). `scratch` is reused.
void build_lane_instances(const TimelineModel& model, const TimeAxis& axis, float left,
                          const LaneSlot& slot, std::size_t selected,
                          std::vector<trace::Rect>& scratch, std::vector<SpanInstance>& out,
                          std::vector<LabelSlot>* labels);

// The colour of a single span: its state in a thread lane, its thread in a GIL or core lane.
ImU32 span_color(const TimelineModel& model, const trace::Lane& lane, const trace::Span& span);

}  // namespace interleave::ui
