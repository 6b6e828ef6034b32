// The simulated machine's cores and its OS scheduler's run queue: who is on which core, who waits
// for one (in the order they became runnable; without background load each waiting thread
// belongs to one core's queue, SimDriver's Thread::home), and the context-switch rule; and the
// machine's background load (`machine.background_load`): K always-runnable CPU-bound
// competitors, other programs' tasks, that share the cores with the program's threads
// (docs/simulator.md, "Background load"). Plain data; the driver (sim_driver.cpp) moves threads and competitors in
// and out at virtual times. Copyable.
// Invariants: a thread index is on at most one core or once in `ready`; a reserved core is busy
// finishing its last thread's work (a GIL drop) and takes no one until freed; a core holds a
// thread or a competitor, never both; `ready` holds kCompetitor once per waiting competitor, so
// competitors on cores + kCompetitor entries in `ready` == background_load.
// Thread-safety: the simulator's one OS thread.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace interleave::run::sim {

inline constexpr int kDefaultCores = 4;  // --cores 0 in sim: the same answer on every machine
inline constexpr int kMaxCores = 1024;
inline constexpr int kMaxBackgroundLoad = 1024;
// In `ready` and in Core::last: a background competitor (they are alike, so not numbered).
inline constexpr int kCompetitor = -2;

struct Core {
  int current = -1;       // thread on this core, -1: none
  int last = -1;          // the thread it ran last (kCompetitor: a competitor; -1: none)
  bool reserved = false;  // busy until a CoreFree event, with no thread
  // Background load: a competitor holds this core since `since`; `check` is the pending tick at
  // which it gives the core up to a waiting thread (0: none armed), `stint` numbers its stays
  // so that a check armed for an earlier stay is stale.
  bool competitor = false;
  std::int64_t since = 0;
  std::int64_t check = 0;
  std::uint64_t stint = 0;
};

struct Cores {
  std::vector<Core> cores;
  std::deque<int> ready;  // runnable threads without a core, in the order they became runnable
  std::uint64_t context_switches = 0;
  std::uint64_t preemptions = 0;
  // Background load: the CPU the competitors used in stays that ended (the running ones' since
  // `Core::since` is added by competitor_vruntime), and how often a thread took a core from one.
  std::int64_t competitor_cpu_ns = 0;
  std::uint64_t competitor_preemptions = 0;

  explicit Cores(int n = kDefaultCores) : cores(static_cast<std::size_t>(n)) {}
  // The lowest-numbered idle core, or -1.
  int idle_core() const {
    for (std::size_t i = 0; i < cores.size(); ++i) {
      if (cores[i].current < 0 && !cores[i].competitor && !cores[i].reserved) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }
  // The CPU all competitors used until `now`.
  std::int64_t competitor_cpu(std::int64_t now) const {
    std::int64_t total = competitor_cpu_ns;
    for (const Core& c : cores) {
      if (c.competitor) total += now - c.since;
    }
    return total;
  }
  // Every competitor's virtual runtime at `now`: they are alike and always runnable, so the fair
  // scheduler keeps them level, each at the mean of their CPU (0 when there are none).
  std::int64_t competitor_vruntime(std::int64_t now, int load) const {
    return load <= 0 ? 0 : competitor_cpu(now) / load;
  }
  bool thread_waits() const {
    for (const int e : ready) {
      if (e >= 0) return true;
    }
    return false;
  }
};

// The first scheduler tick at or after `t` (ticks at every multiple of `tick` from the run's
// start, on every core alike; tick 0: `t` itself).
inline std::int64_t tick_at_or_after(std::int64_t t, std::int64_t tick) {
  if (tick <= 0) return t;
  return (t + tick - 1) / tick * tick;
}

}  // namespace interleave::run::sim
