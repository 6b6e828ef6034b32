// Forwarding to the passes; a pass that failed to build leaves the app without it (init fails).
#include "renderer.h"

#include "frame_hash.h"

namespace interleave::gfx {

bool Renderer::init() {
  if (!grid_.init()) {
    error_ = grid_.error();
    return false;
  }
  return spans_.init(&error_);
}

void Renderer::begin_frame() {
  grid_.begin_frame();
  spans_.begin_frame();
}

void Renderer::draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const ui::GridStyle& style) {
  grid_.draw_grid(list, min, max, style);
}

void Renderer::draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max,
                          const ui::SpanInstance* spans, std::size_t count) {
  spans_.draw(list, clip_min, clip_max, spans, count);
}

std::uint64_t Renderer::signature(const ImDrawData& d) const {
  FrameHash h;
  h.add(d.DisplayPos.x, d.DisplayPos.y, d.DisplaySize.x, d.DisplaySize.y, d.FramebufferScale.x,
        d.FramebufferScale.y);
  for (int i = 0; i < d.CmdListsCount; ++i) {
    const ImDrawList& list = *d.CmdLists[i];
    h.add_bytes(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    h.add_bytes(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : list.CmdBuffer) {
      h.add(c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w);
      h.add_word(reinterpret_cast<std::uintptr_t>(c.TextureId));
      h.add_word(c.VtxOffset);
      h.add_word(c.IdxOffset);
      h.add_word(c.ElemCount);
      h.add_word(reinterpret_cast<std::uintptr_t>(c.UserCallback));
    }
  }
  grid_.add_to(h);
  spans_.add_to(h);
  return h.value();
}

}  // namespace interleave::gfx
