// The grid pass: a 4-vertex strip positioned by gl_VertexID, clipped to the ImGui clip rectangle.
#include "grid_renderer.h"

#include "callback_target.h"
#include "gl.h"

namespace interleave::gfx {

bool GridRenderer::init() {
  if (!pass_.init("grid.vert", "grid.frag", GlPass::Shape{}, &error_)) return false;
  u_rect_ = pass_.uniform("u_rect");
  u_viewport_ = pass_.uniform("u_viewport");
  u_band_a_ = pass_.uniform("u_band_a");
  u_band_b_ = pass_.uniform("u_band_b");
  u_line_ = pass_.uniform("u_line");
  u_lane_h_ = pass_.uniform("u_lane_h");
  u_minor_ = pass_.uniform("u_minor");
  u_offset_ = pass_.uniform("u_offset");
  u_scale_ = pass_.uniform("u_scale");
  return true;
}

void GridRenderer::add_to(FrameHash& hash) const {
  for (const Request& r : requests_) {
    const ui::GridStyle& s = r.style;
    hash.add(r.min.x, r.min.y, r.max.x, r.max.y, s.band_a.x, s.band_a.y, s.band_a.z, s.band_a.w,
             s.band_b.x, s.band_b.y, s.band_b.z, s.band_b.w, s.line.x, s.line.y, s.line.z, s.line.w,
             s.lane_height, s.minor_spacing, s.offset);
  }
}

void GridRenderer::draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max,
                             const ui::GridStyle& style) {
  if (!pass_.ready() || max.x <= min.x || max.y <= min.y) return;
  requests_.push_back(Request{this, min, max, style});
  list->AddCallback(&GridRenderer::render, &requests_.back());
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GridRenderer::render(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* request = static_cast<const Request*>(cmd->UserCallbackData);
  request->self->render(*request, *cmd);
}

void GridRenderer::render(const Request& r, const ImDrawCmd& cmd) {
  CallbackTarget t;
  if (!callback_target(r.min, r.max, cmd, &t)) return;
  scissor_to(t);
  glDisable(GL_BLEND);

  glUseProgram(pass_.program());
  glBindVertexArray(pass_.vao());
  glUniform4f(u_rect_, (r.min.x - t.origin.x) * t.scale.x, (r.min.y - t.origin.y) * t.scale.y,
              (r.max.x - r.min.x) * t.scale.x, (r.max.y - r.min.y) * t.scale.y);
  glUniform2f(u_viewport_, t.fb_w, t.fb_h);
  const auto& s = r.style;
  glUniform4f(u_band_a_, s.band_a.x, s.band_a.y, s.band_a.z, s.band_a.w);
  glUniform4f(u_band_b_, s.band_b.x, s.band_b.y, s.band_b.z, s.band_b.w);
  glUniform4f(u_line_, s.line.x, s.line.y, s.line.z, s.line.w);
  glUniform1f(u_lane_h_, s.lane_height * t.scale.y);
  glUniform1f(u_minor_, s.minor_spacing * t.scale.x);
  glUniform1f(u_offset_, s.offset * t.scale.x);
  glUniform1f(u_scale_, t.scale.x);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace interleave::gfx
