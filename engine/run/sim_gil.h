// The GIL of one simulated interpreter (each simulated process has its own): CPython's
// _gil_runtime_state as plain data, with the decisions of take_gil / drop_gil, and no timing: the
// driver (sim_driver.cpp) decides *when* each step happens in virtual time. Copyable.
// Invariants: locked == (holder >= 0); a thread index is in at most one of waiters/switch_waiters.
// Thread-safety: the simulator's one OS thread.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "run/gil.h"

namespace interleave::run::sim {

struct SimGilStats {
  std::uint64_t takes = 0;
  std::uint64_t switches = 0;         // switch_number
  std::uint64_t drop_requests = 0;    // `on`: a waiter set the drop request (not already set)
  std::uint64_t forced_switches = 0;  // `on`: drops that waited on switch_cond
  std::uint64_t yields = 0;           // `on`: drops for a request; `legacy`: tick releases
  std::uint64_t signals = 0;          // drops that woke a waiter on `cond`
  std::uint64_t mutex_waits = 0;      // `on`: a thread found gil->mutex held and slept on it
  friend bool operator==(const SimGilStats&, const SimGilStats&) = default;
};

struct SimGil {
  GilMode mode = GilMode::On;
  std::int64_t interval_ns = 5'000'000;  // sys.setswitchinterval; never below 1 us (CPython)
  bool locked = false;
  int holder = -1;
  int last_holder = -1;
  std::uint64_t switch_number = 0;
  bool drop_request = false;        // mirrored into the interpreter's eval breaker by the driver
  std::deque<int> waiters;          // timed waits on `cond`, in the order they began (signal order)
  std::vector<int> switch_waiters;  // FORCE_SWITCHING: droppers waiting for a new holder
  // `on`: gil->mutex, which every take, drop and waiter check holds for a moment, is held until
  // this virtual time (the one number of the driver's clock kept here: the lock is otherwise
  // free, and a contender sleeps until then).
  std::int64_t mutex_free_at = 0;
  SimGilStats stats;

  // take_gil's success path (precondition: !locked). Returns true when it is a switch.
  bool take(int thread);
  // drop_gil: unlocks and signals `cond` once; returns the waiter woken (removed), or -1.
  int drop(int thread);
  void wait(int thread) { waiters.push_back(thread); }
  void cancel_wait(int thread);  // a waiter timed out (it leaves the queue to re-check)
  // take_gil after a timed-out wait: ask for a drop if nobody took the GIL meanwhile.
  bool should_request_drop(std::uint64_t saved_switch_number) const {
    return mode == GilMode::On && locked && switch_number == saved_switch_number;
  }
  // sys.setswitchinterval: CPython keeps microseconds, (unsigned long)(1e6 * s), and waits at
  // least 1 us.
  void set_interval_seconds(double seconds);
  double interval_seconds() const { return 1e-9 * static_cast<double>(interval_ns); }
};

}  // namespace interleave::run::sim
