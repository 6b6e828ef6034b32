// The shell of the playground: panels tiled to the display, each saying what it will show.
#include "ui/app.h"

#include <imgui.h>

#include "version.h"

namespace interleave::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;

// The tiled layout: Examples on the left, Editor over Timeline in the middle, Summary over Memory
// on the right, Console across the bottom. Fractions of the area under the menu bar.
struct Tile {
  float x, y, w, h;
};

bool begin_panel(const char* name, const Tile& t) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + t.x * vp->WorkSize.x,
                                 vp->WorkPos.y + t.y * vp->WorkSize.y));
  ImGui::SetNextWindowSize(ImVec2(t.w * vp->WorkSize.x, t.h * vp->WorkSize.y));
  return ImGui::Begin(name, nullptr, kPanelFlags);
}

void hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

constexpr Tile kExamples{0.0f, 0.0f, 0.18f, 0.75f};
constexpr Tile kEditor{0.18f, 0.0f, 0.52f, 0.42f};
constexpr Tile kTimeline{0.18f, 0.42f, 0.52f, 0.33f};
constexpr Tile kSummary{0.70f, 0.0f, 0.30f, 0.42f};
constexpr Tile kMemory{0.70f, 0.42f, 0.30f, 0.33f};
constexpr Tile kConsole{0.0f, 0.75f, 1.0f, 0.25f};

}  // namespace

App::App(Gfx& gfx, AppInfo info) : gfx_(gfx), info_(std::move(info)) { set_theme(theme_); }

void App::set_theme(Theme theme) {
  theme_ = theme;
  ImGuiStyle& style = ImGui::GetStyle();
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.WindowBorderSize = 1.0f;
}

void App::frame() {
  ++frames_;
  menu_bar();
  examples_panel();
  editor_panel();
  timeline_panel();
  summary_panel();
  memory_panel();
  console_panel();
  if (show_about_) about_window();
}

void App::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Quit", "Ctrl+Q", false, info_.can_quit)) quit_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Dark theme", nullptr, theme_ == Theme::Dark)) set_theme(Theme::Dark);
    if (ImGui::MenuItem("Light theme", nullptr, theme_ == Theme::Light)) set_theme(Theme::Light);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("About Interleave")) show_about_ = true;
    ImGui::EndMenu();
  }
  // Right-aligned: where we run and whether threads are real here.
  const char* badge = info_.real_threads ? "real threads: on" : "real threads: off";
  const float width = ImGui::CalcTextSize(badge).x + ImGui::CalcTextSize(info_.platform.c_str()).x +
                      3 * ImGui::GetStyle().ItemSpacing.x + 8.0f;
  ImGui::SameLine(ImGui::GetWindowWidth() - width);
  ImGui::TextDisabled("%s", info_.platform.c_str());
  ImGui::TextColored(info_.real_threads ? ImVec4(0.35f, 0.8f, 0.45f, 1) : ImVec4(0.9f, 0.6f, 0.2f, 1),
                     "%s", badge);
  ImGui::EndMainMenuBar();
}

void App::examples_panel() {
  if (begin_panel("Examples", kExamples)) {
    hint("Lessons with tutorial programs: the GIL and CPU-bound work, I/O-bound threads, locks, "
         "deadlocks, queues, pools, start methods, shared vs separate memory.");
  }
  ImGui::End();
}

void App::editor_panel() {
  if (begin_panel("Editor", kEditor)) {
    hint("The program's source. Pick an example or type Python; Ctrl+Enter runs it.");
  }
  ImGui::End();
}

void App::timeline_panel() {
  if (begin_panel("Timeline", kTimeline)) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 max(min.x + avail.x, min.y + avail.y);
    const bool dark = theme_ == Theme::Dark;
    GridStyle style;
    style.band_a = dark ? ImVec4(0.11f, 0.12f, 0.14f, 1) : ImVec4(0.97f, 0.97f, 0.98f, 1);
    style.band_b = dark ? ImVec4(0.14f, 0.15f, 0.18f, 1) : ImVec4(0.92f, 0.93f, 0.95f, 1);
    style.line = dark ? ImVec4(0.38f, 0.42f, 0.50f, 0.9f) : ImVec4(0.55f, 0.58f, 0.65f, 0.9f);
    gfx_.draw_grid(list, min, max, style);
    ImGui::Dummy(avail);
    const char* text = "One lane per thread, grouped by process, appears here when a program runs.";
    const ImVec2 size = ImGui::CalcTextSize(text);
    list->AddText(ImVec2(min.x + (avail.x - size.x) * 0.5f, min.y + (avail.y - size.y) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
  }
  ImGui::End();
}

void App::summary_panel() {
  if (begin_panel("Summary", kSummary)) {
    hint("Wall and CPU time per thread, waits for the GIL, locks and I/O, GIL switches, speedup.");
  }
  ImGui::End();
}

void App::memory_panel() {
  if (begin_panel("Memory", kMemory)) {
    hint("Each process as a box with its own globals, its threads inside it.");
  }
  ImGui::End();
}

void App::console_panel() {
  if (begin_panel("Console", kConsole)) {
    hint("Output of every thread and process, tracebacks and deadlock reports.");
  }
  ImGui::End();
}

void App::about_window() {
  ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_Appearing);
  if (ImGui::Begin("About Interleave", &show_about_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("Interleave %s", version());
    ImGui::TextWrapped("A playground for Python threads and processes: a deterministic simulator "
                       "that explains, and real threads and processes that measure.");
    ImGui::Separator();
    ImGui::Text("Running on: %s", info_.platform.c_str());
    ImGui::Text("Real parallel threads: %s", info_.real_threads ? "yes" : "no");
  }
  ImGui::End();
}

}  // namespace interleave::ui
