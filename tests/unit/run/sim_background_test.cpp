// Hand-worked schedules for the background-load model (machine.background_load: always-runnable
// CPU-bound competitors sharing the cores; sim_cores.h, docs/simulator.md "Background load"):
// slices that end at ticks, the competitors' virtual runtime against a thread's, wake-up
// preemption by the sleeper credit and the wake-up granularity, and load 0 leaving every
// schedule as it was. Scripted threads (sim_doubles.h): one instruction costs 1 us, every other
// cost is 0 unless set.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "sim_doubles.h"
#include "sim_run.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

// One core, `load` competitors, ticks and slices of 1 ms, a wake-up granularity of 1 ms.
Settings loaded(int cores, int load, std::int64_t sleeper_credit_ns) {
  Settings s;
  s.cores = cores;
  Profile p;  // every cost 0 ...
  p.op_ns.fill(1000);  // ... but 1 us per instruction
  p.time_slice_ns = 1'000'000;
  p.tick_ns = 1'000'000;
  p.wakeup_granularity_ns = 1'000'000;
  p.sleeper_credit_ns = sleeper_credit_ns;
  p.quantum_ns = 1'000'000'000;
  p.background_load = load;
  s.profile = p;
  return s;
}

struct Log {
  explicit Log(SimDriver& d) : driver(d) {
    d.set_event_sink([this](const SimEvent& e) {
      if (kinds.count(e.kind) != 0) lines.push_back(format_event(e, driver));
    });
  }
  SimDriver& driver;
  std::set<EventKind> kinds = {EventKind::RunBegin, EventKind::Preempt, EventKind::BlockBegin,
                               EventKind::BlockEnd, EventKind::ThreadEnd};
  std::vector<std::string> lines;
};

TEST_CASE("sim background load: a CPU-bound thread and a competitor take turns at the ticks") {
  // The competitor holds the only core from 0; the program's thread, waiting with no more
  // virtual runtime than it, gets the core at the first tick once the competitor's slice ended
  // (1 ms); then each yields at its slice's end to the other, whose virtual runtime is not
  // larger: 2.5 ms of CPU take 5.5 ms.
  SimDriver driver(loaded(1, 1, 0), [](int, std::string_view) {});
  Log log(driver);
  SimScript main("MainThread", {spin(2500)}, true);
  main.bind(driver);
  const RunResult r = driver.run(main);
  CHECK(r.end == RunResult::End::Finished);
  const std::vector<std::string> expected = {
      "1000000 MainThread run_begin core=0",
      "2000000 MainThread preempt core=0",
      "3000000 MainThread run_begin core=0",
      "4000000 MainThread preempt core=0",
      "5000000 MainThread run_begin core=0",
      "5500000 MainThread thread_end",
  };
  CHECK(log.lines == expected);
  const SimStats st = driver.stats();
  CHECK(st.end_ns == 5'500'000);
  CHECK(st.background_cpu_ns == 3'000'000);  // 0-1, 2-3 and 4-5 ms
  CHECK(st.background_preemptions == 0);
  CHECK(st.preemptions == 2);
}

TEST_CASE("sim background load: a woken thread with the sleeper credit preempts a competitor") {
  // The thread runs 0.5 ms from the first tick, then sleeps 5 ms (until 6.5 ms) while the
  // competitor runs. Woken, its virtual runtime (0.5 ms) is raised to the competitors' (6 ms:
  // 1 ms before the thread ran, 5 ms since) minus the 3 ms credit: 3 ms, which is 3 ms below the
  // competitor's, more than the 1 ms granularity: it takes the core at once.
  SimDriver driver(loaded(1, 1, 3'000'000), [](int, std::string_view) {});
  Log log(driver);
  SimScript main("MainThread", {spin(500), sleep_us(5000), spin(500)}, true);
  main.bind(driver);
  driver.run(main);
  const std::vector<std::string> expected = {
      "1000000 MainThread run_begin core=0",
      "1500000 MainThread block sleep sleep",
      "6500000 MainThread unblock",
      "6500000 MainThread run_begin core=0",
      "7000000 MainThread thread_end",
  };
  CHECK(log.lines == expected);
  CHECK(driver.stats().background_preemptions == 1);
  CHECK(driver.stats().background_cpu_ns == 6'000'000);
}

TEST_CASE("sim background load: without the sleeper credit a woken thread waits for the tick") {
  // The same program: woken at 6.5 ms and raised to the competitors' 6 ms, it is not below
  // them by the granularity, so it waits until the competitor's slice ends at the next tick.
  SimDriver driver(loaded(1, 1, 0), [](int, std::string_view) {});
  Log log(driver);
  SimScript main("MainThread", {spin(500), sleep_us(5000), spin(500)}, true);
  main.bind(driver);
  driver.run(main);
  const std::vector<std::string> expected = {
      "1000000 MainThread run_begin core=0",
      "1500000 MainThread block sleep sleep",
      "6500000 MainThread unblock",
      "7000000 MainThread run_begin core=0",
      "7500000 MainThread thread_end",
  };
  CHECK(log.lines == expected);
  CHECK(driver.stats().background_preemptions == 0);
}

TEST_CASE("sim background load: two competitors on two cores leave a thread 2/3 of a core") {
  // Fair shares: three always-runnable tasks on two cores each get two thirds of a core, so a
  // CPU-bound thread's 60 ms of CPU take about 90 ms; with one competitor it keeps a core.
  for (const int load : {0, 1, 2}) {
    Settings s = loaded(2, load, 0);
    s.profile.tick_ns = 4'000'000;
    s.profile.time_slice_ns = 4'000'000;
    SimDriver driver(s, [](int, std::string_view) {});
    SimScript main("MainThread", {spin(60'000)}, true);
    main.bind(driver);
    driver.run(main);
    const SimStats st = driver.stats();
    const double ratio = static_cast<double>(st.end_ns) / 60e6;
    CAPTURE(load);
    CAPTURE(ratio);
    if (load < 2) {
      CHECK(st.end_ns == 60'000'000);
    } else {
      CHECK(ratio == doctest::Approx(1.5).epsilon(0.05));
      // The competitors' CPU fills the rest of the two cores.
      CHECK(st.background_cpu_ns + 60'000'000 == doctest::Approx(2.0 * st.end_ns).epsilon(0.01));
    }
  }
}

TEST_CASE("sim background load: a deadlock is still reported under load") {
  SimLock a("a");
  SimScript main("MainThread", {acquire(a), acquire(a)}, true);
  SimDriver driver(loaded(2, 3, 0), [](int, std::string_view) {});
  main.bind(driver);
  const RunResult r = driver.run(main);
  CHECK(r.end == RunResult::End::Deadlock);
}

TEST_CASE("sim background load: load 0 keeps every schedule, whatever the tick and credit") {
  // The keys of the model change nothing without competitors: a GIL hand-off schedule with
  // preemptions on one core, run with two different ticks and credits, logs the same events.
  auto events = [](std::int64_t tick, std::int64_t credit) {
    Settings s = loaded(1, 0, credit);
    s.profile.tick_ns = tick;
    s.profile.wake_latency_ns = 10'000;
    SimDriver driver(s, [](int, std::string_view) {});
    std::vector<std::string> lines;
    driver.set_event_sink([&](const SimEvent& e) { lines.push_back(format_event(e, driver)); });
    SimScript a("A", {spin(3000), sleep_us(700), spin(2000)}), b("B", {spin(4000)});
    SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
    main.bind(driver);
    driver.run(main);
    return lines;
  };
  const std::vector<std::string> first = events(1'000'000, 0);
  CHECK(first.size() > 20);
  CHECK(first == events(4'000'000, 3'000'000));
}

TEST_CASE("sim background load: --load sets it, over the profile; bad values are errors") {
  Options o;
  o.background_load = 2;
  Settings s;
  std::string error;
  REQUIRE(settings_from_options(o, &s, &error));
  CHECK(s.profile.background_load == 2);
  o.background_load = -1;
  Settings d;
  REQUIRE(settings_from_options(o, &d, &error));
  CHECK(d.profile.background_load == 0);
  o.background_load = kMaxBackgroundLoad + 1;
  CHECK_FALSE(settings_from_options(o, &d, &error));
  CHECK(error.find("--load") != std::string::npos);

  Profile p = default_profile();
  REQUIRE(parse_profile("[machine]\nbackground_load = 3\n", &p, &error));
  CHECK(p.background_load == 3);
  CHECK_FALSE(parse_profile("[machine]\nbackground_load = 2ms\n", &p, &error));
  CHECK(error.find("whole number") != std::string::npos);
  CHECK_FALSE(parse_profile("machine.background_load = 5000\n", &p, &error));
}

TEST_CASE("sim background load: a lone CPU-bound thread gets its share; a GIL pair keeps a core") {
  // Two competitors on two cores. One thread counting down never sleeps: it gets its fair share,
  // two thirds of a core. Two threads taking turns under the GIL each sleep half the time and
  // come back with the sleeper credit, taking a core from a competitor at once: the pair keeps
  // about a core, as CPython's did beside two CPU-bound processes (docs/simulator.md).
  const std::string source =
      "import threading, time\n"
      "def count(n):\n"
      "    while n > 0:\n"
      "        n -= 1\n"
      "t0 = time.perf_counter()\n"
      "count(1500000)\n"
      "t1 = time.perf_counter()\n"
      "ts = [threading.Thread(target=count, args=(750000,)) for _ in range(2)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n"
      "print(t1 - t0, time.perf_counter() - t1)\n";
  Options o;
  o.cores = 2;
  auto seconds = [](const test::Ran& r) {
    const std::size_t space = r.out.find(' ');
    return std::make_pair(std::stod(r.out.substr(0, space)), std::stod(r.out.substr(space + 1)));
  };
  o.background_load = 0;
  const test::Ran idle = test::run_sim(source, o);
  o.background_load = 2;
  const test::Ran busy = test::run_sim(source, o);
  const test::Ran again = test::run_sim(source, o);
  REQUIRE(idle.status == 0);
  REQUIRE(busy.status == 0);
  CHECK(busy.out == again.out);  // deterministic
  const auto [idle_one, idle_pair] = seconds(idle);
  const auto [busy_one, busy_pair] = seconds(busy);
  CAPTURE(busy.out);
  CHECK(busy_one / idle_one == doctest::Approx(1.5).epsilon(0.1));
  CHECK(busy_pair / idle_pair < 1.1);
}

}  // namespace
}  // namespace interleave::run::sim
