// The run's words: every time shown names the clock it comes from (simulated runs: virtual time;
// real runs: wall time; a page that only knows how long a simulation took to compute says so).
#include <doctest/doctest.h>

#include <string>

#include "ui/run_status_text.h"

using namespace interleave::ui;

namespace {

bool has(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("run status: a simulated run shows the simulator's time, not the wall clock") {
  RunOutcome o;
  o.filename = "countdown.py";
  o.mode = RunMode::Simulated;
  o.elapsed = 0.4;  // what the page measured: the time it took to compute
  o.sim_seconds = 1.234;
  const std::string text = outcome_text(o);
  CHECK(text == "countdown.py finished (exit status 0) after 1.234 s of simulated time");
  CHECK_FALSE(has(text, "0.400"));

  // No trace, but the runner counted virtual time (the desktop's runner does).
  o.sim_seconds.reset();
  o.elapsed = 2.5;
  o.elapsed_virtual = true;
  CHECK(outcome_text(o) == "countdown.py finished (exit status 0) after 2.500 s of simulated time");

  // Neither: the only number known is the computing time, and it is called that.
  o.elapsed_virtual = false;
  o.elapsed = 0.4;
  CHECK(outcome_text(o) ==
        "countdown.py finished (exit status 0) (simulated; it took 0.400 s to compute)");
}

TEST_CASE("run status: a real run shows wall time; exit statuses are named") {
  RunOutcome o;
  o.filename = "spin.py";
  o.mode = RunMode::Real;
  o.exit_status = 124;
  o.elapsed = 12.5;
  CHECK(outcome_text(o) ==
        "spin.py stopped at the time limit or by Stop (exit status 124) in 12.50 s");
  o.exit_status = 3;
  CHECK(has(outcome_text(o), "deadlock detected (exit status 3)"));
  o.exit_status = 1;
  CHECK(has(outcome_text(o), "ended with an exception (exit status 1)"));
}

TEST_CASE("run status: compare names each run's clock") {
  RunOutcome o;
  o.filename = "countdown.py";
  o.mode = RunMode::Compare;
  o.elapsed = 3.0;
  o.elapsed_virtual = true;
  o.sim_seconds = 1.5;
  o.real_seconds = 0.75;
  o.compare_exit_status = 0;
  CHECK(outcome_text(o) ==
        "countdown.py: simulated run finished (exit status 0) after 1.500 s of simulated time; "
        "real run finished (exit status 0) in 0.750 s");
  // One status for both (the page's runner): said as such, both times still by their clocks.
  o.compare_exit_status.reset();
  o.elapsed_virtual = false;
  CHECK(outcome_text(o) ==
        "countdown.py: compare finished (exit status 0): simulated run after 1.500 s of simulated "
        "time; real run in 0.750 s");
}

TEST_CASE("run status: the progress slot while a run goes on") {
  CHECK(progress_text(RunMode::Simulated, 2.345, true) == "simulated 2.35 s");
  CHECK(progress_text(RunMode::Simulated, 1.25, false) == "simulating (1.2 s real)");
  CHECK(progress_text(RunMode::Real, 1.25, false) == "running 1.2 s");
  CHECK(progress_text(RunMode::Compare, 0.5, true) == "simulated 0.50 s");
  CHECK(progress_text(RunMode::Compare, 0.5, false) == "running 0.5 s");
}
