// The panel's frame: toolbar, axis, one or two views, minimap, then the shared input (which the
// views cannot own: in compare mode either view's drag moves both), the tooltip and the details.
#include "ui/timeline_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "trace/chrome_json.h"
#include "ui/timeline_hit.h"
#include "ui/timeline_minimap.h"

namespace interleave::ui {
namespace {

constexpr float kAxisHeight = 20.0f;
constexpr float kMinimapHeight = 34.0f;
constexpr float kCompareMinimapHeight = 48.0f;  // two strips: the simulated run over the real
constexpr float kCaptionHeight = 20.0f;
constexpr double kWheelZoom = 0.8;       // visible duration multiplied per wheel notch (in)
constexpr float kCompactRow = 16.0f;     // px: a compare run's rows when space is short
constexpr std::size_t kCompactRows = 6;  // a process header, its GIL and four threads
constexpr double kKeyZoom = 0.75;
constexpr double kKeyPan = 0.15;  // of the width, per A/D press

// One legend entry: a swatch (or an arrow) and its name, at the cursor.
void legend_entry(ImU32 color, const char* label, bool arrow) {
  const float size = ImGui::GetFontSize();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float y = p.y + ImGui::GetStyle().FramePadding.y;
  if (arrow) {
    list->AddLine(ImVec2(p.x, y + size * 0.5f), ImVec2(p.x + size, y + size * 0.5f), color, 1.5f);
    list->AddTriangleFilled(ImVec2(p.x + size, y + size * 0.5f),
                            ImVec2(p.x + size - 5, y + size * 0.5f - 3.5f),
                            ImVec2(p.x + size - 5, y + size * 0.5f + 3.5f), color);
  } else {
    list->AddRectFilled(ImVec2(p.x, y + 2), ImVec2(p.x + size, y + size - 2), color, 2.0f);
  }
  ImGui::Dummy(ImVec2(size + 2, size));
  ImGui::SameLine(0, 4);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
}

struct LegendItem {
  ImU32 color;
  std::string label;
  bool arrow;
};

// The legend on the toolbar's line when it fits, else behind a "Legend" item with a tooltip.
void legend(const std::vector<LegendItem>& items) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float need = 0;
  for (const LegendItem& item : items) {
    need +=
        ImGui::GetFontSize() + 6 + ImGui::CalcTextSize(item.label.c_str()).x + style.ItemSpacing.x;
  }
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x >= need) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) ImGui::SameLine();
      legend_entry(items[i].color, items[i].label.c_str(), items[i].arrow);
    }
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Legend (?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    for (const LegendItem& item : items) legend_entry(item.color, item.label.c_str(), item.arrow);
    ImGui::EndTooltip();
  }
}

std::string run_caption(const char* what, const TimelineModel& model) {
  std::size_t threads = 0;
  for (const auto& th : model.trace().threads) threads += th.tid != trace::kProcessLane;
  return std::string(what) + " - " + std::to_string(threads) + " thread" +
         (threads == 1 ? "" : "s") + ", " + format_duration(model.extent());
}

}  // namespace

bool TimelinePanel::open_file(const std::string& spec, std::string* error) {
  std::string path = spec;
  if (const std::size_t hash = spec.rfind('#'); hash != std::string::npos) {
    path = spec.substr(0, hash);
    double from = 0, to = 0;
    if (std::sscanf(spec.c_str() + hash + 1, "%lf-%lf", &from, &to) == 2 && to > from) {
      pending_from_ = from * 1e6;
      pending_to_ = to * 1e6;
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto trace = std::make_shared<trace::Trace>();
  const trace::ReadResult result = trace::read_chrome_json(text.str(), *trace);
  if (!result.ok) {
    *error = path + ": " + result.error;
    return false;
  }
  opened_ = std::move(trace);
  return true;
}

void TimelinePanel::draw(Gfx& gfx, const std::shared_ptr<const trace::Trace>& run,
                         const std::shared_ptr<const trace::Trace>& compare, bool dark) {
  const TimelineChrome chrome = timeline_chrome(dark);
  stats_ = {};
  const std::shared_ptr<const trace::Trace>& primary = run ? run : opened_;
  views_[0].set_trace(primary);
  views_[1].set_trace(run ? compare : nullptr);
  const bool comparing = views_[1].model() != nullptr;
  bool fit = false;
  if (shown_[0] != views_[0].model() || shown_[1] != views_[1].model()) {
    shown_[0] = views_[0].model();
    shown_[1] = views_[1].model();
    selected_ = {};
    selected_view_ = -1;
    for (MinimapCache& m : minimaps_) m.model = nullptr;
    fit = true;
  }

  ImDrawList* list = ImGui::GetWindowDrawList();
  if (!views_[0].model()) {
    const ImVec2 min = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    if (avail.x < 4 || avail.y < 4) return;
    GridStyle grid;
    grid.band_a = ImGui::ColorConvertU32ToFloat4(chrome.band_a);
    grid.band_b = ImGui::ColorConvertU32ToFloat4(chrome.band_b);
    grid.line = ImGui::ColorConvertU32ToFloat4(chrome.tick);
    gfx.draw_grid(list, min, ImVec2(min.x + avail.x, min.y + avail.y), grid);
    ImGui::Dummy(avail);
    const char* text = "One lane per thread, grouped by process, appears here when a program runs.";
    if (running_) text = "Recording: one lane per thread, grouped by process, when the run ends.";
    if (ImGui::CalcTextSize(text).x > avail.x - 16) {
      text = running_ ? "Recording: lanes come when the run ends."
                      : "Lanes appear here when a program runs.";
    }
    const ImVec2 size = ImGui::CalcTextSize(text);
    list->AddText(ImVec2(min.x + (avail.x - size.x) * 0.5f, min.y + (avail.y - size.y) * 0.5f),
                  chrome.text_dim, text);
    return;
  }

  toolbar(chrome, comparing);
  const ImVec2 min = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const float minimap_h = comparing ? kCompareMinimapHeight : kMinimapHeight;
  if (avail.x < 120 || avail.y < kAxisHeight + minimap_h + 24) return;
  const bool side = selected_.valid() && avail.x >= 560;
  const float side_w = side ? std::min(300.0f, avail.x * 0.3f) : 0.0f;
  const float main_w = avail.x - (side ? side_w + 6 : 0);
  // Wide enough for every lane's name when the tracks keep most of the width.
  float names = views_[0].names_width();
  if (comparing) names = std::max(names, views_[1].names_width());
  style_.gutter = std::clamp(names, std::clamp(main_w * 0.21f, 120.0f, 200.0f),
                             std::max(120.0f, main_w * 0.32f));
  const float track_left = min.x + style_.gutter;
  const ImVec2 max(min.x + main_w, min.y + avail.y);

  trace::Time extent = views_[0].model()->extent();
  if (comparing) extent = std::max(extent, views_[1].model()->extent());
  axis_.set_width(main_w - style_.gutter);
  axis_.set_extent(extent);
  if (fit) axis_.fit();
  if (pending_to_ > 0 && views_[0].model()->shared() == opened_) {
    axis_.show(pending_from_, pending_to_);
    pending_from_ = pending_to_ = -1;
  }

  // Time axis.
  draw_axis(list, ImVec2(track_left, min.y), ImVec2(max.x, min.y + kAxisHeight), chrome);
  list->AddRectFilled(min, ImVec2(track_left, min.y + kAxisHeight), chrome.gutter_bg);

  // Lanes: one view, or two stacked with captions.
  const float lanes_top = min.y + kAxisHeight, lanes_bottom = max.y - minimap_h - 4;
  bool hovered = false, dragging = false;
  int hovered_view = -1;
  SpanRef hovered_span;
  const int views = comparing ? 2 : 1;
  const float each = (lanes_bottom - lanes_top) / static_cast<float>(views);
  flows_dense_ = false;
  for (int v = 0; v < views; ++v) {
    float top = lanes_top + each * static_cast<float>(v);
    if (comparing) {
      list->AddRectFilled(ImVec2(min.x, top), ImVec2(max.x, top + kCaptionHeight),
                          chrome.header_bg);
      const std::string caption =
          run_caption(v == 0 ? "Simulated run" : "Real run", *views_[v].model());
      list->AddText(ImVec2(min.x + 6, top + (kCaptionHeight - ImGui::GetFontSize()) * 0.5f),
                    chrome.text, caption.c_str());
      top += kCaptionHeight;
    }
    const float bottom = lanes_top + each * static_cast<float>(v + 1);
    const ViewFrame f =
        views_[v].draw(gfx, axis_, ImVec2(min.x, top), ImVec2(max.x, bottom),
                       comparing ? compact_style(views_[v], bottom - top) : style_, chrome,
                       selected_view_ == v ? selected_ : SpanRef{}, v == 0 ? "run" : "compare");
    stats_.instances += f.instances;
    flows_dense_ = flows_dense_ || f.flows_too_dense;
    hovered = hovered || f.hovered;
    dragging = dragging || f.dragging;
    if (f.hovered_span.valid()) hovered_view = v, hovered_span = f.hovered_span;
    if (f.clicked) {
      selected_view_ = f.hovered_span.valid() ? v : -1;
      selected_ = f.hovered_span;
    }
    if (f.double_clicked && f.hovered_span.valid()) {
      const auto& span =
          views_[v].model()->timeline().lanes[f.hovered_span.lane].spans[f.hovered_span.span];
      const double origin = static_cast<double>(views_[v].model()->origin());
      const double pad = static_cast<double>(span.end - span.start) * 0.1;
      axis_.show(static_cast<double>(span.start) - origin - pad,
                 static_cast<double>(span.end) - origin + pad);
    }
  }
  stats_.views = static_cast<std::size_t>(views);

  // Minimap of the whole run; in compare mode one strip per run (simulated above, real below),
  // both on the shared axis, so that where the two runs differ shows without zooming.
  const float strip_h = minimap_h / static_cast<float>(views);
  list->AddRectFilled(ImVec2(min.x, max.y - minimap_h), ImVec2(track_left, max.y),
                      chrome.gutter_bg);
  for (int v = 0; v < views; ++v) {
    const float top = max.y - minimap_h + strip_h * static_cast<float>(v);
    const char* label = !comparing ? "Whole run" : v == 0 ? "Whole run: sim" : "Whole run: real";
    list->AddText(ImVec2(min.x + 6, top + (strip_h - ImGui::GetFontSize()) * 0.5f),
                  chrome.text_dim, label);
    ImGui::PushID(v);
    draw_minimap(gfx, *views_[v].model(), axis_, ImVec2(track_left, top),
                 ImVec2(max.x, top + strip_h), chrome, minimaps_[v]);
    ImGui::PopID();
    stats_.instances += minimaps_[v].placed.size();
  }

  handle_input(track_left, hovered, dragging);
  if (hovered_span.valid() && !dragging) tooltip(hovered_view, hovered_span);

  if (side && selected_.valid()) {
    ImGui::SetCursorScreenPos(ImVec2(max.x + 6, min.y));
    details(side_w, avail.y);
  }
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(avail);
}

// Compare mode stacks two runs in the panel: rows shrink (down to kCompactRow, still a line of
// text) so that each run's first process shows its GIL and its threads without scrolling.
ViewStyle TimelinePanel::compact_style(const TimelineView& view, float height) const {
  ViewStyle s = style_;
  const std::size_t wanted = std::min<std::size_t>(view.rows().size(), kCompactRows);
  if (wanted == 0) return s;
  s.row_height =
      std::clamp(std::floor(height / static_cast<float>(wanted)), kCompactRow, style_.row_height);
  s.bar_inset = s.row_height < style_.row_height ? 2.0f : style_.bar_inset;
  return s;
}

void TimelinePanel::toolbar(const TimelineChrome& chrome, bool compare) {
  if (ImGui::SmallButton("Fit")) axis_.fit();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole run (F)");
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(chrome.text_dim));
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s visible",
              format_duration(static_cast<std::int64_t>(axis_.end() - axis_.start())).c_str());
  ImGui::PopStyleColor();
  std::vector<LegendItem> items;
  for (trace::State s : kLegendStates)
    items.push_back({state_color(s), std::string(trace::state_name(s)), false});
  items.push_back({chrome.arrow_gil, "GIL hand-off", true});
  items.push_back({chrome.arrow_msg, "message", true});
  legend(items);
  const TimelineModel* model = views_[0].model();
  if (flows_dense_) {
    ImGui::SameLine();
    ImGui::TextDisabled("(zoom in to see the arrows)");
  }
  if (model && (model->trace().truncated || (compare && views_[1].model()->trace().truncated))) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.2f, 1),
                       "trace cut at the memory bound: details end early");
  }
}

void TimelinePanel::draw_axis(ImDrawList* list, ImVec2 min, ImVec2 max,
                              const TimelineChrome& chrome) const {
  list->AddRectFilled(min, max, chrome.gutter_bg);
  const double step = tick_step(axis_.ns_per_px(), 90.0);
  const double minor = step / 5.0;
  list->PushClipRect(min, max, true);
  for (double t = std::ceil(axis_.start() / minor) * minor; t <= axis_.end(); t += minor) {
    const float x = min.x + std::round(static_cast<float>(axis_.x_of(t))) + 0.5f;
    const bool major = std::fabs(std::remainder(t, step)) < minor * 0.5;
    list->AddLine(ImVec2(x, max.y - (major ? 8.0f : 4.0f)), ImVec2(x, max.y), chrome.axis);
    if (major) {
      const std::string label = tick_label(t, step);
      list->AddText(ImVec2(x + 3, min.y + 1), chrome.text_dim, label.c_str());
    }
  }
  list->AddLine(ImVec2(min.x, max.y - 0.5f), ImVec2(max.x, max.y - 0.5f), chrome.axis);
  list->PopClipRect();
}

void TimelinePanel::handle_input(float track_left, bool hovered, bool dragging) {
  ImGuiIO& io = ImGui::GetIO();
  const float mouse_x = io.MousePos.x - track_left;
  if (hovered) {
    if (io.MouseWheel != 0) {
      if (io.KeyShift) {
        axis_.pan(-io.MouseWheel * axis_.width() * 0.1);
      } else {  // plain or Ctrl (a trackpad's pinch arrives as Ctrl+wheel in browsers)
        axis_.zoom_at(mouse_x, std::pow(kWheelZoom, io.MouseWheel));
      }
    }
    if (io.MouseWheelH != 0) axis_.pan(-io.MouseWheelH * axis_.width() * 0.1);
  }
  if (dragging) axis_.pan(-io.MouseDelta.x);

  if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) || io.WantTextInput) return;
  const float anchor = hovered ? mouse_x : axis_.width() * 0.5f;
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case 'w':
      case 'W':
        axis_.zoom_at(anchor, kKeyZoom);
        break;
      case 's':
      case 'S':
        axis_.zoom_at(anchor, 1 / kKeyZoom);
        break;
      case 'a':
      case 'A':
        axis_.pan(-axis_.width() * kKeyPan);
        break;
      case 'd':
      case 'D':
        axis_.pan(axis_.width() * kKeyPan);
        break;
      case 'f':
      case 'F':
        axis_.fit();
        break;
      default:
        break;
    }
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)))
    axis_.pan(-axis_.width() * kKeyPan);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)))
    axis_.pan(axis_.width() * kKeyPan);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) selected_ = {}, selected_view_ = -1;
}

void TimelinePanel::tooltip(int view, SpanRef span) const {
  const SpanDetails d = describe_span(*views_[view].model(), span.lane, span.span);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(d.title.c_str());
  ImGui::Separator();
  for (const auto& [label, value] : d.fields) {
    ImGui::TextDisabled("%s", label.c_str());
    ImGui::SameLine(90);
    ImGui::TextUnformatted(value.c_str());
  }
  ImGui::EndTooltip();
}

void TimelinePanel::details(float width, float height) {
  if (selected_view_ < 0 || !views_[selected_view_].model()) return;
  const TimelineModel& model = *views_[selected_view_].model();
  if (selected_.lane >= model.timeline().lanes.size() ||
      selected_.span >= model.timeline().lanes[selected_.lane].spans.size()) {
    selected_ = {};
    return;
  }
  ImGui::BeginChild("details", ImVec2(width, height), true);
  const SpanDetails d = describe_span(model, selected_.lane, selected_.span);
  ImGui::TextWrapped("%s", d.title.c_str());
  ImGui::Separator();
  if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& [label, value] : d.fields) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", value.c_str());
    }
    ImGui::EndTable();
  }
  const trace::Span& span = model.timeline().lanes[selected_.lane].spans[selected_.span];
  if (ImGui::Button("Zoom to it")) {
    const double origin = static_cast<double>(model.origin());
    const double pad = static_cast<double>(span.end - span.start) * 0.1;
    axis_.show(static_cast<double>(span.start) - origin - pad,
               static_cast<double>(span.end) - origin + pad);
  }
  ImGui::SameLine();
  if (ImGui::Button("Close")) selected_ = {}, selected_view_ = -1;
  ImGui::Spacing();
  ImGui::TextDisabled("Click a span for its details; Esc clears.");
  ImGui::EndChild();
}

}  // namespace interleave::ui
