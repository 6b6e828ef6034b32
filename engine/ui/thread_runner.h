// The native runner (and the threaded web build's): each run on its own worker std::thread, so
// the UI thread never waits for a program. The worker calls run::run_source with the options of
// run_options.h, queues the output (labelled with the writing thread) under a mutex and hands it
// over in poll() only. Stop raises Options::stop_request: the run ends within 200 ms, status 124.
// A compare run is the simulated run, then the real one, outputs prefixed "sim " / "real ".
// start() never waits for the previous run's worker: it retires it (retired_threads.h).
// Thread-safety: start/stop/poll from one thread (the UI's); the worker touches only Shared.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>

#include "ui/retired_threads.h"
#include "ui/runner.h"

namespace interleave::ui {

class ThreadRunner final : public Runner {
 public:
  // Output queued and not yet polled beyond this many bytes is dropped, with a note (a program
  // printing in a tight loop must not exhaust memory between two frames).
  static constexpr std::size_t kMaxPendingBytes = 8u << 20;

  ThreadRunner() = default;
  ~ThreadRunner() override;  // stops a run still going and joins every worker
  ThreadRunner(const ThreadRunner&) = delete;
  ThreadRunner& operator=(const ThreadRunner&) = delete;

  void start(const RunRequest& request) override;
  void stop() override;
  RunStatus poll() override;

  struct Shared;  // what the worker and the UI thread share (thread_runner.cpp)

 private:
  void finish_worker();  // stops the current run; its worker is joined once it exits

  std::shared_ptr<Shared> shared_;
  std::thread worker_;
  std::shared_ptr<std::atomic<bool>> worker_exited_;
  RetiredThreads retired_;  // earlier runs' workers, still ending (destroyed after worker_)
  std::chrono::steady_clock::time_point started_{};
  double time_limit_ = 0;  // seconds (progress of a simulation against it)
  bool simulated_ = false;
  bool reported_end_ = true;  // the current run's Finished was handed over
};

}  // namespace interleave::ui
