// A flow can start before the window and end inside it; none lasts longer than longest_flow(), so
// the search starts that much before t0.
#include "ui/timeline_flows.h"

#include <algorithm>

namespace interleave::ui {

bool flows_in_window(const TimelineModel& model, trace::Time t0, trace::Time t1, std::size_t max,
                     std::vector<std::size_t>& out) {
  out.clear();
  const auto& flows = model.timeline().flows;
  const auto& events = model.trace().events;
  const trace::Time from = t0 - model.longest_flow();
  auto it = std::lower_bound(
      flows.begin(), flows.end(), from,
      [&](const trace::Flow& f, trace::Time t) { return events[f.from].time < t; });
  for (; it != flows.end() && events[it->from].time <= t1; ++it) {
    if (it->to == trace::kNoEvent || events[it->to].time < t0) continue;
    if (out.size() == max) return false;
    out.push_back(static_cast<std::size_t>(it - flows.begin()));
  }
  return true;
}

}  // namespace interleave::ui
