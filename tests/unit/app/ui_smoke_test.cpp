// Draws every panel of the app through Dear ImGui with no renderer at all (a null backend: the
// draw data is built and inspected, never sent to a GPU), for several frames, in both themes, wide
// and narrow; drives the editor and the run controls through ImGui's input queue like a user.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "ui/app.h"
#include "ui/thread_runner.h"

namespace {

struct RecordingGfx final : interleave::ui::Gfx {
  struct Grid {
    ImVec2 min, max;
  };
  std::vector<Grid> grids;
  void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max,
                 const interleave::ui::GridStyle&) override {
    grids.push_back({min, max});
    list->AddRectFilled(min, max, IM_COL32(40, 40, 40, 255));
  }
};

// A runner that records requests and replays scripted output, as a platform runner would.
struct ScriptedRunner final : interleave::ui::Runner {
  std::vector<interleave::ui::RunRequest> started;
  int stops = 0;
  interleave::ui::RunStatus next;
  void start(const interleave::ui::RunRequest& r) override { started.push_back(r); }
  void stop() override { ++stops; }
  interleave::ui::RunStatus poll() override {
    interleave::ui::RunStatus out = std::move(next);
    next = {};
    if (out.phase == interleave::ui::RunPhase::Idle && !started.empty() && stops == 0) {
      out.phase = interleave::ui::RunPhase::Running;
    }
    return out;
  }
};

// Key indices of the null backend: ImGuiKey_X maps to KeysDown[X].
struct NullBackend {
  NullBackend() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a renderer would
  }
  ~NullBackend() { ImGui::DestroyContext(); }
};

int frame(interleave::ui::App& app) {
  ImGui::NewFrame();
  app.frame();
  ImGui::Render();
  return ImGui::GetDrawData()->TotalVtxCount;
}

// One frame with `key` held (and Ctrl if asked), then one with it released.
void press(interleave::ui::App& app, ImGuiKey key, bool ctrl = false) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeysDown[key] = true;
  frame(app);
  io.KeysDown[key] = false;
  io.KeyCtrl = false;
  frame(app);
}

const char* const kPanels[] = {"Examples", "###Editor", "Timeline", "Summary", "Memory", "Console"};

void check_panels_tile_the_display() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  for (const char* name : kPanels) {
    CAPTURE(name);
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    REQUIRE(window != nullptr);
    CHECK(window->Active);
    CHECK(window->Size.x > 100);
    CHECK(window->Size.y > 90);
    CHECK(window->Pos.x >= 0);
    CHECK(window->Pos.x + window->Size.x <= display.x + 1);
    CHECK(window->Pos.y + window->Size.y <= display.y + 1);
    CHECK(window->DrawList->VtxBuffer.Size > 0);
  }
}

// The compact layout (an embed): the editor, the timeline and the tabbed details panel tile the
// display; the gallery, the summary, the memory view and the console have no window of their own.
void check_compact_layout(interleave::ui::App& app) {
  REQUIRE(app.layout().compact);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  float covered = 0;
  for (const char* name : {"###Editor", "Timeline", "Details"}) {
    CAPTURE(name);
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    REQUIRE(window != nullptr);
    CHECK(window->Active);
    CHECK(window->Pos.x + window->Size.x <= display.x + 1);
    CHECK(window->Pos.y + window->Size.y <= display.y + 1);
    CHECK(window->DrawList->VtxBuffer.Size > 0);
    covered += window->Size.x * window->Size.y;
  }
  CHECK(covered > display.x * (display.y - 30) * 0.97f);  // all but the menu bar
  for (const char* name : {"Examples", "Summary", "Memory", "Console"}) {
    CAPTURE(name);
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    CHECK((window == nullptr || !window->Active));
  }
  // The editor runs the full height: a dozen lines of code at 480 px.
  CHECK(ImGui::FindWindowByName("###Editor")->Size.y > display.y - 30);
  // The details panel's tabs: the console first, the numbers and the memory view beside it.
  ImGuiWindow* details = ImGui::FindWindowByName("Details");
  ImGuiTabBar* tabs = nullptr;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = 0; i < g.TabBars.GetMapSize(); ++i) {
    if (ImGuiTabBar* bar = g.TabBars.TryGetMapData(i);
        bar && bar->BarRect.Min.y >= details->Pos.y && bar->BarRect.Max.y <= details->Pos.y + 40 &&
        bar->BarRect.Min.x >= details->Pos.x - 1) {
      tabs = bar;
    }
  }
  REQUIRE(tabs != nullptr);
  REQUIRE(tabs->Tabs.Size == 3);
  CHECK(std::string(tabs->GetTabName(&tabs->Tabs[0])) == "Console");
  CHECK(std::string(tabs->GetTabName(&tabs->Tabs[1])) == "Summary");
  CHECK(std::string(tabs->GetTabName(&tabs->Tabs[2])) == "Memory");
}

}  // namespace

TEST_CASE("every panel of the app is drawn, with content, at its place in the layout") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::App app(gfx, {"test", false, true});
  for (int i = 0; i < 3; ++i) CHECK(frame(app) > 1000);
  check_panels_tile_the_display();
  // The timeline asks the renderer for its grid once per frame, inside the Timeline panel.
  REQUIRE(gfx.grids.size() == 3);
  ImGuiWindow* timeline = ImGui::FindWindowByName("Timeline");
  CHECK(gfx.grids.back().min.x >= timeline->Pos.x);
  CHECK(gfx.grids.back().max.y <= timeline->Pos.y + timeline->Size.y + 1);
  CHECK(gfx.grids.back().max.x - gfx.grids.back().min.x > 200);
  // The editor opens on an example, the console with a welcome note.
  CHECK(app.example() == "countdown.py");
  CHECK(app.editor().model().text().find("def countdown(n):") != std::string::npos);
  CHECK(app.console().size() == 1);
  // The code editor (a child of the Editor panel) draws the program's text, glyph by glyph.
  const ImGuiWindow* code = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (w->ParentWindow == ImGui::FindWindowByName("###Editor") &&
        std::string(w->Name).find("##code") != std::string::npos) {
      code = w;
    }
  }
  REQUIRE(code != nullptr);
  CHECK(code->DrawList->VtxBuffer.Size > 4 * 150);  // 150+ visible characters of countdown.py
}

TEST_CASE("the layout follows the display size and the theme can be switched") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::App app(gfx, {"test", true, true});
  frame(app);
  const float wide = ImGui::FindWindowByName("###Editor")->Size.x;
  ImGui::GetIO().DisplaySize = ImVec2(640, 1000);  // narrow and tall: the two-column grid
  frame(app);
  frame(app);
  CHECK(ImGui::FindWindowByName("###Editor")->Size.x < wide * 0.7f);
  check_panels_tile_the_display();
  ImGui::GetIO().DisplaySize = ImVec2(640, 480);  // an embed: the compact layout
  frame(app);
  frame(app);
  check_compact_layout(app);

  const ImVec4 dark = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  app.set_theme(interleave::ui::Theme::Light);
  CHECK(app.theme() == interleave::ui::Theme::Light);
  const ImVec4 light = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  CHECK(light.x > dark.x + 0.5f);
  CHECK(frame(app) > 500);
  ImGui::GetIO().DisplaySize = ImVec2(3840, 2160);
  CHECK(frame(app) > 1000);
  check_panels_tile_the_display();
  CHECK_FALSE(app.quit_requested());
}

TEST_CASE("typing goes into the focused editor; Ctrl+Enter runs through the runner") {
  NullBackend backend;
  RecordingGfx gfx;
  ScriptedRunner runner;
  interleave::ui::App app(gfx, {"test", false, true}, &runner);
  app.set_source("x = 1", "prog.py");
  frame(app);
  app.editor().focus();
  frame(app);
  app.editor().model().move_doc_end(false);
  ImGui::GetIO().AddInputCharacter('2');
  frame(app);
  CHECK(app.editor().model().text() == "x = 12");
  press(app, ImGuiKey_Enter);
  CHECK(app.editor().model().text() == "x = 12\n");
  press(app, ImGuiKey_Z, true);  // undo
  CHECK(app.editor().model().text() == "x = 12");
  press(app, ImGuiKey_Enter, true);
  REQUIRE(runner.started.size() == 1);
  CHECK(runner.started[0].source == "x = 12");
  CHECK(runner.started[0].filename == "prog.py");
  CHECK(app.running());

  // The run ends with a traceback: the console links it and the editor marks the line.
  interleave::ui::RunStatus done;
  done.phase = interleave::ui::RunPhase::Finished;
  done.exit_status = 1;
  done.output.push_back({"MainThread", interleave::ui::Stream::Out, "partial output\n"});
  done.output.push_back(
      {"MainThread", interleave::ui::Stream::Err,
       "Traceback (most recent call last):\n  File \"prog.py\", line 1, in <module>\n"
       "NameError: name 'y' is not defined\n"});
  runner.next = done;
  frame(app);
  CHECK_FALSE(app.running());
  REQUIRE(app.editor().error().has_value());
  CHECK(app.editor().error()->line == 1);
  CHECK(app.editor().error()->message == "NameError: name 'y' is not defined");
  frame(app);
}

TEST_CASE("without a platform runner, Run says plainly that running is not wired yet") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::App app(gfx, {"test", false, true});
  frame(app);
  CHECK(app.load_example("deadlock_two_locks.py"));
  CHECK_FALSE(app.load_example("lessons.txt"));
  CHECK_FALSE(app.load_example("missing.py"));
  app.run();
  frame(app);
  CHECK_FALSE(app.running());
  const auto& console = app.console();
  REQUIRE(console.size() >= 3);
  CHECK(console.line(console.size() - 1).text.find("not wired") != std::string::npos);
  app.set_read_only(true);
  app.editor().focus();
  frame(app);
  ImGui::GetIO().AddInputCharacter('z');
  frame(app);
  CHECK(app.editor().model().text().substr(0, 2) == "# ");  // read-only: nothing typed
}

namespace {

// The vertices a panel (and its child windows) drew in the last frame: a panel that shows its
// content draws far more than one that shows a one-line hint.
int panel_vertices(const char* name) {
  ImGuiWindow* panel = ImGui::FindWindowByName(name);
  REQUIRE(panel != nullptr);
  int n = 0;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (w->Active && (w == panel || w->RootWindow == panel)) n += w->DrawList->VtxBuffer.Size;
  }
  return n;
}

// Frames until the app's run ends (real runs on the ThreadRunner's worker); fails after `limit`.
void frames_until_idle(interleave::ui::App& app, double limit = 60) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (app.running() && std::chrono::steady_clock::now() < deadline) {
    frame(app);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE_FALSE(app.running());
  frame(app);
  frame(app);
}

const char* const kPanelNames[] = {"Examples", "###Editor", "Timeline",
                                   "Summary",  "Memory",    "Console"};

}  // namespace

TEST_CASE("every panel in every state, with real runs: idle, running, finished, compare") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::ThreadRunner runner;
  interleave::ui::App app(gfx, {"test", true, true}, &runner);
  for (auto theme : {interleave::ui::Theme::Dark, interleave::ui::Theme::Light}) {
    CAPTURE(static_cast<int>(theme));
    app.set_theme(theme);
    // Idle: hints only.
    frame(app);
    frame(app);
    const int idle_summary = panel_vertices("Summary");
    const int idle_memory = panel_vertices("Memory");
    CHECK(app.last_trace() == nullptr);

    // Running: two threads spinning forever; the UI keeps drawing every panel, Stop ends it.
    app.set_source(
        "import threading\n"
        "def spin():\n    while True:\n        pass\n"
        "for _ in range(2): threading.Thread(target=spin).start()\n",
        "spin.py");
    app.settings().mode = interleave::ui::RunMode::Real;
    app.settings().time_limit = 600;
    app.run();
    double worst = 0, total = 0;
    for (int i = 0; i < 20; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      frame(app);
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      worst = std::max(worst, ms);
      total += ms;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    MESSAGE("frames while two threads spin: " << total / 20 << " ms average, " << worst
                                              << " ms worst (CPU side, null backend)");
    CHECK(worst < 100);
    CHECK(app.running());
    for (const char* name : kPanelNames) CHECK(panel_vertices(name) > 0);
    app.stop();
    frames_until_idle(app, 5);
    CHECK(app.status().find("time limit") != std::string::npos);

    // Finished with a trace: square_quad's threads in the simulator.
    app.set_source(
        "import threading\nresult = None\n"
        "def calc_square(n):\n    global result\n    result = n * n\n"
        "t = threading.Thread(target=calc_square, args=(7,))\nt.start()\nt.join()\n"
        "print('after threads, result =', result)\n",
        "square.py");
    app.settings().mode = interleave::ui::RunMode::Simulated;
    app.settings().time_limit = 10;
    app.run();
    frames_until_idle(app);
    REQUIRE(app.last_trace() != nullptr);
    CHECK(app.last_compare_trace() == nullptr);
    // The outcome line names the simulator's clock (the trace's extent), not the wall clock.
    CHECK(app.status().find("of simulated time") != std::string::npos);
    bool found = false;
    REQUIRE(app.last_globals().has_value());
    for (const auto& [name, value] : *app.last_globals())
      found |= name == "result" && value == "49";
    CHECK(found);
    // The numbers and the memory boxes are drawn now, not the hints (the hints are long wrapped
    // text, the panels are small: half as much again is already clear content).
    CHECK(panel_vertices("Summary") > idle_summary * 3 / 2);
    CHECK(panel_vertices("Memory") > idle_memory * 3 / 2);
    // The speedup sweep runs in the background while frames go on; the next run cancels it.
    CHECK(app.sweep().phase != interleave::ui::SweepState::Phase::Idle);

    // Compare: both traces, both outputs, the differences table.
    app.settings().mode = interleave::ui::RunMode::Compare;
    app.run();
    frames_until_idle(app);
    REQUIRE(app.last_trace() != nullptr);
    REQUIRE(app.last_compare_trace() != nullptr);
    CHECK(app.status().find("real run") != std::string::npos);
    bool sim_line = false, real_line = false;
    for (std::size_t i = 0; i < app.console().size(); ++i) {
      const auto& line = app.console().line(i);
      if (line.text.find("result = 49") == std::string::npos) continue;
      const std::string& origin = app.console().origins()[line.origin];
      sim_line |= origin == "sim MainThread";
      real_line |= origin == "real MainThread";
    }
    CHECK(sim_line);
    CHECK(real_line);
    for (const char* name : kPanelNames) CHECK(panel_vertices(name) > 0);
    CHECK(panel_vertices("Memory") > idle_memory * 3 / 2);

    // A syntax error marks the line in the editor.
    app.set_source("x = 1\ny = (\n", "bad.py");
    app.run();
    frames_until_idle(app);
    REQUIRE(app.editor().error().has_value());
    CHECK(app.editor().error()->message.find("SyntaxError") != std::string::npos);
  }
}

TEST_CASE("exports: the trace as Chrome JSON and the numbers as CSV, through the platform") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::ThreadRunner runner;
  interleave::ui::App app(gfx, {"test", true, true}, &runner);
  std::vector<std::pair<std::string, std::string>> saved;
  // Before a run: nothing to export, and the console says so.
  app.set_save_file([&](const std::string& name, const std::string& content, std::string* where) {
    saved.emplace_back(name, content);
    *where = "/exports/" + name;
    return true;
  });
  CHECK_FALSE(app.export_trace());
  CHECK(saved.empty());
  CHECK(app.load_example("countdown.py"));
  app.set_source(
      "import threading\nt = threading.Thread(target=print, args=('hi',))\n"
      "t.start()\nt.join()\n",
      "prog.py");
  app.settings().mode = interleave::ui::RunMode::Compare;
  app.run();
  frames_until_idle(app);
  REQUIRE(app.export_trace());
  REQUIRE(saved.size() == 2);  // compare: both runs
  CHECK(saved[0].first == "program-sim.trace.json");
  CHECK(saved[1].first == "program-real.trace.json");
  for (const auto& [name, json] : saved) {
    CHECK(json.find("\"traceEvents\"") != std::string::npos);
    CHECK(json.find("Thread-1") != std::string::npos);
  }
  REQUIRE(app.export_numbers());
  REQUIRE(saved.size() == 3);
  CHECK(saved[2].first == "program.summary.csv");
  CHECK(saved[2].second.rfind("run,process,thread,", 0) == 0);
  CHECK(saved[2].second.find("\nsim,all,all,") != std::string::npos);
  CHECK(saved[2].second.find("\nreal,all,all,") != std::string::npos);
  const auto& console = app.console();
  CHECK(console.line(console.size() - 1).text.find("/exports/program.summary.csv") !=
        std::string::npos);
  // A platform that fails to save: the console says why.
  app.set_save_file([](const std::string&, const std::string&, std::string* where) {
    *where = "disk full";
    return false;
  });
  CHECK_FALSE(app.export_numbers());
  CHECK(console.line(console.size() - 1).text.find("disk full") != std::string::npos);
}
