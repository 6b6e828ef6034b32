// The simulator against hand-worked schedules: exact GIL event sequences for each model, cores and
// time slicing, sleeps and clocks, deadlocks, time limits, determinism. The threads are scripted
// doubles (sim_doubles.h) whose every instruction costs 1 us, under a profile where everything
// else is free unless a test says otherwise, so each expected time can be checked by hand.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "sim_doubles.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

Profile unit_profile() {
  Profile p;           // every cost 0 ...
  p.op_ns.fill(1000);  // ... but 1 us per instruction
  p.time_slice_ns = 1'000'000'000;
  p.quantum_ns = 1'000'000'000;
  return p;
}

struct Run {
  explicit Run(Settings s)
      : driver(s, [this](int fd, std::string_view text) { (fd == 2 ? err : out) += text; }) {
    driver.set_event_sink([this](const SimEvent& e) {
      events.push_back(e);
      lines.push_back(format_event(e, driver));
    });
  }
  ~Run() {
    if (std::getenv("SIM_DUMP") != nullptr) {  // SIM_DUMP=1 test_run -tc=...: the whole log
      for (const std::string& l : lines) std::printf("%s\n", l.c_str());
    }
  }
  RunResult go(SimScript& main) {
    main.bind(driver);
    return driver.run(main);
  }
  std::vector<std::string> only(std::set<EventKind> kinds) const {
    std::vector<std::string> r;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (kinds.count(events[i].kind) != 0) r.push_back(lines[i]);
    }
    return r;
  }
  std::vector<std::string> of_thread(const std::string& name, std::set<EventKind> kinds) const {
    std::vector<std::string> r;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (kinds.count(events[i].kind) != 0 && driver.thread_name(events[i].thread) == name) {
        r.push_back(lines[i]);
      }
    }
    return r;
  }
  SimDriver driver;
  std::string out, err;
  std::vector<SimEvent> events;
  std::vector<std::string> lines;
};

Settings unit_settings(GilMode gil, int cores) {
  Settings s;
  s.gil = gil;
  s.cores = cores;
  s.profile = unit_profile();
  return s;
}

const std::set<EventKind> kGil = {EventKind::GilTake, EventKind::GilRequest, EventKind::DropRequest,
                                  EventKind::GilDrop, EventKind::ForcedSwitch};

TEST_CASE("sim gil on: two CPU-bound threads switch once per interval, by drop request") {
  Run r(unit_settings(GilMode::On, 2));
  SimScript a("A", {spin(12000)}), b("B", {spin(12000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  const RunResult res = r.go(main);
  CHECK(res.end == RunResult::End::Finished);
  CHECK(res.exit_status == 0);
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "0 MainThread gil_drop",
      "0 A gil_take from=MainThread",
      "0 B gil_request",
      "5000000 B drop_request holder=A",
      "5000000 A gil_drop",
      "5000000 A forced_switch",
      "5000000 B gil_take from=A",
      "5000000 A gil_request",
      "10000000 A drop_request holder=B",
      "10000000 B gil_drop",
      "10000000 B forced_switch",
      "10000000 A gil_take from=B",
      "10000000 B gil_request",
      "15000000 B drop_request holder=A",
      "15000000 A gil_drop",
      "15000000 A forced_switch",
      "15000000 B gil_take from=A",
      "15000000 A gil_request",
      "20000000 A drop_request holder=B",
      "20000000 B gil_drop",
      "20000000 B forced_switch",
      "20000000 A gil_take from=B",
      "20000000 B gil_request",
      "22000000 A gil_drop",  // A done: 12000 instructions; its end (a notify) woke MainThread
      "22000000 MainThread gil_take from=A",  // ... whose wake-up came before B's GIL signal
      "22000000 MainThread gil_drop",         // join(B) blocks
      "22000000 B gil_take from=MainThread",
      "24000000 B gil_drop",
      "24000000 MainThread gil_take from=B",
      "24000000 MainThread gil_drop",
  };
  CHECK(r.only(kGil) == expected);
  const SimStats st = r.driver.stats();
  CHECK(st.end_ns == 24'000'000);
  CHECK(st.gil.drop_requests == 4);
  CHECK(st.gil.forced_switches == 4);
  CHECK(st.gil.switches == 9);  // Main A B A B A Main B Main
  CHECK(st.threads[1].cpu_ns == 12'000'000);
  CHECK(st.threads[2].gil_wait_ns == 12'000'000);  // 0-5, 10-15, 20-22
}

TEST_CASE("sim gil on: wake-up latency delays the request and every hand-off") {
  Settings s = unit_settings(GilMode::On, 2);
  s.profile.wake_latency_ns = 10'000;
  Run r(s);
  SimScript a("A", {spin(6000)}), b("B", {spin(1000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  r.go(main);
  // B asks at 0; its timer fires at 5 ms, it runs 10 us later and sets the request; A sees it at
  // its next instruction, drops and signals B, who runs 10 us after that; A's forced-switch wait
  // ends 10 us after B took the GIL.
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "0 MainThread gil_drop",
      "0 A gil_take from=MainThread",  // a new thread starts without a wake-up
      "0 B gil_request",
      "5010000 B drop_request holder=A",  // timer at 5 ms, running 10 us later
      "5010000 A gil_drop",               // A sees the breaker at once
      "5010000 A forced_switch",
      "5020000 B gil_take from=A",  // signalled, running 10 us later
      "5030000 A gil_request",      // A's forced-switch wait ends 10 us after B's take
      "6020000 B gil_drop",         // B's 1000 instructions
      "6030000 A gil_take from=B",
      "7020000 A gil_drop",
      "7030000 MainThread gil_take from=A",
      "7030000 MainThread gil_drop",
  };
  std::vector<std::string> got = r.only(kGil);
  got.resize(expected.size());
  CHECK(got == expected);
}

TEST_CASE("sim gil on: the convoy effect, an I/O thread waits an interval after every I/O") {
  Run r(unit_settings(GilMode::On, 2));
  SimScript cpu("CPU", {spin_forever()});
  SimScript io("IO", {spin(10), io_us(100), spin(10), io_us(100), spin(10), io_us(100)});
  SimScript main("MainThread", {start(cpu), start(io), join(io)}, true);
  r.go(main);
  const std::vector<std::string> takes = r.of_thread("IO", {EventKind::GilTake});
  const std::vector<std::string> expected = {
      "5000000 IO gil_take from=CPU",   // asked at 0: an interval, then a drop request
      "10110000 IO gil_take from=CPU",  // back from 100 us of I/O at 5.11 ms: another interval
      "15220000 IO gil_take from=CPU",
      "20330000 IO gil_take from=CPU",
  };
  CHECK(takes == expected);
  // Alone (or without a GIL) the same thread needs 0.33 ms. Its end wakes the main thread, which
  // takes the GIL as IO drops it, ahead of the CPU thread: the run ends then.
  CHECK(r.driver.stats().end_ns == 20'330'000);

  Run off(unit_settings(GilMode::Off, 2));
  SimScript cpu2("CPU", {spin_forever()});
  SimScript io2("IO", {spin(10), io_us(100), spin(10), io_us(100), spin(10), io_us(100)});
  SimScript main2("MainThread", {start(cpu2), start(io2), join(io2)}, true);
  off.go(main2);
  CHECK(off.of_thread("IO", {EventKind::ThreadEnd}) ==
        std::vector<std::string>{"330000 IO thread_end"});
}

TEST_CASE("sim gil legacy: the releasing thread wins again while the waiter wakes up") {
  Settings s = unit_settings(GilMode::Legacy, 2);
  s.profile.wake_latency_ns = 10'000;
  s.profile.gil_drop_ns = 1'000;
  s.profile.gil_take_ns = 1'000;
  Run r(s);
  SimScript a("A", {spin(1000)}), b("B", {spin(1000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  r.go(main);
  const auto a_events = r.of_thread("A", {EventKind::GilTake, EventKind::GilDrop});
  std::vector<std::string> b_takes;
  for (const std::string& l : r.of_thread("B", {EventKind::GilTake})) {
    if (l.find("from=") != std::string::npos) b_takes.push_back(l);
  }
  // A releases every 100 ticks (10 times) and takes the GIL back 1 us later; B, signalled each
  // time, looks 10 us later and always finds it taken again. No drop requests in this model.
  CHECK(a_events.size() == 22);  // 11 takes, 11 drops (the last at its end)
  REQUIRE(b_takes.size() == 1);
  const auto a_end = r.of_thread("A", {EventKind::ThreadEnd});
  REQUIRE(a_end.size() == 1);
  CHECK(std::stoll(b_takes[0]) > std::stoll(a_end[0]) - 2000);
  CHECK(r.driver.stats().gil.drop_requests == 0);
  CHECK(r.driver.stats().gil.switches == 4);  // (none) -> Main -> A -> B -> Main
}

TEST_CASE("sim gil legacy: with wake-up jitter the waiter sometimes lands in the gap") {
  Settings s = unit_settings(GilMode::Legacy, 2);
  s.profile.wake_latency_ns = 10'000;
  s.profile.wake_jitter_ns = 200'000;
  s.profile.gil_drop_ns = 5'000;
  s.profile.gil_take_ns = 1'000;
  s.seed = 1;
  Run r(s);
  SimScript a("A", {spin(20000)}), b("B", {spin(20000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  r.go(main);
  const SimStats st = r.driver.stats();
  // Hundreds of releases, a handful of switches: the releaser usually wins.
  CHECK(st.gil.yields > 300);
  CHECK(st.gil.switches > 3);
  CHECK(st.gil.switches * 10 < st.gil.yields);
}

TEST_CASE("sim gil off: threads overlap on cores; one core is time-sliced round-robin") {
  {
    Run r(unit_settings(GilMode::Off, 2));
    SimScript a("A", {spin(1000)}), b("B", {spin(1000)});
    SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
    r.go(main);
    CHECK(r.only({EventKind::ThreadEnd}) ==
          std::vector<std::string>{"1000000 A thread_end", "1000000 B thread_end",
                                   "1000000 MainThread thread_end"});
  }
  {
    Settings s = unit_settings(GilMode::Off, 1);
    s.profile.time_slice_ns = 100'000;
    Run r(s);
    SimScript a("A", {spin(1000)}), b("B", {spin(1000)});
    SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
    r.go(main);
    // Slices of 100 us, alternating: A's last instruction ends its tenth slice at 1.9 ms, where
    // it is preempted before it can return; it returns (free) after B's tenth slice.
    CHECK(r.only({EventKind::ThreadEnd}) ==
          std::vector<std::string>{"2000000 A thread_end", "2000000 B thread_end",
                                   "2000000 MainThread thread_end"});
    const auto a_runs = r.of_thread("A", {EventKind::RunBegin});
    REQUIRE(a_runs.size() == 11);
    CHECK(a_runs[0] == "0 A run_begin core=0");
    CHECK(a_runs[1] == "200000 A run_begin core=0");
    CHECK(a_runs[10] == "2000000 A run_begin core=0");
    CHECK(r.driver.stats().preemptions == 20);
  }
}

TEST_CASE("sim gil on: more CPU threads than cores, GIL waits happen off-core") {
  Settings s = unit_settings(GilMode::On, 1);
  s.profile.time_slice_ns = 2'000'000;
  Run r(s);
  SimScript a("A", {spin(8000)}), b("B", {spin(8000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  r.go(main);
  const SimStats st = r.driver.stats();
  CHECK(st.threads[1].cpu_ns == 8'000'000);
  CHECK(st.threads[2].cpu_ns == 8'000'000);
  CHECK(st.end_ns == 16'000'000);  // one core, no overhead in this profile: 16 ms of work
  CHECK(st.gil.drop_requests >= 2);
}

TEST_CASE("sim sleeps and clocks answer virtual time") {
  Settings s = unit_settings(GilMode::On, 4);
  s.profile.wake_latency_ns = 10'000;
  Run r(s);
  SimScript main("MainThread", {spin(500), clock(), sleep_us(100'000), clock(), print("done")},
                 true);
  r.go(main);
  REQUIRE(main.clocks.size() == 2);
  CHECK(main.clocks[0] == 500'000);                         // the clock moves inside run()
  CHECK(main.clocks[1] == 500'000 + 100'000'000 + 10'000);  // deadline + wake-up latency
  CHECK(r.out == "done\n");
  CHECK(r.driver.wall_ns() == SimDriver::kWallEpochNs + r.driver.now());
  CHECK(r.only({EventKind::Output}) ==
        std::vector<std::string>{"100510000 MainThread output fd=1 done\\n"});
}

TEST_CASE("sim deadlock: every thread blocked with no deadline, reported as the real driver does") {
  Run r(unit_settings(GilMode::On, 2));
  SimLock l("L");
  SimScript t("T", {acquire(l)});
  SimScript main("MainThread", {acquire(l), start(t), join(t)}, true);
  const RunResult res = r.go(main);
  CHECK(res.end == RunResult::End::Deadlock);
  CHECK(res.exit_status == 3);
  CHECK(r.err ==
        "Deadlock: every thread is blocked and none can wake.\n"
        "  MainThread waits for T (join), held by T\n"
        "  T waits for Lock L (acquire), held by MainThread\n");
}

TEST_CASE("sim lock hand-off: release wakes the waiter, which retries") {
  Run r(unit_settings(GilMode::On, 2));
  SimLock l("L");
  SimScript t("T", {acquire(l), print("T has it"), release(l)});
  SimScript main("MainThread", {acquire(l), start(t), sleep_us(1000), release(l), join(t)}, true);
  const RunResult res = r.go(main);
  CHECK(res.exit_status == 0);
  CHECK(r.out == "T has it\n");
  CHECK(r.of_thread("T", {EventKind::BlockBegin, EventKind::BlockEnd}) ==
        std::vector<std::string>{"0 T block Lock Lock L (acquire)", "1000000 T unblock"});
}

TEST_CASE("sim time limit in virtual time: exit 124 at exactly the limit") {
  Settings s = unit_settings(GilMode::On, 2);
  s.timeout_ns = 10'000'000;
  Run r(s);
  SimScript spinner("S", {spin_forever()});
  SimScript main("MainThread", {start(spinner), spin_forever()}, true);
  const RunResult res = r.go(main);
  CHECK(res.end == RunResult::End::TimeLimit);
  CHECK(res.exit_status == 124);
  CHECK(r.driver.now() == 10'000'000);
  CHECK(r.err == "Stopped: time limit of 0.01 s reached.\n");
}

TEST_CASE("sim exit: sys.exit ends the run with its code") {
  Run r(unit_settings(GilMode::On, 2));
  SimScript main("MainThread", {spin(10), exit_with(7)}, true);
  const RunResult res = r.go(main);
  CHECK(res.end == RunResult::End::Exited);
  CHECK(res.exit_status == 7);
}

std::vector<std::string> busy_log(std::uint64_t seed) {
  Settings s;  // the default profile: latencies, jitter, costs
  s.cores = 2;
  s.seed = seed;
  Run r(s);
  // 2 ns per scripted instruction in the default profile: 10M instructions are 20 ms.
  SimScript t1("T1", {spin(10000000), io_us(50), spin(10000)}), t2("T2", {spin(8000000)});
  SimScript t3("T3", {spin(4000000), sleep_us(10), spin(4000000)}), t4("T4", {spin(9000000)});
  SimScript main("MainThread",
                 {start(t1), start(t2), start(t3), start(t4), join(t1), join(t2), join(t3),
                  join(t4), print("end")},
                 true);
  r.go(main);
  return r.lines;
}

TEST_CASE("sim determinism: the same program, settings and seed give the same event log") {
  const auto first = busy_log(42);
  const auto second = busy_log(42);
  CHECK(first.size() > 100);
  CHECK(first == second);
  CHECK(busy_log(43) != first);  // the seed moves wake-up jitter, hence the schedule
}

TEST_CASE("sim settings from options: defaults, gil names, cores, timeout") {
  Options o;
  o.mode = "sim";
  Settings s;
  std::string error;
  REQUIRE(settings_from_options(o, &s, &error));
  CHECK(s.cores == kDefaultCores);
  CHECK(s.timeout_ns == -1);
  CHECK(s.seed == 0);
  o.gil = "legacy";
  o.cores = 8;
  o.timeout = 1.5;
  o.seed = 9;
  REQUIRE(settings_from_options(o, &s, &error));
  CHECK(s.gil == GilMode::Legacy);
  CHECK(s.cores == 8);
  CHECK(s.timeout_ns == 1'500'000'000);
  CHECK(s.seed == 9);
  o.gil = "maybe";
  CHECK_FALSE(settings_from_options(o, &s, &error));
  CHECK(error == "interleave: unknown --gil mode 'maybe'\n");
  o.gil = "on";
  o.profile_path = "/nonexistent/profile.ini";
  CHECK(make_sim_driver(o, nullptr, &error) == nullptr);
  CHECK(error.find("cannot read profile") != std::string::npos);
}

TEST_CASE("sim switch interval: sys.setswitchinterval keeps whole microseconds, at least 1") {
  Run r(unit_settings(GilMode::On, 1));
  CHECK(r.driver.switch_interval() == doctest::Approx(0.005));
  r.driver.set_switch_interval(0.0000015);
  CHECK(r.driver.switch_interval() == doctest::Approx(0.000001));
  r.driver.set_switch_interval(0);
  CHECK(r.driver.switch_interval() == doctest::Approx(0.000001));
}

}  // namespace
}  // namespace interleave::run::sim
