// One run's lanes in the timeline: a gutter of names (process headers collapse on click) and the
// tracks, where the GPU draws the grid and the spans (Gfx) and ImGui the labels, arrows, hover and
// selection. The horizontal axis is not the view's: the panel owns one TimeAxis shared by the two
// views of compare mode, so both runs stay aligned. Each view keeps its own vertical scroll.
// UI thread only.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <vector>

#include "ui/gfx.h"
#include "ui/timeline_axis.h"
#include "ui/timeline_hit.h"
#include "ui/timeline_instances.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_model.h"
#include "ui/timeline_palette.h"

namespace interleave::ui {

struct SpanRef {
  std::size_t lane = 0;
  std::size_t span = kNoSpan;
  bool valid() const { return span != kNoSpan; }
  friend bool operator==(const SpanRef&, const SpanRef&) = default;
};

// What one frame of a view reports back to the panel.
struct ViewFrame {
  bool hovered = false;  // the pointer is over the tracks
  bool clicked = false;  // a click (press and release without dragging) on the tracks
  bool double_clicked = false;
  bool dragging = false;      // the tracks are being dragged (the panel pans the axis)
  SpanRef hovered_span;       // under the pointer
  std::size_t instances = 0;  // spans drawn (after level of detail)
  bool flows_too_dense = false;
};

struct ViewStyle {
  float row_height = 20.0f;
  float gutter = 150.0f;   // width of the names column
  float bar_inset = 3.0f;  // vertical padding of a bar inside its row
};

class TimelineView {
 public:
  // Rebuilds the model when `trace` is another run than the one shown; null clears.
  void set_trace(const std::shared_ptr<const trace::Trace>& trace);
  const TimelineModel* model() const { return model_.get(); }

  // Draws into [min, max) (screen space): gutter on the left, tracks on the right, the tracks'
  // pixel 0 being axis x 0. `selected` is outlined. Handles the gutter's clicks and vertical
  // scrolling; the panel handles zoom and pan.
  ViewFrame draw(Gfx& gfx, const TimeAxis& axis, ImVec2 min, ImVec2 max, const ViewStyle& style,
                 const TimelineChrome& chrome, SpanRef selected, const char* id);

  float scroll() const { return scroll_; }
  void scroll_by(float dy) { scroll_ += dy; }
  const std::vector<Row>& rows() const { return rows_; }
  void toggle_process(trace::ProcessId pid);
  // The gutter's width that shows every lane's name whole (swatch and margins included) in the
  // current font; 0 without a model. Measured once per model and font size.
  float names_width() const;

 private:
  void draw_gutter(ImDrawList* list, ImVec2 min, float width, float height, const ViewStyle& style,
                   const TimelineChrome& chrome, std::size_t first, std::size_t last);
  ViewFrame draw_tracks(Gfx& gfx, ImDrawList* list, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                        const ViewStyle& style, const TimelineChrome& chrome, SpanRef selected,
                        std::size_t first, std::size_t last);
  void draw_flows(ImDrawList* list, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const ViewStyle& style, const TimelineChrome& chrome, ViewFrame& frame);
  float row_top(std::size_t row, float top, const ViewStyle& style) const {
    return top - scroll_ + static_cast<float>(row) * style.row_height;
  }

  std::unique_ptr<TimelineModel> model_;
  std::set<trace::ProcessId> collapsed_;
  std::vector<Row> rows_;
  float scroll_ = 0;
  // What the instances were last built for: equal keys reuse them.
  struct InstanceKey {
    double start = -1, ns_per_px = 0;
    float width = 0, left = 0, top = 0, scroll = 0, row_height = 0;
    std::size_t first = 0, last = 0;
    SpanRef selected;
    std::size_t rows = 0;
    const TimelineModel* model = nullptr;
    friend bool operator==(const InstanceKey&, const InstanceKey&) = default;
  };
  InstanceKey built_;
  mutable const TimelineModel* names_model_ = nullptr;  // names_width_ measured for this model, font
  mutable float names_font_ = 0, names_width_ = 0;
  // Per-frame scratch, kept to avoid allocations.
  std::vector<trace::Rect> rects_;
  std::vector<SpanInstance> instances_;
  std::vector<LabelSlot> labels_;
  std::vector<std::size_t> flows_;
};

}  // namespace interleave::ui
