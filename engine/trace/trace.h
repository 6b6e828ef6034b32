// A finished trace: the merged, time-ordered event sequence of one run plus the exact per-writer
// totals, the names and the truncation note. Produced by Recorder::finish() or read back from our
// Chrome JSON (trace_reader.h); read by the timeline, the exporters and the summary.
// Invariants: events sorted by (time, pid, tid, per-writer sequence); every Event::text < strings
// size; processes sorted by pid, threads by (pid, tid). Plain value: any thread, once built.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trace/event.h"
#include "trace/thread_state.h"

namespace interleave::trace {

enum class ClockKind : std::uint8_t { Virtual, Steady };

struct ProcessInfo {
  ProcessId pid = 0;
  std::string name;
  friend bool operator==(const ProcessInfo&, const ProcessInfo&) = default;
};

// One writer: a thread, or a process's own writer (tid == kProcessLane).
struct ThreadInfo {
  ProcessId pid = 0;
  ThreadId tid = 0;
  std::string name;
  ThreadTotals totals;  // exact, including events not stored after truncation
  friend bool operator==(const ThreadInfo&, const ThreadInfo&) = default;
};

struct Trace {
  ClockKind clock = ClockKind::Virtual;
  std::uint32_t cores = 0;  // simulated cores (core lanes); 0: unknown (real mode)
  std::vector<ProcessInfo> processes;
  std::vector<ThreadInfo> threads;
  std::vector<Event> events;
  std::vector<std::string> strings{std::string()};  // strings[0] == ""

  // Truncation: the memory bound was reached. Detail events are kept only before
  // `detail_end` (every writer stored everything before it); the totals stay exact.
  bool truncated = false;
  std::uint64_t dropped_events = 0;  // recorded but not stored
  Time detail_end = 0;               // when truncated: events at or after this time were cut

  // First and last event time over every writer (stored or not): the run's extent.
  Time begin = 0;
  Time end = 0;

  const std::string& text(StringId id) const { return strings[id]; }
  const ProcessInfo* find_process(ProcessId pid) const;
  const ThreadInfo* find_thread(ProcessId pid, ThreadId tid) const;
  friend bool operator==(const Trace&, const Trace&) = default;
};

}  // namespace interleave::trace
