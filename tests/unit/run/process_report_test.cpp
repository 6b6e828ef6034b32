// What the page's child processes hand on (run/process_report.h) and how the program's process
// merges it (run/process_merge.h): a report's bytes read back exactly; damaged, cut, oversized or
// foreign bytes rejected with a reason; children's traces moved onto the program's clock, named,
// given the start and end the program saw (also a child that sent nothing), their own globals
// kept by pid, their messages' flow ids kept so that every send and receive between processes
// pair up as arrows; a report the merge cannot use is left out and named. Also SteppedRun (the page's
// cooperative run) hands the program's globals over like run_source.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "run/coop_driver.h"
#include "run/process_merge.h"
#include "run/process_report.h"
#include "run/stepped_run.h"
#include "trace/recorder.h"
#include "trace/timeline.h"
#include "trace/trace_bytes.h"

namespace interleave::run {
namespace {

using trace::Kind;

// A process's own trace, as a cooperative run records one: its start at 0, its main thread
// running from `run_from` to `run_to`, output, its end at `end` with `status`.
trace::Trace process_trace(trace::ProcessId pid, trace::Time run_from, trace::Time run_to,
                           trace::Time end, int status, const char* name = "MainProcess") {
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(pid, name);
  rec.process_writer(pid).process_start(0);
  trace::Writer& w = rec.writer(pid, 0, "MainThread");
  w.thread_start(run_from);
  w.run_begin(run_from);
  w.output(run_from + 1, 1, "hello\n");
  w.run_end(run_to);
  w.thread_end(run_to);
  rec.process_writer(pid).process_end(end, status);
  return rec.merge();
}

std::string trace_bytes(const trace::Trace& t) {
  const std::vector<std::uint8_t> b = trace::write_trace_bytes(t);
  return std::string(b.begin(), b.end());
}

const trace::Event* find(const trace::Trace& t, trace::ProcessId pid, Kind kind,
                         trace::ThreadId tid = trace::kNoThread) {
  for (const trace::Event& e : t.events) {
    if (e.pid == pid && e.kind == kind && (tid == trace::kNoThread || e.tid == tid)) return &e;
  }
  return nullptr;
}

std::size_t count(const trace::Trace& t, trace::ProcessId pid, Kind kind) {
  return static_cast<std::size_t>(std::count_if(t.events.begin(), t.events.end(), [&](auto& e) {
    return e.pid == pid && e.kind == kind;
  }));
}

ProcessReport sample_report() {
  ProcessReport r;
  r.origin_ns = 1'700'000'000'123'456'789;
  r.name = "Process-1";
  r.trace = trace_bytes(process_trace(10001, 10, 50, 60, 0));
  r.globals = GlobalsList{{"result", "49"}, {"name", "'x'"}};
  return r;
}

TEST_CASE("process report: written and read back exactly, optional parts included") {
  ProcessReport r = sample_report();
  r.children = std::vector<ChildGlobals>{{10002, {{"a", "1"}}}, {10003, {}}};
  const std::string bytes = write_process_report(r);
  CHECK(is_process_report(bytes));
  ProcessReport back;
  std::string error;
  REQUIRE(read_process_report(bytes, &back, &error));
  CHECK(back.origin_ns == r.origin_ns);
  CHECK(back.name == "Process-1");
  CHECK(back.trace == r.trace);
  REQUIRE(back.globals);
  CHECK(*back.globals == *r.globals);
  REQUIRE(back.children);
  REQUIRE(back.children->size() == 2);
  CHECK((*back.children)[0].process == 10002);
  CHECK((*back.children)[0].globals == GlobalsList{{"a", "1"}});
  CHECK((*back.children)[1].globals.empty());

  // Not captured stays not captured (a stopped run), apart from captured and empty.
  ProcessReport none;
  REQUIRE(read_process_report(write_process_report(none), &back, &error));
  CHECK_FALSE(back.globals);
  CHECK_FALSE(back.children);
  CHECK(back.trace.empty());
}

TEST_CASE("process report: damaged, cut, oversized and foreign bytes are rejected with a reason") {
  const std::string good = write_process_report(sample_report());
  ProcessReport back;
  std::string error;

  // A plain trace (what the page got before reports) is not a report.
  const std::string plain = trace_bytes(process_trace(1, 0, 1, 2, 0));
  CHECK_FALSE(is_process_report(plain));
  CHECK_FALSE(read_process_report(plain, &back, &error));
  CHECK(error.find("not a process report") != std::string::npos);

  // Every cut of a good report fails cleanly.
  for (std::size_t n = 0; n < good.size(); ++n) {
    error.clear();
    CHECK_FALSE(read_process_report(std::string_view(good).substr(0, n), &back, &error));
    CHECK_FALSE(error.empty());
  }
  // Bytes after the end.
  CHECK_FALSE(read_process_report(good + "x", &back, &error));
  CHECK(error.find("after the end") != std::string::npos);

  // Another version.
  std::string bad = good;
  bad[4] = 9;
  CHECK_FALSE(read_process_report(bad, &back, &error));
  CHECK(error.find("version") != std::string::npos);

  // A name's length past its bound (the length field right after origin_ns).
  bad = good;
  const std::uint32_t huge = 0x7fffffff;
  std::memcpy(bad.data() + 16, &huge, 4);
  CHECK_FALSE(read_process_report(bad, &back, &error));
  CHECK(error.find("too long") != std::string::npos);

  // More globals than the memory view carries.
  ProcessReport many;
  many.globals.emplace();
  for (std::size_t i = 0; i <= kGlobalsCountMax; ++i) many.globals->push_back({"g", "1"});
  CHECK_FALSE(read_process_report(write_process_report(many), &back, &error));
  CHECK(error.find("too many globals") != std::string::npos);

  // A value longer than the memory view's bound.
  ProcessReport long_value;
  long_value.globals = GlobalsList{{"g", std::string(kGlobalReprMax + 1, 'x')}};
  CHECK_FALSE(read_process_report(write_process_report(long_value), &back, &error));
  CHECK(error.find("too long") != std::string::npos);

  // A flag that is neither 0 nor 1.
  ProcessReport flags;
  bad = write_process_report(flags);
  bad[bad.size() - 2] = 7;
  CHECK_FALSE(read_process_report(bad, &back, &error));
  CHECK(error.find("flag") != std::string::npos);
}

TEST_CASE("shared clock: origins and trace times from one anchor") {
  // A trace whose time 2 ms was at 1000.5 ms on the shared clock began at 998.5 ms.
  CHECK(origin_ns(1000.5, 2'000'000) == 998'500'000);
  CHECK(trace_time(1000.5, origin_ns(1000.5, 2'000'000)) == 2'000'000);
  // Realistic page clocks (timeOrigin + now ~ 1.76e12 ms, a double) still resolve a microsecond:
  // their steps are 2^-12 ms (244 ns).
  const double page_ms = 1'763'800'000'000.25;
  const std::int64_t o = origin_ns(page_ms, 0);
  CHECK(std::llabs(trace_time(page_ms + 0.001, o) - 1000) <= 244);
  CHECK(std::llabs(trace_time(page_ms + 12.5, o) - 12'500'000) <= 244);
}

TEST_CASE("merge: a child's trace moves onto the program's clock, named, with the program's view "
          "of its start and end") {
  // The program: time 0 at shared 1000 ms, its end (time 100 ms) anchored at 1100 ms.
  const trace::Trace program = process_trace(10000, 1'000'000, 90'000'000, 100'000'000, 0);
  // The child's trace time 0 was at shared 1020 ms; it ran 5-30 ms on its clock and ended at 40.
  ProcessReport child;
  child.origin_ns = 1'020'000'000;
  child.name = "Process-1";
  child.trace = trace_bytes(process_trace(10001, 5'000'000, 30'000'000, 40'000'000, 0));
  child.globals = GlobalsList{{"result", "49"}};
  ChildSeen seen;
  seen.pid = 10001;
  seen.started_ms = 1010;  // its Spawn record
  seen.ended_ms = 1065;    // its exit reached the program 5 ms after its own end
  seen.exitcode = 0;

  const MergedProcesses m =
      merge_processes(program, 1100, 100'000'000, {seen}, {write_process_report(child)});
  CHECK(m.problems.empty());
  const trace::ProcessInfo* p = m.trace.find_process(10001);
  REQUIRE(p != nullptr);
  CHECK(p->name == "Process-1");
  REQUIRE(m.trace.find_process(10000) != nullptr);
  REQUIRE(m.trace.find_thread(10001, 0) != nullptr);
  CHECK(m.trace.find_thread(10001, 0)->name == "MainThread");

  const trace::Event* run = find(m.trace, 10001, Kind::RunBegin, 0);
  REQUIRE(run != nullptr);
  CHECK(run->time == 25'000'000);  // 5 ms on its clock, 20 ms after the program's time 0
  // One start (the spawn, as the program saw it) and one end (its own, exact), with its code.
  CHECK(count(m.trace, 10001, Kind::ProcessStart) == 1);
  CHECK(find(m.trace, 10001, Kind::ProcessStart)->time == 10'000'000);
  CHECK(count(m.trace, 10001, Kind::ProcessEnd) == 1);
  CHECK(find(m.trace, 10001, Kind::ProcessEnd)->time == 60'000'000);
  // Its output kept its text.
  const trace::Event* out = find(m.trace, 10001, Kind::Output, 0);
  REQUIRE(out != nullptr);
  CHECK(m.trace.text(out->text) == "hello\n");
  // The program's own events are untouched.
  CHECK(find(m.trace, 10000, Kind::RunBegin, 0)->time == 1'000'000);
  CHECK(std::is_sorted(m.trace.events.begin(), m.trace.events.end(),
                       [](auto& a, auto& b) { return a.time < b.time; }));
  REQUIRE(m.child_globals.size() == 1);
  CHECK(m.child_globals[0].process == 10001);
  CHECK(m.child_globals[0].globals == GlobalsList{{"result", "49"}});
  CHECK(m.trace.find_thread(10001, 0)->totals.runs == 1);
}

TEST_CASE("merge: a child that sent nothing keeps its lane's start and end; grandchildren keep "
          "their own; one start per child") {
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(10000, "MainProcess");
  rec.process_writer(10000).process_start(0);
  // A recorded real run names its child and records its start itself (run/process_trace.h).
  rec.name_process(10001, "Process-1");
  rec.process_writer(10001).process_start(3'000'000);
  rec.writer(10000, 0, "MainThread").run_begin(1);
  rec.writer(10000, 0, "MainThread").run_end(90'000'000);
  rec.process_writer(10000).process_end(100'000'000, 0);
  const trace::Trace program = rec.merge();

  ChildSeen terminated;
  terminated.pid = 10001;
  terminated.started_ms = 1003;
  terminated.ended_ms = 1050;
  terminated.exitcode = -15;
  ChildSeen crashed;  // named by the program's tracer, started and ended, no report
  crashed.pid = 10002;
  crashed.name = "Process-2";
  crashed.started_ms = 1004;
  crashed.ended_ms = 1007;
  crashed.exitcode = 1;
  // A grandchild (started by 10001): only its report tells of it.
  ProcessReport grand;
  grand.origin_ns = 1'030'000'000;
  grand.name = "Process-1:1";
  grand.trace = trace_bytes(process_trace(20001, 1'000'000, 2'000'000, 3'000'000, 7));

  const MergedProcesses m = merge_processes(program, 1100, 100'000'000, {terminated, crashed},
                                            {write_process_report(grand)});
  CHECK(m.problems.empty());
  CHECK(m.trace.find_process(10001)->name == "Process-1");
  CHECK(count(m.trace, 10001, Kind::ProcessStart) == 1);
  CHECK(find(m.trace, 10001, Kind::ProcessStart)->time == 3'000'000);
  REQUIRE(find(m.trace, 10001, Kind::ProcessEnd) != nullptr);
  CHECK(find(m.trace, 10001, Kind::ProcessEnd)->time == 50'000'000);
  CHECK(find(m.trace, 10001, Kind::ProcessEnd)->exit_status() == -15);
  REQUIRE(m.trace.find_process(10002) != nullptr);
  CHECK(m.trace.find_process(10002)->name == "Process-2");
  CHECK(find(m.trace, 10002, Kind::ProcessEnd)->exit_status() == 1);
  REQUIRE(m.trace.find_process(20001) != nullptr);
  CHECK(m.trace.find_process(20001)->name == "Process-1:1");
  CHECK(find(m.trace, 20001, Kind::ProcessStart)->time == 30'000'000);
  CHECK(find(m.trace, 20001, Kind::ProcessEnd)->time == 33'000'000);
  CHECK(find(m.trace, 20001, Kind::ProcessEnd)->exit_status() == 7);
  CHECK(m.child_globals.empty());  // nobody handed globals over
}

TEST_CASE("merge: a program that recorded a child's start itself is anchored there") {
  // A real driver's run (the page's mt program) records a child's start on the spawning thread
  // a few us after the spawn call returned; its end reaches shutdown only after the program's
  // globals were taken (ms with many of them): the start wins.
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(10000, "MainProcess");
  rec.process_writer(10000).process_start(0);
  rec.name_process(10001, "Process-1");
  rec.process_writer(10001).process_start(3'000'000);
  rec.process_writer(10000).process_end(100'000'000, 0);
  const trace::Trace program = rec.merge();
  ChildSeen seen;
  seen.pid = 10001;
  seen.started_ms = 1007;   // the spawn call began (the lane starts here)
  seen.recorded_ms = 1008;  // it returned: so time 0 was at 1005 ms by the spawning thread
  seen.ended_ms = 1090;
  ProcessReport child;
  child.origin_ns = 1'020'000'000;
  child.name = "Process-1";
  child.trace = trace_bytes(process_trace(10001, 5'000'000, 30'000'000, 40'000'000, 0));
  // The shutdown anchor alone would say 1000 ms (1100 ms at 100 ms).
  const MergedProcesses m =
      merge_processes(program, 1100, 100'000'000, {seen}, {write_process_report(child)});
  CHECK(m.problems.empty());
  CHECK(find(m.trace, 10001, Kind::RunBegin, 0)->time == 20'000'000);
  CHECK(count(m.trace, 10001, Kind::ProcessStart) == 1);
  CHECK(find(m.trace, 10001, Kind::ProcessStart)->time == 2'000'000);
  CHECK(find(m.trace, 10001, Kind::ProcessEnd)->time == 55'000'000);
  // Every thread of the program reads one clock: its own lanes stay where they were recorded.
  CHECK(find(m.trace, 10000, Kind::ProcessStart)->time == 0);
  CHECK(find(m.trace, 10000, Kind::ProcessEnd)->time == 100'000'000);
}

TEST_CASE("merge: messages between the program, a child and a grandchild keep their flow ids and "
          "pair up as arrows") {
  // The program (pid 10000) puts on a Queue that its child (10001) gets, the child answers on a
  // Pipe, and the child's own child (20001) sends the child one message. Each process recorded on
  // its own clock; flow ids are (sender pid << 32) | the sender's counter.
  const std::uint64_t q = (std::uint64_t{10000} << 32) | 1;
  const std::uint64_t pipe = (std::uint64_t{10001} << 32) | 1;
  const std::uint64_t up = (std::uint64_t{20001} << 32) | 1;
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(10000, "MainProcess");
  rec.process_writer(10000).process_start(0);
  trace::Writer& pm = rec.writer(10000, 0, "MainThread");
  pm.run_begin(1'000'000);
  pm.message_send(12'000'000, q, 40, trace::kNoProcess, trace::kNoThread, "Queue");
  pm.message_receive(31'000'000, pipe, 50, 10001, trace::kNoThread, "Pipe");
  pm.run_end(90'000'000);
  rec.process_writer(10000).process_end(100'000'000, 0);
  const trace::Trace program = rec.merge();

  auto child_trace = [](trace::ProcessId pid, auto&& messages) {
    trace::Recorder r({.clock = trace::ClockKind::Steady});
    r.name_process(pid, "MainProcess");
    r.process_writer(pid).process_start(0);
    trace::Writer& w = r.writer(pid, 0, "MainThread");
    w.thread_start(100'000);
    w.run_begin(100'000);
    messages(w);
    w.run_end(9'000'000);
    w.thread_end(9'000'000);
    r.process_writer(pid).process_end(9'500'000, 0);
    return r.merge();
  };
  // The child's time 0 is at shared 1010 ms: it gets the Queue message at 1013 ms (after the
  // program's put at 1012 ms), answers at 1015 ms and gets its child's message at 1018 ms.
  ProcessReport child;
  child.origin_ns = 1'010'000'000;
  child.name = "Process-1";
  child.trace = trace_bytes(child_trace(10001, [&](trace::Writer& w) {
    w.message_receive(3'000'000, q, 40, 10000, trace::kNoThread, "Queue");
    w.message_send(5'000'000, pipe, 50, trace::kNoProcess, trace::kNoThread, "Pipe");
    w.message_receive(8'000'000, up, 9, 20001, trace::kNoThread, "Queue");
  }));
  // The grandchild's time 0 is at shared 1015 ms; it puts at 1017 ms.
  ProcessReport grand;
  grand.origin_ns = 1'015'000'000;
  grand.name = "Process-1:1";
  grand.trace = trace_bytes(child_trace(20001, [&](trace::Writer& w) {
    w.message_send(2'000'000, up, 9, trace::kNoProcess, trace::kNoThread, "Queue");
  }));
  ChildSeen seen;
  seen.pid = 10001;
  seen.started_ms = 1005;
  seen.ended_ms = 1021;
  const MergedProcesses m = merge_processes(
      program, 1100, 100'000'000, {seen}, {write_process_report(grand), write_process_report(child)});
  CHECK(m.problems.empty());

  struct Pair {
    const trace::Event* send = nullptr;
    const trace::Event* receive = nullptr;
  };
  std::map<std::uint64_t, Pair> pairs;
  for (const trace::Event& e : m.trace.events) {
    if (e.kind == Kind::MessageSend) pairs[e.value].send = &e;
    if (e.kind == Kind::MessageReceive) pairs[e.value].receive = &e;
  }
  REQUIRE(pairs.size() == 3);
  const std::map<std::uint64_t, std::pair<trace::ProcessId, trace::ProcessId>> ends = {
      {q, {10000, 10001}}, {pipe, {10001, 10000}}, {up, {20001, 10001}}};
  const std::map<std::uint64_t, std::pair<trace::Time, trace::Time>> times = {
      {q, {12'000'000, 13'000'000}}, {pipe, {15'000'000, 31'000'000}},
      {up, {17'000'000, 18'000'000}}};
  for (const auto& entry : pairs) {
    const std::uint64_t flow = entry.first;  // (not a structured binding: CAPTURE takes it)
    const Pair& pair = entry.second;
    CAPTURE(flow);
    REQUIRE(pair.send != nullptr);
    REQUIRE(pair.receive != nullptr);
    CHECK(pair.send->pid == ends.at(flow).first);
    CHECK(pair.receive->pid == ends.at(flow).second);
    CHECK(pair.receive->other_pid == static_cast<trace::ProcessId>(flow >> 32));
    CHECK(pair.send->time == times.at(flow).first);
    CHECK(pair.receive->time == times.at(flow).second);
    CHECK(pair.send < pair.receive);  // in the events' order too
  }
  // The timeline draws one arrow per pair, from the send to its receive.
  const trace::Timeline tl = trace::build_timeline(m.trace);
  std::size_t arrows = 0;
  for (const trace::Flow& f : tl.flows) {
    if (f.kind != trace::FlowKind::Message) continue;
    REQUIRE(f.to != trace::kNoEvent);
    CHECK(m.trace.events[f.from].kind == Kind::MessageSend);
    CHECK(m.trace.events[f.to].kind == Kind::MessageReceive);
    CHECK(m.trace.events[f.from].value == m.trace.events[f.to].value);
    ++arrows;
  }
  CHECK(arrows == 3);
  CHECK(m.trace.find_thread(10001, 0)->totals.messages_received == 2);
  CHECK(m.trace.find_thread(10000, 0)->totals.messages_sent == 1);
}

TEST_CASE("merge: a receive the clocks put just before its send is drawn at the send; one far "
          "off is left") {
  // The page's clock has 100 us steps where it is not isolated, on each worker's own grid: the
  // program's receive of a child's quick answer can land a step before the child's send.
  const std::uint64_t quick = (std::uint64_t{10001} << 32) | 1;
  const std::uint64_t far = (std::uint64_t{10001} << 32) | 2;
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  rec.name_process(10000, "MainProcess");
  rec.process_writer(10000).process_start(0);
  trace::Writer& pm = rec.writer(10000, 0, "MainThread");
  pm.message_receive(19'950'000, quick, 8, 10001, trace::kNoThread, "Pipe");
  pm.message_receive(24'000'000, far, 8, 10001, trace::kNoThread, "Pipe");
  rec.process_writer(10000).process_end(100'000'000, 0);
  const trace::Trace program = rec.merge();
  trace::Recorder crec({.clock = trace::ClockKind::Steady});
  crec.name_process(10001, "MainProcess");
  trace::Writer& cm = crec.writer(10001, 0, "MainThread");
  cm.message_send(10'000'000, quick, 8, trace::kNoProcess, trace::kNoThread, "Pipe");
  cm.message_send(20'000'000, far, 8, trace::kNoProcess, trace::kNoThread, "Pipe");
  ProcessReport child;  // time 0 at shared 1010 ms: sends at 1020 and 1030 ms
  child.origin_ns = 1'010'000'000;
  child.trace = trace_bytes(crec.merge());
  ChildSeen seen;
  seen.pid = 10001;
  const MergedProcesses m =
      merge_processes(program, 1100, 100'000'000, {seen}, {write_process_report(child)});
  CHECK(m.problems.empty());
  const trace::Event* got = nullptr;
  const trace::Event* lost = nullptr;
  for (const trace::Event& e : m.trace.events) {
    if (e.kind == Kind::MessageReceive && e.value == quick) got = &e;
    if (e.kind == Kind::MessageReceive && e.value == far) lost = &e;
  }
  REQUIRE(got != nullptr);
  CHECK(got->time == 20'000'001);  // 50 us before its send: moved just after it
  REQUIRE(lost != nullptr);
  CHECK(lost->time == 24'000'000);  // 6 ms before its send: a real fault, left alone
  const trace::Timeline tl = trace::build_timeline(m.trace);
  std::size_t paired = 0;
  for (const trace::Flow& f : tl.flows) {
    if (f.kind != trace::FlowKind::Message || f.to == trace::kNoEvent) continue;
    CHECK(m.trace.events[f.to].value == quick);
    ++paired;
  }
  CHECK(paired == 1);
}

TEST_CASE("merge: reports it cannot use are left out and named") {
  const trace::Trace program = process_trace(10000, 0, 9, 10, 0);
  ProcessReport bad_trace;
  bad_trace.trace = "ILTB garbage";
  ProcessReport impostor;  // claims to be the program itself
  impostor.trace = trace_bytes(process_trace(10000, 0, 1, 2, 0));
  const MergedProcesses m = merge_processes(
      program, 1000, 10, {},
      {"not a report", write_process_report(bad_trace), write_process_report(impostor)});
  REQUIRE(m.problems.size() == 3);
  CHECK(m.problems[0].find("not a process report") != std::string::npos);
  CHECK(m.problems[1].find("a child's trace") != std::string::npos);
  CHECK(m.problems[2].find("claims process 10000") != std::string::npos);
  CHECK(m.trace.processes.size() == 1);
  CHECK(count(m.trace, 10000, Kind::ProcessStart) == 1);
}

TEST_CASE("stepped run: the program's globals are handed over at its end, not when stopped") {
  std::optional<GlobalsList> globals;
  Options o;
  o.mode = "coop";
  o.globals_ready = [&](GlobalsList g) { globals = std::move(g); };
  SteppedRun run("result = 7 * 7\nnames = ['a']\n", "g.py", o, [](int, std::string_view) {});
  std::int64_t wake = 0;
  int status = CoopDriver::kRunning;
  for (int i = 0; i < 1000 && status == CoopDriver::kRunning; ++i) status = run.step(50'000'000, &wake);
  CHECK(status == 0);
  REQUIRE(globals);
  CHECK(*globals == GlobalsList{{"result", "49"}, {"names", "['a']"}});

  std::atomic<bool> stop{true};
  globals.reset();
  o.stop_request = &stop;
  SteppedRun stopped("while True:\n    pass\n", "s.py", o, [](int, std::string_view) {});
  status = CoopDriver::kRunning;
  for (int i = 0; i < 1000 && status == CoopDriver::kRunning; ++i) {
    status = stopped.step(50'000'000, &wake);
  }
  CHECK(status == 124);
  CHECK_FALSE(globals);
}

}  // namespace
}  // namespace interleave::run
