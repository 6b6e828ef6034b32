// One run's lanes. Drawing order matters: ImDrawList callbacks (grid, spans) are executed in the
// order queued, so the grid goes first, then the spans, then ImGui's text and arrows on top.
#include "ui/timeline_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/timeline_flows.h"
#include "ui/timeline_instances.h"

namespace interleave::ui {
namespace {

constexpr ImU32 kLabelOnBar = IM_COL32(18, 20, 24, 255);
// The gutter's layout, shared by draw_gutter and names_width: a lane's swatch (or a header's
// name) starts kGutterIndent px in, a lane's name kNameOffset px after that; kNameMargin px stay
// free on the right.
constexpr float kGutterIndent = 18;
constexpr float kNameOffset = 13;
constexpr float kNameMargin = 6;

ImVec4 to_vec4(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

// Text clipped to [x0, x1): drawn only when something of it fits.
void clipped_text(ImDrawList* list, ImVec2 pos, float x1, ImU32 color, const std::string& text) {
  if (x1 - pos.x < 8) return;
  list->PushClipRect(ImVec2(pos.x, pos.y - 2), ImVec2(x1, pos.y + ImGui::GetFontSize() + 2), true);
  list->AddText(pos, color, text.c_str());
  list->PopClipRect();
}

// A bar's text: the state, or for a wait its object ("Lock #1", "join of Thread-1"); in GIL and
// core lanes the thread. `room` (pixels) picks a shorter form when the long one does not fit.
std::string bar_label(const TimelineModel& model, const trace::Lane& lane, const trace::Span& span,
                      float room) {
  const trace::Trace& tr = model.trace();
  const trace::Event* e = span.event != trace::kNoEvent ? &tr.events[span.event] : nullptr;
  if (lane.kind != trace::LaneKind::Thread) {
    if (!e) return "";
    std::string name = model.thread_name(e->pid, e->tid);  // "Thread-2 (countdown)"
    const std::size_t paren = name.find(" (");
    if (paren != std::string::npos && ImGui::CalcTextSize(name.c_str()).x > room)
      name.resize(paren);
    return name;
  }
  std::string text(trace::state_name(span.state));
  if (span.state == trace::State::Blocked || span.state == trace::State::Io ||
      span.state == trace::State::Sleeping) {
    text = std::string(trace::reason_name(span.reason));
    if (e && e->kind == trace::Kind::BlockBegin && e->text != 0) {
      const std::string& object = tr.text(e->text);
      text = object.rfind(text, 0) == 0 ? object : text + ": " + object;
    }
  }
  if (ImGui::CalcTextSize(text.c_str()).x <= room) return text;
  switch (span.state) {
    case trace::State::WaitingGil:
      return "GIL wait";
    case trace::State::HoldingGil:
      return "GIL held";
    case trace::State::Running:
      return "run";
    default:
      return text;
  }
}

void arrow(ImDrawList* list, ImVec2 a, ImVec2 b, ImU32 color) {
  list->AddLine(a, b, color, 1.5f);
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len, size = std::min(7.0f, len * 0.5f);
  const ImVec2 base(b.x - ux * size, b.y - uy * size);
  list->AddTriangleFilled(b, ImVec2(base.x - uy * size * 0.5f, base.y + ux * size * 0.5f),
                          ImVec2(base.x + uy * size * 0.5f, base.y - ux * size * 0.5f), color);
  list->AddCircleFilled(a, 2.0f, color);
}

}  // namespace

void TimelineView::set_trace(const std::shared_ptr<const trace::Trace>& trace) {
  if (!trace) {
    model_.reset();
    rows_.clear();
    return;
  }
  if (model_ && model_->shared() == trace) return;
  model_ = std::make_unique<TimelineModel>(trace);
  collapsed_.clear();
  scroll_ = 0;
  rows_ = layout_rows(model_->timeline(), collapsed_);
  built_ = {};
}

void TimelineView::toggle_process(trace::ProcessId pid) {
  if (!collapsed_.erase(pid)) collapsed_.insert(pid);
  if (model_) rows_ = layout_rows(model_->timeline(), collapsed_);
  built_ = {};
}

ViewFrame TimelineView::draw(Gfx& gfx, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                             const ViewStyle& style, const TimelineChrome& chrome, SpanRef selected,
                             const char* id) {
  ViewFrame frame;
  const float width = max.x - min.x, height = max.y - min.y;
  if (!model_ || width <= style.gutter + 8 || height <= 4) return frame;
  const float rh = style.row_height;
  const float content = static_cast<float>(rows_.size()) * rh;
  scroll_ = std::clamp(scroll_, 0.0f, std::max(0.0f, content - height));
  const auto first = static_cast<std::size_t>(std::floor(scroll_ / rh));
  const std::size_t last =
      std::min(rows_.size(), static_cast<std::size_t>(std::ceil((scroll_ + height) / rh)));
  ImGuiIO& io = ImGui::GetIO();

  ImGui::PushID(id);
  // The gutter: click a process header to collapse it; the wheel scrolls the lanes.
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("gutter", ImVec2(style.gutter, height));
  if (ImGui::IsItemHovered()) {
    scroll_ -= io.MouseWheel * rh * 3;
    const std::size_t r = row_at(rows_.size(), rh, io.MousePos.y - min.y + scroll_);
    if (r != kNoRow && rows_[r].kind == RowKind::Process) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      if (ImGui::IsItemClicked()) toggle_process(rows_[r].pid);
    } else if (r != kNoRow) {  // names may be clipped by the gutter: the full one on hover
      const trace::Lane& lane = model_->timeline().lanes[rows_[r].lane];
      if (lane.kind == trace::LaneKind::Thread) {
        ImGui::SetTooltip("%s\n%s, thread id %u", model_->thread_name(lane.pid, lane.tid).c_str(),
                          model_->process_name(lane.pid).c_str(), lane.tid);
      } else if (lane.kind == trace::LaneKind::Gil) {
        ImGui::SetTooltip("Which thread of %s holds its GIL",
                          model_->process_name(lane.pid).c_str());
      } else if (lane.kind != trace::LaneKind::Core) {  // a process lane
        ImGui::SetTooltip("%s (no threads traced): %s", model_->process_name(lane.pid).c_str(),
                          lane.name.c_str());
      } else {
        ImGui::SetTooltip("Which thread runs on simulated %s", lane.name.c_str());
      }
    }
  }
  // The tracks: the panel reads hovered/active for zoom and pan; vertical drags scroll here.
  const ImVec2 tmin(min.x + style.gutter, min.y);
  ImGui::SetCursorScreenPos(tmin);
  ImGui::InvisibleButton("tracks", ImVec2(width - style.gutter, height));
  frame.hovered = ImGui::IsItemHovered();
  frame.clicked = ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[0] < 16.0f;
  frame.double_clicked = frame.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    frame.dragging = true;
    scroll_ -= io.MouseDelta.y;
  }
  ImGui::PopID();

  ImDrawList* list = ImGui::GetWindowDrawList();
  list->PushClipRect(min, max, true);
  const ViewFrame tracks =
      draw_tracks(gfx, list, axis, tmin, max, style, chrome, selected, first, last);
  frame.hovered_span = tracks.hovered_span;  // the rest of `tracks` is drawing statistics
  frame.instances = tracks.instances;
  frame.flows_too_dense = tracks.flows_too_dense;
  draw_gutter(list, min, style.gutter, height, style, chrome, first, last);
  if (content > height) {  // more lanes below or above: a thin scroll indicator on the right edge
    const float top = min.y + height * (scroll_ / content);
    const float bottom = min.y + height * std::min(1.0f, (scroll_ + height) / content);
    list->AddRectFilled(ImVec2(max.x - 5, top), ImVec2(max.x - 1, bottom), chrome.text_dim, 2.0f);
  }
  list->PopClipRect();
  if (!frame.hovered) frame.hovered_span = {};
  return frame;
}

ViewFrame TimelineView::draw_tracks(Gfx& gfx, ImDrawList* list, const TimeAxis& axis, ImVec2 min,
                                    ImVec2 max, const ViewStyle& style,
                                    const TimelineChrome& chrome, SpanRef selected,
                                    std::size_t first, std::size_t last) {
  ViewFrame frame;
  const float rh = style.row_height;
  const TimelineModel& model = *model_;
  list->PushClipRect(min, max, true);

  // GPU grid: bands match the rows (shifted by the scroll, keeping their parity), major lines
  // match the time axis' ticks.
  const double step = tick_step(axis.ns_per_px(), 90.0);
  const double step_px = step / axis.ns_per_px();
  GridStyle grid;
  grid.band_a = to_vec4(chrome.band_a);
  grid.band_b = to_vec4(chrome.band_b);
  grid.line = to_vec4(chrome.tick);
  grid.lane_height = rh;
  grid.minor_spacing = static_cast<float>(step_px / 5.0);
  grid.offset = static_cast<float>(std::fmod(axis.start() / axis.ns_per_px(), step_px));
  const float shift = std::fmod(scroll_, 2 * rh);
  gfx.draw_grid(list, ImVec2(min.x, min.y - shift), max, grid);

  // Process header rows run across the tracks too.
  for (std::size_t r = first; r < last; ++r) {
    if (rows_[r].kind != RowKind::Process) continue;
    const float y = row_top(r, min.y, style);
    list->AddRectFilled(ImVec2(min.x, y), ImVec2(max.x, y + rh), chrome.header_bg);
  }

  // Spans: level of detail per visible lane, one instanced batch for the whole view; rebuilt
  // only when what they depend on changed (most frames only move the pointer).
  const InstanceKey key{axis.start(), axis.ns_per_px(), axis.width(), min.x,
                        min.y,        scroll_,          rh,           first,
                        last,         selected,         rows_.size(), model_.get()};
  if (!(key == built_)) {
    built_ = key;
    instances_.clear();
    labels_.clear();
    for (std::size_t r = first; r < last; ++r) {
      if (rows_[r].kind != RowKind::Lane) continue;
      const LaneSlot slot{rows_[r].lane, row_top(r, min.y, style) + style.bar_inset,
                          rh - 2 * style.bar_inset};
      const std::size_t sel = selected.lane == slot.lane ? selected.span : kNoSpan;
      build_lane_instances(model, axis, min.x, slot, sel, rects_, instances_, &labels_);
    }
  }
  gfx.draw_spans(list, min, max, instances_.data(), instances_.size());
  frame.instances = instances_.size();

  for (const LabelSlot& l : labels_) {
    const trace::Lane& lane = model.timeline().lanes[l.lane];
    const float x0 = std::max(l.x0, min.x) + 4, x1 = std::min(l.x1, max.x) - 3;
    clipped_text(list, ImVec2(x0, l.y + (l.height - ImGui::GetFontSize()) * 0.5f), x1, kLabelOnBar,
                 bar_label(model, lane, lane.spans[l.span], x1 - x0));
  }

  draw_flows(list, axis, min, max, style, chrome, frame);

  // Hover: the span under the pointer, picked within 3 pixels.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (mouse.x >= min.x && mouse.x < max.x && mouse.y >= min.y && mouse.y < max.y) {
    const std::size_t r = row_at(rows_.size(), rh, mouse.y - min.y + scroll_);
    if (r != kNoRow && rows_[r].kind == RowKind::Lane) {
      const trace::Lane& lane = model.timeline().lanes[rows_[r].lane];
      const double t = static_cast<double>(model.origin()) + axis.ns_at(mouse.x - min.x);
      const std::size_t s = span_at(lane, t, 3.0 * axis.ns_per_px());
      if (s != kNoSpan) {
        frame.hovered_span = {rows_[r].lane, s};
        const trace::Span& span = lane.spans[s];
        const float y = row_top(r, min.y, style) + style.bar_inset;
        const float x0 =
            min.x + static_cast<float>(std::max(
                        -4.0, axis.x_of(static_cast<double>(span.start - model.origin()))));
        const float x1 = min.x + static_cast<float>(std::min(
                                     static_cast<double>(axis.width()) + 4,
                                     axis.x_of(static_cast<double>(span.end - model.origin()))));
        list->AddRect(ImVec2(x0 - 1, y - 1),
                      ImVec2(std::max(x1, x0 + 1) + 1, y + rh - 2 * style.bar_inset + 1),
                      chrome.selection, 0, 0, 1.0f);
      }
    }
  }
  // The selected span, even when narrower than a pixel: a marker above its bar.
  if (selected.valid() && selected.lane < model.timeline().lanes.size()) {
    const std::size_t r = row_of_lane(rows_, selected.lane);
    const trace::Lane& lane = model.timeline().lanes[selected.lane];
    if (r != kNoRow && r >= first && r < last && selected.span < lane.spans.size()) {
      const trace::Span& span = lane.spans[selected.span];
      const double xa = axis.x_of(static_cast<double>(span.start - model.origin()));
      const double xb = axis.x_of(static_cast<double>(span.end - model.origin()));
      if (xb >= -4 && xa <= axis.width() + 4) {
        const float xm =
            min.x +
            static_cast<float>(
                (std::max(xa, 0.0) + std::min(xb, static_cast<double>(axis.width()))) * 0.5);
        const float y = row_top(r, min.y, style);
        list->AddTriangleFilled(ImVec2(xm - 5, y), ImVec2(xm + 5, y),
                                ImVec2(xm, y + style.bar_inset + 2), chrome.selection);
      }
    }
  }
  list->PopClipRect();
  return frame;
}

void TimelineView::draw_flows(ImDrawList* list, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                              const ViewStyle& style, const TimelineChrome& chrome,
                              ViewFrame& frame) {
  const TimelineModel& model = *model_;
  if (model.timeline().flows.empty()) return;
  const auto origin = static_cast<double>(model.origin());
  const auto t0 = static_cast<trace::Time>(std::floor(origin + axis.start()));
  const auto t1 = static_cast<trace::Time>(std::ceil(origin + axis.end()));
  const auto most = static_cast<std::size_t>(std::clamp(axis.width() / 6.0f, 16.0f, 512.0f));
  if (!flows_in_window(model, t0, t1, most, flows_)) {
    frame.flows_too_dense = true;
    return;
  }
  const auto& events = model.trace().events;
  auto centre_of = [&](const trace::Event& e, ImVec2& p) {
    const std::size_t lane = model.lane_of(e.pid, e.tid);
    const std::size_t r = lane == TimelineModel::npos ? kNoRow : row_of_lane(rows_, lane);
    if (r == kNoRow) return false;
    p.x = min.x + static_cast<float>(std::clamp(axis.x_of(static_cast<double>(e.time) - origin),
                                                -50.0, static_cast<double>(axis.width()) + 50));
    p.y = row_top(r, min.y, style) + style.row_height * 0.5f;
    return true;
  };
  list->PushClipRect(min, max, true);
  for (std::size_t i : flows_) {
    const trace::Flow& f = model.timeline().flows[i];
    ImVec2 a, b;
    if (!centre_of(events[f.from], a) || !centre_of(events[f.to], b)) continue;
    if (a.y == b.y && std::fabs(a.x - b.x) < 1) continue;
    arrow(list, a, b, f.kind == trace::FlowKind::GilHandoff ? chrome.arrow_gil : chrome.arrow_msg);
  }
  list->PopClipRect();
}

float TimelineView::names_width() const {
  if (!model_) return 0;
  const float font = ImGui::GetFontSize();
  if (names_model_ == model_.get() && names_font_ == font) return names_width_;
  names_model_ = model_.get();
  names_font_ = font;
  float widest = ImGui::CalcTextSize("GIL holder").x;
  for (const trace::Lane& lane : model_->timeline().lanes) {
    const std::string name = lane.kind == trace::LaneKind::Thread
                                 ? model_->thread_name(lane.pid, lane.tid)
                                 : lane.name;
    widest = std::max(widest, ImGui::CalcTextSize(name.c_str()).x);
  }
  names_width_ = kGutterIndent + kNameOffset + widest + kNameMargin;
  return names_width_;
}

void TimelineView::draw_gutter(ImDrawList* list, ImVec2 min, float width, float height,
                               const ViewStyle& style, const TimelineChrome& chrome,
                               std::size_t first, std::size_t last) {
  const TimelineModel& model = *model_;
  const float rh = style.row_height, font = ImGui::GetFontSize();
  const float clip_right = ImGui::GetWindowDrawList()->GetClipRectMax().x - 4;
  list->AddRectFilled(min, ImVec2(min.x + width, min.y + height), chrome.gutter_bg);
  for (std::size_t r = first; r < last; ++r) {
    const Row& row = rows_[r];
    const float y = row_top(r, min.y, style);
    const float ty = y + (rh - font) * 0.5f;
    if (row.kind == RowKind::Process) {
      list->AddRectFilled(ImVec2(min.x, y), ImVec2(min.x + width, y + rh), chrome.header_bg);
      const float cx = min.x + 9, cy = y + rh * 0.5f, s = 4.0f;
      if (row.collapsed) {
        list->AddTriangleFilled(ImVec2(cx - s * 0.6f, cy - s), ImVec2(cx + s * 0.8f, cy),
                                ImVec2(cx - s * 0.6f, cy + s), chrome.text_dim);
      } else {
        list->AddTriangleFilled(ImVec2(cx - s, cy - s * 0.6f), ImVec2(cx + s, cy - s * 0.6f),
                                ImVec2(cx, cy + s * 0.8f), chrome.text_dim);
      }
      std::string label = model.process_name(row.pid);
      if (row.collapsed) label += " (" + std::to_string(row.lanes) + " lanes)";
      // Headers span the tracks too (no spans there): the name may run past the gutter.
      clipped_text(list, ImVec2(min.x + kGutterIndent, ty), clip_right, chrome.text, label);
      continue;
    }
    const trace::Lane& lane = model.timeline().lanes[row.lane];
    const float x = min.x + kGutterIndent;
    list->AddLine(ImVec2(min.x + width - 0.5f, y), ImVec2(min.x + width - 0.5f, y + rh),
                  chrome.tick);
    switch (lane.kind) {
      case trace::LaneKind::Thread: {
        const ImU32 swatch = thread_color(model.thread_index(lane.pid, lane.tid));
        list->AddRectFilled(ImVec2(x, y + rh * 0.5f - 4), ImVec2(x + 8, y + rh * 0.5f + 4), swatch,
                            2.0f);
        clipped_text(list, ImVec2(x + kNameOffset, ty), min.x + width - 4, chrome.text,
                     model.thread_name(lane.pid, lane.tid));
        break;
      }
      case trace::LaneKind::Gil:
        clipped_text(list, ImVec2(x + kNameOffset, ty), min.x + width - 4, chrome.text_dim, "GIL holder");
        break;
      case trace::LaneKind::Core:
      default:  // a process lane: its end ("exited with -15 (SIGTERM)")
        clipped_text(list, ImVec2(x + kNameOffset, ty), min.x + width - 4, chrome.text_dim, lane.name);
        break;
    }
  }
}

}  // namespace interleave::ui
