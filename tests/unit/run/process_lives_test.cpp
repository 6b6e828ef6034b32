// One start and one end per process lane in the page's merged trace (run/process_merge.h): a
// grandchild whose parent recorded its start (an mt child's real driver does, run/process_trace.h)
// keeps that start and drops its own; one whose parent recorded nothing (an st child) keeps its
// own. Either way the lane has exactly one ProcessStart and one ProcessEnd.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "run/process_merge.h"
#include "run/process_report.h"
#include "trace/recorder.h"
#include "trace/trace_bytes.h"

namespace interleave::run {
namespace {

using trace::Kind;

constexpr trace::ProcessId kProgram = 10000;
constexpr trace::ProcessId kChild = 10001;
constexpr trace::ProcessId kGrandchild = 20001;

std::string bytes_of(const trace::Trace& t) {
  const std::vector<std::uint8_t> b = trace::write_trace_bytes(t);
  return std::string(b.begin(), b.end());
}

// A process's own run: its start at 0, its main thread running over [10, 50] us, its end at 60 us.
// `grandchild_start` >= 0: it also recorded the start of its own child kGrandchild then.
trace::Trace own_run(trace::ProcessId pid, trace::Time grandchild_start = -1) {
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(pid, "Process");
  rec.process_writer(pid).process_start(0);
  if (grandchild_start >= 0) {
    rec.name_process(kGrandchild, "Process-1:1");
    rec.process_writer(kGrandchild).process_start(grandchild_start);
  }
  trace::Writer& w = rec.writer(pid, 0, "MainThread");
  w.thread_start(10'000);
  w.run_begin(10'000);
  w.run_end(50'000);
  w.thread_end(50'000);
  rec.process_writer(pid).process_end(60'000, 0);
  return rec.merge();
}

std::vector<trace::Time> times(const trace::Trace& t, trace::ProcessId pid, Kind kind) {
  std::vector<trace::Time> out;
  for (const trace::Event& e : t.events) {
    if (e.pid == pid && e.kind == kind && e.tid == trace::kProcessLane) out.push_back(e.time);
  }
  return out;
}

MergedProcesses merge_family(bool child_records_grandchild) {
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(kProgram, "MainProcess");
  rec.process_writer(kProgram).process_start(0);
  rec.writer(kProgram, 0, "MainThread").run_begin(1);
  rec.writer(kProgram, 0, "MainThread").run_end(9'000'000);
  rec.process_writer(kProgram).process_end(10'000'000, 0);
  const trace::Trace program = rec.merge();
  // On the shared clock the program's time 0 is 1000 ms; the child's 1001 ms; the grandchild's
  // 1002 ms (each anchored at its end, 60 us into its own trace).
  ChildSeen child;
  child.pid = kChild;
  child.started_ms = 1000.5;
  child.ended_ms = 1003;
  ProcessReport middle;
  middle.origin_ns = 1'001'000'000;
  middle.trace = bytes_of(own_run(kChild, child_records_grandchild ? 40'000 : -1));
  ProcessReport leaf;
  leaf.origin_ns = 1'002'000'000;
  leaf.trace = bytes_of(own_run(kGrandchild));
  return merge_processes(program, 1010, 10'000'000, {child},
                         {write_process_report(middle), write_process_report(leaf)});
}

TEST_CASE("merge: a grandchild whose parent recorded its start has that one start, not two") {
  const MergedProcesses m = merge_family(true);
  CHECK(m.problems.empty());
  // The parent's record: 40 us into the child's run, which began 1 ms after the program's.
  CHECK(times(m.trace, kGrandchild, Kind::ProcessStart) == std::vector<trace::Time>{1'040'000});
  CHECK(times(m.trace, kGrandchild, Kind::ProcessEnd) == std::vector<trace::Time>{2'060'000});
  CHECK(times(m.trace, kChild, Kind::ProcessStart).size() == 1);
  CHECK(times(m.trace, kChild, Kind::ProcessEnd).size() == 1);
  // Its own run's events are all there.
  CHECK(std::any_of(m.trace.events.begin(), m.trace.events.end(), [](const trace::Event& e) {
    return e.pid == kGrandchild && e.kind == Kind::RunBegin && e.time == 2'010'000;
  }));
}

TEST_CASE("merge: a grandchild whose parent recorded nothing of it keeps its own start") {
  const MergedProcesses m = merge_family(false);
  CHECK(m.problems.empty());
  CHECK(times(m.trace, kGrandchild, Kind::ProcessStart) == std::vector<trace::Time>{2'000'000});
  CHECK(times(m.trace, kGrandchild, Kind::ProcessEnd) == std::vector<trace::Time>{2'060'000});
}

}  // namespace
}  // namespace interleave::run
