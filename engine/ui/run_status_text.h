// What the playground says about a run in words: the progress slot's text while it goes on and
// the outcome line under the editor once it ended. Every time it shows names its clock: a
// simulated run's time is virtual (the simulator's clock), a real run's is this machine's wall
// clock, and a page that only knows how long a simulation took to compute says so. Pure
// functions: any thread.
#pragma once

#include <optional>
#include <string>

#include "ui/run_settings.h"

namespace interleave::ui {

// While a run goes on (RunStatus::elapsed, elapsed_virtual, progress).
std::string progress_text(RunMode mode, double elapsed, bool elapsed_virtual);

struct RunOutcome {
  std::string filename;
  RunMode mode = RunMode::Simulated;
  int exit_status = 0;
  std::optional<int> compare_exit_status;  // compare: the real run's
  double elapsed = 0;                      // the runner's count at the end
  bool elapsed_virtual = false;
  std::optional<double> sim_seconds;   // the simulated run's virtual time (from its trace)
  std::optional<double> real_seconds;  // the real run's wall time (from its trace)
};

// "countdown.py finished (exit status 0) after 1.23 s of simulated time", "... in 0.52 s",
// compare: both runs, each with its own clock.
std::string outcome_text(const RunOutcome& outcome);

// "finished", "ended with an exception", "stopped: deadlock detected", ...
const char* describe_exit(int status);

}  // namespace interleave::ui
