// The timeline's CPU cost per frame: level-of-detail queries for every visible lane, building the
// span instances, the labels, arrows and minimap, and ImGui's frame (NewFrame to Render), at 1M
// and 10M spans, for the whole run and a zoomed window, in a 1920x1080 display. The Gfx copies the
// instances as app/span_renderer does; nothing reaches a GPU. A benchmark, never a unit test:
// numbers vary with the machine and its load. Build and run with bench/timeline_frame.sh.
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "../tests/unit/app/timeline_synthetic.h"
#include "ui/timeline_panel.h"

using namespace interleave;
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of this process (one thread): on a loaded machine, closer to the cost than wall time.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// What the GL renderer does on the CPU for spans: copy them into the frame's array.
struct CopyingGfx final : ui::Gfx {
  std::vector<ui::SpanInstance> frame;
  void draw_grid(ImDrawList*, ImVec2, ImVec2, const ui::GridStyle&) override {}
  void draw_spans(ImDrawList*, ImVec2, ImVec2, const ui::SpanInstance* s, std::size_t n) override {
    frame.insert(frame.end(), s, s + n);
  }
};

void frame(ui::TimelinePanel& panel, CopyingGfx& gfx,
           const std::shared_ptr<const trace::Trace>& run) {
  gfx.frame.clear();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("Timeline", nullptr,
               ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  panel.draw(gfx, run, nullptr, true);
  ImGui::End();
  ImGui::Render();
}

void measure(const char* what, ui::TimelinePanel& panel, CopyingGfx& gfx,
             const std::shared_ptr<const trace::Trace>& run, double fraction, int frames) {
  ui::TimeAxis& axis = panel.axis();
  const double extent = static_cast<double>(axis.extent());
  std::size_t instances = 0;
  double worst = 0;
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  for (int f = 0; f < frames; ++f) {
    // A different window every frame (panning across the run): nothing is reused.
    // (The width differs a little every frame too, so that the whole-run case is not cached.)
    const double width = extent * fraction * (1 - 1e-3 * (f % 7));
    const double t0 = (extent - width) * f / std::max(1, frames - 1);
    axis.show(t0, t0 + width);
    const auto one = Clock::now();
    frame(panel, gfx, run);
    worst = std::max(worst, seconds_since(one));
    instances += gfx.frame.size();
  }
  const double per_frame = seconds_since(start) / frames;
  const double cpu_per_frame = (cpu_seconds() - cpu_start) / frames;
  std::printf("  %-30s %7.2f ms/frame wall (worst %6.2f), %6.2f ms CPU, %6zu span instances\n",
              what, per_frame * 1e3, worst * 1e3, cpu_per_frame * 1e3, instances / frames);
}

// The view does not move (the pointer does): the common frame while reading the timeline.
void measure_still(const char* what, ui::TimelinePanel& panel, CopyingGfx& gfx,
                   const std::shared_ptr<const trace::Trace>& run, int frames) {
  panel.axis().fit();
  frame(panel, gfx, run);
  const auto start = Clock::now();
  for (int f = 0; f < frames; ++f) {
    ImGui::GetIO().MousePos = ImVec2(400.0f + static_cast<float>(f * 13 % 1200), 300.0f);
    frame(panel, gfx, run);
  }
  std::printf("  %-30s %7.2f ms/frame, %6zu span instances\n", what,
              seconds_since(start) / frames * 1e3, gfx.frame.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 30;
  const bool small_only = argc > 2 && std::string(argv[2]) == "1M";
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

  for (const long turns : {250'000L, 2'500'000L}) {
    if (small_only && turns > 250'000L) break;
    auto start = Clock::now();
    // 8 threads taking turns on the GIL over 4 simulated cores, ~1 us per turn.
    const auto run = ui::test::gil_turns(8, turns, 1000);
    const double record_s = seconds_since(start);
    CopyingGfx gfx;
    ui::TimelinePanel panel;
    start = Clock::now();
    frame(panel, gfx, run);  // the first frame builds the timeline and the LOD index
    const double build_s = seconds_since(start);
    const ui::TimelineModel& model = *panel.view(0).model();
    std::printf(
        "%zu spans in %zu lanes (%zu events): recorded in %.2f s, timeline + LOD built in "
        "%.2f s (once per run)\n",
        model.span_count(), model.timeline().lanes.size(), run->events.size(), record_s, build_s);
    measure_still("whole run, view still", panel, gfx, run, frames);
    measure("whole run", panel, gfx, run, 1.0, frames);
    measure("zoomed to 1% of the run", panel, gfx, run, 0.01, frames);
    measure("zoomed to 0.001%", panel, gfx, run, 0.00001, frames);
  }
  ImGui::DestroyContext();
  return 0;
}
