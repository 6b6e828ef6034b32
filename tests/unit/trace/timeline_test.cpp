// Timeline: exact lanes, spans and flows for hand-built runs; span time per state equals the
// recorder's totals.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenario.h"
#include "trace/summary.h"
#include "trace/timeline.h"

using namespace interleave::trace;

namespace {

struct S {
  Time start, end;
  State state;
};

std::vector<S> states(const Lane& lane) {
  std::vector<S> out;
  for (const Span& s : lane.spans) out.push_back({s.start, s.end, s.state});
  return out;
}

std::string describe(const std::vector<S>& spans) {
  std::string out;
  for (const S& s : spans)
    out += "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ") " +
           std::string(state_name(s.state)) + "; ";
  return out;
}

}  // namespace

TEST_CASE("scenario lanes: GIL, threads, cores") {
  Recorder rec;
  test::record_scenario(rec);
  const Trace trace = rec.merge();
  const Timeline tl = build_timeline(trace);
  CHECK(tl.begin == 0);
  CHECK(tl.end == 1000);
  REQUIRE(tl.lanes.size() == 5);
  CHECK(tl.lanes[0].kind == LaneKind::Gil);
  CHECK(tl.lanes[1].name == "MainThread");
  CHECK(tl.lanes[2].name == "Thread-1");
  CHECK(tl.lanes[3].kind == LaneKind::Core);
  CHECK(tl.lanes[4].name == "Core 1");

  const std::vector<S> gil = {{100, 600, State::HoldingGil}, {600, 650, State::Idle},
                              {650, 800, State::HoldingGil}, {800, 850, State::Idle},
                              {850, 950, State::HoldingGil}, {950, 1000, State::HoldingGil}};
  CHECK(describe(states(tl.lanes[0])) == describe(gil));
  // The GIL lane's spans name their holder through the take event.
  CHECK(trace.events[tl.lanes[0].spans[1 - 1].event].tid == 0);
  CHECK(trace.events[tl.lanes[0].spans[2].event].tid == 1);
  CHECK(trace.events[tl.lanes[0].spans[5].event].tid == 1);

  const std::vector<S> main = {{0, 100, State::Starting},     {100, 600, State::Running},
                               {600, 850, State::WaitingGil}, {850, 950, State::Running},
                               {950, 960, State::Runnable},   {960, 1000, State::Done}};
  CHECK(describe(states(tl.lanes[1])) == describe(main));
  const std::vector<S> worker = {{200, 300, State::Starting},
                                 {300, 650, State::WaitingGil},
                                 {650, 800, State::Running},
                                 {800, 950, State::Blocked},
                                 {950, 1000, State::Running}};
  CHECK(describe(states(tl.lanes[2])) == describe(worker));
  const Span& blocked = tl.lanes[2].spans[3];
  CHECK(blocked.reason == WaitReason::Lock);
  const Event& begin = trace.events[blocked.event];
  CHECK(begin.kind == Kind::BlockBegin);
  CHECK(trace.text(begin.text) == "Lock 1");
  CHECK(begin.other_tid == 0);

  const std::vector<S> core0 = {{0, 100, State::Idle},
                                {100, 600, State::Running},
                                {600, 850, State::Idle},
                                {850, 950, State::Running},
                                {950, 1000, State::Idle}};
  CHECK(describe(states(tl.lanes[3])) == describe(core0));
  const std::vector<S> core1 = {{0, 650, State::Idle},
                                {650, 800, State::Running},
                                {800, 950, State::Idle},
                                {950, 1000, State::Running}};
  CHECK(describe(states(tl.lanes[4])) == describe(core1));

  REQUIRE(tl.flows.size() == 3);
  const Time handoffs[][2] = {{600, 650}, {800, 850}, {950, 950}};
  for (int i = 0; i < 3; ++i) {
    CHECK(tl.flows[i].kind == FlowKind::GilHandoff);
    CHECK(trace.events[tl.flows[i].from].kind == Kind::GilDrop);
    CHECK(trace.events[tl.flows[i].to].kind == Kind::GilTake);
    CHECK(trace.events[tl.flows[i].from].time == handoffs[i][0]);
    CHECK(trace.events[tl.flows[i].to].time == handoffs[i][1]);
  }
}

TEST_CASE("span time per state equals the totals") {
  Recorder rec;
  test::record_scenario(rec);
  const Trace trace = rec.merge();
  const Timeline tl = build_timeline(trace);
  for (const Lane& lane : tl.lanes) {
    if (lane.kind != LaneKind::Thread) continue;
    const ThreadTotals totals = trace.find_thread(lane.pid, lane.tid)->totals.close_at(tl.end);
    std::array<Time, kStateCount> sums{};
    for (const Span& s : lane.spans) sums[static_cast<std::size_t>(s.state)] += s.end - s.start;
    for (std::size_t st = 0; st < kStateCount; ++st) {
      if (static_cast<State>(st) == State::Done) continue;  // totals stop at the thread's end
      CHECK(sums[st] == totals.state_ns[st]);
    }
  }
}

TEST_CASE("messages become flows; unreceived sends keep to == kNoEvent") {
  Recorder rec;
  Writer& a = rec.writer(1, 0, "MainThread");
  Writer& b = rec.writer(2, 0, "MainThread");
  a.message_send(10, 77, 128, 2, 0, "queue");
  a.message_send(20, 78, 16, 2, 0, "queue");
  b.block_begin(5, WaitReason::Queue, "queue.get()");
  b.message_receive(30, 77, 128, 1, 0, "queue");
  b.block_end(30);
  const Trace trace = rec.merge();
  const Timeline tl = build_timeline(trace);
  REQUIRE(tl.flows.size() == 2);
  CHECK(tl.flows[0].kind == FlowKind::Message);
  CHECK(trace.events[tl.flows[0].from].time == 10);
  CHECK(trace.events[tl.flows[0].to].time == 30);
  CHECK(tl.flows[1].to == kNoEvent);
  // No GIL events: no GIL lane; lanes ordered by process.
  REQUIRE(tl.lanes.size() == 2);
  CHECK(tl.lanes[0].pid == 1);
  CHECK(tl.lanes[1].pid == 2);
  const std::vector<S> b_spans = {{5, 30, State::Blocked}};
  CHECK(describe(states(tl.lanes[1])) == describe(b_spans));
}

TEST_CASE("sleep and I/O are their own states; equal neighbours merge") {
  Recorder rec;
  Writer& w = rec.writer(1, 0, "T");
  w.run_begin(0);
  w.run_end(10);
  w.block_begin(10, WaitReason::Sleep);
  w.block_end(20);
  w.block_begin(20, WaitReason::Io, "read");
  w.block_end(30);
  w.run_begin(30);
  w.run_end(40);
  w.run_begin(40);  // a zero-length Runnable gap vanishes and the two runs merge
  w.run_end(50);
  w.thread_end(50);
  const Timeline tl = build_timeline(rec.merge());
  const std::vector<S> expect = {{0, 10, State::Running},
                                 {10, 20, State::Sleeping},
                                 {20, 30, State::Io},
                                 {30, 50, State::Running}};
  CHECK(describe(states(tl.lanes.at(0))) == describe(expect));
}

TEST_CASE("a truncated trace ends its lanes where detail ends") {
  RecorderOptions options;
  options.max_events = 256;  // one first chunk
  Recorder rec(options);
  Writer& w = rec.writer(1, 0, "T");
  for (int i = 0; i < 1000; ++i) {
    if (i % 2 == 0) {
      w.run_begin(i);
    } else {
      w.run_end(i);
    }
  }
  const Trace trace = rec.merge();
  REQUIRE(trace.truncated);
  CHECK(trace.detail_end == 256);
  const Timeline tl = build_timeline(trace);
  CHECK(tl.end == 256);
  CHECK(tl.lanes.at(0).spans.back().end == 256);
}

TEST_CASE("a child without threads is a process lane with its lifetime and exit code") {
  Recorder rec;
  rec.name_process(1, "MainProcess");
  rec.name_process(7, "Process-1");
  rec.name_process(8, "Process-2");
  Writer& m = rec.writer(1, 0, "MainThread");
  m.thread_start(0);
  m.run_begin(0);
  rec.process_writer(7).process_start(100);  // killed: nothing of its own
  rec.process_writer(8).process_start(150);  // still alive at the end
  rec.process_writer(7).process_end(2100, -15);
  m.run_end(3000);
  m.thread_end(3000);
  const Trace trace = rec.merge();
  const Timeline tl = build_timeline(trace);
  REQUIRE(tl.lanes.size() == 3);
  CHECK(tl.lanes[0].kind == LaneKind::Thread);
  const Lane& killed = tl.lanes[1];
  CHECK(killed.kind == LaneKind::Process);
  CHECK(killed.pid == 7);
  CHECK(killed.tid == kProcessLane);
  CHECK(killed.exited);
  CHECK(killed.exit_status == -15);
  CHECK(killed.name == "exited with -15 (SIGTERM)");
  CHECK(describe(states(killed)) == "[100,2100) running; [2100,3000) done; ");
  REQUIRE(!killed.spans.empty());
  REQUIRE(killed.spans[0].event != kNoEvent);
  CHECK(trace.events[killed.spans[0].event].kind == Kind::ProcessStart);
  const Lane& alive = tl.lanes[2];
  CHECK(alive.kind == LaneKind::Process);
  CHECK(alive.pid == 8);
  CHECK_FALSE(alive.exited);
  CHECK(alive.name == "alive");
  CHECK(describe(states(alive)) == "[150,3000) running; ");

  // The summary reports the exit codes signed.
  const std::string summary = summary_json(summarize(trace));
  CHECK(summary.find("\"name\":\"Process-1\"") != std::string::npos);
  CHECK(summary.find("\"exit_code\":-15}") != std::string::npos);
  CHECK(summary.find("\"exit_code\":null}") != std::string::npos);
}

TEST_CASE("a process lane keeps its exit code when the trace's detail was cut") {
  RecorderOptions options;
  options.max_events = 256;
  Recorder rec(options);
  Writer& child = rec.process_writer(7);
  child.process_start(0);  // takes the whole budget in its first chunk
  Writer& t = rec.writer(1, 0, "MainThread");
  for (int i = 0; i < 10; ++i) t.counter(10 + i, "n", i);  // not stored: detail ends at 10
  child.process_end(500, -9);
  const Trace trace = rec.merge();
  REQUIRE(trace.truncated);
  const Timeline tl = build_timeline(trace);
  const Lane* lane = nullptr;
  for (const Lane& l : tl.lanes)
    if (l.kind == LaneKind::Process) lane = &l;
  REQUIRE(lane != nullptr);
  CHECK(lane->pid == 7);
  CHECK(lane->exited);
  CHECK(lane->exit_status == -9);
  CHECK(lane->name == "exited with -9 (SIGKILL)");
  CHECK(describe(states(*lane)) == "[0,10) running; ");
}
