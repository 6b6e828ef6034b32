// Where an ImDrawList callback draws with GL: the frame's origin, pixel scale and framebuffer size,
// and a rectangle (logical pixels) cut by ImGui's clip rectangle, in framebuffer pixels. Shared by
// the grid and span renderers. Render thread only (inside ImGui's draw of the frame).
#pragma once

#include <imgui.h>

namespace interleave::gfx {

struct CallbackTarget {
  ImVec2 origin;           // ImDrawData::DisplayPos
  ImVec2 scale;            // ImDrawData::FramebufferScale
  float fb_w = 0, fb_h = 0;  // framebuffer size in pixels
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the clipped rectangle, framebuffer pixels, top-left origin
};

// Fills *t for [min, max) drawn by `cmd`; false when nothing would be drawn.
bool callback_target(ImVec2 min, ImVec2 max, const ImDrawCmd& cmd, CallbackTarget* t);

// Enables GL's scissor test on t's rectangle (GL's scissor origin is bottom-left).
void scissor_to(const CallbackTarget& t);

}  // namespace interleave::gfx
