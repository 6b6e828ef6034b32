// What lies under the pointer: the span of a lane at a time (with a tolerance of a few pixels so
// narrow spans can be picked), and its description for the tooltip and the details area (thread,
// state, reason, object and holder, start, duration). Pure functions: UI thread.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ui/timeline_model.h"

namespace interleave::ui {

inline constexpr std::size_t kNoSpan = static_cast<std::size_t>(-1);

// The span of `lane` drawn at absolute time `t`: the one holding t unless it is Idle (not drawn),
// else the nearest drawn span within `tolerance` ns. kNoSpan when none.
std::size_t span_at(const trace::Lane& lane, double t, double tolerance);

struct SpanDetails {
  std::string title;                                        // "Thread-1: waiting for GIL"
  std::vector<std::pair<std::string, std::string>> fields;  // label, value
};

SpanDetails describe_span(const TimelineModel& model, std::size_t lane, std::size_t span);

// Spans shown in a "done" or idle state need no tooltip; everything else does.
bool worth_describing(const trace::Span& span);

}  // namespace interleave::ui
