// The timeline's rows (process headers, GIL, thread and core lanes, collapsing) and hit testing
// (the row under y, the span under a time, its description, the arrows in a window), on the
// hand-built two-thread run of the trace tests.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "../trace/scenario.h"
#include "ui/timeline_flows.h"
#include "ui/timeline_hit.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_model.h"

namespace tr = interleave::trace;
using namespace interleave::ui;

namespace {

std::shared_ptr<const tr::Trace> scenario() {
  tr::Recorder rec;
  tr::test::record_scenario(rec);
  return std::make_shared<const tr::Trace>(rec.merge());
}

std::string field(const SpanDetails& d, const std::string& label) {
  for (const auto& [l, v] : d.fields) {
    if (l == label) return v;
  }
  return "<none>";
}

std::size_t lane_named(const TimelineModel& m, tr::LaneKind kind, const std::string& name) {
  for (std::size_t i = 0; i < m.timeline().lanes.size(); ++i) {
    const tr::Lane& l = m.timeline().lanes[i];
    if (l.kind == kind && (kind != tr::LaneKind::Thread || m.thread_name(l.pid, l.tid) == name)) {
      if (kind != tr::LaneKind::Core || l.name == name) return i;
    }
  }
  return TimelineModel::npos;
}

}  // namespace

TEST_CASE("timeline layout: a header per process, then its GIL and thread lanes; cores last") {
  const TimelineModel model(scenario());
  CHECK(model.origin() == 0);
  CHECK(model.extent() == 1000);
  const auto rows = layout_rows(model.timeline(), {});
  REQUIRE(rows.size() == 7);  // MainProcess: GIL, MainThread, Thread-1; Cores: Core 0, Core 1
  CHECK(rows[0].kind == RowKind::Process);
  CHECK(rows[0].pid == 1);
  CHECK(rows[0].lanes == 3);
  CHECK(model.timeline().lanes[rows[1].lane].kind == tr::LaneKind::Gil);
  CHECK(model.thread_name(1, model.timeline().lanes[rows[2].lane].tid) == "MainThread");
  CHECK(model.thread_name(1, model.timeline().lanes[rows[3].lane].tid) == "Thread-1");
  CHECK(rows[4].kind == RowKind::Process);
  CHECK(rows[4].pid == tr::kCoresPid);
  CHECK(model.process_name(rows[4].pid) == "Cores");
  CHECK(model.process_name(1) == "MainProcess (pid 1)");
  CHECK(model.timeline().lanes[rows[6].lane].name == "Core 1");

  const auto collapsed = layout_rows(model.timeline(), {1});
  REQUIRE(collapsed.size() == 4);
  CHECK(collapsed[0].collapsed);
  CHECK(collapsed[1].kind == RowKind::Process);
  CHECK(row_of_lane(collapsed, rows[2].lane) == kNoRow);
  CHECK(row_of_lane(rows, rows[3].lane) == 3);
}

TEST_CASE("timeline layout: the row under a y coordinate") {
  CHECK(row_at(7, 20, 0) == 0);
  CHECK(row_at(7, 20, 19.9f) == 0);
  CHECK(row_at(7, 20, 20) == 1);
  CHECK(row_at(7, 20, 139) == 6);
  CHECK(row_at(7, 20, 140) == kNoRow);
  CHECK(row_at(7, 20, -1) == kNoRow);
}

TEST_CASE("timeline hit testing: the span under a time and what the tooltip says about it") {
  const TimelineModel model(scenario());
  const std::size_t t1 = model.lane_of(1, 1);
  REQUIRE(t1 != TimelineModel::npos);
  const tr::Lane& lane = model.timeline().lanes[t1];

  std::size_t s = span_at(lane, 700, 0);
  REQUIRE(s != kNoSpan);
  CHECK(lane.spans[s].state == tr::State::Running);
  CHECK(lane.spans[s].start == 650);
  SpanDetails d = describe_span(model, t1, s);
  CHECK(d.title == "Thread-1: running");
  CHECK(field(d, "duration") == "150 ns");
  CHECK(field(d, "start") == "650 ns");
  CHECK(field(d, "process") == "MainProcess (pid 1)");

  s = span_at(lane, 900, 0);
  REQUIRE(s != kNoSpan);
  CHECK(lane.spans[s].state == tr::State::Blocked);
  d = describe_span(model, t1, s);
  CHECK(field(d, "reason") == "lock");
  CHECK(field(d, "object") == "Lock 1");
  CHECK(field(d, "held by") == "MainThread");
  CHECK(field(d, "duration") == "150 ns");

  // Before Thread-1 existed nothing is there, unless within the tolerance of its first span.
  CHECK(span_at(lane, 100, 0) == kNoSpan);
  CHECK(span_at(lane, 190, 20) != kNoSpan);
  CHECK(span_at(lane, 190, 5) == kNoSpan);

  // The GIL lane: held by MainThread, then taken by Thread-1 (a gap between is idle, not drawn).
  const std::size_t gil = lane_named(model, tr::LaneKind::Gil, "");
  REQUIRE(gil != TimelineModel::npos);
  s = span_at(model.timeline().lanes[gil], 700, 0);
  REQUIRE(s != kNoSpan);
  d = describe_span(model, gil, s);
  CHECK(d.title == "GIL held by Thread-1");
  CHECK(field(d, "taken from") == "MainThread");
  CHECK(span_at(model.timeline().lanes[gil], 620, 0) == kNoSpan);  // idle [600, 650)
  CHECK(span_at(model.timeline().lanes[gil], 620, 40) != kNoSpan);

  const std::size_t core1 = lane_named(model, tr::LaneKind::Core, "Core 1");
  REQUIRE(core1 != TimelineModel::npos);
  s = span_at(model.timeline().lanes[core1], 700, 0);
  REQUIRE(s != kNoSpan);
  CHECK(describe_span(model, core1, s).title == "Core 1: Thread-1");
}

TEST_CASE("timeline flows: the GIL hand-offs overlapping a window, bounded") {
  const TimelineModel model(scenario());
  std::vector<std::size_t> flows;
  REQUIRE(flows_in_window(model, 0, 1000, 100, flows));
  CHECK(flows.size() == 3);  // 600 -> 650, 800 -> 850, 950 -> 950
  REQUIRE(flows_in_window(model, 820, 840, 100, flows));
  REQUIRE(flows.size() == 1);  // 800 -> 850 spans the window
  const tr::Flow& f = model.timeline().flows[flows[0]];
  CHECK(model.trace().events[f.from].time == 800);
  CHECK(model.trace().events[f.to].time == 850);
  REQUIRE(flows_in_window(model, 960, 1000, 100, flows));
  CHECK(flows.empty());
  CHECK_FALSE(flows_in_window(model, 0, 1000, 2, flows));  // too dense for 2
  CHECK(model.longest_flow() == 50);
}
