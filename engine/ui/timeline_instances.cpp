// Positions are computed in double and clamped to a few pixels outside the area before the cast
// to float, so a span millions of pixels wide at deep zoom still converts exactly.
#include "ui/timeline_instances.h"

#include <algorithm>
#include <cmath>

#include "ui/timeline_hit.h"
#include "ui/timeline_palette.h"

namespace interleave::ui {
namespace {

constexpr ImU32 kAggregateNeutral = IM_COL32(150, 155, 170, 255);

}  // namespace

ImU32 span_color(const TimelineModel& model, const trace::Lane& lane, const trace::Span& span) {
  if (lane.kind == trace::LaneKind::Thread || span.event == trace::kNoEvent) {
    return state_color(span.state);
  }
  const trace::Event& e = model.trace().events[span.event];
  return thread_color(model.thread_index(e.pid, e.tid));
}

void build_lane_instances(const TimelineModel& model, const TimeAxis& axis, float left,
                          const LaneSlot& slot, std::size_t selected,
                          std::vector<trace::Rect>& scratch, std::vector<SpanInstance>& out,
                          std::vector<LabelSlot>* labels) {
  const trace::Lane& lane = model.timeline().lanes[slot.lane];
  const double origin = static_cast<double>(model.origin());
  const double view_start = axis.start();
  const double view_end = axis.end();
  const auto t0 = static_cast<trace::Time>(std::floor(origin + view_start));
  const auto t1 = static_cast<trace::Time>(std::ceil(origin + view_end)) + 1;
  const int pixels = std::max(1, static_cast<int>(std::ceil(axis.width())));
  model.lod().query(slot.lane, t0, t1, pixels, scratch);

  const double scale = 1.0 / axis.ns_per_px();
  const double lo = -4.0, hi = static_cast<double>(axis.width()) + 4.0;
  for (const trace::Rect& r : scratch) {
    const double x0 =
        std::clamp((static_cast<double>(r.start) - origin - view_start) * scale, lo, hi);
    const double x1 =
        std::clamp((static_cast<double>(r.end) - origin - view_start) * scale, lo, hi);
    SpanInstance s;
    s.x0 = left + static_cast<float>(x0);
    s.x1 = left + static_cast<float>(x1);
    s.y = slot.y;
    s.height = slot.height;
    if (r.aggregate) {
      s.color = lane.kind == trace::LaneKind::Thread ? state_color(r.state) : kAggregateNeutral;
      s.flags = kSpanAggregate;
    } else {
      const trace::Span& span = lane.spans[r.span];
      s.color = span_color(model, lane, span);
      if (x1 - x0 >= 4.0) s.flags |= kSpanBorder;
      if (r.span == selected) s.flags |= kSpanSelected;
      if (labels && x1 - x0 >= kLabelMinWidth) {
        labels->push_back({s.x0, s.x1, s.y, s.height, slot.lane, r.span});
      }
    }
    out.push_back(s);
  }
}

}  // namespace interleave::ui
