// Console drawing: a clipped list (only visible rows are laid out, so 100k lines cost nothing).
#include "ui/console_panel.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace interleave::ui {
namespace {

ImU32 origin_colour(const Palette& p, std::size_t index) {
  return p.origins[index % 8];
}

// SameLine when `width` more pixels fit on the current row, else a new row (narrow panels).
void flow(float width) {
  ImGui::SameLine();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

}  // namespace

void ConsolePanel::rebuild_visible() {
  if (visible_version_ == model_.version() && visible_filter_generation_ == filter_generation_) {
    return;
  }
  visible_version_ = model_.version();
  visible_filter_generation_ = filter_generation_;
  visible_.clear();
  for (std::size_t i = 0; i < model_.size(); ++i) {
    if (filter_.passes(model_.line(i))) visible_.push_back(static_cast<std::uint32_t>(i));
  }
}

void ConsolePanel::toolbar(const Palette& p) {
  // A panel too narrow for every control on one row (an embed's tab) keeps one row: the stream
  // and origin filters go into a "Show" popup.
  const bool one_row = ImGui::GetContentRegionAvail().x < 640;
  if (ImGui::Button("Clear")) model_.clear();
  ImGui::SameLine();
  if (ImGui::Button("Copy all")) ImGui::SetClipboardText(model_.text(filter_).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copies the lines the filters show");
  bool changed = false;
  const auto& origins = model_.origins();
  filter_.hidden_origins.resize(origins.size(), false);
  const auto hidden =
      std::count(filter_.hidden_origins.begin(), filter_.hidden_origins.end(), true);
  auto stream_boxes = [&] {
    changed |= ImGui::Checkbox("stdout", &filter_.out);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("stderr", &filter_.err);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("notes", &filter_.notes);
  };
  auto origin_boxes = [&] {
    if (origins.empty()) ImGui::TextDisabled("No output yet");
    for (std::size_t i = 0; i < origins.size(); ++i) {
      bool shown = !filter_.hidden_origins[i];
      ImGui::PushStyleColor(ImGuiCol_Text, origin_colour(p, i));
      if (ImGui::Checkbox(origins[i].c_str(), &shown)) {
        filter_.hidden_origins[i] = !shown;
        changed = true;
      }
      ImGui::PopStyleColor();
    }
    if (!origins.empty() && ImGui::SmallButton("Show all")) {
      std::fill(filter_.hidden_origins.begin(), filter_.hidden_origins.end(), false);
      changed = true;
    }
  };
  const bool filtered = hidden > 0 || !filter_.out || !filter_.err || !filter_.notes;
  if (one_row) {
    ImGui::SameLine();
    if (ImGui::Button(filtered ? "Show (filtered)###show" : "Show###show")) {
      ImGui::OpenPopup("show_popup");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Which streams and threads the console shows");
    if (ImGui::BeginPopup("show_popup")) {
      stream_boxes();
      ImGui::Separator();
      origin_boxes();
      ImGui::EndPopup();
    }
    ImGui::SameLine();
  } else {
    flow(ImGui::CalcTextSize("stdout").x + ImGui::GetFrameHeight() + 8);
    stream_boxes();
    flow(ImGui::CalcTextSize("Origins (00/00)").x + 16);
    const std::string label =
        hidden ? "Origins (" + std::to_string(origins.size() - static_cast<std::size_t>(hidden)) +
                     "/" + std::to_string(origins.size()) + ")###origins"
               : std::string("Origins###origins");
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("origins_popup");
    if (ImGui::BeginPopup("origins_popup")) {
      origin_boxes();
      ImGui::EndPopup();
    }
    flow(160);
  }
  const float follow_w =
      ImGui::CalcTextSize("Follow output").x + ImGui::GetStyle().FramePadding.x * 2;
  const float search_w =
      std::max(80.0f, std::min(220.0f, ImGui::GetContentRegionAvail().x - follow_w - 16));
  ImGui::SetNextItemWidth(search_w);
  if (ImGui::InputTextWithHint("##search", "Filter text", search_, sizeof search_)) {
    filter_.search = search_;
    changed = true;
  }
  if (!follow_) {
    ImGui::SameLine();
    if (ImGui::Button("Follow output")) {
      follow_ = true;
      scroll_to_end_ = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Scroll lock is on while you read above the end");
  }
  if (changed) ++filter_generation_;
}

ConsolePanel::Events ConsolePanel::draw(ImFont* mono, const Palette& p) {
  Events events;
  toolbar(p);
  rebuild_visible();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.editor_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
  ImGui::BeginChild("##console_lines", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PopStyleVar();
  if (mono) ImGui::PushFont(mono);
  const auto& origins = model_.origins();
  float label_w = ImGui::CalcTextSize("MainThread").x;
  for (const std::string& o : origins)
    label_w = std::max(label_w, ImGui::CalcTextSize(o.c_str()).x);
  // Long labels ("real Thread-12 (calc_square)") are cut at the column's edge, never overlapping.
  label_w = std::min(label_w, ImGui::CalcTextSize("MMMMMMMMMMMMMMMMMMMMMMMM").x) + 12.0f;

  if (model_.trimmed() > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.note_text);
    ImGui::Text("(%llu earlier lines dropped: the console keeps the last %zu)",
                static_cast<unsigned long long>(model_.trimmed()), ConsoleModel::kDefaultMaxLines);
    ImGui::PopStyleColor();
  }
  if (model_.size() == 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_dim);
    ImGui::TextUnformatted(
        "Output of every thread and process appears here: stdout, stderr, "
        "tracebacks (click a line to jump to it) and deadlock reports.");
    ImGui::PopStyleColor();
  }
  ImDrawList* list = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible_.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const ConsoleLine& line = model_.line(visible_[static_cast<std::size_t>(row)]);
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const float h = ImGui::GetTextLineHeightWithSpacing();
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
      if (line.kind == LineKind::Deadlock) {
        list->AddRectFilled(ImVec2(ImGui::GetWindowPos().x, pos.y), ImVec2(right, pos.y + h),
                            p.deadlock_bg);
      }
      // Origin label, coloured, except for the app's notes.
      if (line.stream != Stream::Note && line.origin < origins.size()) {
        const ImVec4 clip(pos.x, pos.y, pos.x + label_w - 8.0f, pos.y + h);
        list->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, origin_colour(p, line.origin),
                      origins[line.origin].c_str(), nullptr, 0.0f, &clip);
      }
      // Notes have no origin: they start at the left edge.
      if (line.stream != Stream::Note) ImGui::SetCursorScreenPos(ImVec2(pos.x + label_w, pos.y));
      ImU32 colour = p.text;
      if (line.stream == Stream::Err) colour = p.stderr_text;
      if (line.kind == LineKind::Note) colour = p.note_text;
      if (line.kind == LineKind::TraceError || line.kind == LineKind::Deadlock) colour = p.error;
      if (line.kind == LineKind::TraceLocation && line.source_line > 0) {
        colour = p.link;
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(line.text.c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
          list->AddLine(ImVec2(min.x, max.y), max, colour);
          ImGui::SetTooltip("Go to line %d in the editor", line.source_line);
        }
        if (ImGui::IsItemClicked()) events.jump_to_line = line.source_line;
      } else {
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(line.text.c_str());
        ImGui::PopStyleColor();
      }
    }
  }
  clipper.End();

  // Scroll lock: reading above the end pauses following; scrolling back to the end resumes it.
  const bool at_end = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2.0f;
  if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel > 0) follow_ = false;
  if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel < 0 && at_end) follow_ = true;
  if (ImGui::IsWindowFocused() && ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !at_end) {
    follow_ = false;  // dragging the scrollbar up
  }
  if (model_.version() != seen_version_) {
    seen_version_ = model_.version();
    if (follow_) scroll_to_end_ = true;
  }
  if (scroll_to_end_) {
    ImGui::SetScrollHereY(1.0f);
    scroll_to_end_ = false;
  }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  return events;
}

}  // namespace interleave::ui
