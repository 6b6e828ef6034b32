// What a thread is doing at each moment, derived from its own events only (one writer's sequence),
// and the exact per-thread totals folded from it. One state machine serves the recorder (totals
// kept exact even after detail events stop being stored), the timeline (state spans) and the
// summary of a loaded trace, so the three always agree. Plain values: one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "trace/event.h"

namespace interleave::trace {

// Thread lane states, in drawing priority. Idle fills gaps in GIL and core lanes (never drawn).
enum class State : std::uint8_t {
  Idle,        // GIL lane: nobody holds it; core lane: no thread on the core
  Starting,    // started, has not run yet (interpreter start-up, thread creation)
  Runnable,    // ready but not executing (no core free; between two run() calls)
  Running,     // executing bytecode (holding the GIL when there is one)
  HoldingGil,  // holds the GIL without executing (descheduled by the OS, doing driver work)
  WaitingGil,  // asked for the GIL and waits for it
  Blocked,     // waits on a lock, queue, join, event, message... (see the span's reason)
  Sleeping,    // time.sleep
  Io,          // blocking I/O
  Done,        // ended
  kCount
};
inline constexpr std::size_t kStateCount = static_cast<std::size_t>(State::kCount);
std::string_view state_name(State state);  // "idle", "starting", ..., "waiting for GIL", "done"

// Folds one thread's events (in order) into its current state.
class ThreadStateMachine {
 public:
  // Returns true when state() (or the blocking reason) changed.
  bool apply(const Event& event);
  State state() const { return state_; }
  WaitReason reason() const { return shown_reason_; }  // of the last Blocked/Sleeping/Io state
  bool ended() const { return ended_; }

 private:
  State derive() const;

  State state_ = State::Starting;
  WaitReason reason_ = WaitReason::Other;        // of the current block
  WaitReason shown_reason_ = WaitReason::Other;  // of the last waiting state derived
  bool ran_ = false;
  bool ended_ = false;
  bool on_cpu_ = false;
  bool blocked_ = false;
  bool gil_waiting_ = false;
  bool gil_held_ = false;
};

// Exact numbers for one writer (a thread, or a process's own writer), kept by the recorder for
// every event, stored or not. state_ns counts closed intervals up to `last`; the interval still
// open at `last` (state `open_state` since `last`) is closed by close_at() at the trace's end.
struct ThreadTotals {
  Time first = 0;  // time of the first event (valid when events > 0)
  Time last = 0;   // time of the last event
  std::array<Time, kStateCount> state_ns{};
  std::array<Time, static_cast<std::size_t>(WaitBucket::kCount)> wait_ns{};
  State open_state = State::Starting;
  WaitReason open_reason = WaitReason::Other;
  std::uint64_t events = 0;
  std::uint64_t runs = 0;  // RunBegin
  std::uint64_t gil_takes = 0;
  std::uint64_t gil_switches = 0;   // takes whose previous holder was another thread
  std::uint64_t drop_requests = 0;  // drop requests this thread (a waiter) made
  std::uint64_t forced_switches = 0;
  std::uint64_t blocks = 0;
  std::uint64_t wakes = 0;  // wakes this thread caused
  std::uint64_t messages_sent = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t bytes_received = 0;
  std::uint64_t output_chunks = 0;
  std::uint64_t output_bytes = 0;  // reported by the caller, stored or not
  // A process's own writer: its ProcessEnd's exit status (signed; -15 = SIGTERM), kept exact.
  bool exited = false;
  std::int64_t exit_status = 0;

  // Adds the open interval up to `end` (>= last): the totals of a thread alive until `end`.
  ThreadTotals close_at(Time end) const;
  Time cpu_ns() const { return state_ns[static_cast<std::size_t>(State::Running)]; }
  friend bool operator==(const ThreadTotals&, const ThreadTotals&) = default;
};

// A ThreadStateMachine and the totals it feeds: the recorder's per-writer tally.
class Tally {
 public:
  // `output_bytes` is the size of an Output event's text (the event holds only its id).
  void apply(const Event& event, std::uint64_t output_bytes = 0);
  const ThreadTotals& totals() const { return totals_; }
  const ThreadStateMachine& machine() const { return machine_; }

 private:
  ThreadStateMachine machine_;
  ThreadTotals totals_;
};

}  // namespace interleave::trace
