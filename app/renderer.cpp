// Forwarding to the passes; a pass that failed to build leaves the app without it (init fails).
#include "renderer.h"

#include <algorithm>

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
  callback_keys_.clear();
}

void Renderer::draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const ui::GridStyle& style) {
  const int from = list->CmdBuffer.Size - 1;
  grid_.draw_grid(list, min, max, style);
  FrameHash h;
  h.add(min.x, min.y, max.x, max.y, style.band_a.x, style.band_a.y, style.band_a.z, style.band_a.w,
        style.band_b.x, style.band_b.y, style.band_b.z, style.band_b.w, style.line.x, style.line.y,
        style.line.z, style.line.w, style.lane_height, style.minor_spacing, style.offset);
  remember_callback(*list, from, h.value());
}

void Renderer::draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max,
                          const ui::SpanInstance* spans, std::size_t count) {
  const int from = list->CmdBuffer.Size - 1;
  spans_.draw(list, clip_min, clip_max, spans, count);
  FrameHash h;
  h.add(clip_min.x, clip_min.y, clip_max.x, clip_max.y);
  h.add_bytes(spans, count * sizeof(ui::SpanInstance));
  remember_callback(*list, from, h.value());
}

void Renderer::remember_callback(const ImDrawList& list, int from, std::uint64_t key) {
  for (int i = std::max(from, 0); i < list.CmdBuffer.Size; ++i) {
    const ImDrawCmd& c = list.CmdBuffer[i];
    if (c.UserCallback == nullptr || c.UserCallback == ImDrawCallback_ResetRenderState) continue;
    if (callback_keys_.try_emplace(c.UserCallbackData, key).second) return;
  }
}

std::optional<std::uint64_t> Renderer::callback_key(const ImDrawCmd& cmd) const {
  const auto found = callback_keys_.find(cmd.UserCallbackData);
  if (found == callback_keys_.end()) return std::nullopt;
  return found->second;
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
