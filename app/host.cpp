// Window, GL context and ImGui lifetime; the per-frame event pump and render (skipped when the
// picture would not change and HostConfig::redraw_unchanged is false; limited to the areas that
// changed with HostConfig::partial_redraw).
#include "host.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include "fonts.h"
#include "frame_hash.h"
#include "gl.h"

namespace interleave::gfx {

Host::~Host() {
  renderer_.reset();  // GL objects go before the context
  imgui_renderer_.reset();
  if (imgui_ready_) {
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_context_) SDL_GL_DeleteContext(gl_context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool Host::init(const HostConfig& config, std::string* error) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    *error = std::string("SDL_Init failed: ") + SDL_GetError();
    return false;
  }
#if defined(__EMSCRIPTEN__)
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  window_ = SDL_CreateWindow(config.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             config.width, config.height, flags);
  if (!window_) {
    *error = std::string("could not open a window: ") + SDL_GetError();
    return false;
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) {
    *error = std::string("could not create an OpenGL 3.3 context: ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  redraw_unchanged_ = config.redraw_unchanged;
  partial_redraw_ = config.partial_redraw;
  // Adaptive vsync where the driver has it, else plain vsync: one frame per display refresh.
  if (config.vsync && SDL_GL_SetSwapInterval(-1) != 0) SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the app's, not a file's
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
  imgui_ready_ = true;
  imgui_renderer_ = std::make_unique<ImGuiRenderer>();
  std::string shader_error;
  if (!imgui_renderer_->init(&shader_error)) {
    *error = "shaders failed: " + shader_error;
    return false;
  }
  update_fonts();

  renderer_ = std::make_unique<Renderer>();
  if (!renderer_->init()) {
    *error = "shaders failed: " + renderer_->error();
    return false;
  }
  return true;
}

void Host::update_fonts() {
  int w = 0, h = 0, fb_w = 0, fb_h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  SDL_GL_GetDrawableSize(window_, &fb_w, &fb_h);
  const float ratio = w > 0 ? static_cast<float>(fb_w) / static_cast<float>(w) : 1.0f;
  if (ratio == pixel_ratio_) return;
  pixel_ratio_ = ratio;
  load_fonts(ratio);
  imgui_renderer_->upload_fonts();
  damage_.invalidate();  // same texture name, new pixels
}

bool Host::copy_to_clipboard(const std::string& text, std::string* error) {
  if (SDL_SetClipboardText(text.c_str()) == 0) return true;
  *error = SDL_GetError();
  return false;
}

bool Host::frame(ui::App& app) {
  int window_w = 0, window_h = 0;
  SDL_GetWindowSize(window_, &window_w, &window_h);
  // Dear ImGui 1.86 reads a key's state once per frame: a key pressed and released between two
  // frames (a synthetic press, a quick tap) would never be seen down. Such a release, and every
  // event after it (their order kept), waits for the next frame.
  std::vector<SDL_Event> batch;
  batch.swap(deferred_events_);
  SDL_Event polled;
  while (SDL_PollEvent(&polled)) batch.push_back(polled);
  std::vector<SDL_Scancode> pressed;
  for (const SDL_Event& event : batch) {
    if (!deferred_events_.empty() ||
        (event.type == SDL_KEYUP && std::find(pressed.begin(), pressed.end(),
                                              event.key.keysym.scancode) != pressed.end())) {
      deferred_events_.push_back(event);
      continue;
    }
    if (event.type == SDL_KEYDOWN) pressed.push_back(event.key.keysym.scancode);
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
      // The backend reads the modifiers from SDL_GetModState(), the state after every polled
      // event: with a deferred Ctrl release that says "up" while Enter is still being pressed.
      // The event's own modifiers are the ones that held when it happened.
      ImGuiIO& io = ImGui::GetIO();
      const Uint16 mod = event.key.keysym.mod;
      io.KeyShift = (mod & KMOD_SHIFT) != 0;
      io.KeyCtrl = (mod & KMOD_CTRL) != 0;
      io.KeyAlt = (mod & KMOD_ALT) != 0;
      io.KeySuper = (mod & KMOD_GUI) != 0;
    }
    touch_.on_event(event, window_w, window_h);
    if (event.type == SDL_QUIT) quit_ = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(window_)) {
      quit_ = true;
    }
    if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_q &&
        (event.key.keysym.mod & KMOD_CTRL)) {
      quit_ = true;
    }
  }
  update_fonts();  // the window may have moved to a display of another density

  ImGui_ImplSDL2_NewFrame();
  touch_.apply(ImGui::GetIO());
  ImGui::NewFrame();
  renderer_->begin_frame();
  app.frame();
  ImGui::Render();

  int fb_w = 0, fb_h = 0;
  SDL_GL_GetDrawableSize(window_, &fb_w, &fb_h);
  ++counts_.built;
  const ImDrawData& draw_data = *ImGui::GetDrawData();
  const PixelRect whole{0, 0, fb_w, fb_h};
  std::vector<PixelRect> areas{whole};
  if (partial_redraw_) {
    if (std::exchange(force_whole_, false)) damage_.invalidate();
    FrameDamage::Result damage = damage_.update(
        draw_data, fb_w, fb_h, [this](const ImDrawCmd& cmd) { return renderer_->callback_key(cmd); });
    if (damage.unchanged()) return !(quit_ || app.quit_requested());
    if (!damage.whole) {
      areas = std::move(damage.areas);
      ++counts_.partial;
    }
  } else if (!redraw_unchanged_) {
    FrameHash picture;
    picture.add_word(renderer_->signature(draw_data));
    picture.add_word(static_cast<std::uint32_t>(fb_w));
    picture.add_word(static_cast<std::uint32_t>(fb_h));
    if (drawn_ && picture.value() == last_picture_ && !std::exchange(force_whole_, false)) {
      return !(quit_ || app.quit_requested());
    }
    last_picture_ = picture.value();
  }
  drawn_ = true;
  ++counts_.drawn;
  for (const PixelRect& a : areas) counts_.pixels += static_cast<std::uint64_t>(a.area());
  glViewport(0, 0, fb_w, fb_h);
  imgui_renderer_->render(draw_data, ImVec4(0.08f, 0.09f, 0.10f, 1.0f), areas);
  SDL_GL_SwapWindow(window_);
  return !(quit_ || app.quit_requested());
}

}  // namespace interleave::gfx
