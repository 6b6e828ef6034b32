// Recording a cooperative run (run/coop_driver.h) into engine/trace, so that the browser's
// single-threaded real mode has a timeline and a summary like the real driver's.
//
// The model is what the cooperative driver does: every Python thread of the process on one OS
// thread, one at a time, which is a GIL on one core. The thread whose turn it is holds the GIL; a
// turn handed to another thread is a GIL switch (the next thread requested it when it became
// runnable: started, woken, or its own turn ended by the budget). Thread ids are the start order
// (0: the main thread), times are steady-clock nanoseconds since the run began.
// Events: process start and end (with the exit status), thread start (with its parent) and end,
// run() spans, GIL requests / takes (with the previous holder) / drops, blocks with their reason,
// label and holder, wake-ups (on the notifying thread), output (on the writing thread, or on the
// process lane when no thread runs), multiprocessing's messages (on the sending and receiving
// threads, with the flow id that pairs them across processes; a receive names the sender's pid,
// the flow id's high half).
// Thread-safety: the cooperative driver's thread only (the Writers it uses are its own).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/recorder.h"
#include "vm/driver.h"

namespace interleave::run {

class CoopTrace {
 public:
  // `origin_ns`: the steady-clock time (monotonic_ns) the trace's times count from.
  CoopTrace(trace::Recorder& recorder, trace::ProcessId pid, std::string_view process_name,
            std::int64_t origin_ns);

  // A new thread (the main thread first) started by `parent` (kNoThread for the main thread);
  // returns its id. It requests the GIL at once.
  trace::ThreadId add_thread(const vm::ThreadHandle& handle, trace::ThreadId parent,
                             std::int64_t now_ns);
  // The thread of `handle`, or kNoThread.
  trace::ThreadId tid_of(const vm::ThreadHandle* handle) const;

  // `tid`'s turn begins (after its block ended, if it was blocked) and ends with `why`.
  void turn_begin(trace::ThreadId tid, std::int64_t now_ns);
  void turn_end(trace::ThreadId tid, vm::Stop why, const vm::Wait& wait, std::int64_t now_ns);
  // `tid` was blocked and can run again: its block ends and it requests the GIL. `by`: the thread
  // whose notify woke it (kNoThread: a deadline passed, or a wake from outside).
  void unblocked(trace::ThreadId tid, trace::ThreadId by, std::int64_t now_ns);
  // Output of `tid` (kNoThread: the driver's own, e.g. the deadlock report).
  void output(trace::ThreadId tid, int fd, std::string_view text, std::int64_t now_ns);
  // A message `tid` sent or received (kNoThread, or a thread that ended: nothing is recorded).
  void message_sent(trace::ThreadId tid, std::uint64_t flow, std::uint64_t bytes,
                    std::string_view channel, std::int64_t now_ns);
  void message_received(trace::ThreadId tid, std::uint64_t flow, std::uint64_t bytes,
                        std::string_view channel, std::int64_t now_ns);
  // The run ended with `status`: the threads still alive end here, then the process.
  void end(int status, std::int64_t now_ns);

 private:
  struct Lane {
    trace::Writer* w = nullptr;
    const vm::ThreadHandle* handle = nullptr;
    bool blocked = false;
    bool running = false;  // inside a turn (between run_begin and run_end)
    bool ended = false;
  };
  trace::Time at(std::int64_t now_ns) const { return now_ns - origin_ns_; }
  void drop_gil(trace::ThreadId tid, trace::Time t);

  trace::Recorder& recorder_;
  const trace::ProcessId pid_;
  const std::int64_t origin_ns_;
  std::vector<Lane> lanes_;                 // by thread id
  trace::ThreadId holder_ = trace::kNoThread;  // the GIL's holder
  trace::ThreadId last_holder_ = trace::kNoThread;
};

}  // namespace interleave::run
