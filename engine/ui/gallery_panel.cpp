// Gallery drawing. The list scrolls in its own child so the selected example's notes stay visible.
#include "ui/gallery_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace interleave::ui {
namespace {

bool contains_nocase(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

bool matches(const LessonExample& e, const Lesson& l, std::string_view f) {
  return contains_nocase(e.title, f) || contains_nocase(e.file, f) || contains_nocase(e.about, f) ||
         contains_nocase(l.title, f);
}

void wrapped(const char* label, const std::string& text, ImU32 label_colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, label_colour);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", text.c_str());
}

}  // namespace

const LessonExample* GalleryPanel::find(std::string_view file) const {
  for (const Lesson& l : lessons_) {
    for (const LessonExample& e : l.examples) {
      if (e.file == file) return &e;
    }
  }
  return nullptr;
}

std::optional<std::string> GalleryPanel::draw(const Palette& p, std::string_view current) {
  std::optional<std::string> picked;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", "Filter examples", filter_, sizeof filter_);
  const std::string_view f = filter_;
  const LessonExample* selected = find(current);
  // The notes of the selected example take up to 40% of the panel, below the list.
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float notes_h = selected && avail_h > 320 ? std::round(avail_h * 0.36f) : 0.0f;
  ImGui::BeginChild("##lessons", ImVec2(0, -notes_h), false);
  int index = 0;
  for (const Lesson& lesson : lessons_) {
    ++index;
    const bool any = std::any_of(lesson.examples.begin(), lesson.examples.end(),
                                 [&](const LessonExample& e) { return matches(e, lesson, f); });
    if (!any) continue;
    const bool has_current = std::any_of(lesson.examples.begin(), lesson.examples.end(),
                                         [&](const LessonExample& e) { return e.file == current; });
    ImGui::PushID(index);
    if (!f.empty() || has_current)
      ImGui::SetNextItemOpen(true, f.empty() ? ImGuiCond_Once : ImGuiCond_Always);
    // Lesson headers in a quiet surface colour: the accent is kept for the selected example.
    ImGui::PushStyleColor(ImGuiCol_Header, ImGui::GetStyleColorVec4(ImGuiCol_Button));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImGui::GetStyleColorVec4(ImGuiCol_ButtonHovered));
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool open = ImGui::CollapsingHeader(lesson.title.c_str());
    ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered() && !lesson.about.empty()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
      ImGui::TextUnformatted(lesson.about.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (open) {
      for (const LessonExample& e : lesson.examples) {
        if (!matches(e, lesson, f)) continue;
        const bool is_current = e.file == current;
        ImGui::Indent(6);
        if (ImGui::Selectable(("##" + e.file).c_str(), is_current, 0,
                              ImVec2(0, ImGui::GetTextLineHeight() * 2.0f + 2))) {
          picked = e.file;
        }
        const bool hovered = ImGui::IsItemHovered();
        // Two lines per example: its title, then its file name, dimmed.
        const ImVec2 min = ImGui::GetItemRectMin();
        ImDrawList* list = ImGui::GetWindowDrawList();
        list->PushClipRect(min, ImGui::GetItemRectMax(), true);
        list->AddText(ImVec2(min.x + 4, min.y + 1), p.text, e.title.c_str());
        list->AddText(ImVec2(min.x + 4, min.y + 1 + ImGui::GetTextLineHeight()), p.text_dim,
                      e.file.c_str());
        list->PopClipRect();
        if (hovered) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
          ImGui::TextUnformatted(e.title.c_str());
          ImGui::Separator();
          ImGui::TextUnformatted(e.about.c_str());
          ImGui::Spacing();
          wrapped("What to look for", e.look, p.accent);
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
        ImGui::Unindent(6);
      }
      ImGui::Spacing();
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (selected && notes_h > 0) {
    ImGui::Separator();
    ImGui::BeginChild("##notes", ImVec2(0, 0), false);
    ImGui::PushStyleColor(ImGuiCol_Text, p.text);
    ImGui::TextWrapped("%s", selected->title.c_str());
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_dim);
    ImGui::TextWrapped("%s", selected->about.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
    wrapped("What to look for", selected->look, p.accent);
    ImGui::EndChild();
  }
  return picked;
}

}  // namespace interleave::ui
