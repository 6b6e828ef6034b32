// A simulated run recorded into engine/trace: the events land on the right writers with the
// hand-off origin on each GIL take, and the Chrome JSON of two identical runs is byte-identical.
#include <doctest/doctest.h>

#include <string>

#include "run/sim_trace.h"
#include "sim_doubles.h"
#include "trace/chrome_json.h"

namespace interleave::run::sim {
namespace {

using namespace testing;  // NOLINT

std::string traced_run(trace::Trace* out) {
  Settings s;  // the default profile, 2 cores
  s.cores = 2;
  s.seed = 3;
  SimDriver driver(s, [](int, std::string_view) {});
  trace::Recorder recorder;
  auto sink = record_into(recorder, driver);
  SimScript a("A", {spin(5'000'000), print("a")}), b("B", {spin(5'000'000), print("b")});
  SimScript main("MainThread", {start(a), start(b), join(a), join(b)}, true);
  main.bind(driver);
  const RunResult r = driver.run(main);
  sink->finish(driver.now(), r.exit_status);
  *out = recorder.merge();
  return trace::write_chrome_json(*out);
}

TEST_CASE("sim trace: events recorded per thread, byte-identical Chrome JSON run after run") {
  trace::Trace t1, t2;
  const std::string j1 = traced_run(&t1);
  const std::string j2 = traced_run(&t2);
  CHECK(j1 == j2);
  CHECK(t1.cores == 2);
  CHECK(t1.clock == trace::ClockKind::Virtual);
  int takes = 0, handoffs = 0, requests = 0, outputs = 0;
  for (const trace::Event& e : t1.events) {
    if (e.kind == trace::Kind::GilTake) {
      ++takes;
      if (e.other_tid != trace::kNoThread && e.other_tid != e.tid) ++handoffs;
    }
    if (e.kind == trace::Kind::GilDropRequest) ++requests;
    if (e.kind == trace::Kind::Output) ++outputs;
  }
  CHECK(takes >= 4);
  CHECK(handoffs >= 3);
  CHECK(requests >= 1);  // 10 ms of work each, 5 ms interval
  CHECK(outputs == 2);
  REQUIRE(t1.find_thread(0, 1) != nullptr);
  CHECK(t1.find_thread(0, 1)->name == "A");
}

}  // namespace
}  // namespace interleave::run::sim
