// ProgressPacer: the run bar's progress slot changes at most kStepsPerSecond times a second, its
// fill and text on the same tick, whatever the frame rate.
#include <doctest/doctest.h>

#include <set>

#include "ui/progress_pacer.h"

using interleave::ui::ProgressPacer;

namespace {

// Frames at `fps` for `seconds` of a real run (elapsed = wall time since the start); the number of
// distinct pictures the slot showed (changes from one frame to the next, plus the first).
int pictures(ProgressPacer& pacer, double fps, double seconds, double start = 100.0) {
  int changes = 0;
  ProgressPacer::Shown last{-1, -1};
  for (int frame = 0; frame < static_cast<int>(fps * seconds); ++frame) {
    const double t = frame / fps;
    const ProgressPacer::Shown shown = pacer.update(start + t, -1, t, false);
    if (!(shown == last)) ++changes;
    last = shown;
  }
  return changes;
}

}  // namespace

TEST_CASE("progress pacer: a real run's slot changes 5 times a second at any frame rate") {
  for (const double fps : {30.0, 60.0, 144.0}) {
    ProgressPacer pacer;
    CHECK(pictures(pacer, fps, 4.0) == 4 * ProgressPacer::kStepsPerSecond);
  }
}

TEST_CASE("progress pacer: a real run's text steps in fifths of a second, the fill cycles in 2 s") {
  ProgressPacer pacer;
  std::set<double> fills;
  for (int frame = 0; frame < 240; ++frame) {  // 4 s at 60 fps
    const double t = frame / 60.0;
    const ProgressPacer::Shown shown = pacer.update(7.0 + t, -1, t, false);
    CHECK(shown.elapsed <= t);
    CHECK(shown.elapsed > t - 0.2);
    const double fifths = shown.elapsed * 5;
    CHECK(fifths == doctest::Approx(static_cast<double>(static_cast<long>(fifths + 0.5))));
    CHECK(shown.fill >= 0.0);
    CHECK(shown.fill < 1.0);
    fills.insert(shown.fill);
  }
  CHECK(fills.size() == 10);  // 2 s of fifths, then the same again
  CHECK(pacer.update(7.0 + 4.0, -1, 4.0, false).fill == doctest::Approx(0.0));
  CHECK(pacer.update(7.0 + 4.5, -1, 4.5, false).fill == doctest::Approx(0.2));
}

TEST_CASE("progress pacer: known progress and virtual time are sampled once per step") {
  ProgressPacer pacer;
  // A simulation running far faster than the frames: its values change every frame.
  const ProgressPacer::Shown first = pacer.update(10.0, 0.10, 1.0, true);
  CHECK(first.fill == doctest::Approx(0.10));
  CHECK(first.elapsed == doctest::Approx(1.0));
  const ProgressPacer::Shown held = pacer.update(10.1, 0.30, 3.0, true);  // same fifth of a second
  CHECK(held == first);
  const ProgressPacer::Shown next = pacer.update(10.25, 0.50, 5.0, true);  // the next one
  CHECK(next.fill == doctest::Approx(0.50));
  CHECK(next.elapsed == doctest::Approx(5.0));
  CHECK(pacer.update(10.45, 2.0, 20.0, true).fill == doctest::Approx(1.0));  // never past full
}

TEST_CASE("progress pacer: a new run shows its own values at once") {
  ProgressPacer pacer;
  CHECK(pacer.update(50.0, -1, 3.3, false).elapsed == doctest::Approx(3.2));
  pacer.reset();
  // Same wall tick, a run that just began: not the old run's text.
  CHECK(pacer.update(50.05, -1, 0.01, false).elapsed == doctest::Approx(0.0));
  pacer.reset();
  CHECK(pacer.update(50.1, 0.25, 0.5, true).fill == doctest::Approx(0.25));
}
