// The Timeline panel: a toolbar (fit, visible duration, legend), one time axis with units, the
// lanes of the run (or, in compare mode, the simulated and the real run stacked on the same axis),
// a minimap of the whole run (of each run in compare mode), a tooltip for the span under the pointer and a details area for the
// clicked one. Zoom to the cursor (wheel, Ctrl+wheel, pinch), pan (drag, Shift+wheel, horizontal
// wheel), keys W/S zoom, A/D pan, F fits (when the panel has focus). UI thread only.
#pragma once

#include <memory>
#include <string>

#include "trace/trace.h"
#include "ui/gfx.h"
#include "ui/timeline_axis.h"
#include "ui/timeline_minimap.h"
#include "ui/timeline_view.h"

namespace interleave::ui {

struct TimelineFrameStats {
  std::size_t instances = 0;  // spans sent to the GPU this frame (lanes and minimap)
  std::size_t views = 0;
};

class TimelinePanel {
 public:
  // Draws the panel's content into the current ImGui window. `run`: the last run (in compare
  // mode the simulated one); `compare`: the real run of compare mode, else null. Without a run,
  // shows the trace given to open_file(), or an empty grid with a hint.
  void draw(Gfx& gfx, const std::shared_ptr<const trace::Trace>& run,
            const std::shared_ptr<const trace::Trace>& compare, bool dark);

  // Reads a Chrome JSON trace written by `interleave run --trace` (shown while no run is given).
  // "file.json#130-170" also shows 130 ms to 170 ms of the run once it is first drawn.
  bool open_file(const std::string& spec, std::string* error);
  // A run is going: without a trace to show, the hint says the lanes come at its end.
  void set_running(bool running) { running_ = running; }
  void open(std::shared_ptr<const trace::Trace> trace) { opened_ = std::move(trace); }

  TimeAxis& axis() { return axis_; }
  const TimelineView& view(int i) const { return views_[i]; }
  SpanRef selection() const { return selected_; }
  int selected_view() const { return selected_view_; }
  void select(int view, SpanRef span) { selected_view_ = view, selected_ = span; }
  const TimelineFrameStats& stats() const { return stats_; }
  // The minimap strip of view `i` (the real run's is used in compare mode only).
  const MinimapCache& minimap(int i) const { return minimaps_[i]; }

 private:
  void toolbar(const TimelineChrome& chrome, bool compare);
  ViewStyle compact_style(const TimelineView& view, float height) const;
  void draw_axis(ImDrawList* list, ImVec2 min, ImVec2 max, const TimelineChrome& chrome) const;
  void handle_input(float track_left, bool hovered, bool dragging);
  void details(float width, float height);
  void tooltip(int view, SpanRef span) const;

  TimelineView views_[2];
  TimeAxis axis_;
  ViewStyle style_;
  SpanRef selected_;
  bool running_ = false;
  int selected_view_ = -1;
  const void* shown_[2] = {nullptr, nullptr};  // the runs last shown: a new run fits the axis
  std::shared_ptr<const trace::Trace> opened_;
  double pending_from_ = -1, pending_to_ = -1;  // ns, from open_file's "#from-to"; < 0: none
  MinimapCache minimaps_[2];  // per view: the run, and the real run of compare mode
  TimelineFrameStats stats_;
  bool flows_dense_ = false;
};

}  // namespace interleave::ui
