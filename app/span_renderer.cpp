// The span pass. Attribute pointers are set per batch at the batch's offset in the shared buffer
// (GL 3.3 and ES 3.0 have no base-instance draw); the divisor is VAO state, set once.
#include "span_renderer.h"

#include <cstdint>

#include "callback_target.h"
#include "gl.h"

namespace interleave::gfx {

bool SpanRenderer::init(std::string* error) {
  const GlPass::Shape shape{.vertex_buffer = true, .attributes = 3, .per_instance = true};
  if (!pass_.init("spans.vert", "spans.frag", shape, error)) return false;
  u_origin_ = pass_.uniform("u_origin");
  u_viewport_ = pass_.uniform("u_viewport");
  u_scale_ = pass_.uniform("u_scale");
  return true;
}

void SpanRenderer::begin_frame() {
  instances_.clear();
  batches_.clear();
  uploaded_ = false;
}

void SpanRenderer::add_to(FrameHash& hash) const {
  for (const Batch& b : batches_) {
    hash.add(b.clip_min.x, b.clip_min.y, b.clip_max.x, b.clip_max.y);
    hash.add_word(b.first);
    hash.add_word(b.count);
  }
  hash.add_bytes(instances_.data(), instances_.size() * sizeof(ui::SpanInstance));
}

void SpanRenderer::draw(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max,
                        const ui::SpanInstance* spans, std::size_t count) {
  if (!pass_.ready() || count == 0 || clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) return;
  batches_.push_back(Batch{this, instances_.size(), count, clip_min, clip_max});
  instances_.insert(instances_.end(), spans, spans + count);
  list->AddCallback(&SpanRenderer::render, &batches_.back());
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void SpanRenderer::render(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* batch = static_cast<const Batch*>(cmd->UserCallbackData);
  batch->self->render(*batch, *cmd);
}

void SpanRenderer::render(const Batch& b, const ImDrawCmd& cmd) {
  CallbackTarget t;
  if (!callback_target(b.clip_min, b.clip_max, cmd, &t)) return;

  glBindVertexArray(pass_.vao());
  glBindBuffer(GL_ARRAY_BUFFER, pass_.vbo());
  if (!uploaded_) {  // the whole frame's spans, once: later batches of the frame reuse it
    glBufferData(GL_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(instances_.size() * sizeof(ui::SpanInstance)),
                 instances_.data(), GL_STREAM_DRAW);
    uploaded_ = true;
  }
  const auto stride = static_cast<GLsizei>(sizeof(ui::SpanInstance));
  const std::uintptr_t base = b.first * sizeof(ui::SpanInstance);
  glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(base));
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ui::SpanInstance, color)));
  glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, stride,
                         reinterpret_cast<const void*>(base + offsetof(ui::SpanInstance, flags)));

  scissor_to(t);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(pass_.program());
  glUniform2f(u_origin_, t.origin.x, t.origin.y);
  glUniform2f(u_viewport_, t.fb_w, t.fb_h);
  glUniform1f(u_scale_, t.scale.x);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(b.count));
}

}  // namespace interleave::gfx
