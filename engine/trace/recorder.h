// The recorder: one Writer per (process, thread), each an append-only list of chunks that only its
// owner touches, so recording an event takes no lock and no atomic operation; the recorder's mutex
// is taken only to add a writer or a chunk. A global bound (max_events, max_text_bytes) caps
// memory: past it, writers keep their exact totals (Tally) but store no more detail, and the
// merged trace says where detail ends. merge() builds one deterministic, time-ordered Trace.
// Thread-safety: writer()/name_process()/set_cores() from any thread; a Writer's methods from one
// thread at a time (hand-over needs a happens-before, e.g. thread start); merge() once no writer
// is recording (after the run's threads were joined).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trace/event.h"
#include "trace/thread_state.h"
#include "trace/trace.h"

namespace interleave::trace {

class Recorder;

struct RecorderOptions {
  std::uint64_t max_events = 4'000'000;        // stored detail events, all writers together
  std::uint64_t max_text_bytes = 64ull << 20;  // stored strings (labels, output), all writers
  ClockKind clock = ClockKind::Virtual;
};

// Records the events of one thread (or, with tid kProcessLane, of a process itself). Times must
// not decrease within one writer; a smaller time is raised to the previous one (clamped()).
class Writer {
 public:
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  ProcessId pid() const { return pid_; }
  ThreadId tid() const { return tid_; }
  void set_name(std::string_view name);  // threading's name changed (owner thread only)

  // --- Life
  void process_start(Time t) { append(make(t, Kind::ProcessStart)); }
  void process_end(Time t, int status) {
    Event e = make(t, Kind::ProcessEnd);
    e.value = static_cast<std::uint64_t>(static_cast<std::int64_t>(status));
    append(e);
  }
  void thread_start(Time t, ThreadId parent = kNoThread) {
    Event e = make(t, Kind::ThreadStart);
    e.other_tid = parent;
    append(e);
  }
  void thread_end(Time t) { append(make(t, Kind::ThreadEnd)); }

  // --- Executing (around ThreadHandle::run(); `core` in the simulator)
  void run_begin(Time t, std::uint16_t core = kNoCore) {
    Event e = make(t, Kind::RunBegin);
    e.core = core;
    append(e);
  }
  void run_end(Time t) { append(make(t, Kind::RunEnd)); }

  // --- GIL (this thread's process's GIL)
  void gil_request(Time t) { append(make(t, Kind::GilRequest)); }
  void gil_take(Time t, ThreadId previous_holder = kNoThread) {
    Event e = make(t, Kind::GilTake);
    e.other_tid = previous_holder;
    append(e);
  }
  void gil_drop(Time t) { append(make(t, Kind::GilDrop)); }
  void drop_request(Time t, ThreadId holder = kNoThread) {
    Event e = make(t, Kind::GilDropRequest);
    e.other_tid = holder;
    append(e);
  }
  void forced_switch(Time t) { append(make(t, Kind::GilForcedSwitch)); }

  // --- Blocking. `object` labels the waitable ("Lock 3", "queue.get()"); keep it deterministic
  // in the simulator (no addresses). Labels are interned per writer.
  void block_begin(Time t, WaitReason reason, std::string_view object = {},
                   ThreadId holder = kNoThread) {
    Event e = make(t, Kind::BlockBegin);
    e.reason = reason;
    e.other_tid = holder;
    e.text = intern(t, object);
    append(e);
  }
  void block_end(Time t) { append(make(t, Kind::BlockEnd)); }
  // This thread's notify woke (pid, tid).
  void wake(Time t, ProcessId pid, ThreadId tid) {
    Event e = make(t, Kind::Wake);
    e.other_pid = pid;
    e.other_tid = tid;
    append(e);
  }

  // --- Messages between processes (or threads). `flow` pairs a send with its receive and must
  // be unique in the trace: (std::uint64_t(sender pid) << 32) | per-process counter works.
  void message_send(Time t, std::uint64_t flow, std::uint64_t bytes, ProcessId to_pid = kNoProcess,
                    ThreadId to_tid = kNoThread, std::string_view channel = {}) {
    append(make_message(t, Kind::MessageSend, flow, bytes, to_pid, to_tid, channel));
  }
  void message_receive(Time t, std::uint64_t flow, std::uint64_t bytes,
                       ProcessId from_pid = kNoProcess, ThreadId from_tid = kNoThread,
                       std::string_view channel = {}) {
    append(make_message(t, Kind::MessageReceive, flow, bytes, from_pid, from_tid, channel));
  }

  // --- Output (fd 1 or 2) and counters
  void output(Time t, int fd, std::string_view text);
  void counter(Time t, std::string_view name, std::int64_t value) {
    Event e = make(t, Kind::Counter);
    e.text = intern(t, name);
    e.value = static_cast<std::uint64_t>(value);
    append(e);
  }

  // Any event; `text` replaces event.text. pid/tid are forced to this writer's.
  void record(Event event, std::string_view text = {});

  // --- Read by the recorder and tests (owner thread, or after recording ended)
  const ThreadTotals& totals() const { return tally_.totals(); }
  std::uint64_t stored() const;
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t clamped() const { return clamped_; }

 private:
  friend class Recorder;
  struct Chunk {
    std::unique_ptr<Event[]> events;
    std::uint32_t capacity = 0;
    std::uint32_t size = 0;
  };

  Writer(Recorder& recorder, ProcessId pid, ThreadId tid, std::string name);

  Event make(Time t, Kind kind) const {
    Event e;
    e.time = t;
    e.pid = pid_;
    e.tid = tid_;
    e.kind = kind;
    return e;
  }
  Event make_message(Time t, Kind kind, std::uint64_t flow, std::uint64_t bytes, ProcessId pid,
                     ThreadId tid, std::string_view channel);
  // The hot path: fold into the tally, then a plain store into the current chunk.
  void append(Event e, std::uint64_t text_bytes = 0) {
    if (e.time < last_time_) {
      e.time = last_time_;
      ++clamped_;
    }
    last_time_ = e.time;
    tally_.apply(e, text_bytes);
    if (storing_ && size_ < capacity_) {
      current_[size_++] = e;
      return;
    }
    append_slow(e);
  }
  void append_slow(const Event& e);
  // Writer-local string ids; 0 once the text budget is spent (detail then stops at `t`).
  StringId intern(Time t, std::string_view text);
  StringId add_string(Time t, std::string_view text);  // not interned (output)
  bool reserve_text(Time t, std::size_t bytes);

  Recorder& recorder_;
  const ProcessId pid_;
  const ThreadId tid_;
  std::string name_;
  Tally tally_;
  Time last_time_ = INT64_MIN;
  Event* current_ = nullptr;
  std::uint32_t size_ = 0;      // in the current chunk
  std::uint32_t capacity_ = 0;  // of the current chunk
  bool storing_ = true;
  Time first_dropped_ = 0;  // time of the first event not stored (when !storing_)
  std::uint64_t dropped_ = 0;
  std::uint64_t clamped_ = 0;
  std::vector<Chunk> chunks_;
  std::vector<std::string> strings_{std::string()};  // writer-local ids; [0] == ""
  std::unordered_map<std::string, StringId> interned_;
};

class Recorder {
 public:
  explicit Recorder(RecorderOptions options = {});
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // The writer of (pid, tid), created on first use; the same object for the same ids. The
  // reference stays valid for the recorder's life. `name` is used when creating it.
  Writer& writer(ProcessId pid, ThreadId tid, std::string_view name);
  Writer& process_writer(ProcessId pid) { return writer(pid, kProcessLane, "process"); }
  void name_process(ProcessId pid, std::string_view name);
  void set_cores(std::uint32_t cores);

  std::uint64_t stored_events() const;  // approximate while writers record
  const RecorderOptions& options() const { return options_; }

  // One time-ordered trace of everything recorded so far. Deterministic: the same calls in the
  // same order per writer give the same Trace, whatever the interleaving of writers was.
  Trace merge() const;

 private:
  friend class Writer;
  // Grants a chunk of up to `wanted` events from the global budget; 0 when it is spent.
  std::uint32_t grant_chunk(std::uint32_t wanted);

  const RecorderOptions options_;
  mutable std::mutex mutex_;  // guards writers_, processes_, cores_, granted_
  std::map<std::pair<ProcessId, ThreadId>, std::unique_ptr<Writer>> writers_;
  std::map<ProcessId, std::string> processes_;
  std::uint32_t cores_ = 0;
  std::uint64_t granted_ = 0;  // event slots handed out in chunks
  std::atomic<std::uint64_t> text_bytes_{0};
};

}  // namespace interleave::trace
