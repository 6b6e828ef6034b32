// Draws the timeline's background grid with shaders/grid.{vert,frag} from inside ImGui's draw list
// (an ImDrawList callback) on GL 3.3 core and WebGL2 alike; one of the passes of Renderer.
// Render thread only; requests queued during a frame are consumed when that frame is rendered.
#pragma once

#include <deque>
#include <string>

#include "frame_hash.h"
#include "gl_pass.h"
#include "ui/gfx.h"

namespace interleave::gfx {

class GridRenderer {
 public:
  GridRenderer() = default;
  GridRenderer(const GridRenderer&) = delete;
  GridRenderer& operator=(const GridRenderer&) = delete;

  // Needs a current GL context. Returns false (and error()) when the shaders do not build.
  bool init();
  const std::string& error() const { return error_; }

  void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const ui::GridStyle& style);
  // Forgets the previous frame's requests; call once per frame before building the UI.
  void begin_frame() { requests_.clear(); }
  // Adds this frame's grid requests to a frame's fingerprint (Renderer::signature).
  void add_to(FrameHash& hash) const;

 private:
  struct Request {
    GridRenderer* self;
    ImVec2 min, max;
    ui::GridStyle style;
  };
  static void render(const ImDrawList* list, const ImDrawCmd* cmd);
  void render(const Request& request, const ImDrawCmd& cmd);

  GlPass pass_;
  int u_rect_ = -1, u_viewport_ = -1, u_band_a_ = -1, u_band_b_ = -1, u_line_ = -1,
      u_lane_h_ = -1, u_minor_ = -1, u_offset_ = -1, u_scale_ = -1;
  std::deque<Request> requests_;  // stable addresses: callbacks keep pointers into it
  std::string error_;
};

}  // namespace interleave::gfx
