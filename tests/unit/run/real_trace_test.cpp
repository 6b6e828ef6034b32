// Recording real-thread runs into engine/trace: every event kind the driver emits, with ids,
// holders and labels, and totals that agree with the GIL's own counters. Real threads, VM
// doubles (doubles.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "doubles.h"
#include "run/real_driver.h"
#include "trace/recorder.h"

namespace interleave::run {
namespace {

using namespace testing;
using trace::Kind;

struct Recorded {
  RunResult result;
  RealDriverStats stats;
  trace::Trace trace;
};

Recorded record(const char* gil, ScriptThread& main, double timeout = 20) {
  Options o;
  o.gil = gil;
  o.timeout = timeout;
  o.switch_interval = 0.0005;
  trace::Recorder recorder({.clock = trace::ClockKind::Steady});
  RealDriver d(*parse_gil_mode(gil), o, [](int, std::string_view) {});
  d.record_into(recorder, 7, "MainProcess");
  main.bind(d);
  Recorded r;
  r.result = d.run(main);
  r.stats = d.stats();
  r.trace = recorder.merge();
  return r;
}

std::size_t count(const trace::Trace& t, Kind kind, trace::ThreadId tid = trace::kNoThread) {
  return static_cast<std::size_t>(std::count_if(t.events.begin(), t.events.end(), [&](auto& e) {
    return e.kind == kind && (tid == trace::kNoThread || e.tid == tid);
  }));
}

trace::ThreadTotals sum_totals(const trace::Trace& t) {
  trace::ThreadTotals s;
  for (const auto& th : t.threads) {
    s.gil_takes += th.totals.gil_takes;
    s.gil_switches += th.totals.gil_switches;
    s.drop_requests += th.totals.drop_requests;
    s.forced_switches += th.totals.forced_switches;
    s.blocks += th.totals.blocks;
    s.wakes += th.totals.wakes;
    s.runs += th.totals.runs;
  }
  return s;
}

TEST_CASE("real trace: threads, GIL, blocking, wake-ups and output (gil on)") {
  // The order is fixed by the threads' progress, never by timing: Thread-2 tries the lock only
  // once Thread-1 holds it, and Thread-1 releases it only once Thread-2 sleeps on it. The only
  // threads that can block before that release are MainThread (joining Thread-1, once) and
  // Thread-2 (on the lock, once; its wait for the owner is a busy loop), so two blocks mean
  // Thread-2 is asleep on the lock. Both spins need the GIL from a thread that keeps running:
  // drop requests.
  FakeLock lock("L");
  RealDriver* driver = nullptr;
  const auto thread2_sleeps_on_lock = [&] { return driver->stats().blocks >= 2; };
  ScriptThread t1("Thread-1", {acquire(lock), spin_until(thread2_sleeps_on_lock), release(lock),
                               spin_for_ms(10)});
  ScriptThread t2("Thread-2", {spin_until([&] { return lock.owner() != nullptr; }), acquire(lock),
                               release(lock), spin_for_ms(10)});
  ScriptThread main(
      "MainThread",
      {start(t1), start(t2), call([&] { driver->write(1, "hello\n"); }), join(t1), join(t2)},
      nullptr, true);
  Options o;
  o.switch_interval = 0.0005;
  o.timeout = 20;
  trace::Recorder recorder({.clock = trace::ClockKind::Steady});
  RealDriver d(GilMode::On, o, [](int, std::string_view) {});
  driver = &d;
  d.record_into(recorder, 7, "MainProcess");
  main.bind(d);
  const RunResult r = d.run(main);
  REQUIRE(r.end == RunResult::End::Finished);
  const trace::Trace t = recorder.merge();
  const GilStats g = d.gil().stats();

  REQUIRE(t.find_process(7) != nullptr);
  CHECK(t.find_process(7)->name == "MainProcess");
  REQUIRE(t.find_thread(7, 0) != nullptr);
  CHECK(t.find_thread(7, 0)->name == "MainThread");
  CHECK(t.find_thread(7, 1)->name == "Thread-1");
  CHECK(t.find_thread(7, 2)->name == "Thread-2");
  CHECK(t.clock == trace::ClockKind::Steady);

  // Life: each thread starts (workers name the main thread as parent) and ends once.
  CHECK(count(t, Kind::ThreadStart) == 3);
  CHECK(count(t, Kind::ThreadEnd) == 3);
  for (const auto& e : t.events) {
    if (e.kind == Kind::ThreadStart && e.tid != 0) CHECK(e.other_tid == 0);
  }
  CHECK(count(t, Kind::ProcessStart) == 1);
  REQUIRE(count(t, Kind::ProcessEnd) == 1);

  // The GIL: the trace's totals agree with the GIL's own counters.
  const trace::ThreadTotals s = sum_totals(t);
  CHECK(s.gil_takes == g.takes);
  CHECK(s.drop_requests == g.drop_requests);
  CHECK(s.forced_switches == g.forced_switches);
  CHECK(s.gil_switches + 1 >= g.switches);  // the very first take has no previous holder
  CHECK(s.gil_switches <= g.switches);
  CHECK(s.drop_requests >= 1);  // Thread-1 kept the GIL while the others needed it
  CHECK(count(t, Kind::RunBegin) == count(t, Kind::RunEnd));

  // Thread-2 blocked on the lock held by Thread-1, and Thread-1's release woke it.
  const auto block = std::find_if(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::BlockBegin && e.tid == 2 && e.reason == trace::WaitReason::Lock;
  });
  REQUIRE(block != t.events.end());
  CHECK(t.text(block->text) == "Lock L (acquire)");
  CHECK(block->other_tid == 1);
  const auto wake = std::find_if(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::Wake && e.tid == 1 && e.other_tid == 2;
  });
  CHECK(wake != t.events.end());
  CHECK(count(t, Kind::BlockBegin) == count(t, Kind::BlockEnd));

  // Output, recorded on the writing thread.
  const auto out = std::find_if(t.events.begin(), t.events.end(),
                                [](auto& e) { return e.kind == Kind::Output && e.tid == 0; });
  REQUIRE(out != t.events.end());
  CHECK(t.text(out->text) == "hello\n");
  CHECK(out->value == 1);
  CHECK_FALSE(t.truncated);
}

TEST_CASE("real trace: gil off records no GIL events; legacy records every tick release") {
  {
    ScriptThread t1("Thread-1", {spin(100000)});
    ScriptThread main("MainThread", {start(t1), join(t1)}, nullptr, true);
    const Recorded r = record("off", main);
    CHECK(r.result.end == RunResult::End::Finished);
    CHECK(count(r.trace, Kind::GilRequest) == 0);
    CHECK(count(r.trace, Kind::GilTake) == 0);
    CHECK(count(r.trace, Kind::RunBegin) >= 2);
  }
  {
    ScriptThread t1("Thread-1", {spin(20000)});
    ScriptThread main("MainThread", {start(t1), join(t1)}, nullptr, true);
    const Recorded r = record("legacy", main);
    CHECK(count(r.trace, Kind::GilTake) == r.stats.gil.takes);
    CHECK(r.stats.gil.yields >= 200);  // 20000 ticks / 100
    CHECK(count(r.trace, Kind::GilDropRequest) == 0);
  }
}

TEST_CASE("real trace: a deadlock ends the process with status 3 and the report as output") {
  FakeLock lock("L");
  ScriptThread main("MainThread", {acquire(lock), acquire(lock)}, nullptr, true);
  const Recorded r = record("on", main);
  CHECK(r.result.end == RunResult::End::Deadlock);
  const auto end = std::find_if(r.trace.events.begin(), r.trace.events.end(),
                                [](auto& e) { return e.kind == Kind::ProcessEnd; });
  REQUIRE(end != r.trace.events.end());
  CHECK(static_cast<std::int64_t>(end->value) == 3);
  const auto report = std::find_if(r.trace.events.begin(), r.trace.events.end(), [](auto& e) {
    return e.kind == Kind::Output && e.tid == trace::kProcessLane;
  });
  REQUIRE(report != r.trace.events.end());
  CHECK(r.trace.text(report->text).rfind("Deadlock: every thread is blocked", 0) == 0);
}

}  // namespace
}  // namespace interleave::run
