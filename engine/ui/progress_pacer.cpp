// The progress slot's pace (progress_pacer.h).
#include "ui/progress_pacer.h"

#include <cmath>

namespace interleave::ui {

ProgressPacer::Shown ProgressPacer::update(double now, double progress, double elapsed,
                                           bool elapsed_virtual) {
  const auto ticks = [](double seconds) {
    return static_cast<std::int64_t>(std::floor(std::fmax(seconds, 0.0) * kStepsPerSecond));
  };
  // A real run's elapsed time is a clock of its own that the text shows: step on it.
  const bool wall = !elapsed_virtual && progress < 0;
  const std::int64_t tick = wall ? ticks(elapsed) : ticks(now);
  if (tick == tick_) return shown_;
  tick_ = tick;
  shown_.elapsed = wall ? static_cast<double>(tick) / kStepsPerSecond : elapsed;
  if (progress >= 0) {
    shown_.fill = std::fmin(progress, 1.0);
  } else {
    const auto per_cycle = static_cast<std::int64_t>(kCycleSeconds * kStepsPerSecond);
    shown_.fill = static_cast<double>(((tick % per_cycle) + per_cycle) % per_cycle) /
                  static_cast<double>(per_cycle);
  }
  return shown_;
}

}  // namespace interleave::ui
