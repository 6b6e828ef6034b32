// The speedup-vs-cores sweep with real simulated runs: CPU-bound threads under the GIL do not
// speed up with cores, the same work without a GIL does; cancel ends it promptly; a failing
// program ends the sweep with a note. Also the summary panel's duration format.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "ui/speedup_sweep.h"
#include "ui/summary_panel.h"

using namespace interleave::ui;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kCountdown =
    "import threading\n"
    "def count(n):\n"
    "    while n > 0:\n"
    "        n -= 1\n"
    "ts = [threading.Thread(target=count, args=(20000,)) for _ in range(4)]\n"
    "for t in ts: t.start()\n"
    "for t in ts: t.join()\n";

SweepState wait_sweep(SpeedupSweep& s, double limit = 120) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(limit);
  SweepState st = s.poll();
  while (st.phase == SweepState::Phase::Running && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    st = s.poll();
  }
  return st;
}

}  // namespace

TEST_CASE("speedup sweep: under the GIL four CPU-bound threads gain nothing from more cores") {
  SpeedupSweep sweep;
  RunSettings settings;
  settings.gil = GilMode::On;
  sweep.start(kCountdown, "prog.py", settings, 4);
  SweepState st = wait_sweep(sweep);
  REQUIRE(st.phase == SweepState::Phase::Done);
  REQUIRE(st.points.size() == 4);
  CHECK(st.speedup(1) == doctest::Approx(1.0));
  CHECK(st.speedup(4) < 1.2);
  CHECK(st.speedup(4) > 0.5);
}

TEST_CASE("speedup sweep: without a GIL the same threads run in parallel on more cores") {
  SpeedupSweep sweep;
  RunSettings settings;
  settings.gil = GilMode::Off;
  sweep.start(kCountdown, "prog.py", settings, 4);
  SweepState st = wait_sweep(sweep);
  REQUIRE(st.phase == SweepState::Phase::Done);
  CHECK(st.speedup(2) > 1.6);
  CHECK(st.speedup(4) > 3.0);
  CHECK(st.points[3].wall_ns < st.points[0].wall_ns);
}

TEST_CASE("speedup sweep: cancel ends a sweep of a program that never ends") {
  SpeedupSweep sweep;
  RunSettings settings;
  settings.time_limit = 600;
  sweep.start("while True:\n    pass\n", "prog.py", settings);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  sweep.cancel();
  CHECK(sweep.poll().phase == SweepState::Phase::Cancelled);
  const auto t0 = Clock::now();
  sweep.start(kCountdown, "prog.py", RunSettings{}, 1);  // joins the cancelled worker
  // The run's own Stop latency (< 200 ms, tested by the runner's tests) plus the join; the margin
  // is for a loaded machine.
  CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 0.5);
  CHECK(wait_sweep(sweep).phase == SweepState::Phase::Done);
}

TEST_CASE("speedup sweep: a program that fails ends the sweep with the reason") {
  SpeedupSweep sweep;
  sweep.start("raise ValueError('x')\n", "prog.py", RunSettings{});
  SweepState st = wait_sweep(sweep);
  CHECK(st.phase == SweepState::Phase::Failed);
  CHECK(st.points.empty());
  CHECK(st.note.find("exit status 1") != std::string::npos);
  CHECK(st.speedup(1) < 0);
}

TEST_CASE("summary: durations print with three significant digits and their unit") {
  CHECK(format_ns(12) == "12 ns");
  CHECK(format_ns(1500) == "1.5 µs");
  CHECK(format_ns(45'600'000) == "45.6 ms");
  CHECK(format_ns(1'234'000'000) == "1.23 s");
}
