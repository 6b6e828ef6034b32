// Axis arithmetic in double: 2^53 ns is 104 days, far beyond any run, so no precision is lost.
#include "ui/timeline_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace interleave::ui {

void TimeAxis::set_width(float px) {
  const double centre = start_ + ns_per_px_ * width_ * 0.5;
  width_ = std::max(px, 1.0f);
  start_ = centre - ns_per_px_ * width_ * 0.5;
  clamp();
}

void TimeAxis::set_extent(std::int64_t ns) {
  extent_ = std::max<std::int64_t>(ns, 1);
  clamp();
}

void TimeAxis::fit() {
  show(0, static_cast<double>(extent_));
}

bool TimeAxis::fitted() const {
  return start_ <= 0 && end() >= static_cast<double>(extent_) &&
         ns_per_px_ * width_ <= static_cast<double>(extent_) * 1.0001;
}

void TimeAxis::show(double t0, double t1) {
  if (t1 <= t0) t1 = t0 + 1;
  start_ = t0;
  ns_per_px_ = (t1 - t0) / width_;
  clamp();
}

void TimeAxis::zoom_at(float x, double factor) {
  if (!(factor > 0)) return;
  const double anchor = ns_at(x);
  const double before = ns_per_px_;
  ns_per_px_ = std::clamp(ns_per_px_ * factor, kMinNsPerPx, kMaxNsPerPx);
  // Never zoom out beyond the whole run (plus nothing): fitting is the widest useful view.
  const double widest = static_cast<double>(extent_) / width_;
  if (factor > 1 && ns_per_px_ > widest) ns_per_px_ = std::max(widest, std::min(before, widest));
  start_ = anchor - x * ns_per_px_;
  clamp();
}

void TimeAxis::pan(double px) {
  start_ += px * ns_per_px_;
  clamp();
}

void TimeAxis::clamp() {
  ns_per_px_ = std::clamp(ns_per_px_, kMinNsPerPx, kMaxNsPerPx);
  const double visible = ns_per_px_ * width_;
  const double extent = static_cast<double>(extent_);
  if (visible >= extent) {
    start_ = 0;  // the whole run fits: pin it to the left
    return;
  }
  start_ = std::clamp(start_, 0.0, extent - visible);
}

double tick_step(double ns_per_px, double min_px) {
  const double raw = std::max(ns_per_px * min_px, 1e-9);
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (;;) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * power >= raw * (1 - 1e-9)) return std::max(1.0, m * power);
    }
    power *= 10;
  }
}

namespace {

struct Unit {
  double ns;
  const char* name;
};

Unit unit_for(double magnitude) {
  if (magnitude >= 1e9) return {1e9, "s"};
  if (magnitude >= 1e6) return {1e6, "ms"};
  if (magnitude >= 1e3) return {1e3, "us"};
  return {1, "ns"};
}

}  // namespace

std::string tick_label(double ns, double step) {
  if (std::fabs(ns) < step * 1e-6) return "0";
  // The unit suits the tick (so "1.5 ms", not "1500 us"); the digits suit the step.
  const Unit u = unit_for(std::max(std::fabs(ns), step));
  // Digits after the point the step needs in this unit: a step of 0.25 ms needs two.
  const double in_unit = step / u.ns;
  int decimals = 0;
  while (decimals < 6 && std::fabs(in_unit * std::pow(10.0, decimals) -
                                   std::round(in_unit * std::pow(10.0, decimals))) > 1e-6) {
    ++decimals;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f %s", decimals, ns / u.ns, u.name);
  return buf;
}

std::string format_duration(std::int64_t ns) {
  const double magnitude = std::fabs(static_cast<double>(ns));
  char buf[48];
  if (magnitude < 1e3) {
    std::snprintf(buf, sizeof buf, "%lld ns", static_cast<long long>(ns));
  } else {
    const Unit u = unit_for(magnitude);
    std::snprintf(buf, sizeof buf, "%.3f %s", static_cast<double>(ns) / u.ns, u.name);
  }
  return buf;
}

}  // namespace interleave::ui
