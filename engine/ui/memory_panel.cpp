// Process boxes: a group per process with a rounded frame drawn around it afterwards (its size is
// known only once its contents were laid out).
#include "ui/memory_panel.h"

#include <cstdio>
#include <string>

#include "trace/thread_state.h"

namespace interleave::ui {
namespace {

// The main process: the one named MainProcess, else the first.
const trace::ProcessInfo* main_process(const trace::Trace& t) {
  for (const trace::ProcessInfo& p : t.processes) {
    if (p.name == "MainProcess") return &p;
  }
  return t.processes.empty() ? nullptr : &t.processes.front();
}

ImU32 state_colour(const Palette& p, trace::State s) {
  switch (s) {
    case trace::State::Done:
      return p.text_dim;
    case trace::State::Running:
    case trace::State::HoldingGil:
      return p.syntax[static_cast<int>(TokenKind::String)];
    case trace::State::Blocked:
    case trace::State::WaitingGil:
      return p.error;
    default:
      return p.syntax[static_cast<int>(TokenKind::Number)];
  }
}

void globals_list(const std::vector<std::pair<std::string, std::string>>& globals, ImFont* mono,
                  const Palette& p) {
  if (globals.empty()) {
    ImGui::TextDisabled("(no module globals)");
    return;
  }
  if (mono) ImGui::PushFont(mono);
  for (const auto& [name, value] : globals) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.syntax[static_cast<int>(TokenKind::Function)]);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled(" = ");
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(value.c_str());
    if (ImGui::IsItemHovered() && value.size() > 40) ImGui::SetTooltip("%s", value.c_str());
  }
  if (mono) ImGui::PopFont();
}

void threads_list(const trace::Trace& t, trace::ProcessId pid, const Palette& p) {
  bool any = false;
  for (const trace::ThreadInfo& th : t.threads) {
    if (th.pid != pid || th.tid == trace::kProcessLane) continue;
    any = true;
    const trace::State end = th.totals.open_state;
    ImGui::TextDisabled("thread");
    ImGui::SameLine();
    ImGui::TextUnformatted(th.name.c_str());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, state_colour(p, end));
    ImGui::Text("(%s)", std::string(trace::state_name(end)).c_str());
    ImGui::PopStyleColor();
  }
  if (!any) ImGui::TextDisabled("(no threads recorded)");
}

// Draws `body` inside a framed box as wide as the panel.
template <typename Body>
void process_box(const char* id, const std::string& title, const Palette& p, Body&& body) {
  ImGui::PushID(id);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float pad = ImGui::GetStyle().FramePadding.x + 2;
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(start.x + width - pad);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopStyleColor();
  body();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + pad;
  ImGui::GetWindowDrawList()->AddRect(start, ImVec2(start.x + width, bottom), p.text_dim, 6.0f);
  ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
}

}  // namespace

void draw_memory(const MemoryView& view, ImFont* mono, const Palette& palette) {
  if (view.trace == nullptr) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", view.running
                                 ? "Running: each process's globals and threads appear when the "
                                   "run ends."
                                 : "Each process as a box with its own globals, its threads "
                                   "inside it, after a run.");
    ImGui::PopStyleColor();
    return;
  }
  if (view.title) ImGui::TextDisabled("%s", view.title);
  const trace::Trace& t = *view.trace;
  const trace::ProcessInfo* main = main_process(t);
  std::vector<const trace::ProcessInfo*> order;
  if (main) order.push_back(main);
  for (const trace::ProcessInfo& p : t.processes) {
    if (&p != main) order.push_back(&p);
  }
  if (order.empty()) {
    ImGui::TextDisabled("The run recorded no process.");
    return;
  }
  for (const trace::ProcessInfo* p : order) {
    const bool is_main = p == main;
    char title[160];
    std::snprintf(title, sizeof title, "%s (pid %u)%s", p->name.c_str(), p->pid,
                  is_main ? "" : "  ·  own memory");
    process_box(std::to_string(p->pid).c_str(), title, palette, [&] {
      if (is_main && view.globals) {
        globals_list(*view.globals, mono, palette);
      } else if (is_main) {
        ImGui::TextDisabled("%s", view.globals_missing);
      } else {
        ImGui::TextDisabled("Its own copy of the globals: its changes stay here.");
      }
      threads_list(t, p->pid, palette);
    });
  }
}

}  // namespace interleave::ui
