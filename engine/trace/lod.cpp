// Level-of-detail queries over a Timeline (lod.h). Pixel boundaries are computed with integer
// arithmetic so a query's output depends only on its arguments. Each loop iteration consumes at
// least one pixel: either a span reaching past the end of the pixel where drawing stands (drawn
// whole) or the rest of that pixel (one aggregate), hence at most `pixels` rectangles.
// Thread-safety: const queries on an immutable index.
#include "trace/lod.h"

#include <algorithm>

namespace interleave::trace {

namespace {

// First index k in [from, n) with spans[k].end > t (n if none); galloping from `from`.
std::size_t first_ending_after(const std::vector<Span>& spans, std::size_t from, Time t) {
  const std::size_t n = spans.size();
  if (from >= n || spans[from].end > t) return from;
  std::size_t lo = from, step = 1;  // invariant: spans[lo].end <= t
  while (lo + step < n && spans[lo + step].end <= t) {
    lo += step;
    step *= 2;
  }
  const std::size_t hi = std::min(n, lo + step);
  return static_cast<std::size_t>(
      std::partition_point(spans.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
                           spans.begin() + static_cast<std::ptrdiff_t>(hi),
                           [t](const Span& s) { return s.end <= t; }) -
      spans.begin());
}

// t0 + (t1 - t0) * p / pixels without overflow for any realistic trace.
Time boundary(Time t0, Time t1, std::int64_t p, std::int64_t pixels) {
  const Time span = t1 - t0;
  if (p >= pixels) return t1;
  if (span <= INT64_MAX / pixels) return t0 + span * p / pixels;
  return t0 + static_cast<Time>(static_cast<long double>(span) * p / pixels);
}

std::int64_t pixel_of(Time t0, Time t1, Time t, std::int64_t pixels) {
  const Time span = t1 - t0, d = t - t0;
  std::int64_t p = d <= INT64_MAX / pixels
                       ? d * pixels / span
                       : static_cast<std::int64_t>(static_cast<long double>(d) * pixels / span);
  // Integer rounding in boundary() may put t just before p's start: step back to be safe.
  while (p > 0 && boundary(t0, t1, p, pixels) > t) --p;
  while (p + 1 < pixels && boundary(t0, t1, p + 1, pixels) <= t) ++p;
  return p;
}

}  // namespace

LodIndex::LodIndex(const Timeline& timeline) : timeline_(&timeline) {
  checkpoints_.resize(timeline.lanes.size());
  for (std::size_t l = 0; l < timeline.lanes.size(); ++l) {
    const auto& spans = timeline.lanes[l].spans;
    auto& cps = checkpoints_[l];
    cps.reserve(spans.size() / kCheckpointEvery + 1);
    Sums sums{};
    for (std::size_t k = 0; k < spans.size(); ++k) {
      if (k % kCheckpointEvery == 0) cps.push_back(sums);
      sums[static_cast<std::size_t>(spans[k].state)] += spans[k].end - spans[k].start;
    }
  }
}

std::size_t LodIndex::memory_bytes() const {
  std::size_t n = 0;
  for (const auto& cps : checkpoints_) n += cps.capacity() * sizeof(Sums);
  return n;
}

void LodIndex::cumulative(std::size_t lane, Time t, std::size_t j, Sums& sums) const {
  const auto& spans = timeline_->lanes[lane].spans;
  const std::size_t last = std::min(j, spans.size() - 1);
  const std::size_t base = last / kCheckpointEvery * kCheckpointEvery;
  sums = checkpoints_[lane][last / kCheckpointEvery];
  const std::size_t whole = std::min(j, spans.size());
  for (std::size_t k = base; k < whole; ++k)
    sums[static_cast<std::size_t>(spans[k].state)] += spans[k].end - spans[k].start;
  if (j < spans.size() && t > spans[j].start)
    sums[static_cast<std::size_t>(spans[j].state)] += t - spans[j].start;
}

void LodIndex::query(std::size_t lane, Time t0, Time t1, int pixels, std::vector<Rect>& out) const {
  out.clear();
  if (lane >= timeline_->lanes.size() || t1 <= t0) return;
  const auto& spans = timeline_->lanes[lane].spans;
  const std::size_t n = spans.size();
  if (n == 0) return;
  const std::int64_t px = std::max(1, pixels);

  std::size_t i = first_ending_after(spans, 0, t0);
  Time cursor = i < n ? std::max(t0, spans[i].start) : t1;
  Sums at_start{}, at_end{};
  Time at_end_time = t0 - 1;  // at_end holds the sums up to this time (reused as a start)
  while (i < n && cursor < t1) {
    const Span& span = spans[i];
    const Time s = std::max(span.start, cursor);
    const std::int64_t p = pixel_of(t0, t1, s, px);
    const Time pixel_end = boundary(t0, t1, p + 1, px);
    if (span.end >= pixel_end) {  // covers the rest of its pixel: drawn as itself
      if (span.state != State::Idle)
        out.push_back(
            {s, span.end, static_cast<std::uint32_t>(i), 1, span.state, span.reason, false});
      cursor = span.end;
      ++i;
      continue;
    }
    // Several spans share [s, pixel_end): one aggregate with the dominant drawn state.
    const std::size_t j = first_ending_after(spans, i, pixel_end);
    const Time e = j < n ? pixel_end : std::min(pixel_end, spans[n - 1].end);
    if (s == at_end_time) {
      at_start = at_end;
    } else {
      cumulative(lane, s, i, at_start);
    }
    cumulative(lane, e, j, at_end);
    at_end_time = e;
    State best = State::Idle;
    Time best_ns = 0;
    for (std::size_t st = 1; st < kStateCount; ++st) {  // skips Idle (index 0)
      const Time ns = at_end[st] - at_start[st];
      if (ns > best_ns) {
        best_ns = ns;
        best = static_cast<State>(st);
      }
    }
    const auto count = static_cast<std::uint32_t>((j < n && spans[j].start < e ? j + 1 : j) - i);
    if (best != State::Idle) {
      Rect* last = out.empty() ? nullptr : &out.back();
      if (last && last->aggregate && last->state == best && last->end == s) {
        last->end = e;
        last->count = static_cast<std::uint32_t>(i) + count - last->span;
      } else {
        out.push_back({s, e, static_cast<std::uint32_t>(i), count, best, WaitReason::Other, true});
      }
    }
    cursor = e;
    i = j;
  }
}

}  // namespace interleave::trace
