// Draws the timeline's spans with shaders/spans.{vert,frag}: each Gfx::draw_spans call becomes an
// ImDrawList callback that issues one instanced draw (glDrawArraysInstanced, 4 vertices per span,
// per-instance attributes via glVertexAttribDivisor) on GL 3.3 core and WebGL2 alike. The frame's
// instances are copied into one array and uploaded once, at the frame's first span callback.
// Render thread only; requests queued during a frame are consumed when that frame is rendered.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "frame_hash.h"
#include "gl_pass.h"
#include "ui/gfx.h"

namespace interleave::gfx {

class SpanRenderer {
 public:
  SpanRenderer() = default;
  SpanRenderer(const SpanRenderer&) = delete;
  SpanRenderer& operator=(const SpanRenderer&) = delete;

  // Needs a current GL context. Returns false (and *error) when the shaders do not build.
  bool init(std::string* error);
  void draw(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max, const ui::SpanInstance* spans,
            std::size_t count);
  // Forgets the previous frame's batches; call once per frame before building the UI.
  void begin_frame();
  // Adds this frame's batches and spans to a frame's fingerprint (Renderer::signature).
  void add_to(FrameHash& hash) const;

 private:
  struct Batch {
    SpanRenderer* self;
    std::size_t first, count;
    ImVec2 clip_min, clip_max;
  };
  static void render(const ImDrawList* list, const ImDrawCmd* cmd);
  void render(const Batch& batch, const ImDrawCmd& cmd);

  GlPass pass_;
  int u_origin_ = -1, u_viewport_ = -1, u_scale_ = -1;  // u_scale: both stages
  std::vector<ui::SpanInstance> instances_;             // this frame's, every batch
  std::deque<Batch> batches_;  // stable addresses: callbacks keep pointers into it
  bool uploaded_ = false;
};

}  // namespace interleave::gfx
