// Hand-worked schedules for Linux's timer slack (os.timer_slack): every timed wait ends at the
// end of its slack range, the GIL's timed wait on `cond` (a drop request comes interval + slack
// after the wait began) as much as a sleep. Scripted threads (sim_doubles.h): one instruction
// costs 1 us, every other cost is 0 unless set.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "sim_doubles.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

Settings settings(int cores, std::int64_t slack_ns) {
  Settings s;
  s.gil = GilMode::On;
  s.cores = cores;
  Profile p;  // every cost 0 ...
  p.op_ns.fill(1000);  // ... but 1 us per instruction
  p.time_slice_ns = 1'000'000'000;
  p.quantum_ns = 1'000'000'000;
  p.timer_slack_ns = slack_ns;
  s.profile = p;
  return s;
}

std::vector<std::string> gil_log(Settings s, std::int64_t* end_ns) {
  SimDriver driver(s, [](int, std::string_view) {});
  std::vector<std::string> lines;
  const std::set<EventKind> kinds = {EventKind::GilTake, EventKind::GilRequest,
                                     EventKind::DropRequest, EventKind::GilDrop,
                                     EventKind::ForcedSwitch};
  driver.set_event_sink([&](const SimEvent& e) {
    if (kinds.count(e.kind) != 0) lines.push_back(format_event(e, driver));
  });
  SimScript a("A", {spin(3000)}), b("B", {spin(1000)});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  main.bind(driver);
  CHECK(driver.run(main).end == RunResult::End::Finished);
  *end_ns = driver.stats().end_ns;
  return lines;
}

TEST_CASE("sim timer slack: the GIL's timed wait times out interval + slack after it began") {
  // Interval 1 ms, slack 200 us. B asks at 0: its wait times out at 1.2 ms and it sets the
  // request; A drops at once, B takes. A asks at 1.2 ms: its wait would time out at 2.4 ms, but
  // B's 1000 instructions end at 2.2 ms and its drop signals A, which takes at 2.2 ms and spins
  // its remaining 1800 instructions to 4.0 ms. Without slack the first request comes at 1 ms.
  Settings s = settings(2, 0);
  s.switch_interval = 0.001;
  std::int64_t end_ns = 0;
  const std::vector<std::string> no_slack = gil_log(s, &end_ns);
  REQUIRE(no_slack.size() > 4);
  CHECK(no_slack[4] == "1000000 B drop_request holder=A");

  s.profile.timer_slack_ns = 200'000;
  const std::vector<std::string> expected = {
      "0 MainThread gil_take",
      "0 MainThread gil_drop",
      "0 A gil_take from=MainThread",
      "0 B gil_request",
      "1200000 B drop_request holder=A",
      "1200000 A gil_drop",
      "1200000 A forced_switch",
      "1200000 B gil_take from=A",
      "1200000 A gil_request",
      "2200000 B gil_drop",  // B done before A's wait (1.2 + 1.0 + 0.2 ms) timed out
      "2200000 A gil_take from=B",
      "4000000 A gil_drop",
      "4000000 MainThread gil_take from=A",
      "4000000 MainThread gil_drop",
  };
  CHECK(gil_log(s, &end_ns) == expected);
  CHECK(end_ns == 4'000'000);
}

TEST_CASE("sim timer slack: a sleep ends slack after its deadline; a signal is not delayed") {
  // MainThread sleeps 1 ms with 200 us of slack: it reads the clock at 1.2 ms. Then it waits
  // for T (join: no deadline), which spins 500 instructions after a 100 us I/O wait whose
  // timer also gets the slack: T ends at 0.3 ms + 0.5 ms... after the main thread's sleep began
  // at 0, so at 0.8 ms; the join returns at once (no timer involved).
  SimDriver driver(settings(2, 200'000), [](int, std::string_view) {});
  SimScript t("T", {io_us(100), spin(500)});
  SimScript main("MainThread", {start(t), sleep_us(1000), clock(), join(t), clock()}, true);
  main.bind(driver);
  CHECK(driver.run(main).end == RunResult::End::Finished);
  CHECK(main.clocks == std::vector<std::int64_t>{1'200'000, 1'200'000});
  CHECK(driver.stats().threads[1].cpu_ns == 500'000);
  CHECK(driver.stats().end_ns == 1'200'000);
}

}  // namespace
}  // namespace interleave::run::sim
