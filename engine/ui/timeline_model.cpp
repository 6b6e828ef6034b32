// Derivation of the timeline's per-run data; the only costly step is build_timeline + LodIndex
// (linear in the events), done once per run.
#include "ui/timeline_model.h"

#include <algorithm>

namespace interleave::ui {

TimelineModel::TimelineModel(std::shared_ptr<const trace::Trace> trace)
    : trace_(std::move(trace)), timeline_(trace::build_timeline(*trace_)), lod_(timeline_) {
  const trace::Trace& t = *trace_;
  origin_ = t.events.empty() ? t.begin : std::min(t.begin, timeline_.begin);
  const trace::Time last = std::max(t.end, timeline_.end);
  extent_ = std::max<trace::Time>(1, last - origin_);
  for (std::size_t i = 0; i < timeline_.lanes.size(); ++i) {
    const trace::Lane& lane = timeline_.lanes[i];
    span_count_ += lane.spans.size();
    if (lane.kind == trace::LaneKind::Thread) lanes_.emplace(std::make_pair(lane.pid, lane.tid), i);
  }
  std::uint32_t next = 0;
  for (const trace::ThreadInfo& th : t.threads) {
    if (th.tid == trace::kProcessLane) continue;
    thread_index_.emplace(std::make_pair(th.pid, th.tid), next++);
  }
  for (const trace::Flow& f : timeline_.flows) {
    if (f.to == trace::kNoEvent) continue;
    longest_flow_ = std::max(longest_flow_, t.events[f.to].time - t.events[f.from].time);
  }
}

std::size_t TimelineModel::lane_of(trace::ProcessId pid, trace::ThreadId tid) const {
  const auto it = lanes_.find({pid, tid});
  return it == lanes_.end() ? npos : it->second;
}

std::uint32_t TimelineModel::thread_index(trace::ProcessId pid, trace::ThreadId tid) const {
  const auto it = thread_index_.find({pid, tid});
  return it == thread_index_.end() ? 0 : it->second;
}

std::string TimelineModel::thread_name(trace::ProcessId pid, trace::ThreadId tid) const {
  if (const trace::ThreadInfo* th = trace_->find_thread(pid, tid); th && !th->name.empty()) {
    return th->name;
  }
  return std::to_string(pid) + ":" + std::to_string(tid);
}

std::string TimelineModel::process_name(trace::ProcessId pid) const {
  if (pid == trace::kCoresPid) return "Cores";
  const trace::ProcessInfo* p = trace_->find_process(pid);
  if (p && !p->name.empty()) return p->name + " (pid " + std::to_string(pid) + ")";
  return "Process " + std::to_string(pid);
}

}  // namespace interleave::ui
