// The run's numbers, computed from a Trace's exact totals (so a truncated trace still gives exact
// numbers): wall time, per-thread CPU and wait breakdown, GIL switches and drop requests per
// process, messages and bytes, speedup against a one-thread baseline. JSON schema in
// docs/trace.md. Pure functions: any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trace/event.h"
#include "trace/trace.h"

namespace interleave::trace {

struct ThreadSummary {
  ProcessId pid = 0;
  ThreadId tid = 0;
  std::string name;
  Time start = 0;        // first event
  Time end = 0;          // last event
  Time cpu_ns = 0;       // Running
  Time gil_held_ns = 0;  // HoldingGil without running
  Time runnable_ns = 0;
  Time starting_ns = 0;
  std::array<Time, static_cast<std::size_t>(WaitBucket::kCount)> wait_ns{};
  std::uint64_t gil_takes = 0;
  std::uint64_t gil_switches = 0;
  std::uint64_t drop_requests = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t bytes_sent = 0;
};

struct ProcessSummary {
  ProcessId pid = 0;
  std::string name;
  std::uint32_t threads = 0;
  Time cpu_ns = 0;
  std::uint64_t gil_takes = 0;
  std::uint64_t gil_switches = 0;
  std::uint64_t drop_requests = 0;
  std::uint64_t forced_switches = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t bytes_received = 0;
  std::optional<std::int64_t> exit_code;  // its recorded end (signed: -15 for SIGTERM)
};

struct Summary {
  Time wall_ns = 0;
  Time cpu_ns = 0;                                                           // all threads
  std::array<Time, static_cast<std::size_t>(WaitBucket::kCount)> wait_ns{};  // all threads
  std::uint64_t gil_switches = 0;
  std::uint64_t drop_requests = 0;
  std::uint64_t messages = 0;
  std::uint64_t message_bytes = 0;
  std::optional<Time> baseline_wall_ns;
  std::optional<double> speedup;  // baseline / wall
  bool truncated = false;
  std::uint64_t stored_events = 0;
  std::uint64_t dropped_events = 0;
  std::vector<ProcessSummary> processes;  // by pid
  std::vector<ThreadSummary> threads;     // by (pid, tid); process writers left out
};

// `baseline_wall_ns`: the wall time of the same work on one thread, when asked for a speedup.
Summary summarize(const Trace& trace, std::optional<Time> baseline_wall_ns = std::nullopt);
std::string summary_json(const Summary& summary);

}  // namespace interleave::trace
