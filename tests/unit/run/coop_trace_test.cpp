// Recording cooperative runs (mode coop, the browser's real mode without threads): run_source
// with trace_ready / summary_path hands back a trace like the real driver's, with the threads
// taking turns under one GIL: starts with parents, turns as GIL hand-offs, blocks with reasons
// and holders, wake-ups by the notifying thread, output on the writing thread, the exit status,
// and multiprocessing's messages on the sending and receiving threads' lanes with their flow ids.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "doubles.h"
#include "run/coop_driver.h"
#include "run/program.h"
#include "run/stepped_run.h"
#include "trace/recorder.h"
#include "trace/summary.h"
#include "trace/timeline.h"
#include "trace/trace.h"

namespace interleave::run {
namespace {

using trace::Kind;

struct Recorded {
  int status = -1;
  std::string out, err;
  std::shared_ptr<const trace::Trace> trace;
};

Recorded run_coop(const char* source, const std::string& summary_path = {}) {
  Recorded r;
  Options o;
  o.mode = "coop";
  o.timeout = 20;
  o.summary_path = summary_path;
  o.trace_ready = [&r](std::shared_ptr<const trace::Trace> t) { r.trace = std::move(t); };
  r.status = run_source(source, "coop.py", o, [&r](int fd, std::string_view text) {
    (fd == 2 ? r.err : r.out).append(text);
  });
  return r;
}

std::size_t count(const trace::Trace& t, Kind kind, trace::ThreadId tid = trace::kNoThread) {
  return static_cast<std::size_t>(std::count_if(t.events.begin(), t.events.end(), [&](auto& e) {
    return e.kind == kind && (tid == trace::kNoThread || e.tid == tid);
  }));
}

TEST_CASE("coop trace: threads take turns under one GIL, block on a lock, wake and print") {
  // Thread-1 holds the lock while it spins past the turn budget, so Thread-2 (started while it
  // holds it) must block on it; the main thread blocks joining. Every event comes from the
  // driver's own order: nothing here depends on timing.
  const char* src =
      "import threading\n"
      "lock = threading.Lock()\n"
      "held = threading.Event()\n"
      "def one():\n"
      "    with lock:\n"
      "        held.set()\n"
      "        n = 0\n"
      "        while n < 100000:\n"
      "            n += 1\n"
      "    print('one done')\n"
      "def two():\n"
      "    held.wait()\n"
      "    with lock:\n"
      "        print('two got it')\n"
      "t1 = threading.Thread(target=one)\n"
      "t2 = threading.Thread(target=two)\n"
      "t1.start(); t2.start()\n"
      "t1.join(); t2.join()\n"
      "print('main done')\n";
  const std::string summary_path = "coop_trace_test.summary.json";
  const Recorded r = run_coop(src, summary_path);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "one done\ntwo got it\nmain done\n");
  REQUIRE(r.trace != nullptr);
  const trace::Trace& t = *r.trace;

  REQUIRE(t.find_thread(0, 0) != nullptr);
  CHECK(t.find_thread(0, 0)->name == "MainThread");
  REQUIRE(t.find_thread(0, 1) != nullptr);
  CHECK(t.find_thread(0, 1)->name == "Thread-1 (one)");
  REQUIRE(t.find_thread(0, 2) != nullptr);
  CHECK(t.find_thread(0, 2)->name == "Thread-2 (two)");
  CHECK(count(t, Kind::ThreadStart) == 3);
  CHECK(count(t, Kind::ThreadEnd) == 3);
  for (const auto& e : t.events) {
    if (e.kind == Kind::ThreadStart && e.tid != 0) CHECK(e.other_tid == 0);
  }
  CHECK(count(t, Kind::RunBegin) == count(t, Kind::RunEnd));
  CHECK(count(t, Kind::BlockBegin) == count(t, Kind::BlockEnd));

  // One GIL: takes alternate between threads, never two holders at once.
  trace::ThreadId holder = trace::kNoThread;
  bool one_holder = true;
  for (const auto& e : t.events) {
    if (e.kind == Kind::GilTake) {
      if (holder != trace::kNoThread) one_holder = false;
      holder = e.tid;
    } else if (e.kind == Kind::GilDrop) {
      if (holder != e.tid) one_holder = false;
      holder = trace::kNoThread;
    }
  }
  CHECK(one_holder);
  CHECK(count(t, Kind::GilTake) >= 3);

  // Thread-2 blocked on the lock Thread-1 held, and Thread-1's release woke it.
  const auto block = std::find_if(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::BlockBegin && e.tid == 2 && e.reason == trace::WaitReason::Lock;
  });
  REQUIRE(block != t.events.end());
  CHECK(block->other_tid == 1);
  CHECK(std::any_of(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::Wake && e.tid == 1 && e.other_tid == 2;
  }));
  // The main thread waited for a join.
  CHECK(std::any_of(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::BlockBegin && e.tid == 0 && e.reason == trace::WaitReason::Join;
  }));

  // Output on the writing thread; the process's end carries the status.
  const auto out = std::find_if(t.events.begin(), t.events.end(),
                                [](auto& e) { return e.kind == Kind::Output && e.tid == 2; });
  REQUIRE(out != t.events.end());
  CHECK(t.text(out->text) == "two got it\n");
  const auto end = std::find_if(t.events.begin(), t.events.end(),
                                [](auto& e) { return e.kind == Kind::ProcessEnd; });
  REQUIRE(end != t.events.end());
  CHECK(static_cast<std::int64_t>(end->value) == 0);

  // The summary file, as the browser's run worker reads it.
  const trace::Summary s = trace::summarize(t);
  CHECK(s.threads.size() == 3);
  CHECK(s.gil_switches >= 2);
  CHECK(s.wall_ns > 0);
  std::ifstream in(summary_path);
  REQUIRE(in.good());
  std::ostringstream json;
  json << in.rdbuf();
  in.close();
  std::remove(summary_path.c_str());
  CHECK(json.str() == trace::summary_json(s));
}

TEST_CASE("coop trace: a deadlock ends the process with status 3 and the report as its output") {
  const Recorded r = run_coop(
      "import threading\n"
      "lock = threading.Lock()\n"
      "lock.acquire()\n"
      "lock.acquire()\n");
  CHECK(r.status == 3);
  REQUIRE(r.trace != nullptr);
  const trace::Trace& t = *r.trace;
  const auto end = std::find_if(t.events.begin(), t.events.end(),
                                [](auto& e) { return e.kind == Kind::ProcessEnd; });
  REQUIRE(end != t.events.end());
  CHECK(static_cast<std::int64_t>(end->value) == 3);
  const auto report = std::find_if(t.events.begin(), t.events.end(), [](auto& e) {
    return e.kind == Kind::Output && e.tid == trace::kProcessLane;
  });
  REQUIRE(report != t.events.end());
  CHECK(t.text(report->text).find("Deadlock") != std::string::npos);
  CHECK(count(t, Kind::ThreadEnd) == 1);  // the stuck main thread ends with the process
  CHECK(count(t, Kind::BlockBegin) == count(t, Kind::BlockEnd));
}

TEST_CASE("coop trace: a run in steps (the browser's st worker) records the same way") {
  Options o;
  o.mode = "coop";
  o.timeout = 20;
  std::shared_ptr<const trace::Trace> got;
  o.trace_ready = [&got](std::shared_ptr<const trace::Trace> t) { got = std::move(t); };
  std::string out;
  SteppedRun run(
      "import threading, time\n"
      "def nap():\n"
      "    time.sleep(0.01)\n"
      "    print('woke')\n"
      "t = threading.Thread(target=nap)\n"
      "t.start()\n"
      "t.join()\n",
      "stepped.py", o, [&out](int, std::string_view text) { out.append(text); });
  // Steps until the run ends: while every thread sleeps a step returns at once, so the loop is
  // bounded by time (the program's own limit), not by a count that a busy machine can exhaust.
  int status = CoopDriver::kRunning;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (status == CoopDriver::kRunning && std::chrono::steady_clock::now() < give_up) {
    std::int64_t wake_ns = -1;
    status = run.step(1'000'000, &wake_ns);
  }
  CHECK(status == 0);
  CHECK(out == "woke\n");
  REQUIRE(got != nullptr);
  CHECK(count(*got, Kind::ThreadStart) == 2);
  CHECK(count(*got, Kind::ThreadEnd) == 2);
  CHECK(std::any_of(got->events.begin(), got->events.end(), [](auto& e) {
    return e.kind == Kind::BlockBegin && e.tid == 1 && e.reason == trace::WaitReason::Sleep;
  }));
  CHECK(count(*got, Kind::ProcessEnd) == 1);
}

TEST_CASE("coop trace: messages are recorded on the lane of the thread whose turn sends or "
          "receives them, with their flow ids") {
  // What multiprocessing's tracer does in a cooperative process of the page (web/process_names.h):
  // find the run through running_here() during a turn and record there.
  using testing::ScriptThread;
  Options o;
  o.mode = "coop";
  o.timeout = 20;
  CoopDriver driver(o, nullptr);
  trace::Recorder rec({.clock = trace::ClockKind::Steady});
  driver.record_into(rec, 10001, "Process-1");
  const std::uint64_t to_parent = (std::uint64_t{10001} << 32) | 1;   // this process sends
  const std::uint64_t from_parent = (std::uint64_t{10000} << 32) | 7;  // the program sent
  CoopDriver* in_turn = nullptr;
  ScriptThread worker("Thread-1", {testing::call([&] {
                        CoopDriver::running_here()->message_received(from_parent, 12, "Queue");
                      })});
  ScriptThread main("MainThread",
                    {testing::call([&] {
                       in_turn = CoopDriver::running_here();
                       in_turn->message_sent(to_parent, 30, "Pipe");
                     }),
                     testing::start(worker),
                     testing::spin_until([&worker] { return worker.finished(); })},
                    nullptr, true);
  main.bind(driver);
  CHECK(CoopDriver::running_here() == nullptr);
  const int status = driver.run(main);
  CHECK(status == 0);
  CHECK(in_turn == &driver);
  CHECK(CoopDriver::running_here() == nullptr);  // only during a turn
  driver.message_sent((std::uint64_t{10001} << 32) | 2, 1, "Pipe");  // no thread runs: nothing
  driver.finish_recording(status);
  const trace::Trace t = rec.merge();

  std::vector<const trace::Event*> sends, receives;
  for (const trace::Event& e : t.events) {
    if (e.kind == Kind::MessageSend) sends.push_back(&e);
    if (e.kind == Kind::MessageReceive) receives.push_back(&e);
  }
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]->pid == 10001);
  CHECK(sends[0]->tid == 0);  // MainThread
  CHECK(sends[0]->value == to_parent);
  CHECK(sends[0]->bytes == 30);
  CHECK(t.text(sends[0]->text) == "Pipe");
  REQUIRE(receives.size() == 1);
  CHECK(receives[0]->pid == 10001);
  CHECK(receives[0]->tid == 1);  // Thread-1
  CHECK(receives[0]->value == from_parent);
  CHECK(receives[0]->other_pid == 10000);  // the sender, from the flow id
  CHECK(t.text(receives[0]->text) == "Queue");
  // Each lies inside a running span of its thread.
  for (const trace::Event* m : {sends[0], receives[0]}) {
    bool inside = false;
    trace::Time begun = -1;
    for (const trace::Event& e : t.events) {
      if (e.pid != m->pid || e.tid != m->tid) continue;
      if (e.kind == Kind::RunBegin) begun = e.time;
      if (e.kind == Kind::RunEnd && begun >= 0 && begun <= m->time && m->time <= e.time) {
        inside = true;
      }
    }
    CHECK(inside);
  }
  CHECK(t.find_thread(10001, 0)->totals.messages_sent == 1);
  CHECK(t.find_thread(10001, 1)->totals.messages_received == 1);
}

}  // namespace
}  // namespace interleave::run
