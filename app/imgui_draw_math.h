// The two pieces of arithmetic in drawing Dear ImGui's draw data, kept free of GL so they can be
// tested: the orthographic projection of ImGui's display rectangle onto clip space, and a draw
// command's clip rectangle as a GL scissor box (framebuffer pixels, bottom-left origin).
// Pure functions; any thread.
#pragma once

#include <algorithm>
#include <optional>

#include <imgui.h>

namespace interleave::gfx {

// clip = position * scale + offset maps the display rectangle [DisplayPos, DisplayPos +
// DisplaySize] (logical pixels, y down) onto [-1, 1]^2 with y up: the top-left corner to (-1, 1).
struct Ortho {
  ImVec2 scale, offset;
};

inline Ortho ortho_projection(ImVec2 display_pos, ImVec2 display_size) {
  const float l = display_pos.x, r = display_pos.x + display_size.x;
  const float t = display_pos.y, b = display_pos.y + display_size.y;
  return Ortho{ImVec2(2.0f / (r - l), 2.0f / (t - b)),
               ImVec2((r + l) / (l - r), (t + b) / (b - t))};
}

struct ScissorBox {
  int x, y, width, height;  // glScissor's arguments
  bool operator==(const ScissorBox&) const = default;
};

// Dear ImGui's rule for a command's ClipRect (x1, y1, x2, y2: logical pixels, top-left origin):
// subtract DisplayPos, multiply by FramebufferScale, then flip y for GL. The box is clamped to the
// framebuffer (fb_width x fb_height pixels); nullopt when nothing of it is left, and the command
// must not be drawn. Truncation to whole pixels is the stock OpenGL3 backend's.
inline std::optional<ScissorBox> scissor_box(ImVec4 clip_rect, ImVec2 display_pos,
                                             ImVec2 framebuffer_scale, int fb_width,
                                             int fb_height) {
  const float w = static_cast<float>(fb_width), h = static_cast<float>(fb_height);
  const float x0 = std::max((clip_rect.x - display_pos.x) * framebuffer_scale.x, 0.0f);
  const float y0 = std::max((clip_rect.y - display_pos.y) * framebuffer_scale.y, 0.0f);
  const float x1 = std::min((clip_rect.z - display_pos.x) * framebuffer_scale.x, w);
  const float y1 = std::min((clip_rect.w - display_pos.y) * framebuffer_scale.y, h);
  if (!(x1 > x0) || !(y1 > y0)) return std::nullopt;  // empty, or NaN
  const ScissorBox box{static_cast<int>(x0), static_cast<int>(h - y1),
                       static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
  if (box.width <= 0 || box.height <= 0) return std::nullopt;
  return box;
}

}  // namespace interleave::gfx
