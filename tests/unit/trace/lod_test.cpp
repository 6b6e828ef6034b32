// LOD queries against a brute-force reference on random lanes: bounded output, sorted and
// disjoint rectangles, wide spans drawn exactly, every pixel with drawn time covered, aggregates
// coloured by the dominant state of each pixel they cover.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "trace/lod.h"

using namespace interleave::trace;

namespace {

Timeline random_timeline(std::mt19937_64& rng, int lanes, int spans_per_lane) {
  Timeline tl;
  tl.begin = 1000;
  for (int l = 0; l < lanes; ++l) {
    Lane lane;
    lane.tid = static_cast<ThreadId>(l);
    Time t = tl.begin + static_cast<Time>(rng() % 5000);
    for (int k = 0; k < spans_per_lane; ++k) {
      // Mostly tiny spans with some long ones, so both paths are exercised.
      const Time d = rng() % 10 == 0 ? 1 + static_cast<Time>(rng() % 20000)
                                     : 1 + static_cast<Time>(rng() % 40);
      const auto state = static_cast<State>(rng() % kStateCount);
      lane.spans.push_back({t, t + d, kNoEvent, state, WaitReason::Other});
      t += d;
    }
    tl.end = std::max(tl.end, t);
    tl.lanes.push_back(std::move(lane));
  }
  tl.lanes.emplace_back();  // an empty lane
  return tl;
}

// Per-state time of the lane within [a, b).
std::array<Time, kStateCount> brute_sums(const Lane& lane, Time a, Time b) {
  std::array<Time, kStateCount> sums{};
  for (const Span& s : lane.spans) {
    const Time lo = std::max(a, s.start), hi = std::min(b, s.end);
    if (hi > lo) sums[static_cast<std::size_t>(s.state)] += hi - lo;
  }
  return sums;
}

State dominant(const std::array<Time, kStateCount>& sums) {
  State best = State::Idle;
  Time best_ns = 0;
  for (std::size_t st = 1; st < kStateCount; ++st)
    if (sums[st] > best_ns) {
      best_ns = sums[st];
      best = static_cast<State>(st);
    }
  return best;
}

Time boundary(Time t0, Time t1, std::int64_t p, std::int64_t px) {
  return p >= px ? t1 : t0 + (t1 - t0) * p / px;
}

void check_query(const LodIndex& lod, const Timeline& tl, std::size_t l, Time t0, Time t1, int px) {
  std::vector<Rect> rects;
  lod.query(l, t0, t1, px, rects);
  const Lane& lane = tl.lanes[l];
  CHECK(rects.size() <= static_cast<std::size_t>(px));
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const Rect& r = rects[i];
    CHECK(r.start < r.end);
    CHECK(r.end > t0);
    CHECK(r.start < t1);
    CHECK(r.state != State::Idle);
    if (i > 0) CHECK(rects[i - 1].end <= r.start);
    if (!r.aggregate) {
      const Span& s = lane.spans[r.span];
      CHECK(r.count == 1);
      CHECK(r.state == s.state);
      CHECK(r.end == s.end);
      CHECK(r.start == std::max(s.start, r.start));
    }
  }
  // Every pixel with drawn time is covered by a rectangle, and aggregated pixels show the
  // dominant state of their part of the pixel.
  std::size_t ri = 0;
  for (std::int64_t p = 0; p < px; ++p) {
    const Time a = boundary(t0, t1, p, px), b = boundary(t0, t1, p + 1, px);
    if (b <= a) continue;
    const auto sums = brute_sums(lane, a, b);
    while (ri < rects.size() && rects[ri].end <= a) ++ri;
    bool covered = false;
    for (std::size_t k = ri; k < rects.size() && rects[k].start < b; ++k) {
      covered = true;
      const Rect& r = rects[k];
      if (r.aggregate) {
        const Time lo = std::max(a, r.start), hi = std::min(b, r.end);
        CHECK(dominant(brute_sums(lane, lo, hi)) == r.state);
      }
    }
    if (dominant(sums) != State::Idle) CHECK(covered);
  }
}

}  // namespace

TEST_CASE("LOD matches a brute-force reference on random lanes") {
  std::mt19937_64 rng(12345);
  const Timeline tl = random_timeline(rng, 6, 3000);
  const LodIndex lod(tl);
  for (std::size_t l = 0; l < tl.lanes.size(); ++l) {
    check_query(lod, tl, l, tl.begin, tl.end, 800);                     // everything
    check_query(lod, tl, l, tl.begin - 5000, tl.end + 5000, 97);        // wider than the lanes
    check_query(lod, tl, l, tl.begin + 12345, tl.begin + 22345, 300);   // zoomed
    check_query(lod, tl, l, tl.begin + 20000, tl.begin + 20100, 1000);  // below 1 ns per pixel
    check_query(lod, tl, l, tl.begin, tl.end, 1);                       // one pixel
  }
}

TEST_CASE("LOD: wide spans come back exactly, narrow ones aggregate") {
  Timeline tl;
  Lane lane;
  lane.spans = {{0, 100, kNoEvent, State::Running, WaitReason::Other},
                {100, 101, kNoEvent, State::WaitingGil, WaitReason::Other},
                {101, 103, kNoEvent, State::Running, WaitReason::Other},
                {103, 104, kNoEvent, State::WaitingGil, WaitReason::Other},
                {104, 110, kNoEvent, State::Idle, WaitReason::Other},
                {110, 200, kNoEvent, State::Blocked, WaitReason::Lock}};
  tl.lanes.push_back(lane);
  const LodIndex lod(tl);
  std::vector<Rect> rects;
  lod.query(0, 0, 200, 20, rects);  // 10 ns per pixel
  REQUIRE(rects.size() == 3);
  CHECK(rects[0] == Rect{0, 100, 0, 1, State::Running, WaitReason::Other, false});
  // [100, 110): 2 ns running, 2 ns waiting, 6 ns idle -> running (earlier state wins ties).
  CHECK(rects[1] == Rect{100, 110, 1, 4, State::Running, WaitReason::Other, true});
  CHECK(rects[2] == Rect{110, 200, 5, 1, State::Blocked, WaitReason::Lock, false});
  // Zoomed in: every span is wide again; the Idle one is not drawn.
  lod.query(0, 95, 115, 20, rects);
  REQUIRE(rects.size() == 5);
  CHECK(rects[0].start == 95);
  CHECK(rects[3].span == 3);
  CHECK(rects[4].state == State::Blocked);
}

TEST_CASE("LOD never drops a lane: a lane of many tiny spans stays visible at any zoom") {
  Timeline tl;
  Lane lane;
  for (Time t = 0; t < 100000; t += 2) {
    lane.spans.push_back({t, t + 1, kNoEvent, State::Running, WaitReason::Other});
    lane.spans.push_back({t + 1, t + 2, kNoEvent, State::Idle, WaitReason::Other});
  }
  tl.lanes.push_back(lane);
  const LodIndex lod(tl);
  std::vector<Rect> rects;
  lod.query(0, 0, 100000, 100, rects);
  REQUIRE(rects.size() == 1);  // one merged busy aggregate across the whole lane
  CHECK(rects[0].aggregate);
  CHECK(rects[0].state == State::Running);
  CHECK(rects[0].start == 0);
  CHECK(rects[0].end == 100000);
  CHECK(rects[0].count == lane.spans.size());
}
