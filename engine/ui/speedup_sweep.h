// The speedup-vs-cores curve: the simulator runs the same program with 1 to 16 virtual cores
// (kSweepCores: every count up to 4, then 6, 8, 12, 16; every other setting as the user chose) on a
// background std::thread, after a run. Each point is the simulated wall time on N cores against the
// one on 1 core. Cancellable (a new run, or the user); points appear as they are computed.
// Thread-safety: start/cancel/poll from one thread (the UI's); the worker touches only its shared
// state.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ui/retired_threads.h"
#include "ui/run_settings.h"

namespace interleave::ui {

// The core counts a sweep simulates, in order: dense where curves bend, sparse beyond.
inline constexpr int kSweepCores[] = {1, 2, 3, 4, 6, 8, 12, 16};

struct SweepPoint {
  int cores = 0;
  std::int64_t wall_ns = 0;  // simulated (virtual) wall time
  int exit_status = 0;
};

struct SweepState {
  enum class Phase { Idle, Running, Done, Cancelled, Failed };
  Phase phase = Phase::Idle;
  std::vector<SweepPoint> points;  // in cores order, as far as computed
  std::string note;                // why it failed (a run ended badly)
  // Speedup at `cores` against one core; negative when not computed.
  double speedup(int cores) const;
};

class SpeedupSweep {
 public:
  static constexpr int kMaxCores = 16;

  SpeedupSweep() = default;
  ~SpeedupSweep();  // cancels and joins every worker
  SpeedupSweep(const SpeedupSweep&) = delete;
  SpeedupSweep& operator=(const SpeedupSweep&) = delete;

  // Starts over for `source` (cancelling a sweep still going).
  void start(std::string source, std::string filename, RunSettings settings,
             int max_cores = kMaxCores);
  void cancel();  // returns at once; the worker ends within 200 ms
  // The state now (a copy: the worker may go on).
  SweepState poll();

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
  std::thread worker_;
  std::shared_ptr<std::atomic<bool>> worker_exited_;
  RetiredThreads retired_;  // cancelled sweeps' workers, still ending
};

}  // namespace interleave::ui
