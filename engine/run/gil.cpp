// The GIL of the real-thread driver: CPython 3.11's Python/ceval_gil.c, rebuilt on std::mutex and
// std::condition_variable, plus Python 2's tick lock (`legacy`) and no lock at all (`off`).
// Thread-safety: see gil.h. Names follow ceval_gil.c so that the two can be read side by side.
/*
   Notes about the implementation (mode `on`, after ceval_gil.c):

   - The GIL is just a boolean variable (locked) whose access is protected by a mutex (mutex), and
     whose changes are signalled by a condition variable (cond). The mutex is held for short
     moments only: the GIL is "held" while `locked` is true, not while the mutex is locked.

   - A thread that wants the GIL while another holds it waits on `cond` with a time-out of
     `interval` microseconds (sys.setswitchinterval; 5 ms by default). If the time-out passes and
     no switch happened meanwhile (`switch_number` unchanged), it sets the drop request: the
     kGilDropRequest bit of the interpreter's eval breaker. The holder's interpreter loop sees the
     bit at its next safepoint (backward jump or call), run() returns Stop::Budget and the driver
     calls yield(): drop, then take again.

   - The drop request is not reset by the dropper but by the thread that takes the GIL next, so
     that a request stays visible until it has been served.

   - FORCE_SWITCHING: a thread dropping the GIL while a drop request is pending waits on
     `switch_cond` until another thread has taken it (`last_holder` changed). Without this the
     dropper, already running on its core, usually re-takes the GIL before the woken waiter is even
     scheduled, and the waiter's request was for nothing. Blocking drops (a thread that waits for a
     lock or sleeps) obey the same rule, as PyEval_SaveThread does in CPython.

   - `last_holder` and `switch_number` let a waiter tell "nobody switched during my interval" from
     "the GIL changed hands and came back", and count the switches for the run's numbers.

   Mode `legacy` (Python 2's interpreter_lock, thread_pthread.h's mutex + condvar lock): take waits
   on `cond` while `locked`; drop clears `locked` and signals `cond` after unlocking the mutex. The
   holder drops and immediately re-takes it every 100 ticks (Gil::kLegacyCheckInterval; the driver
   runs the thread with that budget). Nothing orders the waiters: on several cores the releasing
   thread, still running, usually takes the mutex again before the signalled waiter wakes up, so it
   wins most re-acquisitions (David Beazley, "Understanding the Python GIL", 2010). That unfairness
   is the point of the mode: it is what the 3.2 GIL fixed.

   Mode `off` (free-threaded CPython 3.13t): take, drop and yield do nothing; threads run in
   parallel and only the interpreter's own locks order them.
*/
#include "run/gil.h"

#include <chrono>

#include "vm/driver.h"

namespace interleave::run {

namespace {
std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::optional<GilMode> parse_gil_mode(std::string_view name) {
  if (name == "on") return GilMode::On;
  if (name == "legacy") return GilMode::Legacy;
  if (name == "off") return GilMode::Off;
  return std::nullopt;
}

std::string_view to_string(GilMode mode) {
  switch (mode) {
    case GilMode::On:
      return "on";
    case GilMode::Legacy:
      return "legacy";
    case GilMode::Off:
      return "off";
  }
  return "?";
}

Gil::Gil(GilMode mode, std::atomic<std::uint32_t>& eval_breaker, unsigned long interval_us)
    : mode_(mode), eval_breaker_(eval_breaker), interval_(interval_us) {}

void Gil::set_interval(unsigned long microseconds) {
  interval_.store(microseconds, std::memory_order_relaxed);
}

void Gil::set_interval_seconds(double seconds) {
  // sysmodule.c: _PyEval_SetSwitchInterval((unsigned long) (1e6 * interval)); the caller has
  // already refused values <= 0 with ValueError.
  set_interval(seconds > 0 ? static_cast<unsigned long>(1e6 * seconds) : 0);
}

GilStats Gil::stats() const {
  GilStats s;
  s.takes = takes_.load(std::memory_order_relaxed);
  s.contended_takes = contended_takes_.load(std::memory_order_relaxed);
  s.switches = switch_number_.load(std::memory_order_relaxed);
  s.drop_requests = drop_requests_.load(std::memory_order_relaxed);
  s.forced_switches = forced_switches_.load(std::memory_order_relaxed);
  s.yields = yields_.load(std::memory_order_relaxed);
  s.wait_ns = wait_ns_.load(std::memory_order_relaxed);
  return s;
}

const void* Gil::take(const void* holder) {
  const void* previous = nullptr;
  switch (mode_) {
    case GilMode::On:
      take_on(holder, false, &previous);
      break;
    case GilMode::Legacy:
      take_legacy(holder, false, &previous);
      break;
    case GilMode::Off:
      break;
  }
  return previous;
}

bool Gil::take_or_leave(const void* holder, const void** previous) {
  *previous = nullptr;
  switch (mode_) {
    case GilMode::On:
      return take_on(holder, true, previous);
    case GilMode::Legacy:
      return take_legacy(holder, true, previous);
    case GilMode::Off:
      break;
  }
  return true;
}

void Gil::wake_all() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cond_.notify_all();
  }
  std::lock_guard<std::mutex> sl(switch_mutex_);
  switch_cond_.notify_all();
}

void Gil::drop(const void* holder) {
  switch (mode_) {
    case GilMode::On:
      drop_on(holder);
      break;
    case GilMode::Legacy:
      drop_legacy(holder);
      break;
    case GilMode::Off:
      break;
  }
}

const void* Gil::yield(const void* holder) {
  if (mode_ == GilMode::Off) return nullptr;
  yields_.fetch_add(1, std::memory_order_relaxed);
  // ceval.c (3.11) eval_frame_handle_pending: "Give another thread a chance"; Python 2's ceval.c
  // did the same with PyThread_release_lock / PyThread_acquire_lock every check interval.
  drop(holder);
  // Other threads may run now.
  return take(holder);
}

void Gil::set_drop_request(const void* waiter) {
  eval_breaker_.fetch_or(vm::breaker::kGilDropRequest, std::memory_order_relaxed);
  drop_requests_.fetch_add(1, std::memory_order_relaxed);
  if (observer_ != nullptr) {
    observer_->drop_requested(waiter, last_holder_.load(std::memory_order_relaxed));
  }
}

void Gil::reset_drop_request() {
  eval_breaker_.fetch_and(~vm::breaker::kGilDropRequest, std::memory_order_relaxed);
}

void Gil::count_take(bool contended, std::int64_t waited_ns) {
  takes_.fetch_add(1, std::memory_order_relaxed);
  if (contended) {
    contended_takes_.fetch_add(1, std::memory_order_relaxed);
    wait_ns_.fetch_add(waited_ns, std::memory_order_relaxed);
  }
}

// --- mode `on`: ceval_gil.c's take_gil / drop_gil ----------------------------------------------

void Gil::drop_on(const void* holder) {
  // Threads might have been switched under our feet (in CPython by PyThreadState_Swap): record the
  // real last holder so that the forced-switch test below is right.
  last_holder_.store(holder, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    locked_.store(false, std::memory_order_relaxed);
    cond_.notify_one();
  }

  // FORCE_SWITCHING: a waiter asked for the GIL; do not come back before it (or another) got it.
  if (eval_breaker_.load(std::memory_order_relaxed) & vm::breaker::kGilDropRequest) {
    std::unique_lock<std::mutex> sl(switch_mutex_);
    if (last_holder_.load(std::memory_order_relaxed) == holder) {
      reset_drop_request();
      forced_switches_.fetch_add(1, std::memory_order_relaxed);
      if (observer_ != nullptr) observer_->forced_switch(holder);
      // ceval_gil.c waits once and tolerates a spurious wake-up; waiting for the change itself
      // costs nothing and keeps the counters honest. A requester stays in take() until it wins,
      // so the change comes, unless the run is ending (requesters may leave: take_or_leave).
      switch_cond_.wait(sl, [&] {
        return last_holder_.load(std::memory_order_relaxed) != holder || leaving();
      });
    }
  }
}

bool Gil::take_on(const void* holder, bool may_leave, const void** previous_out) {
  std::unique_lock<std::mutex> lock(mutex_);
  const bool contended = locked_.load(std::memory_order_relaxed);
  std::int64_t started = 0;
  if (contended) {
    started = now_ns();
    while (locked_.load(std::memory_order_relaxed)) {
      if (may_leave && leaving()) return false;
      const std::uint64_t saved_switchnum = switch_number_.load(std::memory_order_relaxed);
      const unsigned long interval = interval_.load(std::memory_order_relaxed);
      const bool timed_out =
          cond_.wait_for(lock, std::chrono::microseconds(interval >= 1 ? interval : 1)) ==
          std::cv_status::timeout;
      // If we timed out and no switch occurred in the meantime, it is time to ask the
      // GIL-holding thread to drop it.
      if (timed_out && locked_.load(std::memory_order_relaxed) &&
          switch_number_.load(std::memory_order_relaxed) == saved_switchnum) {
        set_drop_request(holder);
      }
    }
  }
  // _ready: this mutex must be taken before modifying last_holder (see drop_on).
  const void* previous;
  {
    std::lock_guard<std::mutex> sl(switch_mutex_);
    // We now hold the GIL.
    locked_.store(true, std::memory_order_relaxed);
    previous = last_holder_.load(std::memory_order_relaxed);
    if (holder != previous) {
      last_holder_.store(holder, std::memory_order_relaxed);
      switch_number_.fetch_add(1, std::memory_order_relaxed);
    }
    switch_cond_.notify_one();
  }
  // A drop request is served by the thread that takes the GIL, whoever asked for it.
  if (eval_breaker_.load(std::memory_order_relaxed) & vm::breaker::kGilDropRequest) {
    reset_drop_request();
  }
  count_take(contended, contended ? now_ns() - started : 0);
  *previous_out = previous;
  return true;
}

// --- mode `legacy`: Python 2's PyThread_acquire_lock / PyThread_release_lock -----------------

bool Gil::take_legacy(const void* holder, bool may_leave, const void** previous_out) {
  std::unique_lock<std::mutex> lock(mutex_);
  const bool contended = locked_.load(std::memory_order_relaxed);
  std::int64_t started = 0;
  if (contended) {
    started = now_ns();
    while (locked_.load(std::memory_order_relaxed)) {
      if (may_leave && leaving()) return false;
      cond_.wait(lock);
    }
  }
  locked_.store(true, std::memory_order_relaxed);
  const void* previous = last_holder_.load(std::memory_order_relaxed);
  if (holder != previous) {
    last_holder_.store(holder, std::memory_order_relaxed);
    switch_number_.fetch_add(1, std::memory_order_relaxed);
  }
  lock.unlock();
  count_take(contended, contended ? now_ns() - started : 0);
  *previous_out = previous;
  return true;
}

void Gil::drop_legacy(const void* /*holder*/) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    locked_.store(false, std::memory_order_relaxed);
  }
  // Python 2 signalled after unlocking; the waiter then races the releaser for the mutex.
  cond_.notify_one();
}

}  // namespace interleave::run
