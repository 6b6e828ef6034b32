// Forwarding to the passes; a pass that failed to build leaves the app without it (init fails).
#include "renderer.h"

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

}  // namespace interleave::gfx
