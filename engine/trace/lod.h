// Level of detail for drawing millions of spans: for a visible window [t0, t1) and a width in
// pixels, each lane yields at most 2 * pixels + 4 rectangles. Spans at least one pixel wide are
// returned whole; runs of narrower spans become one "busy" aggregate per pixel, coloured by the
// state that occupies most of that pixel's time (Idle never wins over a drawn state).
// How: per lane, a checkpoint every kCheckpointEvery spans holds the cumulative time per state,
// so a pixel's per-state time costs two lookups plus at most kCheckpointEvery span reads; the span
// at each pixel boundary is found by galloping search from the previous one, and each pixel's
// starting sums are the previous pixel's ending sums. Cost per lane:
// O(log n + pixels * (kCheckpointEvery + log(n / pixels))). Memory: ~3 bytes per span.
// Thread-safety: build once; query() is const and may run on several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "trace/thread_state.h"
#include "trace/timeline.h"

namespace interleave::trace {

struct Rect {
  Time start = 0;  // drawn extent (an aggregate starts mid-span when clipped)
  Time end = 0;
  std::uint32_t span = 0;   // first span of Lane::spans it covers
  std::uint32_t count = 0;  // spans it covers (1: a single span)
  State state = State::Idle;
  WaitReason reason = WaitReason::Other;  // single spans only
  bool aggregate = false;                 // several spans narrower than a pixel merged
  friend bool operator==(const Rect&, const Rect&) = default;
};

class LodIndex {
 public:
  static constexpr std::uint32_t kCheckpointEvery = 32;

  // Keeps a pointer to `timeline`, which must outlive the index and not change.
  explicit LodIndex(const Timeline& timeline);

  // Replaces `out` with the rectangles of lane `lane` overlapping [t0, t1) at `pixels` across
  // (>= 1). Idle single spans are left out; every lane with a drawn span in the window yields at
  // least one rectangle there.
  void query(std::size_t lane, Time t0, Time t1, int pixels, std::vector<Rect>& out) const;

  std::size_t memory_bytes() const;

 private:
  using Sums = std::array<Time, kStateCount>;
  // Cumulative time per state from the lane's start to t, where span j holds t (j == size: the
  // lane's end).
  void cumulative(std::size_t lane, Time t, std::size_t j, Sums& sums) const;

  const Timeline* timeline_;
  std::vector<std::vector<Sums>> checkpoints_;  // per lane: sums before span k * kCheckpointEvery
};

}  // namespace interleave::trace
