// The per-thread state machine and its totals (thread_state.h). State is a pure function of a few
// facts (ended, blocked and why, waiting for / holding the GIL, on a CPU, ran at all) so that the
// order in which a driver records e.g. RunEnd and GilDrop never changes what is drawn.
// Plain values: one thread at a time.
#include "trace/thread_state.h"

namespace interleave::trace {

namespace {

constexpr std::array<std::string_view, kStateCount> kStateNames = {
    "idle",    "starting", "runnable", "running", "holding GIL", "waiting for GIL",
    "blocked", "sleeping", "I/O",      "done",
};

bool is_wait(State s) {
  return s == State::WaitingGil || s == State::Blocked || s == State::Sleeping || s == State::Io;
}

WaitBucket bucket_of(State s, WaitReason reason) {
  switch (s) {
    case State::WaitingGil:
      return WaitBucket::Gil;
    case State::Sleeping:
      return WaitBucket::Sleep;
    case State::Io:
      return WaitBucket::Io;
    default:
      return wait_bucket(reason);
  }
}

void add_interval(ThreadTotals& t, State s, WaitReason reason, Time elapsed) {
  t.state_ns[static_cast<std::size_t>(s)] += elapsed;
  if (is_wait(s)) t.wait_ns[static_cast<std::size_t>(bucket_of(s, reason))] += elapsed;
}

}  // namespace

std::string_view state_name(State state) {
  const auto i = static_cast<std::size_t>(state);
  return i < kStateNames.size() ? kStateNames[i] : std::string_view("idle");
}

State ThreadStateMachine::derive() const {
  if (ended_) return State::Done;
  if (blocked_) {
    switch (reason_) {
      case WaitReason::Gil:
        return State::WaitingGil;
      case WaitReason::Sleep:
        return State::Sleeping;
      case WaitReason::Io:
        return State::Io;
      default:
        return State::Blocked;
    }
  }
  if (gil_waiting_) return State::WaitingGil;
  if (on_cpu_) return State::Running;
  if (gil_held_) return State::HoldingGil;
  return ran_ ? State::Runnable : State::Starting;
}

bool ThreadStateMachine::apply(const Event& event) {
  switch (event.kind) {
    case Kind::ThreadEnd:
      ended_ = true;
      on_cpu_ = blocked_ = gil_waiting_ = gil_held_ = false;
      break;
    case Kind::RunBegin:
      on_cpu_ = ran_ = true;
      break;
    case Kind::RunEnd:
      on_cpu_ = false;
      break;
    case Kind::GilRequest:
      gil_waiting_ = ran_ = true;
      break;
    case Kind::GilTake:
      gil_waiting_ = false;
      gil_held_ = ran_ = true;
      break;
    case Kind::GilDrop:
      gil_held_ = false;
      break;
    case Kind::BlockBegin:
      blocked_ = ran_ = true;
      reason_ = event.reason;
      break;
    case Kind::BlockEnd:
      blocked_ = false;
      break;
    default:
      return false;
  }
  const State next = derive();
  const bool waits = next == State::Blocked || next == State::Sleeping || next == State::Io;
  const bool changed = next != state_ || (waits && reason_ != shown_reason_);
  state_ = next;
  if (waits) shown_reason_ = reason_;
  return changed;
}

ThreadTotals ThreadTotals::close_at(Time end) const {
  ThreadTotals t = *this;
  if (events > 0 && end > last) {
    add_interval(t, open_state, open_reason, end - last);
    t.last = end;
  }
  return t;
}

void Tally::apply(const Event& e, std::uint64_t output_bytes) {
  ThreadTotals& t = totals_;
  if (t.events == 0) {
    t.first = t.last = e.time;
  } else if (e.time > t.last) {
    add_interval(t, t.open_state, t.open_reason, e.time - t.last);
    t.last = e.time;
  }
  ++t.events;
  machine_.apply(e);
  t.open_state = machine_.state();
  t.open_reason = machine_.reason();
  switch (e.kind) {
    case Kind::RunBegin:
      ++t.runs;
      break;
    case Kind::GilTake:
      ++t.gil_takes;
      if (e.other_tid != kNoThread && e.other_tid != e.tid) ++t.gil_switches;
      break;
    case Kind::GilDropRequest:
      ++t.drop_requests;
      break;
    case Kind::GilForcedSwitch:
      ++t.forced_switches;
      break;
    case Kind::BlockBegin:
      ++t.blocks;
      break;
    case Kind::Wake:
      ++t.wakes;
      break;
    case Kind::MessageSend:
      ++t.messages_sent;
      t.bytes_sent += e.bytes;
      break;
    case Kind::MessageReceive:
      ++t.messages_received;
      t.bytes_received += e.bytes;
      break;
    case Kind::Output:
      ++t.output_chunks;
      t.output_bytes += output_bytes;
      break;
    case Kind::ProcessEnd:
      t.exited = true;
      t.exit_status = e.exit_status();
      break;
    default:
      break;
  }
}

}  // namespace interleave::trace
