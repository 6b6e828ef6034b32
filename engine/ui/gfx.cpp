// The CPU fallback for spans: the same snapping rule as shaders/spans.vert (at least one pixel
// wide), without the hatching.
#include "ui/gfx.h"

#include <algorithm>

namespace interleave::ui {

void Gfx::draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max, const SpanInstance* spans,
                     std::size_t count) {
  list->PushClipRect(clip_min, clip_max, true);
  for (std::size_t i = 0; i < count; ++i) {
    const SpanInstance& s = spans[i];
    const ImVec2 a(s.x0, s.y), b(std::max(s.x1, s.x0 + 1.0f), s.y + s.height);
    list->AddRectFilled(a, b, s.color);
    if (s.flags & kSpanSelected) list->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
  }
  list->PopClipRect();
}

}  // namespace interleave::ui
