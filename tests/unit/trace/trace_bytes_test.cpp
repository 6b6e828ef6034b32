// The byte form of a trace (trace/trace_bytes.h): it reads back equal to what was written (names
// with any bytes, negative counters, a killed child, a truncated trace with its exact totals), and
// every damaged buffer is refused with a message: cut short anywhere, a byte too many, a foreign
// magic or version, a bad kind, a text id out of range, events out of time order, a count larger
// than the buffer.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "scenario.h"
#include "trace/trace_bytes.h"

using namespace interleave::trace;

namespace {

Trace sample() {
  Recorder rec;
  test::record_scenario(rec);
  Writer& q = rec.writer(2, 0, "Worker \xE2\x80\x94 \"quoted\"\t");
  q.message_send(10, (2ull << 32) | 1, 4096, 1, 0, "pipe");
  q.counter(20, "queue size", -3);
  q.output(30, 2, std::string("bin\0ary\x01", 8));
  Writer& child = rec.process_writer(3);
  child.process_start(40);
  child.process_end(1200, -15);
  return rec.merge();
}

std::string as_text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

void put_u32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

TEST_CASE("trace bytes: write -> read is the identity") {
  const Trace trace = sample();
  REQUIRE(trace.events.size() > 20);
  const std::string bytes = as_text(write_trace_bytes(trace));
  Trace back;
  const ReadResult result = read_trace_bytes(bytes, back);
  REQUIRE_MESSAGE(result.ok, result.error);
  CHECK(back == trace);
  CHECK(as_text(write_trace_bytes(back)) == bytes);
  CHECK(back.find_process(3) != nullptr);

  // A truncated trace keeps its note and exact totals.
  Recorder small(RecorderOptions{.max_events = 256});
  Writer& w = small.writer(1, 0, "T");
  for (int i = 0; i < 600; ++i) w.counter(i, "n", i);
  const Trace cut = small.merge();
  REQUIRE(cut.truncated);
  Trace cut_back;
  REQUIRE(read_trace_bytes(as_text(write_trace_bytes(cut)), cut_back).ok);
  CHECK(cut_back == cut);
  CHECK(cut_back.truncated);
  CHECK(cut_back.threads[0].totals.events == 600);
  CHECK(cut_back.events.size() < 600);

  // An empty trace (nothing recorded) too.
  Trace empty;
  Trace empty_back;
  empty_back.cores = 7;
  REQUIRE(read_trace_bytes(as_text(write_trace_bytes(empty)), empty_back).ok);
  CHECK(empty_back == empty);
}

TEST_CASE("trace bytes: damaged buffers are refused and leave the trace alone") {
  const Trace trace = sample();
  const std::string good = as_text(write_trace_bytes(trace));
  Trace kept;
  kept.cores = 42;

  // Cut short at every length.
  for (std::size_t n = 0; n < good.size(); ++n) {
    const ReadResult r = read_trace_bytes(std::string_view(good).substr(0, n), kept);
    REQUIRE_MESSAGE(!r.ok, "a prefix of ", n, " bytes was accepted");
    CHECK_FALSE(r.error.empty());
  }
  CHECK(kept.cores == 42);
  CHECK(kept.events.empty());

  const auto refused = [&](std::string bytes, const char* why) {
    const ReadResult r = read_trace_bytes(bytes, kept);
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find(why) != std::string::npos, r.error);
  };
  refused(good + '\0', "trailing bytes");
  std::string magic = good;
  magic[0] = '{';
  refused(magic, "not an interleave trace");
  std::string version = good;
  put_u32(version, 4, 2);
  refused(version, "unsupported trace version");

  // The last event: kind at +16, text at +28 of its 48 bytes.
  const std::size_t last = good.size() - 48;
  std::string kind = good;
  kind[last + 16] = static_cast<char>(Kind::kCount);
  refused(kind, "bad event kind");
  std::string text = good;
  put_u32(text, last + 28, static_cast<std::uint32_t>(trace.strings.size()));
  refused(text, "event text out of range");
  std::string order = good;
  for (int i = 0; i < 8; ++i) order[last + i] = 0;  // time 0 after later events
  refused(order, "events out of order");

  // A count far larger than the buffer is refused before anything is allocated for it.
  std::string count = good;
  put_u32(count, good.size() - 48 * trace.events.size() - 4, 0xFFFFFFFFu);
  refused(count, "count past the end");
  CHECK(kept.cores == 42);
}

TEST_CASE("trace bytes: a bound on the events cuts the trace as the recorder's memory bound does") {
  const Trace trace = sample();
  Trace same;
  REQUIRE(read_trace_bytes(as_text(write_trace_bytes(trace, trace.events.size())), same).ok);
  CHECK(same == trace);

  Trace cut;
  REQUIRE(read_trace_bytes(as_text(write_trace_bytes(trace, 10)), cut).ok);
  CHECK(cut.truncated);
  REQUIRE(cut.events.size() <= 10);
  REQUIRE(cut.events.size() >= 5);
  const Time end = trace.events[10].time;
  CHECK(cut.detail_end == end);
  for (std::size_t i = 0; i < cut.events.size(); ++i) {
    CHECK(cut.events[i] == trace.events[i]);
    CHECK(cut.events[i].time < end);
  }
  // Nothing at the cut's time or later stays, nothing before it goes.
  std::size_t before = 0;
  for (const Event& e : trace.events) before += e.time < end ? 1 : 0;
  CHECK(cut.events.size() == before);
  CHECK(cut.dropped_events == trace.events.size() - before);
  CHECK(cut.threads == trace.threads);  // the totals stay exact
  CHECK(cut.begin == trace.begin);
  CHECK(cut.end == trace.end);
}
