// The minimap maps [0, axis extent) across its width with its own TimeAxis, fitted.
#include "ui/timeline_minimap.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/timeline_instances.h"

namespace interleave::ui {

void draw_minimap(Gfx& gfx, const TimelineModel& model, TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const TimelineChrome& chrome, std::vector<trace::Rect>& rects,
                  std::vector<SpanInstance>& instances) {
  const float width = max.x - min.x, height = max.y - min.y;
  if (width < 16 || height < 6) return;
  TimeAxis whole;
  whole.set_width(width);
  whole.set_extent(axis.extent());
  whole.fit();

  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, max, chrome.minimap_bg);
  // Thread lanes only: the GIL and the cores repeat what the threads show.
  std::vector<std::size_t> lanes;
  for (std::size_t i = 0; i < model.timeline().lanes.size(); ++i) {
    if (model.timeline().lanes[i].kind == trace::LaneKind::Thread) lanes.push_back(i);
  }
  const float pad = 2;
  const float row =
      lanes.empty() ? 0 : std::max(1.0f, (height - 2 * pad) / static_cast<float>(lanes.size()));
  const std::size_t shown =
      row > 0 ? std::min(lanes.size(), static_cast<std::size_t>((height - 2 * pad) / row)) : 0;
  instances.clear();
  for (std::size_t k = 0; k < shown; ++k) {
    const LaneSlot slot{lanes[k], min.y + pad + row * static_cast<float>(k),
                        std::max(1.0f, row - (row >= 4 ? 1 : 0))};
    build_lane_instances(model, whole, min.x, slot, static_cast<std::size_t>(-1), rects, instances,
                         nullptr);
  }
  for (SpanInstance& s : instances)
    s.flags &= ~static_cast<std::uint32_t>(kSpanBorder | kSpanAggregate);
  gfx.draw_spans(list, min, max, instances.data(), instances.size());

  // The visible window: the outside dimmed, the window outlined.
  const float x0 = min.x + static_cast<float>(whole.x_of(axis.start()));
  const float x1 = std::max(x0 + 2, min.x + static_cast<float>(whole.x_of(axis.end())));
  list->AddRectFilled(min, ImVec2(std::max(min.x, x0), max.y), IM_COL32(0, 0, 0, 110));
  list->AddRectFilled(ImVec2(std::min(max.x, x1), min.y), max, IM_COL32(0, 0, 0, 110));
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
