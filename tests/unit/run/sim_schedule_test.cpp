// Hand-worked schedules (exact event sequences) for the parts of the GIL model added with
// processes and calibration: a waiter's own turn on a core per timed wait (gil.wait_cycle),
// gil->mutex held by each GIL operation (gil.mutex_hold: contenders sleep on it), and
// two simulated processes, each with its own GIL, running in parallel or sharing one core.
// Scripted threads (sim_doubles.h): one instruction costs 1 us, every other cost is 0 unless set.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "sim_doubles.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

Settings settings(GilMode gil, int cores) {
  Settings s;
  s.gil = gil;
  s.cores = cores;
  Profile p;  // every cost 0 ...
  p.op_ns.fill(1000);  // ... but 1 us per instruction
  p.time_slice_ns = 1'000'000'000;
  p.quantum_ns = 1'000'000'000;
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
  std::set<EventKind> kinds = {EventKind::GilTake,     EventKind::GilRequest,
                               EventKind::DropRequest, EventKind::GilDrop,
                               EventKind::ForcedSwitch, EventKind::ProcessEnd};
  std::vector<std::string> lines;
};

TEST_CASE("sim gil on: a waiter's turn on its core (gil.wait_cycle) delays its time-out") {
  // Interval 5 ms, wait cycle 0.5 ms: a request is set 5.5 ms after the wait began, and the
  // thread that must wait after a forced switch finds the other core busy with that cycle.
  Settings s = settings(GilMode::On, 2);
  s.profile.gil_wait_cycle_ns = 500'000;
  SimDriver driver(s, [](int, std::string_view) {});
  Log log(driver);
  SimScript a("A", {spin(12000)}), b("B", {spin(10000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  main.bind(driver);
  const RunResult r = driver.run(main);
  CHECK(r.end == RunResult::End::Finished);
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "0 MainThread gil_drop",
      "0 A gil_take from=MainThread",
      "0 B gil_request",
      "5500000 B drop_request holder=A",
      "5500000 A gil_drop",
      "5500000 A forced_switch",
      "5500000 B gil_take from=A",
      "6000000 A gil_request",  // its core waited for B's cycle to end
      "11500000 A drop_request holder=B",
      "11500000 B gil_drop",
      "11500000 B forced_switch",
      "11500000 A gil_take from=B",
      "12000000 B gil_request",
      "17500000 B drop_request holder=A",
      "17500000 A gil_drop",
      "17500000 A forced_switch",
      "17500000 B gil_take from=A",
      "18000000 A gil_request",
      "21500000 B gil_drop",  // B done (6000 + 4000 instructions)
      "21500000 A gil_take from=B",
      "22000000 A gil_drop",  // A done (5500 + 6000 + 500)
      "22000000 MainThread gil_take from=A",
      "22000000 MainThread gil_drop",
  };
  CHECK(log.lines == expected);
  const SimStats st = driver.stats();
  CHECK(st.end_ns == 22'000'000);
  CHECK(st.gil.drop_requests == 3);
  CHECK(st.gil.forced_switches == 3);
}

TEST_CASE("sim gil on: gil->mutex held by a take or a check makes others sleep on it") {
  // gil.mutex_hold 300 us, a wake-up 100 us, interval 1 ms, runs of at most 100 us. Hand-worked:
  // - 0: MainThread takes the GIL (mutex held until 300 us) and starts B; B on the other core
  //   finds the mutex held and sleeps; the release wakes it at 300 + 100 us; it asks (mutex
  //   held until 700 us) and waits 1 ms.
  // - 1.4 ms: B's wait times out; it is on a core at 1.5 ms, sets the request (mutex until
  //   1.8 ms). MainThread sees the request at its next run's end (1.5 ms) but drop_gil's
  //   MUTEX_LOCK sleeps: it drops at 1.8 + 0.1 ms, the GIL still held meanwhile.
  // - B, signalled at 1.9 ms, takes at 2.0 ms (mutex until 2.3 ms) and wakes MainThread from its
  //   forced-switch wait; MainThread is on a core at 2.1 ms, sleeps on the mutex again, asks at
  //   2.4 ms. B's 1000 instructions end at 3.0 ms; MainThread, signalled, takes at 3.1 ms and
  //   spins its remaining 1500 instructions.
  Settings s = settings(GilMode::On, 2);
  s.switch_interval = 0.001;
  s.profile.gil_mutex_hold_ns = 300'000;
  s.profile.wake_latency_ns = 100'000;
  s.profile.quantum_ns = 100'000;
  SimDriver driver(s, [](int, std::string_view) {});
  Log log(driver);
  log.kinds.insert(EventKind::GilMutexWait);
  SimScript b("B", {spin(1000)});
  SimScript main("MainThread", {start(b), spin(3000), join(b)}, true);
  main.bind(driver);
  const RunResult r = driver.run(main);
  CHECK(r.end == RunResult::End::Finished);
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "0 B gil_mutex_wait",
      "400000 B gil_request",
      "1500000 B drop_request holder=MainThread",
      "1500000 MainThread gil_mutex_wait",
      "1900000 MainThread gil_drop",
      "1900000 MainThread forced_switch",
      "2000000 B gil_take from=MainThread",
      "2100000 MainThread gil_mutex_wait",
      "2400000 MainThread gil_request",
      "3000000 B gil_drop",
      "3100000 MainThread gil_take from=B",
      "4600000 MainThread gil_drop",
  };
  CHECK(log.lines == expected);
  const SimStats st = driver.stats();
  CHECK(st.end_ns == 4'600'000);
  CHECK(st.gil.mutex_waits == 3);
  CHECK(st.gil.drop_requests == 1);
}

TEST_CASE("sim gil on: with gil.mutex_hold 0 the mutex never makes anyone wait") {
  Settings s = settings(GilMode::On, 4);
  s.switch_interval = 0.000001;
  s.profile.wake_latency_ns = 10'000;
  SimDriver driver(s, [](int, std::string_view) {});
  SimScript a("A", {spin(2000)}), b("B", {spin(2000)}), c("C", {spin(2000)});
  SimScript main("MainThread", {start(a), start(b), start(c), join(a), join(b), join(c)}, true);
  main.bind(driver);
  driver.run(main);
  CHECK(driver.stats().gil.mutex_waits == 0);
  CHECK(driver.stats().gil.switches > 10);
}

TEST_CASE("sim processes: each has its own GIL; two run in parallel on two cores") {
  SimDriver driver(settings(GilMode::On, 2), [](int, std::string_view) {});
  Log log(driver);
  SimScript main("MainThread", {spin(3000)}, true);
  SimScript child("C", {spin(2500)}, true);
  const int p = driver.add_process("P1", false);
  child.bind(driver.process_driver(p));
  driver.start_process(p, child, 1'000'000);
  main.bind(driver);
  const RunResult r = driver.run(main);
  CHECK(r.end == RunResult::End::Finished);
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "1000000 C gil_take",  // its own process's GIL: no request, no wait
      "3000000 MainThread gil_drop",  // the program's main thread is done; C is not a daemon
      "3500000 C gil_drop",
      "3500000 C process_end P1 status=0",
  };
  CHECK(log.lines == expected);
  const SimStats st = driver.stats();
  CHECK(st.end_ns == 3'500'000);
  REQUIRE(st.process_gils.size() == 2);
  CHECK(st.process_gils[0].drop_requests == 0);
  CHECK(st.process_gils[1].takes == 1);
  CHECK(&driver.process_driver(p).eval_breaker() != &driver.eval_breaker());
}

TEST_CASE("sim processes: on one core they take turns by the OS time slice, not the GIL") {
  Settings s = settings(GilMode::On, 1);
  s.profile.time_slice_ns = 1'000'000;
  SimDriver driver(s, [](int, std::string_view) {});
  Log log(driver);
  log.kinds = {EventKind::RunBegin, EventKind::ProcessEnd};
  SimScript main("MainThread", {spin(3000)}, true);
  SimScript child("C", {spin(2500)}, true);
  const int p = driver.add_process("P1", false);
  child.bind(driver.process_driver(p));
  driver.start_process(p, child, 500'000);
  main.bind(driver);
  driver.run(main);
  const std::vector<std::string> expected = {
      "0 MainThread run_begin core=0",
      "1000000 C run_begin core=0",  // the slice ended with C waiting for the core
      "2000000 MainThread run_begin core=0",
      "3000000 C run_begin core=0",
      "4000000 MainThread run_begin core=0",  // 2000 done: 1000 more
      // Its 3000 instructions are spent at 5 ms, but the script says "finished" only on its
      // next run(), after the slice that ended at 5 ms gave C the core.
      "5000000 C run_begin core=0",
      "5500000 MainThread run_begin core=0",  // C's end freed the core (logged before the end)
      "5500000 C process_end P1 status=0",
  };
  CHECK(log.lines == expected);
  CHECK(driver.stats().end_ns == 5'500'000);
}

}  // namespace
}  // namespace interleave::run::sim
