// The minimap maps [0, axis extent) across its width with its own TimeAxis, fitted.
#include "ui/timeline_minimap.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/timeline_instances.h"

namespace interleave::ui {

void draw_minimap(Gfx& gfx, const TimelineModel& model, TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const TimelineChrome& chrome, MinimapCache& cache) {
  const float width = max.x - min.x, height = max.y - min.y;
  if (width < 16 || height < 6) return;
  TimeAxis whole;
  whole.set_width(width);
  whole.set_extent(axis.extent());
  whole.fit();

  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, max, chrome.minimap_bg);
  if (cache.model != &model || cache.width != width || cache.height != height ||
      cache.extent != axis.extent()) {
    cache.model = &model;
    cache.width = width;
    cache.height = height;
    cache.extent = axis.extent();
    cache.spans.clear();
    // Thread lanes only: the GIL and the cores repeat what the threads show.
    std::vector<std::size_t> lanes;
    for (std::size_t i = 0; i < model.timeline().lanes.size(); ++i) {
      if (model.timeline().lanes[i].kind == trace::LaneKind::Thread) lanes.push_back(i);
    }
    const float pad = 2, usable = height - 2 * pad;
    const float row = lanes.empty() ? 0 : std::max(1.0f, usable / static_cast<float>(lanes.size()));
    const std::size_t shown =
        row > 0 ? std::min(lanes.size(), static_cast<std::size_t>(usable / row)) : 0;
    for (std::size_t k = 0; k < shown; ++k) {
      const LaneSlot slot{lanes[k], pad + row * static_cast<float>(k),
                          std::max(1.0f, row - (row >= 4 ? 1.0f : 0.0f))};
      build_lane_instances(model, whole, 0, slot, static_cast<std::size_t>(-1), cache.rects,
                           cache.spans, nullptr);
    }
    for (SpanInstance& sp : cache.spans) {
      sp.flags &= ~static_cast<std::uint32_t>(kSpanBorder | kSpanAggregate);
    }
  }
  cache.placed = cache.spans;
  for (SpanInstance& sp : cache.placed) {
    sp.x0 += min.x;
    sp.x1 += min.x;
    sp.y += min.y;
  }
  gfx.draw_spans(list, min, max, cache.placed.data(), cache.placed.size());

  // The visible window: the outside dimmed, the window outlined.
  const float x0 = min.x + static_cast<float>(whole.x_of(axis.start()));
  const float x1 = std::max(x0 + 2, min.x + static_cast<float>(whole.x_of(axis.end())));
  list->AddRectFilled(min, ImVec2(std::max(min.x, x0), max.y), IM_COL32(0, 0, 0, 90));
  list->AddRectFilled(ImVec2(std::min(max.x, x1), min.y), max, IM_COL32(0, 0, 0, 90));
  list->AddRect(ImVec2(x0, min.y), ImVec2(x1, max.y), chrome.selection, 0, 0, 1.5f);

  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("minimap", ImVec2(width, height));
  if (ImGui::IsItemActive()) {
    const double centre = whole.ns_at(ImGui::GetIO().MousePos.x - min.x);
    const double half = (axis.end() - axis.start()) * 0.5;
    axis.show(centre - half, centre + half);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    const float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0)
      axis.zoom_at(static_cast<float>(axis.x_of(whole.ns_at(ImGui::GetIO().MousePos.x - min.x))),
                   std::pow(0.8, wheel));
  }
}

}  // namespace interleave::ui
