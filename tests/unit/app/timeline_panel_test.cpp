// The Timeline panel through Dear ImGui with no renderer (the draw data is built and inspected,
// never sent to a GPU): spans reach Gfx::draw_spans inside the tracks, the level of detail bounds
// them by pixels, and the wheel, drag, keys and clicks act as a person's would.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "timeline_synthetic.h"
#include "ui/timeline_panel.h"

namespace tr = interleave::trace;
using namespace interleave::ui;

namespace {

struct RecordingGfx final : Gfx {
  int grids = 0;
  std::vector<SpanInstance> spans;
  std::vector<std::pair<ImVec2, ImVec2>> clips;
  void draw_grid(ImDrawList*, ImVec2, ImVec2, const GridStyle&) override { ++grids; }
  void draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max, const SpanInstance* s,
                  std::size_t count) override {
    spans.insert(spans.end(), s, s + count);
    clips.push_back({clip_min, clip_max});
    Gfx::draw_spans(list, clip_min, clip_max, s, count);  // the CPU fallback, exercised too
  }
};

struct Imgui {
  Imgui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1200, 420);
    io.DeltaTime = 1.0f / 60.0f;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Imgui() { ImGui::DestroyContext(); }
};

void frame(TimelinePanel& panel, RecordingGfx& gfx, const std::shared_ptr<const tr::Trace>& run,
           const std::shared_ptr<const tr::Trace>& compare = nullptr) {
  gfx.spans.clear();
  gfx.clips.clear();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("Timeline", nullptr,
               ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  panel.draw(gfx, run, compare, true);
  ImGui::End();
  ImGui::Render();
}

// The centre of the widest instance drawn in the lanes (not the minimap, which is lower).
ImVec2 widest_span(const RecordingGfx& gfx) {
  const SpanInstance* best = nullptr;
  const float lanes_bottom = gfx.clips.front().second.y;
  for (const SpanInstance& s : gfx.spans) {
    if (s.y + s.height > lanes_bottom) continue;
    if (!best || s.x1 - s.x0 > best->x1 - best->x0) best = &s;
  }
  REQUIRE(best != nullptr);
  // ImGui floors the mouse position: pick a whole pixel.
  return ImVec2(std::floor((best->x0 + best->x1) / 2), std::floor(best->y + best->height / 2));
}

}  // namespace

TEST_CASE("timeline panel: without a run it draws the grid and a hint, no spans") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  frame(panel, gfx, nullptr);
  CHECK(gfx.grids == 1);
  CHECK(gfx.spans.empty());
}

TEST_CASE("timeline panel: a run's spans are drawn inside the tracks, fitted to the whole run") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  const auto run = test::gil_turns(2, 40, 1'000'000);
  frame(panel, gfx, run);
  frame(panel, gfx, run);
  CHECK(panel.axis().fitted());
  REQUIRE(!gfx.spans.empty());
  CHECK(gfx.clips.size() == 2);  // the lanes and the minimap: one batch each
  for (const SpanInstance& s : gfx.spans) {
    CHECK(s.x1 >= s.x0);
    CHECK(s.x0 >= gfx.clips.front().first.x - 5);
    CHECK(s.x1 <= gfx.clips.front().second.x + 5);
  }
  CHECK(panel.stats().instances == gfx.spans.size());
  CHECK(panel.view(0).rows().size() == 9);  // process, GIL, 2 threads; cores header + 4 cores
}

TEST_CASE("timeline panel: a million spans cost at most two rectangles per pixel per lane") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  const auto run = test::gil_turns(4, 250'000, 1000);
  frame(panel, gfx, run);
  REQUIRE(panel.view(0).model() != nullptr);
  CHECK(panel.view(0).model()->span_count() > 1'000'000);
  const float width = panel.axis().width();
  std::size_t lanes = 0;
  for (const Row& r : panel.view(0).rows()) lanes += r.kind == RowKind::Lane;
  // Visible lanes plus the minimap's thread rows, each bounded by the LOD.
  CHECK(gfx.spans.size() <= (lanes + 4) * (2 * static_cast<std::size_t>(width) + 4));
  CHECK(!gfx.spans.empty());
  // Zoomed to 50 us, the spans are drawn one by one, with borders, and still bounded.
  panel.axis().show(1e8, 1e8 + 50'000);
  frame(panel, gfx, run);
  std::size_t bordered = 0;
  for (const SpanInstance& s : gfx.spans) bordered += (s.flags & kSpanBorder) != 0;
  CHECK(bordered >= 40);  // 50 turns of ~1 us in each thread lane and the GIL lane
  CHECK(gfx.spans.size() <= (lanes + 4) * (2 * static_cast<std::size_t>(width) + 4));
}

TEST_CASE("timeline panel: wheel zooms to the cursor, drag pans, F fits") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  const auto run = test::gil_turns(2, 40, 1'000'000);
  ImGuiIO& io = ImGui::GetIO();
  frame(panel, gfx, run);
  frame(panel, gfx, run);
  const ImVec2 at = widest_span(gfx);
  const float track_left = gfx.clips.front().first.x;
  const double under = panel.axis().ns_at(at.x - track_left);
  const double before = panel.axis().ns_per_px();

  io.MousePos = at;
  frame(panel, gfx, run);
  io.MouseWheel = 2;
  frame(panel, gfx, run);
  io.MouseWheel = 0;
  CHECK(panel.axis().ns_per_px() == doctest::Approx(before * 0.64));
  CHECK(panel.axis().ns_at(at.x - track_left) == doctest::Approx(under).epsilon(1e-6));

  // Drag 100 pixels to the left: the view moves 100 pixels' worth later (within the run).
  const double start = panel.axis().start();
  const double expected = std::min(
      start + 100 * panel.axis().ns_per_px(),
      static_cast<double>(panel.axis().extent()) - panel.axis().ns_per_px() * panel.axis().width());
  io.MouseDown[0] = true;
  frame(panel, gfx, run);
  for (int i = 1; i <= 4; ++i) {
    io.MousePos = ImVec2(at.x - 25.0f * static_cast<float>(i), at.y);
    frame(panel, gfx, run);
  }
  io.MouseDown[0] = false;
  frame(panel, gfx, run);
  CHECK(panel.axis().start() == doctest::Approx(expected));
  CHECK(panel.axis().start() > start);
  CHECK_FALSE(panel.selection().valid());  // a drag is not a click

  // Keys act once the panel has focus (it took it on the click above).
  io.AddInputCharacter('w');
  frame(panel, gfx, run);
  CHECK(panel.axis().ns_per_px() == doctest::Approx(before * 0.64 * 0.75));
  io.AddInputCharacter('f');
  frame(panel, gfx, run);
  CHECK(panel.axis().fitted());
}

TEST_CASE("timeline panel: a click selects the span under the pointer and opens its details") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  const auto run = test::gil_turns(2, 12, 1'000'000);
  ImGuiIO& io = ImGui::GetIO();
  frame(panel, gfx, run);
  frame(panel, gfx, run);
  const ImVec2 at = widest_span(gfx);
  io.MousePos = at;
  frame(panel, gfx, run);
  io.MouseDown[0] = true;
  frame(panel, gfx, run);
  io.MouseDown[0] = false;
  frame(panel, gfx, run);
  REQUIRE(panel.selection().valid());
  CHECK(panel.selected_view() == 0);
  frame(panel, gfx, run);
  bool details = false;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    details = details || (w->Active && std::string(w->Name).find("details") != std::string::npos);
  }
  CHECK(details);
  // The selected span is outlined by the renderer.
  bool outlined = false;
  for (const SpanInstance& s : gfx.spans) outlined = outlined || (s.flags & kSpanSelected);
  CHECK(outlined);
}

TEST_CASE("timeline panel: compare mode stacks the two runs on one axis") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  const auto sim = test::gil_turns(2, 40, 1'000'000);
  const auto real = test::gil_turns(2, 80, 1'000'000);
  frame(panel, gfx, sim, real);
  frame(panel, gfx, sim, real);
  CHECK(panel.stats().views == 2);
  CHECK(gfx.clips.size() == 4);  // two views and a minimap strip for each
  // The axis spans the longer run.
  CHECK(panel.axis().extent() == panel.view(1).model()->extent());
  CHECK(panel.view(1).model()->extent() > panel.view(0).model()->extent());
  // The minimap shows both runs: the simulated run's strip above the real run's, each with spans
  // across its own run's length on the shared axis (the real run is twice as long here).
  const MinimapCache& sim_strip = panel.minimap(0);
  const MinimapCache& real_strip = panel.minimap(1);
  REQUIRE_FALSE(sim_strip.placed.empty());
  REQUIRE_FALSE(real_strip.placed.empty());
  float sim_bottom = 0, real_top = 1e9f, sim_right = 0, real_right = 0;
  for (const SpanInstance& s : sim_strip.placed) {
    sim_bottom = std::max(sim_bottom, s.y + s.height);
    sim_right = std::max(sim_right, s.x1);
  }
  for (const SpanInstance& s : real_strip.placed) {
    real_top = std::min(real_top, s.y);
    real_right = std::max(real_right, s.x1);
  }
  CHECK(sim_bottom <= real_top);
  CHECK(real_right > sim_right + 100);  // the shorter run ends about halfway along the strip
  // The same minimap in a single run shows that run only.
  frame(panel, gfx, sim);
  frame(panel, gfx, sim);
  CHECK(gfx.clips.size() == 2);
}

TEST_CASE("timeline panel: the lane names' gutter fits a long thread name, the tracks keep most") {
  Imgui imgui;
  RecordingGfx gfx;
  TimelinePanel panel;
  tr::Recorder rec;
  rec.name_process(1, "MainProcess");
  const char* long_name = "Thread-1 (countdown_worker)";
  for (const char* name : {"MainThread", long_name}) {
    tr::Writer& w = rec.writer(1, name == long_name ? 1 : 0, name);
    w.thread_start(0);
    w.run_begin(10, 0);
    w.run_end(1000);
    w.thread_end(1010);
  }
  const auto run = std::make_shared<const tr::Trace>(rec.merge());
  frame(panel, gfx, run);
  frame(panel, gfx, run);
  const float needed = ImGui::CalcTextSize(long_name).x;
  CHECK(panel.view(0).names_width() >= needed + 31);  // indent and swatch, then the name whole
  REQUIRE(!gfx.clips.empty());
  const float tracks_left = gfx.clips.front().first.x;
  CHECK(tracks_left >= needed + 31);   // the name ends before the tracks begin
  CHECK(tracks_left <= 1200 * 0.34f);  // and the tracks keep two thirds of the panel

  // A narrow panel: the tracks keep their share, the name is clipped (its full text on hover).
  ImGui::GetIO().DisplaySize = ImVec2(420, 420);
  frame(panel, gfx, run);
  frame(panel, gfx, run);
  REQUIRE(!gfx.clips.empty());
  CHECK(gfx.clips.front().first.x <= 420 * 0.34f);
}
