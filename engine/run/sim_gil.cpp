// The simulated GIL's state changes (see sim_gil.h). Single-threaded, copyable, no time.
/*
   How it works (read next to CPython 3.11's Python/ceval_gil.c; times come from the driver)

   `on` (3.2+). A thread that wants to run bytecode calls take_gil on its core. If the GIL is free
   it takes it (take(): last_holder/switch_number updated, a pending drop request reset, every
   FORCE_SWITCHING dropper on switch_cond woken). Otherwise it leaves its core and waits on `cond`
   with a timeout of `interval`, remembering switch_number. When the wait times out the thread
   must be scheduled again (wake-up latency, a free core) before it can look: if the GIL is still
   held and switch_number did not move, it sets the drop request (the eval breaker); then it waits
   another interval. The holder sees the breaker at its next safepoint (the driver ends run()
   there), drops the GIL (drop() signals one waiter) and, the request being set and itself still
   last_holder, waits on switch_cond until another thread has taken the GIL: forced switching.
   Nothing here knows about I/O: the convoy effect appears because a thread coming back from a
   short block finds the GIL held by a CPU-bound thread and must wait out a whole interval.

   `legacy` (Python 2). No timeouts, no requests. The holder releases every 100 ticks and asks for
   the lock again at once, on the same core; the waiter it signalled needs the wake-up latency
   before it can look, so it usually finds the lock taken again and goes back to sleep: the
   releaser wins unless the waiter happens to look inside the short release/re-take gap, or the
   holder is preempted in it.

   `off`. No lock: take/drop are never called; threads only compete for cores.
*/
#include "run/sim_gil.h"

#include <algorithm>

namespace interleave::run::sim {

bool SimGil::take(int thread) {
  locked = true;
  holder = thread;
  ++stats.takes;
  const bool switched = last_holder != thread;
  if (switched) {
    last_holder = thread;
    ++switch_number;
    ++stats.switches;
  }
  drop_request = false;  // RESET_GIL_DROP_REQUEST in take_gil
  return switched;
}

int SimGil::drop(int thread) {
  (void)thread;
  locked = false;
  holder = -1;
  if (waiters.empty()) return -1;
  const int woken = waiters.front();
  waiters.pop_front();
  ++stats.signals;
  return woken;
}

void SimGil::cancel_wait(int thread) {
  auto it = std::find(waiters.begin(), waiters.end(), thread);
  if (it != waiters.end()) waiters.erase(it);
}

void SimGil::set_interval_seconds(double seconds) {
  if (!(seconds >= 0)) seconds = 0;
  const double us = seconds * 1e6;
  const std::int64_t whole_us = us >= 9.0e12 ? 9'000'000'000'000 : static_cast<std::int64_t>(us);
  interval_ns = std::max<std::int64_t>(whole_us, 1) * 1000;
}

}  // namespace interleave::run::sim
