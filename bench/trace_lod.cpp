// Measures engine/trace at scale: recording cost per event on 4 real threads, merging, building
// the timeline, the LOD index over 10M spans and the CPU cost of one frame's queries (every lane,
// 1920 pixels) at several zoom levels, and the Chrome JSON export. A benchmark, never a unit test:
// numbers vary with the machine and its load. Build and run with bench/trace_lod.sh.
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "trace/chrome_json.h"
#include "trace/lod.h"
#include "trace/recorder.h"
#include "trace/timeline.h"

using namespace interleave::trace;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A countdown-like run: threads alternating running / waiting for the GIL / short blocks.
void record(Writer& w, int events, Time offset) {
  Time t = offset;
  for (int i = 0; i < events; i += 4) {
    w.gil_request(t);
    w.gil_take(t + 200, 0);
    w.run_begin(t + 200);
    w.run_end(t + 5200);
    t += 5400 + (i % 7) * 13;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t spans_total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  constexpr int kThreads = 4;
  constexpr int kEventsPerThread = 1'000'000;

  // --- Recording on real threads.
  RecorderOptions options;
  options.max_events = 8'000'000;
  Recorder rec(options);
  std::vector<double> per_thread(kThreads);
  std::vector<std::thread> threads;
  const auto rec_start = Clock::now();
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      Writer& w = rec.writer(1, static_cast<ThreadId>(i), "T" + std::to_string(i));
      const auto start = Clock::now();
      record(w, kEventsPerThread, i * 1000);
      per_thread[i] = seconds_since(start);
    });
  for (auto& t : threads) t.join();
  const double rec_wall = seconds_since(rec_start);
  double worst = 0;
  for (double s : per_thread) worst = std::max(worst, s);
  std::printf("record: %d threads x %d events: %.1f ns/event (slowest thread), wall %.3f s\n",
              kThreads, kEventsPerThread, worst * 1e9 / kEventsPerThread, rec_wall);

  auto start = Clock::now();
  const Trace trace = rec.merge();
  std::printf("merge: %zu events in %.3f s\n", trace.events.size(), seconds_since(start));

  start = Clock::now();
  const Timeline recorded = build_timeline(trace);
  std::size_t recorded_spans = 0;
  for (const Lane& l : recorded.lanes) recorded_spans += l.spans.size();
  std::printf("timeline: %zu spans in %zu lanes in %.3f s\n", recorded_spans, recorded.lanes.size(),
              seconds_since(start));

  start = Clock::now();
  const std::string json = write_chrome_json(trace);
  std::printf("chrome json: %zu events -> %.1f MB in %.3f s\n", trace.events.size(),
              static_cast<double>(json.size()) / 1e6, seconds_since(start));
  start = Clock::now();
  Trace back;
  const bool ok = read_chrome_json(json, back).ok;
  std::printf("read back: %s in %.3f s\n", ok && back == trace ? "identical" : "DIFFERENT",
              seconds_since(start));

  // --- LOD over spans_total synthetic spans in 16 lanes (random widths, mostly narrow).
  Timeline tl;
  std::mt19937_64 rng(1);
  const int lanes = 16;
  const std::size_t per_lane = spans_total / lanes;
  for (int l = 0; l < lanes; ++l) {
    Lane lane;
    lane.spans.reserve(per_lane);
    Time t = 0;
    for (std::size_t k = 0; k < per_lane; ++k) {
      const Time d = rng() % 50 == 0 ? 100'000 + static_cast<Time>(rng() % 1'000'000)
                                     : 100 + static_cast<Time>(rng() % 5000);
      lane.spans.push_back({t, t + d, kNoEvent, static_cast<State>(1 + rng() % (kStateCount - 1)),
                            WaitReason::Other});
      t += d;
    }
    tl.end = std::max(tl.end, t);
    tl.lanes.push_back(std::move(lane));
  }
  start = Clock::now();
  const LodIndex lod(tl);
  std::printf("lod index: %zu spans, built in %.3f s, %.1f MB (spans %.1f MB)\n", per_lane * lanes,
              seconds_since(start), static_cast<double>(lod.memory_bytes()) / 1e6,
              static_cast<double>(per_lane * lanes * sizeof(Span)) / 1e6);

  std::vector<Rect> rects;
  for (double fraction : {1.0, 0.1, 0.01, 0.0001, 0.000001}) {
    const Time width = std::max<Time>(1, static_cast<Time>(static_cast<double>(tl.end) * fraction));
    const int frames = 20;
    std::size_t drawn = 0;
    start = Clock::now();
    for (int f = 0; f < frames; ++f) {
      const Time t0 = (tl.end - width) / frames * f;
      for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
        lod.query(l, t0, t0 + width, 1920, rects);
        drawn += rects.size();
      }
    }
    const double per_frame = seconds_since(start) / frames;
    std::printf("frame (%d lanes, 1920 px, window %.4f%% of the run): %.0f us, %zu rects\n", lanes,
                fraction * 100, per_frame * 1e6, drawn / frames);
  }
  return 0;
}
