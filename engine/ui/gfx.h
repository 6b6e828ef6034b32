// What the UI asks of the platform's renderer beyond ImGui's own drawing: GPU-drawn content such
// as the timeline's background grid (shaders/). engine/ui knows no GL; app/ implements this.
// UI thread only (the thread that builds ImGui frames).
#pragma once

#include <imgui.h>

namespace interleave::ui {

struct GridStyle {
  ImVec4 band_a, band_b, line;  // lane colours (even, odd) and grid line colour
  float lane_height = 28.0f;    // logical pixels
  float minor_spacing = 24.0f;  // logical pixels between minor time lines; major = 5 minor
  float offset = 0.0f;          // horizontal scroll, logical pixels
};

class Gfx {
 public:
  virtual ~Gfx() = default;
  // Queues the grid into `list` over the rectangle [min, max) (logical pixels, screen space).
  virtual void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const GridStyle& style) = 0;
};

}  // namespace interleave::ui
