// The platform host shared by the desktop and web builds: an SDL2 window with an OpenGL context
// (3.3 core natively, ES 3.0 = WebGL2 in the browser), Dear ImGui's SDL2 platform backend and our
// own renderer of its draw data (ImGuiRenderer), the embedded fonts at the display's pixel density,
// and the shader passes of the timeline (Renderer). The app owns frame():
// native calls it in a loop, the web hands it to emscripten_set_main_loop.
// UI thread only (the thread that created the window and owns the GL context).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "frame_damage.h"
#include "imgui_renderer.h"
#include "renderer.h"
#include "touch_gestures.h"
#include "ui/app.h"

struct SDL_Window;
union SDL_Event;

namespace interleave::gfx {

struct HostConfig {
  const char* title = "Interleave";
  int width = 1280, height = 800;  // logical pixels
  bool vsync = true;               // frames at the display's refresh rate
  // false: a frame whose picture equals the last one drawn (Renderer::signature, same framebuffer
  // size) is built but not drawn nor presented: the page keeps showing it, and a software GL
  // (SwiftShader) is spared a whole frame's fill. Only where not presenting keeps the picture
  // and the loop is paced by something else (the browser's requestAnimationFrame).
  bool redraw_unchanged = true;
  // true: the framebuffer keeps its pixels between frames (WebGL's preserveDrawingBuffer), so a
  // changed frame is redrawn only where it changed (FrameDamage's areas) and an unchanged one not
  // at all. Never where presenting leaves the back buffer undefined (a double-buffered window).
  bool partial_redraw = false;
};

class Host {
 public:
  Host() = default;
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;
  ~Host();

  // Creates the window, context, ImGui and the renderer. On failure returns false with a message.
  bool init(const HostConfig& config, std::string* error);
  // Handles events, builds and renders one frame of `app`. Returns false once the app should end.
  bool frame(ui::App& app);

  // What the frames so far cost: how many were built, how many drew (wholly or in part), and the
  // framebuffer pixels they redrew (for the page's frame statistics and tests).
  struct FrameCounts {
    std::uint64_t built = 0, drawn = 0, partial = 0;
    std::uint64_t pixels = 0;
  };
  const FrameCounts& frame_counts() const { return counts_; }
  // Redraws the whole picture at the next frame, even if nothing changed.
  void redraw_all() { force_whole_ = true; }

  // Puts `text` (UTF-8) on the system clipboard; false with *error when the platform refused.
  bool copy_to_clipboard(const std::string& text, std::string* error);

  SDL_Window* window() const { return window_; }
  Renderer& renderer() { return *renderer_; }
  float pixel_ratio() const { return pixel_ratio_; }

 private:
  void update_fonts();

  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  bool imgui_ready_ = false;
  std::unique_ptr<ImGuiRenderer> imgui_renderer_;  // draws ImGui's draw data
  std::unique_ptr<Renderer> renderer_;              // the timeline's passes, inside ImGui's draw
  float pixel_ratio_ = 0.0f;  // framebuffer pixels per logical pixel, last seen
  TouchGestures touch_;       // pinch and two-finger drag
  bool quit_ = false;
  std::vector<SDL_Event> deferred_events_;  // for the next frame (see frame())
  bool redraw_unchanged_ = true;
  bool partial_redraw_ = false;
  bool drawn_ = false;              // a frame was drawn (last_picture_ is set)
  std::uint64_t last_picture_ = 0;  // the signature of the last frame drawn
  FrameDamage damage_;              // partial_redraw_: what changed since the last frame drawn
  bool force_whole_ = false;        // redraw_all() was called
  FrameCounts counts_;
};

}  // namespace interleave::gfx
