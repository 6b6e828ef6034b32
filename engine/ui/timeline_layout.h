// The timeline's rows, top to bottom: per process a header row (click to collapse) then, unless
// collapsed, its GIL lane and its thread lanes (the order of trace::build_timeline); the simulated
// cores last under a "Cores" header. Every row has the same height, so row i spans
// [i * row_height, (i + 1) * row_height) from the top of the lanes area and the GPU grid's bands
// match the rows. Pure functions over a Timeline: any thread.
#pragma once

#include <cstddef>
#include <set>
#include <vector>

#include "trace/timeline.h"

namespace interleave::ui {

enum class RowKind { Process, Lane };

struct Row {
  RowKind kind = RowKind::Lane;
  trace::ProcessId pid = 0;  // the group (kCoresPid for the cores)
  std::size_t lane = 0;      // Lane rows: index into Timeline::lanes
  std::size_t lanes = 0;     // Process rows: how many lanes the group holds (shown or not)
  bool collapsed = false;    // Process rows
};

std::vector<Row> layout_rows(const trace::Timeline& timeline,
                             const std::set<trace::ProcessId>& collapsed);

// The row under `y` (pixels from the top of the lanes area, scrolled); npos outside.
inline constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
std::size_t row_at(std::size_t rows, float row_height, float y);

// The row index holding lane `lane`, or kNoRow (collapsed or absent).
std::size_t row_of_lane(const std::vector<Row>& rows, std::size_t lane);

}  // namespace interleave::ui
