// The simulated machine's cores and its OS scheduler's run queue: who is on which core, who waits
// for one (FIFO, round-robin with a time slice), and the context-switch rule. Plain data; the
// driver (sim_driver.cpp) moves threads in and out at virtual times. Copyable.
// Invariants: a thread index is on at most one core or once in `ready`; a reserved core is busy
// finishing its last thread's work (a GIL drop) and takes no one until freed.
// Thread-safety: the simulator's one OS thread.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace interleave::run::sim {

inline constexpr int kDefaultCores = 4;  // --cores 0 in sim: the same answer on every machine
inline constexpr int kMaxCores = 1024;

struct Core {
  int current = -1;       // thread on this core, -1: none
  int last = -1;          // the thread it ran last (no context switch cost to resume it)
  bool reserved = false;  // busy until a CoreFree event, with no thread
};

struct Cores {
  std::vector<Core> cores;
  std::deque<int> ready;  // runnable threads without a core, in the order they became runnable
  std::uint64_t context_switches = 0;
  std::uint64_t preemptions = 0;

  explicit Cores(int n = kDefaultCores) : cores(static_cast<std::size_t>(n)) {}
  // The lowest-numbered idle core, or -1.
  int idle_core() const {
    for (std::size_t i = 0; i < cores.size(); ++i) {
      if (cores[i].current < 0 && !cores[i].reserved) return static_cast<int>(i);
    }
    return -1;
  }
};

}  // namespace interleave::run::sim
