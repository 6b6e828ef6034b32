// The views the UI draws, derived from a Trace: one lane per thread (state spans), a GIL lane per
// process that has a GIL, a process lane for a process without threads (a child killed or ended
// by os._exit leaves none: its lifetime and exit code), one lane per simulated core, and flows
// (GIL hand-offs, messages).
// Invariants: in every lane, spans are sorted, do not overlap and are contiguous from the lane's
// first to its last span (gaps are explicit Idle spans), so starts and ends are both sorted.
// Lane order: per process (by pid) its GIL lane then its threads (by tid), or its process lane
// when it has no thread; core lanes last.
// Plain value: build on any thread, then read from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trace/event.h"
#include "trace/thread_state.h"
#include "trace/trace.h"

namespace interleave::trace {

inline constexpr std::uint32_t kNoEvent = 0xFFFFFFFFu;

// 24 bytes. `event` indexes Trace::events: the event that began the span (BlockBegin gives the
// reason, object and holder; GilTake the holder; RunBegin the thread on a core), kNoEvent when
// none (a lane's first span, Idle and Done spans).
struct Span {
  Time start = 0;
  Time end = 0;
  std::uint32_t event = kNoEvent;
  State state = State::Idle;
  WaitReason reason = WaitReason::Other;  // Blocked, Sleeping, Io
  friend bool operator==(const Span&, const Span&) = default;
};

// Process lanes: one Running span (the process is alive; what it ran is unknown) from its
// ProcessStart (or its writer's first event) to its ProcessEnd, then Done up to Timeline::end;
// `event` of the first span is the ProcessStart. Only for processes with no thread lane.
enum class LaneKind : std::uint8_t { Thread, Gil, Core, Process };

struct Lane {
  LaneKind kind = LaneKind::Thread;
  ProcessId pid = 0;  // Core lanes: kCoresPid
  ThreadId tid = 0;   // Gil lanes: kGilTid; Core lanes: the core number; Process: kProcessLane
  std::string name;   // Process lanes: exit_text() ("exited with -15 (SIGTERM)") or "alive"
  std::vector<Span> spans;
  bool exited = false;            // Process lanes: the end was recorded
  std::int64_t exit_status = 0;   // ... with this status (signed)
};

enum class FlowKind : std::uint8_t { GilHandoff, Message };

// An arrow from one event to another (indexes into Trace::events). GilHandoff: a GilDrop to the
// next GilTake by another thread of the same process. Message: a MessageSend to the
// MessageReceive with the same flow id; a send whose receive was not recorded has to == kNoEvent.
struct Flow {
  FlowKind kind = FlowKind::GilHandoff;
  std::uint32_t from = kNoEvent;
  std::uint32_t to = kNoEvent;
  friend bool operator==(const Flow&, const Flow&) = default;
};

struct Timeline {
  std::vector<Lane> lanes;
  std::vector<Flow> flows;  // sorted by (from-event time, from, to)
  Time begin = 0;           // first stored event
  Time end = 0;             // last stored event (Trace::detail_end when truncated)
};

// Thread lanes end at the thread's ThreadEnd followed by a Done span up to Timeline::end; a
// thread without ThreadEnd stays in its last state up to Timeline::end.
Timeline build_timeline(const Trace& trace);

}  // namespace interleave::trace
