// Process boxes: a group per process with a rounded frame drawn around it afterwards (its size is
// known only once its contents were laid out).
#include "ui/memory_panel.h"

#include <cstdio>
#include <string>

#include "run/sim_process_host.h"
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

// One process's globals; `main` (a child's box): the main process's, to mark what differs.
void globals_list(const Globals& globals, const Globals* main, ImFont* mono, const Palette& p) {
  if (globals.empty()) {
    ImGui::TextDisabled("(no module globals)");
    return;
  }
  if (mono) ImGui::PushFont(mono);
  for (const auto& [name, value] : globals) {
    const std::string other = main ? differs_from_main(*main, name, value) : std::string();
    ImGui::PushStyleColor(ImGuiCol_Text, p.syntax[static_cast<int>(TokenKind::Function)]);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled(" = ");
    ImGui::SameLine(0, 0);
    if (!other.empty()) ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::TextUnformatted(value.c_str());
    if (!other.empty()) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && value.size() > 40) ImGui::SetTooltip("%s", value.c_str());
    if (!other.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(main: %s)", other.c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("This process changed its own copy of %s; the main process still has "
                          "%s.",
                          name.c_str(), other.c_str());
      }
    }
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
  // Wrap at the box's right edge (ImGui takes the position in window coordinates).
  ImGui::PushTextWrapPos(start.x + width - pad - ImGui::GetWindowPos().x + ImGui::GetScrollX());
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

const Globals* child_globals_of(const MemoryView& view, trace::ProcessId pid) {
  if (view.child_globals == nullptr) return nullptr;
  for (const ProcessGlobals& g : *view.child_globals) {
    if (g.process == pid) return &g.globals;
  }
  return nullptr;
}

}  // namespace

std::string differs_from_main(const Globals& main, const std::string& name,
                              const std::string& value) {
  for (const auto& [main_name, main_value] : main) {
    if (main_name == name) return main_value == value ? std::string() : main_value;
  }
  return std::string();
}

namespace {

// The boxes in order: the main process first, then the children as the trace lists them.
std::vector<const trace::ProcessInfo*> process_order(const trace::Trace& t) {
  const trace::ProcessInfo* main = main_process(t);
  std::vector<const trace::ProcessInfo*> order;
  if (main) order.push_back(main);
  for (const trace::ProcessInfo& p : t.processes) {
    if (&p != main && p.pid != trace::kCoresPid) order.push_back(&p);  // cores: not a process
  }
  return order;
}

std::string box_title(const trace::ProcessInfo& p, bool is_main) {
  char title[160];
  std::snprintf(title, sizeof title, "%s (pid %u)%s", p.name.c_str(), p.pid,
                is_main ? "" : "  ·  own memory");
  return title;
}

// A program with child processes whose globals are not carried, and no child in the trace.
bool children_unseen(const MemoryView& view, const std::vector<const trace::ProcessInfo*>& order) {
  return view.uses_processes && view.child_globals == nullptr && order.size() <= 1;
}

constexpr const char* kChildOwnCopy = "Its own copy of the globals: its changes stay here.";
// The simulator's resource tracker (run/sim_process_host.h) runs no program code.
constexpr const char* kTrackerNote =
    "multiprocessing's resource tracker, which the first spawn start() starts: an interpreter "
    "of its own that runs none of the program's code.";
bool is_tracker(const trace::ProcessInfo& p) { return p.name == run::sim::kResourceTrackerName; }
constexpr const char* kChildNotHandedBack =
    "(its globals were not handed back: it did not end normally, or ran with the GIL off)";

}  // namespace

std::string memory_text(const MemoryView& view) {
  if (view.trace == nullptr) return "(no run)\n";
  std::string out;
  if (view.title) out += std::string(view.title) + "\n";
  const std::vector<const trace::ProcessInfo*> order = process_order(*view.trace);
  for (const trace::ProcessInfo* p : order) {
    const bool is_main = p == order.front();
    out += box_title(*p, is_main) + "\n";
    const Globals* globals = is_main ? view.globals : child_globals_of(view, p->pid);
    if (globals) {
      if (globals->empty()) out += "  (no module globals)\n";
      for (const auto& [name, value] : *globals) {
        out += "  " + name + " = " + value;
        const std::string other =
            !is_main && view.globals ? differs_from_main(*view.globals, name, value) : "";
        if (!other.empty()) out += "   (main: " + other + ")";
        out += "\n";
      }
    } else if (is_main) {
      out += std::string("  ") + view.globals_missing + "\n";
    } else if (is_tracker(*p)) {
      out += std::string("  ") + kTrackerNote + "\n";
    } else {
      out += std::string("  ") + kChildOwnCopy + "\n  " +
             (view.child_globals == nullptr ? view.children_missing : kChildNotHandedBack) + "\n";
    }
    for (const trace::ThreadInfo& th : view.trace->threads) {
      if (th.pid != p->pid || th.tid == trace::kProcessLane) continue;
      out += "  thread " + th.name + " (" + std::string(trace::state_name(th.totals.open_state)) +
             ")\n";
    }
  }
  if (children_unseen(view, order)) out += std::string(view.children_missing) + "\n";
  return out;
}

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
  const std::vector<const trace::ProcessInfo*> order = process_order(t);
  if (order.empty()) {
    ImGui::TextDisabled("The run recorded no process.");
    return;
  }
  for (const trace::ProcessInfo* p : order) {
    const bool is_main = p == order.front();
    process_box(std::to_string(p->pid).c_str(), box_title(*p, is_main), palette, [&] {
      if (is_main) {
        if (view.globals) {
          globals_list(*view.globals, nullptr, mono, palette);
        } else {
          ImGui::TextDisabled("%s", view.globals_missing);
        }
      } else if (const Globals* own = child_globals_of(view, p->pid)) {
        globals_list(*own, view.globals, mono, palette);
      } else if (is_tracker(*p)) {
        ImGui::TextDisabled("%s", kTrackerNote);
      } else {
        ImGui::TextDisabled("%s", kChildOwnCopy);
        ImGui::TextDisabled("%s",
                            view.child_globals == nullptr ? view.children_missing
                                                          : kChildNotHandedBack);
      }
      threads_list(t, p->pid, palette);
    });
  }
  if (children_unseen(view, order)) ImGui::TextDisabled("%s", view.children_missing);
}

}  // namespace interleave::ui
