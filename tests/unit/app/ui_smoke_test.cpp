// Draws every panel of the app through Dear ImGui with no renderer at all (a null backend: the
// draw data is built and inspected, never sent to a GPU), for several frames, in both themes, wide
// and narrow; drives the editor and the run controls through ImGui's input queue like a user.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

#include "ui/app.h"

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
  ImGui::GetIO().DisplaySize = ImVec2(640, 480);
  frame(app);
  frame(app);
  CHECK(ImGui::FindWindowByName("###Editor")->Size.x < wide * 0.7f);
  check_panels_tile_the_display();

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
