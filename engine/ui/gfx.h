// What the UI asks of the platform's renderer beyond ImGui's own drawing: GPU-drawn content such
// as the timeline's background grid and its spans (shaders/). engine/ui knows no GL; app/
// implements this. UI thread only (the thread that builds ImGui frames).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>

namespace interleave::ui {

struct GridStyle {
  ImVec4 band_a, band_b, line;  // lane colours (even, odd) and grid line colour
  float lane_height = 28.0f;    // logical pixels
  float minor_spacing = 24.0f;  // logical pixels between minor time lines; major = 5 minor
  float offset = 0.0f;          // horizontal scroll, logical pixels
};

// SpanInstance::flags.
enum SpanFlag : std::uint32_t {
  kSpanBorder = 1u,     // a 1-device-pixel darker outline (wide enough spans)
  kSpanAggregate = 2u,  // several spans narrower than a pixel merged: drawn hatched
  kSpanSelected = 4u,   // the clicked span: a bright outline
};

// One rectangle of the timeline, 24 bytes, in logical pixels, screen space. The renderer snaps the
// edges to device pixels and draws every span at least one device pixel wide.
struct SpanInstance {
  float x0 = 0, x1 = 0;  // left and right edges
  float y = 0, height = 0;
  ImU32 color = 0;  // ImGui's packing (IM_COL32: R in the low byte)
  std::uint32_t flags = 0;
};
static_assert(sizeof(SpanInstance) == 24);

class Gfx {
 public:
  virtual ~Gfx() = default;
  // Queues the grid into `list` over the rectangle [min, max) (logical pixels, screen space).
  virtual void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const GridStyle& style) = 0;
  // Queues `count` spans into `list`, clipped to [clip_min, clip_max) and ImGui's clip rectangle.
  // The spans are copied: the array need not outlive the call. This default draws them with
  // ImDrawList rectangles (headless tests, a renderer without shaders); app/ overrides it with
  // one instanced draw per call.
  virtual void draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max,
                          const SpanInstance* spans, std::size_t count);
};

}  // namespace interleave::ui
