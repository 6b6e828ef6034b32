// The timeline's horizontal axis: which span of run time is visible across how many logical pixels,
// time <-> pixel conversion, zoom about a point, pan, fit, and the time axis' tick steps and labels
// (1-2-5 steps, units ns/us/ms/s). Times are nanoseconds relative to the run's start (a compared
// pair of runs shares one axis). Invariants after any call: ns_per_px within [kMinNsPerPx,
// kMaxNsPerPx]; the window never starts before 0 nor ends after the extent (unless the extent is
// narrower than the window). Plain value: UI thread.
#pragma once

#include <cstdint>
#include <string>

namespace interleave::ui {

class TimeAxis {
 public:
  static constexpr double kMinNsPerPx = 0.05;  // zoomed in: 20 pixels per nanosecond
  static constexpr double kMaxNsPerPx = 1e12;

  // Width of the drawing area in logical pixels and the run's extent [0, extent) in ns.
  void set_width(float px);
  void set_extent(std::int64_t ns);
  float width() const { return width_; }
  std::int64_t extent() const { return extent_; }

  double start() const { return start_; }  // ns at the left edge
  double ns_per_px() const { return ns_per_px_; }
  double end() const { return start_ + ns_per_px_ * width_; }  // ns at the right edge

  double x_of(double ns) const { return (ns - start_) / ns_per_px_; }  // pixels from the left
  double ns_at(double x) const { return start_ + x * ns_per_px_; }

  // Shows [0, extent) across the width.
  void fit();
  // Shows [t0, t1) across the width (clamped).
  void show(double t0, double t1);
  // Multiplies the visible duration by `factor` (< 1 zooms in) keeping the time under pixel `x`.
  void zoom_at(float x, double factor);
  // Moves the view right by `px` pixels (negative: left).
  void pan(double px);
  bool fitted() const;

 private:
  void clamp();
  float width_ = 1;
  std::int64_t extent_ = 1;
  double start_ = 0;
  double ns_per_px_ = 1;
};

// A "nice" tick step in ns (1, 2 or 5 times a power of ten) giving at least `min_px` pixels
// between ticks at `ns_per_px`.
double tick_step(double ns_per_px, double min_px);
// A tick's label for time `ns` on an axis stepping by `step` ns: the unit suits the step and the
// digits are those the step needs ("0", "250 us", "1.5 ms", "2 s").
std::string tick_label(double ns, double step);
// A duration or an instant for tooltips: "1.234 ms", "12 ns", "3.500 s".
std::string format_duration(std::int64_t ns);

}  // namespace interleave::ui
