// The arrows in view: GIL hand-offs and messages whose extent overlaps the visible window, found
// by binary search on the flows' start times (Timeline::flows is sorted by them) and bounded: past
// `max` arrows the window is too dense for arrows to be read, and the caller shows a hint instead.
// Pure: UI thread.
#pragma once

#include <cstddef>
#include <vector>

#include "ui/timeline_model.h"

namespace interleave::ui {

// Fills `out` with indexes into Timeline::flows overlapping [t0, t1] (absolute ns) whose both ends
// were recorded. Returns false (and leaves `out` partial) when more than `max` overlap.
bool flows_in_window(const TimelineModel& model, trace::Time t0, trace::Time t1, std::size_t max,
                     std::vector<std::size_t>& out);

}  // namespace interleave::ui
