// Spans within a lane are sorted and contiguous (timeline.h), so lookups are binary searches.
#include "ui/timeline_hit.h"

#include <algorithm>
#include <cmath>

#include "ui/timeline_axis.h"

namespace interleave::ui {
namespace {

using trace::State;

bool drawn(const trace::Span& s) {
  return s.state != State::Idle;
}

std::string reason_text(trace::WaitReason r) {
  std::string name(trace::reason_name(r));
  return name;
}

}  // namespace

std::size_t span_at(const trace::Lane& lane, double t, double tolerance) {
  const auto& spans = lane.spans;
  if (spans.empty()) return kNoSpan;
  // First span ending after t.
  const auto it = std::upper_bound(
      spans.begin(), spans.end(), t,
      [](double v, const trace::Span& s) { return v < static_cast<double>(s.end); });
  const std::size_t at = static_cast<std::size_t>(it - spans.begin());
  if (at < spans.size() && static_cast<double>(spans[at].start) <= t && drawn(spans[at])) return at;
  // Nearest drawn span on either side within the tolerance.
  std::size_t best = kNoSpan;
  double best_distance = tolerance;
  for (std::size_t i = at;
       i < spans.size() && static_cast<double>(spans[i].start) - t <= best_distance; ++i) {
    if (!drawn(spans[i])) continue;
    const double d = std::max(0.0, static_cast<double>(spans[i].start) - t);
    if (d <= best_distance) best = i, best_distance = d;
    break;
  }
  for (std::size_t i = at; i-- > 0 && t - static_cast<double>(spans[i].end) <= best_distance;) {
    if (!drawn(spans[i])) continue;
    const double d = std::max(0.0, t - static_cast<double>(spans[i].end));
    if (d < best_distance || best == kNoSpan) {
      if (d <= tolerance) best = i;
    }
    break;
  }
  return best;
}

bool worth_describing(const trace::Span& span) {
  return span.state != State::Idle;
}

SpanDetails describe_span(const TimelineModel& model, std::size_t lane_index,
                          std::size_t span_index) {
  SpanDetails d;
  const trace::Lane& lane = model.timeline().lanes[lane_index];
  const trace::Span& span = lane.spans[span_index];
  const trace::Trace& tr = model.trace();
  const trace::Event* event = span.event != trace::kNoEvent ? &tr.events[span.event] : nullptr;
  std::string state(trace::state_name(span.state));

  switch (lane.kind) {
    case trace::LaneKind::Thread:
      d.title = model.thread_name(lane.pid, lane.tid) + ": " + state;
      d.fields.push_back({"thread", model.thread_name(lane.pid, lane.tid)});
      d.fields.push_back({"process", model.process_name(lane.pid)});
      d.fields.push_back({"state", state});
      break;
    case trace::LaneKind::Gil: {
      const std::string holder = event ? model.thread_name(event->pid, event->tid) : "?";
      d.title = "GIL held by " + holder;
      d.fields.push_back({"GIL of", model.process_name(lane.pid)});
      d.fields.push_back({"holder", holder});
      if (event && event->other_tid != trace::kNoThread && event->other_tid != event->tid) {
        d.fields.push_back({"taken from", model.thread_name(event->pid, event->other_tid)});
      }
      break;
    }
    case trace::LaneKind::Core: {
      const std::string who = event ? model.thread_name(event->pid, event->tid) : "?";
      d.title = lane.name + ": " + who;
      d.fields.push_back({"core", lane.name});
      d.fields.push_back({"thread", who});
      if (event) d.fields.push_back({"process", model.process_name(event->pid)});
      break;
    }
    default:  // a process lane (no threads in the trace): its lifetime, named by its end
      d.title = model.process_name(lane.pid) + ": " +
                (span.state == State::Done ? lane.name : std::string("alive"));
      d.fields.push_back({"process", model.process_name(lane.pid)});
      d.fields.push_back({"end", lane.name});
      break;
  }
  const bool waiting =
      span.state == State::Blocked || span.state == State::Sleeping || span.state == State::Io;
  if (waiting) {
    d.fields.push_back({"reason", reason_text(span.reason)});
    if (event && event->kind == trace::Kind::BlockBegin) {
      if (event->text != 0) d.fields.push_back({"object", tr.text(event->text)});
      if (event->other_tid != trace::kNoThread) {
        d.fields.push_back({"held by", model.thread_name(event->pid, event->other_tid)});
      }
    }
  }
  if (lane.kind == trace::LaneKind::Thread && event && event->kind == trace::Kind::GilTake &&
      event->other_tid != trace::kNoThread && event->other_tid != event->tid) {
    d.fields.push_back({"GIL from", model.thread_name(event->pid, event->other_tid)});
  }
  d.fields.push_back({"start", format_duration(span.start - model.origin())});
  d.fields.push_back({"duration", format_duration(span.end - span.start)});
  return d;
}

}  // namespace interleave::ui
