// The real-thread driver: every Python thread (a vm::ThreadHandle) runs on its own std::thread
// under a real GIL (gil.h: on | legacy | off); blocked threads sleep on real condition variables;
// the calling thread supervises the run (time limit, stop request, reaping, the final report).
// Invariants: a thread executes bytecode only while holding the GIL (on/legacy: it calls run()
// holding it; inside run() only nested_safepoint() hands it over and takes it back); the run
// ends exactly once (main finished, exit, deadlock, time limit or stop) and run() returns after
// every OS thread it started has been joined. Thread-safety: vm::Driver methods from any thread; run() once.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "run/gil.h"
#include "run/program.h"
#include "trace/event.h"
#include "vm/driver.h"

namespace interleave::trace {
class Recorder;
class Writer;
}  // namespace interleave::trace

namespace interleave::run {

struct RunResult {
  enum class End : std::uint8_t {
    Finished,   // the main thread finished: exit_status is its exit_code() (0, or 1 if it raised)
    Exited,     // sys.exit / os._exit: exit_status is that thread's exit_code()
    Deadlock,   // every thread blocked for good: the report went to fd 2; status 3
    TimeLimit,  // Options::timeout passed: status 124
    Stopped,    // Options::stop_request was raised: status 124
  };
  End end = End::Finished;
  int exit_status = 0;
};

// Counters for the run's summary; read after run() returned (or racily during it).
struct RealDriverStats {
  GilStats gil;
  std::uint64_t threads_started = 0;  // the main thread included
  std::uint64_t max_live_threads = 0;
  std::uint64_t notifies = 0;
  std::uint64_t blocks = 0;           // times a thread slept on its condition variable
  std::uint64_t collections = 0;      // stop-the-world collect_garbage() calls (GIL off)
  // From the time limit's deadline (or the moment the supervisor saw the stop request, polled
  // every 10 ms) until the last thread of the run was gone; -1 when the run was not stopped.
  // With INTERLEAVE_STOP_LATENCY set in the environment run() also prints it on stderr.
  std::int64_t stop_latency_ns = -1;
  std::uint64_t nested_yields = 0;    // GIL hand-overs inside a builtin's callback (nested loop)
  std::uint64_t nested_blocks = 0;    // waits inside a builtin's callback (nested_block)
};

class RealDriver final : public vm::Driver, private GilObserver {
 public:
  static constexpr int kMaxThreads = 256;  // live Python threads, the main thread included
  // run() budgets: under `on`/`off` the eval breaker ends run() when it matters, so the budget only
  // bounds how long a thread goes without looking at the driver; `legacy` uses Python 2's ticks.
  static constexpr std::int64_t kRunBudget = 1 << 16;

  // `output` receives write() calls in order, one at a time; when empty, stdout/stderr are used.
  // Options used: gil, switch_interval, timeout, stop_request.
  RealDriver(GilMode mode, const Options& options, OutputSink output,
             int max_threads = kMaxThreads);
  ~RealDriver() override;
  RealDriver(const RealDriver&) = delete;
  RealDriver& operator=(const RealDriver&) = delete;

  // Records the run into `recorder` (docs/trace.md), as process `pid`: thread life, run() spans,
  // GIL requests, takes (with the previous holder), drops, drop requests and forced switches,
  // blocks with their reason, label and holder, wake-ups, output, the process's end. Each thread
  // records into its own writer (thread ids: 0 for the main thread, then in start order); times
  // are steady-clock nanoseconds since run() began. Call before run(); `recorder` must outlive it.
  void record_into(trace::Recorder& recorder, trace::ProcessId pid = 0,
                   std::string process_name = "MainProcess");
  // Added for multiprocessing traces (run/process_trace.h): the calling Python thread's writer
  // (null when not recording or not called on a Python thread of this run), the trace clock, and
  // its origin on the steady clock (CLOCK_MONOTONIC on Linux: one clock for every process).
  trace::Writer* current_writer() const;
  trace::Time trace_time() const { return trace_now(); }
  std::int64_t trace_origin_ns() const { return start_ns_; }

  // Runs `main` and every thread it starts until the program ends; the calling thread supervises.
  // Call once. Every ThreadHandle must outlive this call.
  RunResult run(vm::ThreadHandle& main);

  // Stop-the-world rendezvous: waits until no thread is inside ThreadHandle::run() (the caller
  // counts as outside when it is a Python thread of this driver calling from within run()), runs
  // `fn`, then lets the threads go on. For whole-heap work (fork, snapshots of the memory view).
  // Threads are brought to a safepoint with breaker::kGcRequest; a collection the VM asked for
  // meanwhile may be deferred to its next request.
  void run_at_safepoint(const std::function<void()>& fn);
  // run_at_safepoint for a fork(): the driver's and the GIL's mutexes are also held across it, so
  // that the child inherits none of them locked.
  void fork_at_safepoint(const std::function<void()>& fork);

  const Gil& gil() const { return gil_; }
  RealDriverStats stats() const;
  // Added for the playground's console: the threading name of the Python thread the calling OS
  // thread runs ("" when it runs none). For an output sink, which write() calls on that thread.
  std::string current_thread_name() const;

  // --- vm::Driver
  // ---------------------------------------------------------------------------------
  std::int64_t monotonic_ns() override;  // steady_clock
  std::int64_t wall_ns() override;       // system_clock
  std::int64_t cpu_ns() override;        // this process's CPU time, all threads
  bool start_thread(vm::ThreadHandle& thread) override;
  std::uint64_t epoch() override { return epoch_.load(); }
  void notify(const void* object) override;
  void write(int fd, std::string_view text) override;
  double switch_interval() override { return gil_.interval_seconds(); }
  void set_switch_interval(double seconds) override { gil_.set_interval_seconds(seconds); }
  std::atomic<std::uint32_t>& eval_breaker() override { return eval_breaker_; }
  bool serialises_run() const override { return gil_.mode() != GilMode::Off; }
  // `on`: serves a pending drop request (yield, FORCE_SWITCHING included) on the calling Python
  // thread's OS thread, inside its nested loop; `legacy`: releases and re-takes every 100 ticks
  // (nested_budget); `off`: nothing (threads already run in parallel).
  void nested_safepoint(vm::ThreadHandle& thread) override;
  std::int64_t nested_budget() const override {
    return gil_.mode() == GilMode::Legacy ? Gil::kLegacyCheckInterval : INT64_MAX;
  }
  // Every Python thread has its own OS thread here, so a call that must wait inside a nested loop
  // waits where it is: as thread_main does for Stop::Blocked, with the GIL handed over, and takes
  // the GIL back (also when the run is ending: the VM then unwinds those frames).
  bool nested_block(vm::ThreadHandle& thread) override;

 private:
  struct Thread;
  // Notifies remembered for threads that read epoch() before a failed attempt and block after
  // it: a notify in between must not be lost. Older gaps than this retry conservatively.
  static constexpr std::size_t kNotifyLog = 512;

  void thread_main(Thread* t);
  void yield_gil(Thread* t);  // holding the GIL: drop, let a waiter in, take (traced)
  Thread* current_thread() const;  // the Python thread of the calling OS thread, or null
  trace::Time trace_now() const;
  trace::ThreadId tid_of_locked(const vm::ThreadHandle* handle) const;
  // GilObserver: on the waiter's / dropper's own OS thread.
  void drop_requested(const void* waiter, const void* holder) override;
  void forced_switch(const void* dropper) override;
  bool wait_blocked(Thread* t);  // GIL dropped; false: the run is ending
  bool enter_run(Thread* t);     // parks at a GC safepoint; false: ending
  void leave_run(Thread* t);
  void reenter_run(Thread* t);   // back from a nested yield: waits out a stopped world only
  bool spawn_locked(std::unique_ptr<Thread> t);  // mu_ held
  void retire(Thread* t);                        // the thread's loop ended
  void notify_locked(const void* object);
  bool notified_since_locked(const void* object, std::uint64_t epoch) const;
  void unblock_locked(Thread* t);
  void check_deadlock_locked();
  // `since_ns`: when the reason to end arose (a time limit's deadline), -1: now.
  void end_run_locked(RunResult::End end, int status, std::int64_t since_ns = -1);
  void reap(std::unique_lock<std::mutex>& lock);  // joins retired OS threads, mu_ held

  Gil gil_;
  std::atomic<std::uint32_t> eval_breaker_{0};
  const double timeout_seconds_;
  const std::atomic<bool>* const stop_request_;
  const int max_threads_;
  const std::int64_t budget_;

  // --- guarded by mu_ ---
  mutable std::mutex mu_;
  std::condition_variable supervisor_cv_;         // run(): end of run, threads to reap
  std::vector<std::unique_ptr<Thread>> live_;     // start order (the report's order)
  std::vector<std::unique_ptr<Thread>> retired_;  // finished, OS thread still to join
  std::vector<Thread*> blocked_;                  // subset of live_ asleep in wait_blocked()
  std::array<std::pair<std::uint64_t, const void*>, kNotifyLog> notify_log_{};
  bool ran_ = false;
  bool ended_ = false;
  RunResult result_;
  std::string deadlock_report_;
  std::int64_t stop_started_ns_ = -1;
  RealDriverStats counters_;
  trace::ThreadId next_tid_ = 0;

  // Recording (set before run(); the writers belong to their threads).
  trace::Recorder* recorder_ = nullptr;
  trace::ProcessId pid_ = 0;
  std::string process_name_;
  std::unordered_map<const vm::ThreadHandle*, trace::ThreadId> tids_;  // mu_; names holders
  std::int64_t start_ns_ = 0;  // run()'s start: written before any thread exists

  std::atomic<std::uint64_t> epoch_{0};  // written under mu_, read anywhere
  std::atomic<bool> stopping_{false};    // written under mu_ and sp_mu_, read anywhere
  std::atomic<std::uint64_t> nested_yields_{0};
  std::atomic<std::uint64_t> nested_blocks_{0};

  // --- safepoints (guarded by sp_mu_; lock order mu_ -> sp_mu_) ---
  mutable std::mutex sp_mu_;
  std::condition_variable sp_cv_;
  int in_run_ = 0;              // threads inside ThreadHandle::run()
  bool world_stopped_ = false;  // a collection or run_at_safepoint(fn) is running
  std::uint64_t collections_ = 0;

  std::mutex out_mu_;
  OutputSink output_;
};

// The factory the program entry uses for --mode real. Null when options.gil is not
// on | off | legacy (the caller reports a usage error).
std::unique_ptr<RealDriver> make_real_driver(const Options& options, OutputSink output);

}  // namespace interleave::run
