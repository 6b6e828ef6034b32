// The published shape of countdown split over 1/2/4/8 threads under the 3.2+ GIL on a multi-core
// machine ("Python behind the scenes #13", tenthousandmeters.com): at a 5 ms interval 6.53 / 6.58 /
// 7.20 / 7.19 s, at 1 us 6.89 / 17.16 / 31.68 / 86.44 s. The simulator with the default profile,
// one scripted instruction standing for one countdown iteration (54 ns), prints its ratios to one
// thread: flat at 5 ms; at 1 us every count above one is slower, by the same factor (the
// published climb with the number of threads is not reproduced). bench/sim_plan.md has more.
// Then this machine's shape on 2 cores, in CPU time.
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "sim_doubles.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

struct Run {
  std::int64_t wall_ns = 0;
  std::int64_t cpu_ns = 0;  // every thread's, the waiters' turns included
};

Run countdown_on(int cores, int threads, double interval, std::int64_t iterations) {
  Settings s;
  s.cores = cores;
  s.switch_interval = interval;
  s.profile.op_ns[static_cast<std::size_t>(vm::OpClass::Other)] = 54;
  SimDriver driver(s, [](int, std::string_view) {});
  std::vector<std::unique_ptr<SimScript>> workers;
  std::vector<Step> main_steps;
  for (int i = 0; i < threads; ++i) {
    workers.push_back(std::make_unique<SimScript>("T" + std::to_string(i),
                                                  std::vector<Step>{spin(iterations / threads)}));
    main_steps.push_back(start(*workers.back()));
  }
  for (auto& w : workers) main_steps.push_back(join(*w));
  SimScript main("MainThread", main_steps, true);
  main.bind(driver);
  driver.run(main);
  Run r;
  r.wall_ns = driver.now();
  for (const ThreadStats& t : driver.stats().threads) r.cpu_ns += t.cpu_ns;
  return r;
}

std::int64_t countdown(int threads, double interval, std::int64_t iterations) {
  return countdown_on(4, threads, interval, iterations).wall_ns;
}

TEST_CASE("sim shape: countdown over 1/2/4/8 threads at 5 ms and 1 us switch intervals") {
  const std::int64_t n = 1'000'000;  // 54 ms of work
  for (const double interval : {0.005, 0.000001}) {
    std::vector<double> ratio;
    const double one = static_cast<double>(countdown(1, interval, n));
    for (const int t : {1, 2, 4, 8})
      ratio.push_back(static_cast<double>(countdown(t, interval, n)) / one);
    char line[160];
    std::snprintf(line, sizeof line, "interval %g s: 1/2/4/8 threads = %.2f / %.2f / %.2f / %.2f",
                  interval, ratio[0], ratio[1], ratio[2], ratio[3]);
    MESSAGE(line);
    if (interval > 0.001) {
      CHECK(ratio[3] < 1.2);  // published: 1.10
    } else {
      // Published: 2.49 / 4.60 / 12.5. Every hand-off costs wake-ups, so more than one thread
      // is slower than one; but a hold lasts a whole timed wait of interval + os.timer_slack
      // (51 us, Linux's default slack) whatever the number of threads, so the shape is flat
      // from two threads on, far below the published climb (docs/simulator.md, "Known gaps").
      for (const std::size_t k : {1, 2, 3}) {
        CHECK(ratio[k] > 1.2);
        CHECK(ratio[k] < 2.0);
      }
    }
  }
}

}  // namespace
}  // namespace interleave::run::sim

namespace interleave::run::sim {
namespace {

// This machine's shape (bench/fidelity.py, 2 cores): at a 1 us interval each GIL waiter times out
// every 1 us + the 50 us timer slack + a wake-up and spends gil.wait_cycle (8.5 us, measured) of
// CPU per turn, so CPython's CPU for the same countdown climbs with the number of threads (1.44 /
// 1.65 / 1.59 at load 20, 1.14-1.58 / 1.43-2.05 / 1.47-2.45 at load 12), while at 5 ms it stays
// flat. Simulated: 1.25 / 1.50 / 2.04; with the old guess of 3 us per turn it stopped at 1.39.
TEST_CASE("sim shape, 2 cores: the waiters' turns make the CPU climb with the threads at 1 us") {
  const std::int64_t n = 1'000'000;
  for (const double interval : {0.005, 0.000001}) {
    const double one = static_cast<double>(countdown_on(2, 1, interval, n).cpu_ns);
    std::vector<double> cpu;
    for (const int t : {2, 4, 8})
      cpu.push_back(static_cast<double>(countdown_on(2, t, interval, n).cpu_ns) / one);
    char line[160];
    std::snprintf(line, sizeof line,
                  "interval %g s, 2 cores: CPU of 2/4/8 threads = %.2f / %.2f / %.2f", interval,
                  cpu[0], cpu[1], cpu[2]);
    MESSAGE(line);
    if (interval > 0.001) {
      CHECK(cpu[2] < 1.05);
    } else {
      CHECK(cpu[0] > 1.1);
      CHECK(cpu[0] < cpu[1]);
      CHECK(cpu[1] < cpu[2]);
      CHECK(cpu[2] > 1.6);
      CHECK(cpu[2] < 2.5);
    }
  }
}

}  // namespace
}  // namespace interleave::run::sim
