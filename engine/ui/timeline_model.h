// Everything the timeline draws from one run, derived once when the run ends: the trace, its lanes
// and flows (trace::build_timeline), the level-of-detail index, and lookups the view needs every
// frame (the lane of a thread, a colour index per thread, the longest flow). Times shown are
// relative to `origin` (the run's first event), so two runs line up on one axis.
// Immutable once built and not movable (the LOD index points into the timeline). UI thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "trace/lod.h"
#include "trace/timeline.h"
#include "trace/trace.h"

namespace interleave::ui {

class TimelineModel {
 public:
  explicit TimelineModel(std::shared_ptr<const trace::Trace> trace);
  TimelineModel(const TimelineModel&) = delete;
  TimelineModel& operator=(const TimelineModel&) = delete;

  const trace::Trace& trace() const { return *trace_; }
  const std::shared_ptr<const trace::Trace>& shared() const { return trace_; }
  const trace::Timeline& timeline() const { return timeline_; }
  const trace::LodIndex& lod() const { return lod_; }

  trace::Time origin() const { return origin_; }
  trace::Time extent() const { return extent_; }  // ns from origin to the run's end (>= 1)
  trace::Time longest_flow() const { return longest_flow_; }

  // The lane of a thread (Thread lanes only); npos when the thread has none.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t lane_of(trace::ProcessId pid, trace::ThreadId tid) const;
  // A stable small number per thread (order of first appearance), for identity colours in GIL
  // and core lanes; 0 for unknown threads.
  std::uint32_t thread_index(trace::ProcessId pid, trace::ThreadId tid) const;
  // "MainThread", "Thread-1"... or "pid:tid" when the trace has no name for it.
  std::string thread_name(trace::ProcessId pid, trace::ThreadId tid) const;
  std::string process_name(trace::ProcessId pid) const;
  std::size_t span_count() const { return span_count_; }

 private:
  std::shared_ptr<const trace::Trace> trace_;
  trace::Timeline timeline_;
  trace::LodIndex lod_;
  trace::Time origin_ = 0;
  trace::Time extent_ = 1;
  trace::Time longest_flow_ = 0;
  std::size_t span_count_ = 0;
  std::map<std::pair<trace::ProcessId, trace::ThreadId>, std::size_t> lanes_;
  std::map<std::pair<trace::ProcessId, trace::ThreadId>, std::uint32_t> thread_index_;
};

}  // namespace interleave::ui
