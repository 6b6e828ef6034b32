// ProgressPacer: what the run bar's progress slot shows while a run goes on (the bar's fill and the
// elapsed time), changed at most kStepsPerSecond times a second. On the page every changed picture
// costs a whole canvas's compositing in the browser, however small the change, so the slot that
// changes by itself during a run (two threads spinning forever change nothing else) sets the page's
// redraw rate. The shown values change together, on one tick: a real run's elapsed wall time
// quantised to the step (its text steps 0.2 s at a time), else this frame's clock (a simulated
// run's virtual time and known progress are sampled once per step). Without a known end the fill
// cycles once every kCycleSeconds. Pure: the UI thread calls it once per frame.
#pragma once

#include <cstdint>

namespace interleave::ui {

class ProgressPacer {
 public:
  static constexpr int kStepsPerSecond = 5;
  static constexpr double kCycleSeconds = 2.0;

  struct Shown {
    double fill = 0;     // 0..1: the bar's fill (progress, or the cycle's phase)
    double elapsed = 0;  // the seconds the text shows
    bool operator==(const Shown&) const = default;
  };

  // A new run: the next update() shows its values at once.
  void reset() { tick_ = kNoTick; }

  // now: this frame's clock in seconds; progress: 0..1 when known, else < 0; elapsed: the run's
  // seconds so far, on the simulator's clock when elapsed_virtual, else on the wall clock.
  Shown update(double now, double progress, double elapsed, bool elapsed_virtual);

 private:
  static constexpr std::int64_t kNoTick = INT64_MIN;
  std::int64_t tick_ = kNoTick;
  Shown shown_;
};

}  // namespace interleave::ui
