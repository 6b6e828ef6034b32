// Summary: numbers of the hand-built scenario, exactness under truncation, speedup and JSON.
#include <doctest/doctest.h>

#include "scenario.h"
#include "trace/summary.h"

using namespace interleave::trace;

namespace {
constexpr auto kGil = static_cast<std::size_t>(WaitBucket::Gil);
constexpr auto kLock = static_cast<std::size_t>(WaitBucket::Lock);
}  // namespace

TEST_CASE("scenario summary") {
  Recorder rec;
  test::record_scenario(rec);
  const Summary s = summarize(rec.merge(), 1500);
  CHECK(s.wall_ns == 1000);
  CHECK(s.cpu_ns == 800);
  CHECK(s.wait_ns[kGil] == 600);
  CHECK(s.wait_ns[kLock] == 150);
  CHECK(s.gil_switches == 3);
  CHECK(s.drop_requests == 1);
  REQUIRE(s.processes.size() == 1);
  CHECK(s.processes[0].name == "MainProcess");
  CHECK(s.processes[0].threads == 2);
  CHECK(s.processes[0].gil_takes == 4);
  REQUIRE(s.threads.size() == 2);
  CHECK(s.threads[0].name == "MainThread");
  CHECK(s.threads[0].cpu_ns == 600);
  CHECK(s.threads[0].runnable_ns == 10);
  CHECK(s.threads[1].wait_ns[kLock] == 150);
  CHECK(s.threads[1].start == 200);
  REQUIRE(s.speedup);
  CHECK(*s.speedup == doctest::Approx(1.5));
  const std::string json = summary_json(s);
  CHECK(json.find("\"wall_ns\":1000,\"cpu_ns\":800,\"wait_ns\":{\"gil\":600,\"lock\":150,"
                  "\"queue\":0,\"join\":0,\"sleep\":0,\"io\":0,\"message\":0,\"other\":0}") !=
        std::string::npos);
  CHECK(json.find("\"baseline_wall_ns\":1500,\"speedup\":1.500") != std::string::npos);
  CHECK(summary_json(summarize(rec.merge())).find("\"speedup\":null") != std::string::npos);
}

TEST_CASE("messages and bytes; threads alive at the end count up to the end") {
  Recorder rec;
  Writer& a = rec.writer(1, 0, "MainThread");
  Writer& b = rec.writer(2, 0, "MainThread");
  a.run_begin(0);
  a.message_send(10, 1, 100, 2, 0);
  a.message_send(20, 2, 50, 2, 0);
  b.block_begin(0, WaitReason::Pipe, "conn.recv()");
  b.message_receive(30, 1, 100, 1, 0);
  b.block_end(30);
  b.run_begin(30);
  b.thread_end(40);
  const Summary s = summarize(rec.merge());
  CHECK(s.wall_ns == 40);
  CHECK(s.messages == 2);
  CHECK(s.message_bytes == 150);
  CHECK(s.threads[0].cpu_ns == 40);  // never ended: running until the trace's end
  CHECK(s.threads[1].wait_ns[static_cast<std::size_t>(WaitBucket::Message)] == 30);
  CHECK(s.processes[1].messages_received == 1);
  CHECK(s.processes[1].bytes_received == 100);
}

TEST_CASE("a truncated trace gives the same numbers as a complete one") {
  auto run = [](std::uint64_t max_events) {
    RecorderOptions options;
    options.max_events = max_events;
    Recorder rec(options);
    Writer& w = rec.writer(1, 0, "T");
    for (int i = 0; i < 5000; ++i) {
      w.gil_request(i * 100);
      w.gil_take(i * 100 + 30, i % 2 ? 1 : 0);
      w.run_begin(i * 100 + 30);
      w.run_end(i * 100 + 90);
      w.gil_drop(i * 100 + 90);
    }
    return summarize(rec.merge());
  };
  const Summary full = run(1'000'000);
  const Summary cut = run(300);
  CHECK_FALSE(full.truncated);
  CHECK(cut.truncated);
  CHECK(cut.stored_events < full.stored_events);
  CHECK(cut.wall_ns == full.wall_ns);
  CHECK(cut.cpu_ns == full.cpu_ns);
  CHECK(cut.cpu_ns == 5000 * 60);
  CHECK(cut.wait_ns == full.wait_ns);
  CHECK(cut.gil_switches == 2500);
}
