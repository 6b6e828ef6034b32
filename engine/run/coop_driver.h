// The cooperative driver: every Python thread of one interpreter on ONE OS thread, round-robin by
// instruction budget, with real clocks. It sleeps when every thread waits for a deadline, reports
// a deadlock (exit 3) when every live thread waits with no deadline, and ends the run (exit 124)
// on the time limit or a stop request within about a millisecond of budget. GIL-less by nature:
// the VM collects garbage by itself at safepoints. This is the browser's single-threaded real mode
// and the VM's test bed. It can also run in steps (begin, then step until it returns a status):
// the browser's single-threaded worker returns to its event loop whenever every thread waits for
// something only another process (a message) or a deadline can bring, instead of sleeping.
// A recorded run also records multiprocessing's messages (message_sent / message_received, called
// by the process's ipc::Tracer through running_here()) on the lane of the thread whose turn it is.
// Thread-safety: run() / step() on one thread; stop_request may be set from any.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "run/program.h"
#include "trace/event.h"
#include "vm/driver.h"

namespace interleave::trace {
class Recorder;
}

namespace interleave::run {

class CoopTrace;

// Thrown by a process host's exit_now / abort_now from inside a cooperative run (os._exit, a
// child's end): the driver catches it around the thread's turn and ends the run with `code`.
struct CoopExit {
  int code = 0;
};

class CoopDriver final : public vm::Driver {
 public:
  // Instructions per turn: small enough that a stop request lands within a millisecond or so.
  static constexpr std::int64_t kBudget = 20000;
  static constexpr int kMaxThreads = 256;

  CoopDriver(const Options& options, OutputSink output);
  ~CoopDriver() override;

  // Records the run into `recorder` (run/coop_trace.h: the threads as under a GIL on one core),
  // as process `pid`. Call before the run; finish_recording(status) once it ended records the
  // threads' and the process's end. `recorder` must outlive both.
  void record_into(trace::Recorder& recorder, trace::ProcessId pid = 0,
                   std::string_view process_name = "MainProcess");
  void finish_recording(int status);

  // The cooperative driver running a Python thread's turn on the calling OS thread, or null (no
  // turn runs here). Multiprocessing's tracer of a cooperative process (the browser's) finds the
  // run to record a message in through it.
  static CoopDriver* running_here();
  // A message left or arrived (ipc::Tracer's sent / received): recorded on the running thread's
  // lane with its flow id, (sender pid << 32) | counter, when the run is recorded; else nothing.
  void message_sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel);
  void message_received(std::uint64_t flow, std::uint64_t bytes, std::string_view channel);

  // Runs `main` and the threads it starts until the program ends; returns the exit status.
  int run(vm::ThreadHandle& main);

  // Stepping: begin(main) once, then step() until it returns an exit status (>= 0). A step runs
  // threads until `until_ns` (monotonic_ns) passes, or until every live thread waits; it then
  // returns kRunning with *wake_ns the time by which to step again (-1: only once notify() was
  // called from outside, e.g. a message arrived). A deadlock is reported only when no thread
  // waits for a deadline or for something from outside this interpreter.
  static constexpr int kRunning = -1;
  void begin(vm::ThreadHandle& main);
  int step(std::int64_t until_ns, std::int64_t* wake_ns);

  // vm::Driver
  std::int64_t monotonic_ns() override;
  std::int64_t wall_ns() override;
  std::int64_t cpu_ns() override;
  bool start_thread(vm::ThreadHandle& thread) override;
  std::uint64_t epoch() override { return epoch_; }
  void notify(const void* object) override;
  void write(int fd, std::string_view text) override;
  double switch_interval() override { return switch_interval_; }
  void set_switch_interval(double seconds) override { switch_interval_ = seconds; }
  std::atomic<std::uint32_t>& eval_breaker() override { return eval_breaker_; }
  bool serialises_run() const override { return true; }

 private:
  struct Entry {
    vm::ThreadHandle* handle = nullptr;
    bool blocked = false;
    bool done = false;
    vm::Wait wait;
  };
  bool can_run(const Entry& e, std::int64_t now) const;
  trace::ThreadId running_tid() const;  // the thread whose turn it is, or kNoThread
  bool stop_due(std::int64_t now) const;
  int stop(std::int64_t now);
  // One step (see step()); `sleep`: wait for deadlines here instead of returning.
  int advance(std::int64_t until_ns, std::int64_t* wake_ns, bool sleep);

  Options options_;
  OutputSink output_;
  std::vector<Entry> threads_;
  std::unordered_map<const void*, std::uint64_t> last_notify_;
  std::uint64_t epoch_ = 1;
  double switch_interval_;
  std::atomic<std::uint32_t> eval_breaker_{0};
  std::chrono::steady_clock::time_point start_;
  std::int64_t deadline_ns_ = -1;  // the run's time limit on monotonic_ns(), -1: none
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t running_ = kNone;      // the entry whose turn it is
  std::unique_ptr<CoopTrace> trace_;  // when recording
  std::size_t next_ = 0;           // round-robin position
};

}  // namespace interleave::run
