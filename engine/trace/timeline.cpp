// Builds the UI's lanes and flows from a Trace in one pass over its events (timeline.h). Thread
// lanes replay ThreadStateMachine, the same fold the recorder's totals use, so the spans' time per
// state equals the totals whenever the trace is complete. Zero-length spans are dropped and equal
// neighbours merged, which keeps lanes contiguous and as short as the states allow.
// Pure function: any thread.
#include "trace/timeline.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace interleave::trace {

namespace {

// Appends [start, end) to a lane; in thread lanes an equal contiguous predecessor absorbs it
// (GIL and core lanes keep one span per holder).
void push_span(std::vector<Span>& spans, const Span& span, bool merge) {
  if (span.end <= span.start) return;
  if (merge && !spans.empty()) {
    Span& last = spans.back();
    if (last.end == span.start && last.state == span.state && last.reason == span.reason) {
      last.end = span.end;
      return;
    }
  }
  spans.push_back(span);
}

struct ThreadLane {
  Lane lane;
  ThreadStateMachine machine;
  Span open;
  bool started = false;
  std::uint16_t core = kNoCore;  // the core it runs on, for core lanes
};

struct OpenLane {  // a GIL or core lane: one holder at a time, Idle between holders
  Lane lane;
  Span open;
  bool busy = false;
  ThreadId holder = kNoThread;
  Time idle_since = 0;
  bool started = false;

  void take(Time t, std::uint32_t event, ThreadId who, State state) {
    if (busy) release(t);
    if (started)
      push_span(lane.spans, {idle_since, t, kNoEvent, State::Idle, WaitReason::Other}, true);
    open = {t, t, event, state, WaitReason::Other};
    busy = started = true;
    holder = who;
  }
  void release(Time t) {
    open.end = t;
    push_span(lane.spans, open, false);
    busy = false;
    holder = kNoThread;
    idle_since = t;
  }
  void finish(Time t) {
    if (busy) release(t);
    if (started)
      push_span(lane.spans, {idle_since, t, kNoEvent, State::Idle, WaitReason::Other}, true);
  }
};

struct ProcessState {
  OpenLane gil;
  bool has_gil = false;
  std::uint32_t last_drop = kNoEvent;  // GilDrop not yet followed by a take
};

std::uint64_t key_of(ProcessId pid, ThreadId tid) {
  return (static_cast<std::uint64_t>(pid) << 32) | tid;
}

// The lane of a process that has no thread lane: alive from its start to its end, then done.
// Times come from its stored ProcessStart/ProcessEnd, else from its writer's exact totals (a
// truncated trace); the exit status always from the totals.
// `life`: the indexes of its first stored ProcessStart and ProcessEnd (kNoEvent when none).
Lane process_lane(const Trace& trace, const ThreadInfo& info,
                  std::pair<std::uint32_t, std::uint32_t> life, Time end) {
  Lane lane{LaneKind::Process, info.pid, kProcessLane, "alive", {}};
  const ThreadTotals& totals = info.totals;
  const std::uint32_t start_event = life.first;
  Time start = start_event != kNoEvent ? trace.events[start_event].time : totals.first;
  Time stop = end;
  if (life.second != kNoEvent) {
    stop = trace.events[life.second].time;
  } else if (totals.exited) {
    stop = std::min(end, totals.last);
  }
  if (totals.exited) {
    lane.exited = true;
    lane.exit_status = totals.exit_status;
    lane.name = exit_text(totals.exit_status);
  }
  if (totals.events == 0) return lane;
  stop = std::max(stop, start);
  push_span(lane.spans, {start, stop, start_event, State::Running, WaitReason::Other}, false);
  if (lane.exited)
    push_span(lane.spans, {stop, end, kNoEvent, State::Done, WaitReason::Other}, false);
  return lane;
}

}  // namespace

Timeline build_timeline(const Trace& trace) {
  Timeline tl;
  const auto& events = trace.events;
  if (!events.empty()) {
    tl.begin = events.front().time;
    tl.end = events.back().time;
  } else {
    tl.begin = trace.begin;
    tl.end = trace.begin;
  }
  if (trace.truncated) tl.end = std::max(tl.end, trace.detail_end);

  std::map<std::pair<ProcessId, ThreadId>, ThreadLane> threads;
  std::map<ProcessId, ProcessState> processes;
  // Per process: its first stored ProcessStart and ProcessEnd (for process lanes).
  std::map<ProcessId, std::pair<std::uint32_t, std::uint32_t>> lives;
  for (const ProcessInfo& p : trace.processes) processes[p.pid];
  auto add_thread = [&](ProcessId pid, ThreadId tid) -> ThreadLane& {
    auto [it, inserted] = threads.try_emplace({pid, tid});
    if (inserted) {
      it->second.lane.kind = LaneKind::Thread;
      it->second.lane.pid = pid;
      it->second.lane.tid = tid;
      const ThreadInfo* info = trace.find_thread(pid, tid);
      it->second.lane.name =
          info && !info->name.empty() ? info->name : "Thread " + std::to_string(tid);
      processes[pid];
    }
    return it->second;
  };
  for (const ThreadInfo& t : trace.threads)
    if (t.tid != kProcessLane) add_thread(t.pid, t.tid);

  std::unordered_map<std::uint64_t, ThreadLane*> by_key;
  for (auto& [key, lane] : threads) by_key[key_of(key.first, key.second)] = &lane;
  std::vector<OpenLane> cores;
  auto add_cores = [&](std::size_t count) {  // core lanes all start at the timeline's begin
    while (cores.size() < count) {
      cores.emplace_back();
      cores.back().started = true;
      cores.back().idle_since = tl.begin;
    }
  };
  add_cores(trace.cores);
  std::unordered_map<std::uint64_t, std::uint32_t> sends;  // flow id -> flow index

  ThreadLane* cached = nullptr;
  std::uint64_t cached_key = ~0ull;
  for (std::uint32_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.tid == kProcessLane) {
      if (e.kind == Kind::ProcessStart || e.kind == Kind::ProcessEnd) {
        auto& life = lives.try_emplace(e.pid, kNoEvent, kNoEvent).first->second;
        std::uint32_t& slot = e.kind == Kind::ProcessStart ? life.first : life.second;
        if (slot == kNoEvent) slot = i;
      }
      continue;
    }
    const std::uint64_t key = key_of(e.pid, e.tid);
    if (key != cached_key) {
      auto it = by_key.find(key);
      if (it == by_key.end()) {
        ThreadLane& lane = add_thread(e.pid, e.tid);  // map nodes stay put
        it = by_key.emplace(key, &lane).first;
      }
      cached = it->second;
      cached_key = key;
    }
    ThreadLane& th = *cached;

    // Thread state.
    const bool changed = th.machine.apply(e);
    if (!th.started) {
      th.started = true;
      th.open = {e.time, e.time, i, th.machine.state(), th.machine.reason()};
    } else if (changed) {
      th.open.end = e.time;
      push_span(th.lane.spans, th.open, true);
      th.open = {e.time, e.time, i, th.machine.state(), th.machine.reason()};
    }

    switch (e.kind) {
      case Kind::GilTake: {
        ProcessState& p = processes[e.pid];
        if (!p.has_gil) {
          p.has_gil = true;
          p.gil.lane = {LaneKind::Gil, e.pid, kGilTid, "GIL", {}};
        }
        if (p.last_drop != kNoEvent && events[p.last_drop].tid != e.tid)
          tl.flows.push_back({FlowKind::GilHandoff, p.last_drop, i});
        p.last_drop = kNoEvent;
        p.gil.take(e.time, i, e.tid, State::HoldingGil);
        break;
      }
      case Kind::GilDrop: {
        ProcessState& p = processes[e.pid];
        if (p.has_gil && p.gil.busy && p.gil.holder == e.tid) {
          p.gil.release(e.time);
          p.last_drop = i;
        }
        break;
      }
      case Kind::RunBegin:
        if (e.core != kNoCore) {
          add_cores(e.core + 1u);
          cores[e.core].take(e.time, i, e.tid, State::Running);
          th.core = e.core;
        }
        break;
      case Kind::RunEnd:
      case Kind::ThreadEnd:
        if (th.core != kNoCore) {
          OpenLane& core = cores[th.core];
          if (core.busy && core.holder == e.tid && events[core.open.event].pid == e.pid)
            core.release(e.time);
          th.core = kNoCore;
        }
        break;
      case Kind::MessageSend:
        sends[e.value] = static_cast<std::uint32_t>(tl.flows.size());
        tl.flows.push_back({FlowKind::Message, i, kNoEvent});
        break;
      case Kind::MessageReceive: {
        auto it = sends.find(e.value);
        if (it != sends.end()) {
          tl.flows[it->second].to = i;
          sends.erase(it);
        }
        break;
      }
      default:
        break;
    }
  }

  // Close everything at the end and assemble in the documented order.
  for (auto& [key, th] : threads) {
    if (th.started) {
      th.open.end = tl.end;
      push_span(th.lane.spans, th.open, true);
    }
  }
  for (auto& [pid, p] : processes) {
    if (p.has_gil) {
      p.gil.finish(tl.end);
      tl.lanes.push_back(std::move(p.gil.lane));
    }
    auto it = threads.lower_bound({pid, 0});
    if (it == threads.end() || it->first.first != pid) {
      if (const ThreadInfo* info = trace.find_thread(pid, kProcessLane)) {
        const auto life = lives.find(pid);
        tl.lanes.push_back(process_lane(
            trace, *info, life != lives.end() ? life->second : std::pair(kNoEvent, kNoEvent),
            tl.end));
      }
    }
    for (; it != threads.end() && it->first.first == pid; ++it)
      tl.lanes.push_back(std::move(it->second.lane));
  }
  for (std::size_t c = 0; c < cores.size(); ++c) {
    OpenLane& core = cores[c];
    core.lane.kind = LaneKind::Core;
    core.lane.pid = kCoresPid;
    core.lane.tid = static_cast<ThreadId>(c);
    core.lane.name = "Core " + std::to_string(c);
    core.finish(tl.end);
    tl.lanes.push_back(std::move(core.lane));
  }
  std::sort(tl.flows.begin(), tl.flows.end(), [](const Flow& a, const Flow& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  return tl;
}

}  // namespace interleave::trace
