// The timeline's view math: time <-> pixel, fit, zoom about the cursor, pan and their clamps, and
// the axis' tick steps and labels.
#include <doctest/doctest.h>

#include "ui/timeline_axis.h"

using interleave::ui::format_duration;
using interleave::ui::tick_label;
using interleave::ui::tick_step;
using interleave::ui::TimeAxis;

namespace {

TimeAxis axis(float width, std::int64_t extent) {
  TimeAxis a;
  a.set_width(width);
  a.set_extent(extent);
  a.fit();
  return a;
}

}  // namespace

TEST_CASE("timeline axis: fit shows the whole run and pixels map back to times") {
  TimeAxis a = axis(1000, 2'000'000);
  CHECK(a.start() == 0);
  CHECK(a.end() == doctest::Approx(2'000'000));
  CHECK(a.ns_per_px() == doctest::Approx(2000));
  CHECK(a.fitted());
  CHECK(a.x_of(1'000'000) == doctest::Approx(500));
  CHECK(a.ns_at(250) == doctest::Approx(500'000));
  for (double x : {0.0, 1.5, 333.0, 999.0}) CHECK(a.x_of(a.ns_at(x)) == doctest::Approx(x));
}

TEST_CASE("timeline axis: zooming keeps the time under the cursor where it was") {
  TimeAxis a = axis(1000, 2'000'000);
  const double under = a.ns_at(700);
  a.zoom_at(700, 0.5);
  CHECK(a.ns_per_px() == doctest::Approx(1000));
  CHECK(a.ns_at(700) == doctest::Approx(under));
  CHECK_FALSE(a.fitted());
  a.zoom_at(123, 0.1);
  const double here = a.ns_at(123);
  a.zoom_at(123, 0.5);
  CHECK(a.ns_at(123) == doctest::Approx(here));
  // Zooming out stops at the whole run.
  for (int i = 0; i < 40; ++i) a.zoom_at(400, 2.0);
  CHECK(a.fitted());
  CHECK(a.ns_per_px() == doctest::Approx(2000));
  // Zooming in stops at kMinNsPerPx.
  for (int i = 0; i < 200; ++i) a.zoom_at(400, 0.5);
  CHECK(a.ns_per_px() == doctest::Approx(TimeAxis::kMinNsPerPx));
  CHECK(a.start() >= 0);
  CHECK(a.end() <= 2'000'000);
}

TEST_CASE("timeline axis: panning moves by pixels and stops at both ends of the run") {
  TimeAxis a = axis(1000, 1'000'000);
  a.zoom_at(0, 0.1);  // 100 ns per pixel, [0, 100000)
  a.pan(50);
  CHECK(a.start() == doctest::Approx(5000));
  a.pan(-1e9);
  CHECK(a.start() == 0);
  a.pan(1e9);
  CHECK(a.end() == doctest::Approx(1'000'000));
  // A narrower window keeps its centre; show() clamps to the run.
  const double centre = (a.start() + a.end()) / 2;
  a.set_width(500);
  CHECK(a.end() <= 1'000'000.0 + 1e-6);
  CHECK(a.ns_per_px() == doctest::Approx(100));
  a.show(-500, 200);
  CHECK(a.start() == 0);
  CHECK(centre > 0);
}

TEST_CASE("timeline axis: a run shorter than the window is pinned to the left") {
  TimeAxis a = axis(800, 10);
  CHECK(a.start() == 0);
  a.pan(100);
  CHECK(a.start() == 0);
}

TEST_CASE(
    "timeline axis: tick steps are 1, 2 or 5 times a power of ten and at least min_px apart") {
  CHECK(tick_step(1000, 90) == 100'000);   // 90 us -> 100 us
  CHECK(tick_step(1000, 120) == 200'000);  // 120 us -> 200 us
  CHECK(tick_step(1000, 300) == 500'000);
  CHECK(tick_step(1, 90) == 100);
  CHECK(tick_step(0.05, 90) == 5);
  CHECK(tick_step(0.001, 90) == 1);  // never below a nanosecond
  for (double npp : {0.3, 7.0, 123.0, 4567.0, 1e6, 3.3e8}) {
    const double step = tick_step(npp, 90);
    CHECK(step / npp >= 90 * (1 - 1e-9));
    CHECK(step / npp < 90 * 2.5 + 1e-6);
  }
}

TEST_CASE("timeline axis: labels carry the unit of the step and only the digits it needs") {
  CHECK(tick_label(0, 100) == "0");
  CHECK(tick_label(500, 100) == "500 ns");
  CHECK(tick_label(250'000, 50'000) == "250 us");
  CHECK(tick_label(1'000'000, 500'000) == "1.0 ms");  // every tick of a 0.5 ms step has one digit
  CHECK(tick_label(2'000'000, 1'000'000) == "2 ms");
  CHECK(tick_label(1'500'000, 500'000) == "1.5 ms");
  CHECK(tick_label(1'250'000, 250'000) == "1.25 ms");
  CHECK(tick_label(135'000'000, 5'000'000) == "135 ms");
  CHECK(tick_label(2'000'000'000, 1'000'000'000) == "2 s");
  CHECK(tick_label(2'500'000'000, 500'000'000) == "2.5 s");
  CHECK(format_duration(12) == "12 ns");
  CHECK(format_duration(1234) == "1.234 us");
  CHECK(format_duration(5'000'000) == "5.000 ms");
  CHECK(format_duration(3'500'000'000) == "3.500 s");
}
