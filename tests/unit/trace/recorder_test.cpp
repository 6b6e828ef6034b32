// Recorder: merge order and tie-breaks, string interning, clamping, exact totals, the memory bound
// and deterministic merging of writers recording on real std::threads at once.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "scenario.h"
#include "trace/recorder.h"

using namespace interleave::trace;

namespace {

bool sorted(const Trace& t) {
  for (std::size_t i = 1; i < t.events.size(); ++i) {
    const Event& a = t.events[i - 1];
    const Event& b = t.events[i];
    if (std::tuple(a.time, a.pid, a.tid) > std::tuple(b.time, b.pid, b.tid)) return false;
  }
  return true;
}

// The events one worker records: its own deterministic sequence with shared timestamps, so that
// ties between writers are frequent.
void work(Writer& w, int n) {
  for (int i = 0; i < n; ++i) {
    const Time t = i / 3 * 10;
    switch (i % 6) {
      case 0:
        w.gil_request(t);
        break;
      case 1:
        w.gil_take(t, 7);
        break;
      case 2:
        w.run_begin(t);
        break;
      case 3:
        w.run_end(t);
        break;
      case 4:
        w.block_begin(t, WaitReason::Queue, "queue.get()");
        break;
      default:
        w.block_end(t);
        w.output(t, 1, "line " + std::to_string(i) + "\n");
    }
  }
}

}  // namespace

TEST_CASE("merge orders by time, then process, then thread, then recording order") {
  Recorder rec;
  Writer& b = rec.writer(2, 0, "b");
  Writer& a1 = rec.writer(1, 1, "a1");
  Writer& a0 = rec.writer(1, 0, "a0");
  b.run_begin(5);
  a1.run_begin(5);
  a0.run_begin(5);
  a0.run_end(5);
  a1.run_end(3);      // earlier than its writer's last time: clamped to 5
  a0.gil_request(1);  // clamped to 5 as well
  const Trace t = rec.merge();
  REQUIRE(t.events.size() == 6);
  CHECK(sorted(t));
  const std::vector<std::tuple<ProcessId, ThreadId, Kind>> expect = {
      {1, 0, Kind::RunBegin}, {1, 0, Kind::RunEnd}, {1, 0, Kind::GilRequest},
      {1, 1, Kind::RunBegin}, {1, 1, Kind::RunEnd}, {2, 0, Kind::RunBegin}};
  for (std::size_t i = 0; i < expect.size(); ++i) {
    CHECK(t.events[i].time == 5);
    CHECK(std::tuple(t.events[i].pid, t.events[i].tid, t.events[i].kind) == expect[i]);
  }
  CHECK(a1.clamped() == 1);
  CHECK(a0.clamped() == 1);
  REQUIRE(t.threads.size() == 3);
  CHECK(t.threads[0].name == "a0");
  CHECK(t.threads[2].pid == 2);
  REQUIRE(t.processes.size() == 2);
  CHECK(t.processes[0].pid == 1);
}

TEST_CASE("strings are interned per trace, in order of first appearance") {
  Recorder rec;
  Writer& x = rec.writer(1, 1, "x");
  Writer& y = rec.writer(1, 2, "y");
  y.block_begin(1, WaitReason::Lock, "Lock B");
  x.block_begin(2, WaitReason::Lock, "Lock A");
  x.block_end(3);
  x.block_begin(4, WaitReason::Lock, "Lock B");
  y.block_end(5);
  y.output(6, 2, "Lock A");  // output is never interned, but merging dedups equal text
  const Trace t = rec.merge();
  CHECK(t.strings == std::vector<std::string>{"", "Lock B", "Lock A"});
  CHECK(t.events[0].text == 1);
  CHECK(t.events[1].text == 2);
  CHECK(t.events[3].text == 1);
  CHECK(t.events[5].text == 2);
  CHECK(t.events[5].value == 2);
}

TEST_CASE("the same writer for the same ids; names and cores kept") {
  Recorder rec;
  Writer& a = rec.writer(3, 4, "first");
  Writer& b = rec.writer(3, 4, "second");
  CHECK(&a == &b);
  a.set_name("renamed");
  rec.set_cores(8);
  const Trace t = rec.merge();
  CHECK(t.threads.at(0).name == "renamed");
  CHECK(t.cores == 8);
  CHECK(t.processes.at(0).name.empty());
}

TEST_CASE("scenario totals are exact") {
  Recorder rec;
  test::record_scenario(rec);
  const Trace t = rec.merge();
  CHECK(t.begin == 0);
  CHECK(t.end == 1000);
  CHECK_FALSE(t.truncated);
  const ThreadTotals m = t.find_thread(1, 0)->totals.close_at(t.end);
  CHECK(m.state_ns[static_cast<int>(State::Starting)] == 100);
  CHECK(m.cpu_ns() == 600);
  CHECK(m.state_ns[static_cast<int>(State::WaitingGil)] == 250);
  CHECK(m.state_ns[static_cast<int>(State::Runnable)] == 10);
  CHECK(m.wait_ns[static_cast<int>(WaitBucket::Gil)] == 250);
  CHECK(m.gil_takes == 2);
  CHECK(m.gil_switches == 1);
  CHECK(m.wakes == 1);
  const ThreadTotals th = t.find_thread(1, 1)->totals;
  CHECK(th.state_ns[static_cast<int>(State::Starting)] == 100);
  CHECK(th.state_ns[static_cast<int>(State::WaitingGil)] == 350);
  CHECK(th.cpu_ns() == 200);
  CHECK(th.state_ns[static_cast<int>(State::Blocked)] == 150);
  CHECK(th.wait_ns[static_cast<int>(WaitBucket::Lock)] == 150);
  CHECK(th.gil_switches == 2);
  CHECK(th.drop_requests == 1);
  CHECK(th.output_chunks == 1);
  CHECK(th.output_bytes == 3);
  CHECK(th.open_state == State::Done);
}

TEST_CASE("writers on real threads merge to the same trace as a sequential recording") {
  constexpr int kThreads = 4, kEvents = 20000;
  Recorder parallel;
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&parallel, i] {
        Writer& w = parallel.writer(1, static_cast<ThreadId>(i), "T" + std::to_string(i));
        work(w, kEvents);
      });
    for (auto& th : threads) th.join();
  }
  Recorder sequential;
  for (int i = kThreads - 1; i >= 0; --i)  // other creation order, same ids
    work(sequential.writer(1, static_cast<ThreadId>(i), "T" + std::to_string(i)), kEvents);
  const Trace a = parallel.merge();
  const Trace b = sequential.merge();
  CHECK(a.events.size() == static_cast<std::size_t>(kThreads * (kEvents + kEvents / 6)));
  CHECK(sorted(a));
  CHECK(a == b);
  CHECK(parallel.merge() == a);  // merging twice changes nothing
}

TEST_CASE("memory bound: detail stops, totals stay exact, the trace says so") {
  RecorderOptions options;
  options.max_events = 1000;
  Recorder rec(options);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&rec, i] {
      Writer& w = rec.writer(1, static_cast<ThreadId>(i), "T");
      for (int k = 0; k < 2000; ++k) {
        if (k % 2 == 0) {
          w.run_begin(k * 10);
        } else {
          w.run_end(k * 10);
        }
      }
    });
  for (auto& th : threads) th.join();
  CHECK(rec.stored_events() <= 1000);
  const Trace t = rec.merge();
  CHECK(t.truncated);
  CHECK(t.events.size() <= 1000);
  CHECK(t.events.size() + t.dropped_events == 6000);
  // Which writer ran out first depends on the OS's scheduling, but every writer stored exactly
  // its events before detail_end.
  if (!t.events.empty()) CHECK(t.events.back().time < t.detail_end);
  for (ThreadId tid = 0; tid < 3; ++tid) {
    std::size_t n = 0;
    for (const Event& e : t.events) n += e.tid == tid;
    CHECK(n == static_cast<std::size_t>(std::min<Time>(2000, (t.detail_end + 9) / 10)));
  }
  for (const ThreadInfo& th : t.threads) {
    CHECK(th.totals.events == 2000);
    CHECK(th.totals.cpu_ns() == 1000 * 10);
    CHECK(th.totals.runs == 1000);
  }
  CHECK(t.end == 19990);
}

TEST_CASE("text bound also truncates") {
  RecorderOptions options;
  options.max_text_bytes = 10;
  Recorder rec(options);
  Writer& w = rec.writer(1, 0, "T");
  w.output(1, 1, "12345");
  w.output(2, 1, "67890");
  w.output(3, 1, "x");
  w.run_begin(4);
  const Trace t = rec.merge();
  CHECK(t.truncated);
  CHECK(t.detail_end == 3);
  CHECK(t.events.size() == 2);
  CHECK(t.threads[0].totals.output_bytes == 11);
  CHECK(t.threads[0].totals.events == 4);
}
