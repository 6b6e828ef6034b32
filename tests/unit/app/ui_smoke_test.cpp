// Draws every panel of the app through Dear ImGui with no renderer at all (a null backend: the
// draw data is built and inspected, never sent to a GPU), for several frames, in both themes.
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
  void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const interleave::ui::GridStyle&) override {
    grids.push_back({min, max});
    list->AddRectFilled(min, max, IM_COL32(40, 40, 40, 255));
  }
};

struct NullBackend {
  NullBackend() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
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

}  // namespace

TEST_CASE("every panel of the app is drawn, with content, at its place in the layout") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::App app(gfx, {"test", false, true});
  for (int i = 0; i < 3; ++i) CHECK(frame(app) > 1000);

  const ImVec2 display = ImGui::GetIO().DisplaySize;
  for (const char* name : {"Examples", "Editor", "Timeline", "Summary", "Memory", "Console"}) {
    CAPTURE(name);
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    REQUIRE(window != nullptr);
    CHECK(window->Active);
    CHECK(window->Size.x > 100);
    CHECK(window->Size.y > 100);
    CHECK(window->Pos.x >= 0);
    CHECK(window->Pos.x + window->Size.x <= display.x + 1);
    CHECK(window->Pos.y + window->Size.y <= display.y + 1);
    CHECK(window->DrawList->VtxBuffer.Size > 0);
  }
  // The timeline asks the renderer for its grid once per frame, inside the Timeline panel.
  REQUIRE(gfx.grids.size() == 3);
  ImGuiWindow* timeline = ImGui::FindWindowByName("Timeline");
  CHECK(gfx.grids.back().min.x >= timeline->Pos.x);
  CHECK(gfx.grids.back().max.y <= timeline->Pos.y + timeline->Size.y + 1);
  CHECK(gfx.grids.back().max.x - gfx.grids.back().min.x > 200);
}

TEST_CASE("the layout follows the display size and the theme can be switched") {
  NullBackend backend;
  RecordingGfx gfx;
  interleave::ui::App app(gfx, {"test", true, true});
  frame(app);
  const float wide = ImGui::FindWindowByName("Editor")->Size.x;
  ImGui::GetIO().DisplaySize = ImVec2(640, 480);
  frame(app);
  frame(app);
  CHECK(ImGui::FindWindowByName("Editor")->Size.x < wide * 0.6f);

  const ImVec4 dark = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  app.set_theme(interleave::ui::Theme::Light);
  CHECK(app.theme() == interleave::ui::Theme::Light);
  const ImVec4 light = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  CHECK(light.x > dark.x + 0.5f);
  CHECK(frame(app) > 500);
  CHECK_FALSE(app.quit_requested());
}
