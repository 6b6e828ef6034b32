// See callback_target.h.
#include "callback_target.h"

#include <algorithm>

#include "gl.h"

namespace interleave::gfx {

bool callback_target(ImVec2 min, ImVec2 max, const ImDrawCmd& cmd, CallbackTarget* t) {
  const ImDrawData* data = ImGui::GetDrawData();
  t->scale = data->FramebufferScale;
  t->origin = data->DisplayPos;
  t->fb_w = data->DisplaySize.x * t->scale.x;
  t->fb_h = data->DisplaySize.y * t->scale.y;
  if (t->fb_w <= 0 || t->fb_h <= 0) return false;
  t->x0 = (std::max(min.x, cmd.ClipRect.x) - t->origin.x) * t->scale.x;
  t->y0 = (std::max(min.y, cmd.ClipRect.y) - t->origin.y) * t->scale.y;
  t->x1 = (std::min(max.x, cmd.ClipRect.z) - t->origin.x) * t->scale.x;
  t->y1 = (std::min(max.y, cmd.ClipRect.w) - t->origin.y) * t->scale.y;
  return t->x1 > t->x0 && t->y1 > t->y0;
}

void scissor_to(const CallbackTarget& t) {
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>(t.x0), static_cast<GLint>(t.fb_h - t.y1),
            static_cast<GLsizei>(t.x1 - t.x0), static_cast<GLsizei>(t.y1 - t.y0));
}

}  // namespace interleave::gfx
