// The real-thread driver (see real_driver.h): one std::thread per Python thread, a real GIL, real
// condition variables for blocking, deadlock detection and the watchdog. Locks: mu_ (threads,
// blocking, notifies, the run's end) before sp_mu_ (safepoints); the GIL's own mutexes are never
// taken while holding either. Any thread may call the vm::Driver methods.
/*
   How it works

   Each Python thread's OS thread runs thread_main(): take the GIL, then call run(budget) in a
   loop and act on why it stopped:
     Budget    the budget is spent or the eval breaker is set: kStopRequest ends the thread;
               kGilDropRequest (mode on) or every budget of 100 ticks (legacy) yields the GIL;
               kGcRequest parks the thread at the safepoint in enter_run() until the world is
               stopped and collected (GIL off only: with a GIL the VM collects by itself).
     Blocked   drop the GIL, sleep on this thread's condition variable until notify(object) or
               the deadline, take the GIL again and retry (run() again).
     Finished  the thread is done: notify its join waiters; if it is the main thread the program
               is over (the VM has already joined the non-daemon threads) and the daemons stop.
     Exited    sys.exit / os._exit: the run ends with that exit code.

   Nested loops. Python code a builtin calls back (sorted's key, a generator under sum()) cannot
   return from run(); at its safepoints the VM calls nested_safepoint(), which does what the
   Budget case does (leave_run, yield the GIL, back in) without leaving run(). Under a GIL the
   VM, not enter_run(), collects garbage, and never while a thread is switched out there.

   Lost wake-ups. Module code reads epoch() before an attempt that may block and passes it in
   Wait::epoch. notify() bumps the epoch and logs (epoch, object) in a ring of kNotifyLog entries;
   a thread about to sleep first looks in the ring for its object after its epoch and retries at
   once if it was notified in between (or, if the gap is longer than the ring, retries anyway).
   Both sides do this under mu_, so a notify is either seen in the ring or finds the sleeper.

   Deadlocks. Under mu_, a thread is either runnable (running, waiting for the GIL, starting,
   parked at a safepoint, or woken and not yet running) or blocked; only a running thread calls
   notify(). So when every live thread is blocked on a wait that cannot end by itself (no
   deadline, nothing outside the interpreter can signal it), nothing will ever notify: the thread
   that blocks last (or the last one to finish) sees it, writes the report and ends the run.

   Traces. With record_into(), each thread records into its own trace::Writer (no locks): its
   life, run() spans, GIL request/take (with the previous holder)/drop, blocks and wake-ups it
   causes, and output. The GIL's drop requests and forced switches reach the writer through
   GilObserver, on the waiter's or dropper's own thread. GIL holder ids encode trace thread ids.

   Stopping. end_run_locked() (main finished, exit, deadlock, time limit, stop request) sets
   kStopRequest in the eval breaker and wakes every sleeper; the interpreter checks the breaker at
   backward jumps and calls, so even `while True: pass` returns within microseconds. The
   supervising thread (the caller of run()) polls the stop request every 10 ms, waits for the
   time limit, joins every OS thread, then writes the report and returns.
*/
#include "run/real_driver.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <system_error>
#include <utility>

#include "run/deadlock.h"
#include "run/watchdog.h"
#include "trace/recorder.h"

namespace interleave::run {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// --- platform-specific: process CPU time ------------------------------------------------------
// POSIX's per-process CPU clock (nanoseconds) where <time.h> has it; Emscripten declares it but
// refuses it at run time, so std::clock() (microseconds on glibc, an estimate elsewhere) is the
// portable fallback.
std::int64_t process_cpu_ns() {
#if defined(CLOCK_PROCESS_CPUTIME_ID)
  timespec ts{};
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0) {
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
  }
#endif
  const std::clock_t c = std::clock();
  if (c == static_cast<std::clock_t>(-1)) return 0;
  return static_cast<std::int64_t>(static_cast<double>(c) * (1e9 / CLOCKS_PER_SEC));
}

// The Python thread this OS thread runs: for run_at_safepoint() called from inside run(), and
// for recording into that thread's trace writer.
thread_local const void* tls_driver = nullptr;
thread_local void* tls_thread = nullptr;

static_assert(static_cast<int>(vm::WaitKind::Pipe) == static_cast<int>(trace::WaitReason::Pipe));

// GIL holder ids are trace thread ids in disguise: the GIL only compares them, and a previous
// holder can be named in a trace even after its thread record was freed.
const void* gil_id(trace::ThreadId tid) {
  return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(tid) + 1);
}
trace::ThreadId tid_of_gil_id(const void* id) {
  if (id == nullptr) return trace::kNoThread;
  return static_cast<trace::ThreadId>(reinterpret_cast<std::uintptr_t>(id) - 1);
}

}  // namespace

struct RealDriver::Thread {
  explicit Thread(vm::ThreadHandle& h) : handle(&h), is_main(h.is_main()) {}

  vm::ThreadHandle* const handle;
  const bool is_main;
  std::thread os;
  // Set before the OS thread starts.
  trace::ThreadId tid = 0;
  trace::ThreadId parent = trace::kNoThread;
  const void* gil = nullptr;   // this thread's GIL holder id
  trace::Writer* w = nullptr;  // its trace writer, when recording; used by its OS thread only

  // Guarded by mu_.
  bool blocked = false;               // asleep in wait_blocked(), in blocked_
  bool stuck = false;                 // ... on a wait that cannot end by itself
  bool woken = false;                 // notified (or the run ends): leave the sleep
  const void* wait_object = nullptr;  // Wait::object while blocked
  const vm::Wait* wait = nullptr;     // the VM's Wait, stable while blocked
  std::condition_variable cv;

  // Guarded by sp_mu_ (read without it by the thread itself).
  bool in_run = false;
};

RealDriver::RealDriver(GilMode mode, const Options& options, OutputSink output, int max_threads)
    : gil_(mode, eval_breaker_),
      timeout_seconds_(options.timeout),
      stop_request_(options.stop_request),
      max_threads_(max_threads),
      budget_(mode == GilMode::Legacy ? Gil::kLegacyCheckInterval : kRunBudget),
      output_(std::move(output)) {
  gil_.set_interval_seconds(options.switch_interval);
  gil_.set_leave_flag(&stopping_);
}

RealDriver::~RealDriver() {
  // run() joins everything it started; this only matters if run() was never called.
  std::unique_lock<std::mutex> lock(mu_);
  reap(lock);
}

// --- clocks and output --------------------------------------------------------------------------

std::int64_t RealDriver::monotonic_ns() {
  return steady_ns();
}

std::int64_t RealDriver::wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t RealDriver::cpu_ns() {
  return process_cpu_ns();
}

void RealDriver::write(int fd, std::string_view text) {
  if (const Thread* self = current_thread(); self != nullptr && self->w != nullptr) {
    self->w->output(trace_now(), fd, text);
  }
  std::lock_guard<std::mutex> lock(out_mu_);
  if (output_) {
    output_(fd, text);
    return;
  }
  std::FILE* f = fd == 2 ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fflush(f);
}

RealDriverStats RealDriver::stats() const {
  RealDriverStats s;
  {
    std::lock_guard<std::mutex> lock(mu_);
    s = counters_;
  }
  {
    std::lock_guard<std::mutex> lock(sp_mu_);
    s.collections = collections_;
  }
  s.gil = gil_.stats();
  s.nested_yields = nested_yields_.load(std::memory_order_relaxed);
  s.nested_blocks = nested_blocks_.load(std::memory_order_relaxed);
  return s;
}

// --- threads ------------------------------------------------------------------------------------

bool RealDriver::start_thread(vm::ThreadHandle& thread) {
  std::lock_guard<std::mutex> lock(mu_);
  // The VM raises RuntimeError("can't start new thread") on false, as CPython does when
  // pthread_create fails; past kMaxThreads a playground program has surely run away.
  if (!ran_ || ended_ || static_cast<int>(live_.size()) >= max_threads_) return false;
  return spawn_locked(std::make_unique<Thread>(thread));
}

bool RealDriver::spawn_locked(std::unique_ptr<Thread> t) {
  Thread* raw = t.get();
  raw->tid = next_tid_++;
  raw->gil = gil_id(raw->tid);
  if (const Thread* parent = current_thread()) raw->parent = parent->tid;
  if (recorder_ != nullptr) {
    // The new thread is not running yet: its name is stable to read here.
    raw->w = &recorder_->writer(pid_, raw->tid, raw->handle->name());
    tids_[raw->handle] = raw->tid;
  }
  live_.push_back(std::move(t));
  try {
    raw->os = std::thread(&RealDriver::thread_main, this, raw);
  } catch (const std::system_error&) {
    live_.pop_back();
    return false;
  }
  ++counters_.threads_started;
  counters_.max_live_threads = std::max<std::uint64_t>(counters_.max_live_threads, live_.size());
  return true;
}

void RealDriver::thread_main(Thread* t) {
  tls_driver = this;
  tls_thread = t;
  vm::ThreadHandle& handle = *t->handle;
  trace::Writer* const w = t->w;
  const bool traced_gil = w != nullptr && gil_.mode() != GilMode::Off;
  if (w != nullptr) w->thread_start(trace_now(), t->parent);
  bool holding = false;
  for (;;) {
    if (!holding) {
      if (traced_gil) w->gil_request(trace_now());
      // A thread waiting here has nothing to unwind: once the run ends it leaves without the GIL
      // instead of waiting for its turn (the others may each need it in turn to unwind).
      const void* previous = nullptr;
      if (!gil_.take_or_leave(t->gil, &previous)) break;
      if (traced_gil) w->gil_take(trace_now(), tid_of_gil_id(previous));
      holding = true;
    }
    if (!enter_run(t)) break;
    if (w != nullptr) w->run_begin(trace_now());
    const vm::Stop stop = handle.run(budget_);
    if (w != nullptr) w->run_end(trace_now());
    leave_run(t);

    if (stop == vm::Stop::Budget) {
      const std::uint32_t bits = eval_breaker_.load(std::memory_order_relaxed);
      if (bits & vm::breaker::kStopRequest) {
        if (stopping_.load()) break;
        // Only drivers raise it; one raised by someone else still means "stop".
        std::lock_guard<std::mutex> lock(mu_);
        end_run_locked(RunResult::End::Stopped, exit_status::kTimeout);
        break;
      }
      if (gil_.mode() == GilMode::Legacy || (bits & vm::breaker::kGilDropRequest)) yield_gil(t);
      continue;
    }
    if (stop == vm::Stop::Blocked) {
      if (traced_gil) w->gil_drop(trace_now());
      gil_.drop(t->gil);
      holding = false;
      if (!wait_blocked(t)) break;
      continue;
    }
    if (stop == vm::Stop::Exited || t->is_main) {
      // The main thread's Finished ends the program: the VM has already joined the non-daemon
      // threads (threading._shutdown); the daemons left are abandoned, as CPython does.
      const auto end = stop == vm::Stop::Exited ? RunResult::End::Exited : RunResult::End::Finished;
      const int code = handle.exit_code();
      std::lock_guard<std::mutex> lock(mu_);
      end_run_locked(end, code);
    }
    break;
  }
  if (holding) {
    if (traced_gil) w->gil_drop(trace_now());
    gil_.drop(t->gil);
  }
  if (w != nullptr) {
    w->set_name(handle.name());  // threading lets a thread rename itself
    w->thread_end(trace_now());
  }
  retire(t);
  tls_driver = nullptr;
  tls_thread = nullptr;
}

void RealDriver::yield_gil(Thread* t) {
  trace::Writer* const w = gil_.mode() != GilMode::Off ? t->w : nullptr;
  if (w != nullptr) {
    const trace::Time now = trace_now();
    w->gil_drop(now);
    w->gil_request(now);
  }
  const void* previous = gil_.yield(t->gil);
  if (w != nullptr) w->gil_take(trace_now(), tid_of_gil_id(previous));
}

void RealDriver::nested_safepoint(vm::ThreadHandle& handle) {
  if (gil_.mode() == GilMode::Off) return;
  Thread* const t = current_thread();
  if (t == nullptr || t->handle != &handle || stopping_.load()) return;  // ending: the VM unwinds
  if (gil_.mode() == GilMode::On &&
      (eval_breaker_.load(std::memory_order_relaxed) & vm::breaker::kGilDropRequest) == 0) {
    return;
  }
  // As if run() had returned Stop::Budget: out of run() for the safepoint count (the frames are
  // saved, so a stopped world may read them), the GIL handed over and taken back.
  if (t->w != nullptr) t->w->run_end(trace_now());
  leave_run(t);
  yield_gil(t);
  nested_yields_.fetch_add(1, std::memory_order_relaxed);
  reenter_run(t);
  if (t->w != nullptr) t->w->run_begin(trace_now());
}

bool RealDriver::nested_block(vm::ThreadHandle& handle) {
  Thread* const t = current_thread();
  if (t == nullptr || t->handle != &handle || stopping_.load()) return false;
  trace::Writer* const w = t->w;
  const bool traced_gil = w != nullptr && gil_.mode() != GilMode::Off;
  if (w != nullptr) w->run_end(trace_now());
  leave_run(t);
  if (traced_gil) w->gil_drop(trace_now());
  gil_.drop(t->gil);
  nested_blocks_.fetch_add(1, std::memory_order_relaxed);
  const bool woken = wait_blocked(t);
  if (traced_gil) w->gil_request(trace_now());
  const void* previous = gil_.take(t->gil);
  if (traced_gil) w->gil_take(trace_now(), tid_of_gil_id(previous));
  reenter_run(t);
  if (w != nullptr) w->run_begin(trace_now());
  return woken;
}

void RealDriver::retire(Thread* t) {
  std::lock_guard<std::mutex> lock(mu_);
  if (t->blocked) unblock_locked(t);
  auto it = std::find_if(live_.begin(), live_.end(), [&](const auto& p) { return p.get() == t; });
  retired_.push_back(std::move(*it));
  live_.erase(it);
  // Joiners wait on the thread's handle (the VM may also notify its threading.Thread object).
  notify_locked(static_cast<const void*>(t->handle));
  check_deadlock_locked();  // a lock holder that finished may leave the others stuck for good
  supervisor_cv_.notify_all();
}

void RealDriver::reap(std::unique_lock<std::mutex>& lock) {
  while (!retired_.empty()) {
    std::vector<std::unique_ptr<Thread>> done;
    done.swap(retired_);
    lock.unlock();
    for (auto& t : done) {
      if (t->os.joinable()) t->os.join();
    }
    done.clear();
    lock.lock();
  }
}

// --- blocking and waking ------------------------------------------------------------------------

bool RealDriver::wait_blocked(Thread* t) {
  const vm::Wait& wait = t->handle->wait();
  const bool timed = wait.deadline_ns >= 0;
  const Clock::time_point deadline{std::chrono::nanoseconds(timed ? wait.deadline_ns : 0)};

  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_.load()) return false;
  if (wait.object != nullptr && notified_since_locked(wait.object, wait.epoch)) return true;
  if (timed && Clock::now() >= deadline) return true;

  t->blocked = true;
  t->woken = false;
  t->stuck = !can_wake_by_itself(wait);
  t->wait_object = wait.object;
  t->wait = &wait;
  blocked_.push_back(t);
  ++counters_.blocks;
  if (t->w != nullptr) {
    t->w->block_begin(trace_now(), static_cast<trace::WaitReason>(wait.kind), wait.what,
                      tid_of_locked(wait.holder));
  }
  check_deadlock_locked();

  while (!t->woken) {
    if (!timed) {
      t->cv.wait(lock);
    } else if (t->cv.wait_until(lock, deadline) == std::cv_status::timeout && !t->woken) {
      unblock_locked(t);
    }
  }
  if (t->w != nullptr) t->w->block_end(trace_now());
  return !stopping_.load();
}

void RealDriver::unblock_locked(Thread* t) {
  auto it = std::find(blocked_.begin(), blocked_.end(), t);
  if (it != blocked_.end()) {
    *it = blocked_.back();
    blocked_.pop_back();
  }
  t->blocked = false;
  t->woken = true;
  t->wait = nullptr;
  t->wait_object = nullptr;
}

void RealDriver::notify(const void* object) {
  if (object == nullptr) return;
  std::lock_guard<std::mutex> lock(mu_);
  notify_locked(object);
}

void RealDriver::notify_locked(const void* object) {
  const std::uint64_t e = epoch_.load(std::memory_order_relaxed) + 1;
  notify_log_[e % kNotifyLog] = {e, object};
  epoch_.store(e);
  ++counters_.notifies;
  const Thread* self = current_thread();
  for (std::size_t i = 0; i < blocked_.size();) {
    Thread* b = blocked_[i];
    if (b->wait_object != object) {
      ++i;
      continue;
    }
    unblock_locked(b);  // swaps the last sleeper into slot i
    b->cv.notify_one();
    if (self != nullptr && self->w != nullptr) self->w->wake(trace_now(), pid_, b->tid);
  }
}

bool RealDriver::notified_since_locked(const void* object, std::uint64_t epoch) const {
  const std::uint64_t now = epoch_.load(std::memory_order_relaxed);
  if (now <= epoch) return false;
  if (now - epoch > kNotifyLog) return true;  // the ring forgot: a spurious retry is harmless
  for (std::uint64_t e = epoch + 1; e <= now; ++e) {
    if (notify_log_[e % kNotifyLog].second == object) return true;
  }
  return false;
}

// --- deadlocks and the end of the run -----------------------------------------------------------

void RealDriver::check_deadlock_locked() {
  if (ended_ || live_.empty()) return;
  for (const auto& t : live_) {
    if (!t->blocked || !t->stuck) return;
  }
  // Every live thread sleeps and none can be woken: nobody is left to call notify(). The Waits
  // and holders are stable (their threads sleep), so the report can read them here.
  std::vector<StuckThread> lines;
  lines.reserve(live_.size());
  for (const auto& t : live_) lines.push_back(describe_stuck(t->handle->name(), *t->wait));
  deadlock_report_ = format_deadlock_report(lines);
  end_run_locked(RunResult::End::Deadlock, exit_status::kDeadlock);
}

void RealDriver::end_run_locked(RunResult::End end, int status, std::int64_t since_ns) {
  if (ended_) return;
  ended_ = true;
  result_.end = end;
  result_.exit_status = status;
  if (end == RunResult::End::TimeLimit || end == RunResult::End::Stopped) {
    stop_started_ns_ = since_ns >= 0 ? since_ns : steady_ns();
  }
  {
    std::lock_guard<std::mutex> sl(sp_mu_);
    stopping_.store(true);
    sp_cv_.notify_all();
  }
  eval_breaker_.fetch_or(vm::breaker::kStopRequest);
  for (Thread* b : blocked_) {
    b->blocked = false;
    b->woken = true;
    b->wait = nullptr;
    b->wait_object = nullptr;
    b->cv.notify_one();
  }
  blocked_.clear();
  supervisor_cv_.notify_all();
}

RunResult RealDriver::run(vm::ThreadHandle& main) {
  Watchdog dog(timeout_seconds_, stop_request_);
  std::unique_lock<std::mutex> lock(mu_);
  if (ran_) return RunResult{RunResult::End::Exited, exit_status::kError};
  ran_ = true;
  start_ns_ = steady_ns();
  if (recorder_ != nullptr) {
    recorder_->name_process(pid_, process_name_);
    recorder_->process_writer(pid_).process_start(0);
  }
  if (!spawn_locked(std::make_unique<Thread>(main))) {
    lock.unlock();
    write(2, "Fatal Python error: can't start the main thread\n");
    return RunResult{RunResult::End::Exited, exit_status::kError};
  }

  while (!ended_) {
    reap(lock);
    if (ended_) break;
    const Clock::time_point now = Clock::now();
    if (const auto why = dog.check(now)) {
      if (*why == Watchdog::Reason::TimeLimit) {
        // Measured from the deadline itself: a supervisor woken late counts against the latency.
        const std::int64_t deadline_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             dog.deadline()->time_since_epoch())
                                             .count();
        end_run_locked(RunResult::End::TimeLimit, exit_status::kTimeout, deadline_ns);
      } else {
        end_run_locked(RunResult::End::Stopped, exit_status::kTimeout);
      }
      break;
    }
    const Clock::time_point next = dog.next_check(now);
    if (next == Clock::time_point::max()) {
      supervisor_cv_.wait(lock);
    } else {
      supervisor_cv_.wait_until(lock, next);
    }
  }

  // Every thread sees kStopRequest at its next safepoint, or was woken from its sleep; those
  // waiting for the GIL at the top of their loop leave (stopping_ is their leave flag). The GIL's
  // mutexes are never taken under mu_.
  lock.unlock();
  gil_.wake_all();
  lock.lock();
  while (!live_.empty() || !retired_.empty()) {
    reap(lock);
    if (!live_.empty()) supervisor_cv_.wait(lock);
  }
  if (stop_started_ns_ >= 0) {
    counters_.stop_latency_ns = steady_ns() - stop_started_ns_;
    // For tests/races/stop_latency.py: the latency as the engine sees it, without the process's
    // start-up and exit that a measurement from outside includes.
    if (const char* e = std::getenv("INTERLEAVE_STOP_LATENCY"); e != nullptr && *e != '\0') {
      std::fprintf(stderr, "interleave: stop latency %.3f ms (%s to the last thread gone)\n",
                   static_cast<double>(counters_.stop_latency_ns) / 1e6,
                   result_.end == RunResult::End::TimeLimit ? "time limit" : "stop request seen");
    }
  }
  const RunResult result = result_;
  const std::string report = std::move(deadlock_report_);
  lock.unlock();

  std::string message;
  if (result.end == RunResult::End::Deadlock) {
    message = report;
  } else if (result.end == RunResult::End::TimeLimit) {
    char line[96];
    std::snprintf(line, sizeof line, "Stopped: time limit of %g s reached.\n", timeout_seconds_);
    message = line;
  } else if (result.end == RunResult::End::Stopped) {
    message = "Stopped.\n";
  }
  if (!message.empty()) write(2, message);
  if (recorder_ != nullptr) {
    // Every thread has been joined: the process writer is this thread's alone.
    trace::Writer& pw = recorder_->process_writer(pid_);
    if (!message.empty()) pw.output(trace_now(), 2, message);
    pw.process_end(trace_now(), result.exit_status);
  }
  return result;
}

// --- recording ----------------------------------------------------------------------------------

void RealDriver::record_into(trace::Recorder& recorder, trace::ProcessId pid,
                             std::string process_name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (ran_) return;  // too late: threads may already be recording nothing
  recorder_ = &recorder;
  pid_ = pid;
  process_name_ = std::move(process_name);
  gil_.set_observer(this);
}

RealDriver::Thread* RealDriver::current_thread() const {
  return tls_driver == this ? static_cast<Thread*>(tls_thread) : nullptr;
}

std::string RealDriver::current_thread_name() const {
  const Thread* t = current_thread();
  return t != nullptr ? t->handle->name() : std::string();
}

trace::Time RealDriver::trace_now() const {
  return steady_ns() - start_ns_;
}

trace::ThreadId RealDriver::tid_of_locked(const vm::ThreadHandle* handle) const {
  if (handle == nullptr) return trace::kNoThread;
  const auto it = tids_.find(handle);
  return it == tids_.end() ? trace::kNoThread : it->second;
}

void RealDriver::drop_requested(const void* waiter, const void* holder) {
  const Thread* self = current_thread();
  if (self != nullptr && self->w != nullptr && self->gil == waiter) {
    self->w->drop_request(trace_now(), tid_of_gil_id(holder));
  }
}

void RealDriver::forced_switch(const void* dropper) {
  const Thread* self = current_thread();
  if (self != nullptr && self->w != nullptr && self->gil == dropper) {
    self->w->forced_switch(trace_now());
  }
}

// --- safepoints ---------------------------------------------------------------------------------

bool RealDriver::enter_run(Thread* t) {
  std::unique_lock<std::mutex> sl(sp_mu_);
  for (;;) {
    if (stopping_.load()) return false;
    // Under a GIL the VM collects by itself, at a safepoint where no thread is inside a nested
    // loop's GIL hand-over (Driver::nested_safepoint); only the free-threaded world stops here.
    const bool gc = !serialises_run() && (eval_breaker_.load() & vm::breaker::kGcRequest) != 0;
    if (!gc && !world_stopped_) break;
    if (gc && !world_stopped_ && in_run_ == 0) {
      // The world is stopped (nobody inside run()): this thread collects for everyone.
      world_stopped_ = true;
      sl.unlock();
      t->handle->collect_garbage();
      eval_breaker_.fetch_and(~vm::breaker::kGcRequest);  // the VM clears it too; never loop
      sl.lock();
      world_stopped_ = false;
      ++collections_;
      sp_cv_.notify_all();
      continue;
    }
    sp_cv_.wait(sl);
  }
  ++in_run_;
  t->in_run = true;
  return true;
}

void RealDriver::leave_run(Thread* t) {
  std::lock_guard<std::mutex> sl(sp_mu_);
  --in_run_;
  t->in_run = false;
  if (in_run_ == 0 && (world_stopped_ || (eval_breaker_.load() & vm::breaker::kGcRequest) != 0)) {
    sp_cv_.notify_all();
  }
}

void RealDriver::reenter_run(Thread* t) {
  std::unique_lock<std::mutex> sl(sp_mu_);
  // Still inside run(): counted in again even when the run is ending (thread_main's leave_run
  // follows); the VM sees the stop request as soon as this returns.
  sp_cv_.wait(sl, [&] { return !world_stopped_ || stopping_.load(); });
  ++in_run_;
  t->in_run = true;
}

void RealDriver::fork_at_safepoint(const std::function<void()>& fork) {
  run_at_safepoint([&] {
    // fork() copies every mutex as it is: hold the driver's and the GIL's across it (as
    // pthread_atfork's prepare handlers would), so that the child never inherits one locked by a
    // thread it does not have (a forked child once hung for good on mu_). The world is stopped
    // and this thread holds none of them here.
    std::scoped_lock held(mu_, out_mu_);
    gil_.with_mutexes_held(fork);
  });
}

void RealDriver::run_at_safepoint(const std::function<void()>& fn) {
  Thread* self = current_thread();
  const bool self_in_run = self != nullptr && self->in_run;
  std::unique_lock<std::mutex> sl(sp_mu_);
  if (self_in_run) {
    // The caller is at a safepoint itself; counting it out lets another stopper finish first.
    --in_run_;
    sp_cv_.notify_all();
  }
  sp_cv_.wait(sl, [&] { return !world_stopped_; });
  world_stopped_ = true;
  const std::uint32_t before = eval_breaker_.fetch_or(vm::breaker::kGcRequest);
  sp_cv_.wait(sl, [&] { return in_run_ == 0; });
  sl.unlock();
  fn();
  sl.lock();
  // A collection the VM asked for before us stays requested; ours is withdrawn.
  if ((before & vm::breaker::kGcRequest) == 0) eval_breaker_.fetch_and(~vm::breaker::kGcRequest);
  world_stopped_ = false;
  if (self_in_run) ++in_run_;
  sp_cv_.notify_all();
}

trace::Writer* RealDriver::current_writer() const {
  const Thread* t = current_thread();
  return t != nullptr ? t->w : nullptr;
}

// --- factory ------------------------------------------------------------------------------------

std::unique_ptr<RealDriver> make_real_driver(const Options& options, OutputSink output) {
  const std::optional<GilMode> mode = parse_gil_mode(options.gil);
  if (!mode) return nullptr;
  return std::make_unique<RealDriver>(*mode, options, std::move(output));
}

}  // namespace interleave::run
