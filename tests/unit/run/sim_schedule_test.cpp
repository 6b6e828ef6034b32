// Hand-worked schedules (exact event sequences) for the parts of the GIL model added with
// processes and calibration: a waiter's own turn on a core per timed wait (gil.wait_cycle), and
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
