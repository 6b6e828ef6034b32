// Run settings (names, bounds, the adapter to run::Options), the runner placeholder, the layout.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "ui/layout.h"
#include "ui/run_options.h"
#include "ui/runner.h"

using namespace interleave::ui;

TEST_CASE("settings: URL names round-trip and unknown names are rejected") {
  for (RunMode m : {RunMode::Simulated, RunMode::Real, RunMode::Compare}) {
    CHECK(parse_run_mode(to_string(m)) == m);
  }
  for (GilMode g : {GilMode::On, GilMode::Off, GilMode::Legacy})
    CHECK(parse_gil_mode(to_string(g)) == g);
  for (StartMethod s : {StartMethod::Spawn, StartMethod::Fork}) {
    CHECK(parse_start_method(to_string(s)) == s);
  }
  CHECK(to_string(RunMode::Simulated) == "sim");
  CHECK_FALSE(parse_run_mode("Sim").has_value());
  CHECK_FALSE(parse_gil_mode("").has_value());
  CHECK_FALSE(parse_start_method("forkserver").has_value());
}

TEST_CASE("settings: clamped keeps every field in bounds") {
  RunSettings s;
  s.switch_interval = 0;
  s.cores = 1000;
  s.time_limit = NAN;
  const RunSettings c = clamped(s);
  CHECK(c.switch_interval == kMinSwitchInterval);
  CHECK(c.cores == kMaxCores);
  CHECK(c.time_limit == RunSettings{}.time_limit);
  CHECK(clamped(RunSettings{}) == RunSettings{});
}

TEST_CASE("settings: mapped onto run::Options for each side of a run") {
  RunSettings s;
  s.mode = RunMode::Compare;
  s.gil = GilMode::Legacy;
  s.switch_interval = 0.001;
  s.cores = 8;
  s.start_method = StartMethod::Fork;
  s.time_limit = 3;
  const auto sim = to_run_options(s, true);
  CHECK(sim.mode == "sim");
  CHECK(sim.gil == "legacy");
  CHECK(sim.switch_interval == doctest::Approx(0.001));
  CHECK(sim.cores == 8);
  CHECK(sim.start_method == "fork");
  CHECK(sim.timeout == 3);
  const auto real = to_run_options(s, false);
  CHECK(real.mode == "real");
  CHECK(real.cores == 0);  // this machine's
  s.mode = RunMode::Real;
  CHECK(to_run_options(s, true).mode == "real");  // the mode wins outside compare
}

TEST_CASE("runner: the unwired runner finishes at once and says why in a note") {
  UnwiredRunner r;
  CHECK(r.poll().phase == RunPhase::Idle);
  r.start(RunRequest{"print(1)", "prog.py", {}});
  RunStatus s = r.poll();
  CHECK(s.phase == RunPhase::Finished);
  CHECK_FALSE(s.exit_status.has_value());
  REQUIRE(s.output.size() == 1);
  CHECK(s.output[0].stream == Stream::Note);
  CHECK(s.output[0].text.find("not wired") != std::string::npos);
  CHECK(r.poll().output.empty());
}

TEST_CASE("layout: panels tile the area without overlap, wide and narrow") {
  for (Rect area : {Rect{0, 20, 3840, 2140}, Rect{0, 20, 1280, 780}, Rect{0, 20, 1000, 760},
                    Rect{0, 20, 600, 780}, Rect{0, 20, 500, 500}}) {
    CAPTURE(area.w);
    const PanelLayout l = compute_layout(area);
    CHECK(l.narrow == (area.w < kWideLayoutMin));
    CHECK_FALSE(l.compact);
    const Rect all[] = {l.examples, l.editor, l.timeline, l.summary, l.memory, l.console};
    float covered = 0;
    for (const Rect& r : all) {
      CHECK(r.w >= 150);
      CHECK(r.h >= 90);
      CHECK(r.x >= area.x);
      CHECK(r.y >= area.y);
      CHECK(r.x + r.w <= area.x + area.w + 0.5f);
      CHECK(r.y + r.h <= area.y + area.h + 0.5f);
      covered += r.w * r.h;
    }
    CHECK(covered == doctest::Approx(area.w * area.h).epsilon(0.01));  // no gaps, no overlap
    CHECK(l.editor.w >= area.w * 0.4f);  // the editor is always the widest reading space
  }
}

TEST_CASE("layout: embed sizes get the compact layout, the editor tall and the timeline roomy") {
  // The areas under the menu bar of iframes 600x400, 820x480 and 900x600, and 1000x700.
  for (Rect area : {Rect{0, 23, 600, 377}, Rect{0, 23, 820, 457}, Rect{0, 23, 900, 577},
                    Rect{0, 23, 1000, 677}}) {
    CAPTURE(area.w);
    const PanelLayout l = compute_layout(area);
    REQUIRE(l.compact);
    CHECK_FALSE(l.narrow);
    CHECK(l.examples.w == 0);  // the gallery is behind the Examples menu
    // Console, summary and memory are tabs of the one details panel.
    for (const Rect& r : {l.console, l.summary, l.memory}) {
      CHECK(r.x == l.details.x);
      CHECK(r.y == l.details.y);
      CHECK(r.w == l.details.w);
      CHECK(r.h == l.details.h);
    }
    const Rect all[] = {l.editor, l.timeline, l.details};
    float covered = 0;
    for (const Rect& r : all) {
      CHECK(r.x >= area.x);
      CHECK(r.y >= area.y);
      CHECK(r.x + r.w <= area.x + area.w + 0.5f);
      CHECK(r.y + r.h <= area.y + area.h + 0.5f);
      covered += r.w * r.h;
    }
    CHECK(covered == doctest::Approx(area.w * area.h).epsilon(0.01));
    // The editor runs the full height (a dozen lines of code at 480 px); the timeline keeps its
    // minimum height where the viewport allows, and is wider than the editor.
    CHECK(l.editor.h == doctest::Approx(area.h).epsilon(0.01));
    CHECK(l.editor.w >= 250);
    CHECK(l.timeline.w > l.editor.w);
    CHECK(l.timeline.h >= std::min(kTimelineMinHeight, area.h * 0.55f) - 1);
    CHECK(l.details.h >= 120);
  }
}
