// The grid pass: a 4-vertex strip positioned by gl_VertexID, clipped to the ImGui clip rectangle.
#include "grid_renderer.h"

#include <algorithm>

#include "gl.h"
#include "shaders.h"

namespace interleave::gfx {

GridRenderer::~GridRenderer() {
  if (program_) glDeleteProgram(program_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

bool GridRenderer::init() {
  program_ = build_program("grid.vert", "grid.frag", &error_);
  if (!program_) return false;
  glGenVertexArrays(1, &vao_);  // core profile: drawing needs a bound VAO, even without attributes
  u_rect_ = glGetUniformLocation(program_, "u_rect");
  u_viewport_ = glGetUniformLocation(program_, "u_viewport");
  u_band_a_ = glGetUniformLocation(program_, "u_band_a");
  u_band_b_ = glGetUniformLocation(program_, "u_band_b");
  u_line_ = glGetUniformLocation(program_, "u_line");
  u_lane_h_ = glGetUniformLocation(program_, "u_lane_h");
  u_minor_ = glGetUniformLocation(program_, "u_minor");
  u_offset_ = glGetUniformLocation(program_, "u_offset");
  u_scale_ = glGetUniformLocation(program_, "u_scale");
  return true;
}

void GridRenderer::draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max,
                             const ui::GridStyle& style) {
  if (!program_ || max.x <= min.x || max.y <= min.y) return;
  requests_.push_back(Request{this, min, max, style});
  list->AddCallback(&GridRenderer::render, &requests_.back());
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GridRenderer::render(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* request = static_cast<const Request*>(cmd->UserCallbackData);
  request->self->render(*request, *cmd);
}

void GridRenderer::render(const Request& r, const ImDrawCmd& cmd) {
  const ImDrawData* data = ImGui::GetDrawData();
  const ImVec2 scale = data->FramebufferScale;
  const ImVec2 origin = data->DisplayPos;
  const float fb_w = data->DisplaySize.x * scale.x, fb_h = data->DisplaySize.y * scale.y;
  if (fb_w <= 0 || fb_h <= 0) return;

  // Clip to the intersection of the request and ImGui's clip rectangle, in framebuffer pixels
  // (GL's scissor origin is bottom-left).
  const float x0 = (std::max(r.min.x, cmd.ClipRect.x) - origin.x) * scale.x;
  const float y0 = (std::max(r.min.y, cmd.ClipRect.y) - origin.y) * scale.y;
  const float x1 = (std::min(r.max.x, cmd.ClipRect.z) - origin.x) * scale.x;
  const float y1 = (std::min(r.max.y, cmd.ClipRect.w) - origin.y) * scale.y;
  if (x1 <= x0 || y1 <= y0) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_h - y1), static_cast<GLsizei>(x1 - x0),
            static_cast<GLsizei>(y1 - y0));
  glDisable(GL_BLEND);

  glUseProgram(program_);
  glBindVertexArray(vao_);
  glUniform4f(u_rect_, (r.min.x - origin.x) * scale.x, (r.min.y - origin.y) * scale.y,
              (r.max.x - r.min.x) * scale.x, (r.max.y - r.min.y) * scale.y);
  glUniform2f(u_viewport_, fb_w, fb_h);
  const auto& s = r.style;
  glUniform4f(u_band_a_, s.band_a.x, s.band_a.y, s.band_a.z, s.band_a.w);
  glUniform4f(u_band_b_, s.band_b.x, s.band_b.y, s.band_b.z, s.band_b.w);
  glUniform4f(u_line_, s.line.x, s.line.y, s.line.z, s.line.w);
  glUniform1f(u_lane_h_, s.lane_height * scale.y);
  glUniform1f(u_minor_, s.minor_spacing * scale.x);
  glUniform1f(u_offset_, s.offset * scale.x);
  glUniform1f(u_scale_, scale.x);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace interleave::gfx
