// The browser's main loop: the shared app in the page's <canvas id="canvas">, one frame per
// requestAnimationFrame (emscripten_set_main_loop). Each frame the canvas follows its CSS size and
// the device pixel ratio. Runs on the browser's main thread, which must never block: programs run
// in the run worker (web_runner.h). The exported interleave_app_* functions let loader.js hand the
// app the page's validated URL parameters (public/params.js).
// The canvas's WebGL2 context is created here, before SDL asks for one (the browser hands later
// requests the same context), with preserveDrawingBuffer: the canvas keeps its pixels between
// frames, so a frame is redrawn only where it changed (HostConfig::partial_redraw). Without it
// (another context got there first) every changed frame is drawn whole.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <SDL.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "host.h"
#include "page_bridge.h"
#include "ui/app.h"
#include "ui/run_settings.h"
#include "web_runner.h"
#include "version.h"

namespace {

#if defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kThreads = true;
constexpr const char* kBuild = "mt";
#else
constexpr bool kThreads = false;
constexpr const char* kBuild = "st";
#endif

struct Web {
  interleave::gfx::Host host;
  interleave::web::WebRunner runner;
  interleave::ui::App* app = nullptr;
  int css_w = 0, css_h = 0;
};

// Keeps the SDL window (and so the canvas's backing store, scaled by devicePixelRatio because the
// window is high-DPI) the size the page's CSS gives the canvas.
void follow_canvas(Web& web) {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  const int iw = static_cast<int>(std::lround(w)), ih = static_cast<int>(std::lround(h));
  if (iw > 0 && ih > 0 && (iw != web.css_w || ih != web.css_h)) {
    web.css_w = iw;
    web.css_h = ih;
    SDL_SetWindowSize(web.host.window(), iw, ih);
  }
}

void frame(void* arg) {
  auto& web = *static_cast<Web*>(arg);
  follow_canvas(web);
  web.host.frame(*web.app);
}

Web* the_web = nullptr;  // set once main() has built the app

// Creates the canvas's context with the attributes SDL's EGL asks for, plus preserveDrawingBuffer;
// 1 when the context has it.
EM_JS(int, il_js_create_preserving_context, (), {
  var canvas = Module['canvas'];
  if (!canvas) return 0;
  var gl = canvas.getContext('webgl2', {
    alpha : false,
    depth : false,
    stencil : false,
    antialias : false,
    preserveDrawingBuffer : true
  });
  return gl && gl.getContextAttributes().preserveDrawingBuffer ? 1 : 0;
});

}  // namespace

extern "C" {

// window.interleave.info() reads this: which build runs and whether it has real threads.
EMSCRIPTEN_KEEPALIVE const char* interleave_info_json() {
  static std::string json = std::string("{\"build\":\"") + kBuild + "\",\"version\":\"" +
                            interleave::version() + "\",\"threads\":" + (kThreads ? "true" : "false") +
                            "}";
  return json.c_str();
}

// The URL's program and settings, already validated by params.js. Each returns 1 on success.
EMSCRIPTEN_KEEPALIVE int interleave_app_load_example(const char* file) {
  return the_web != nullptr && the_web->app->load_example(file) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int interleave_app_set_source(const char* text) {
  if (the_web == nullptr) return 0;
  the_web->app->set_source(text);
  return 1;
}

// mode/gil/start: the URL spellings, "" for unchanged; interval/cores: <= 0 for unchanged.
EMSCRIPTEN_KEEPALIVE int interleave_app_set_settings(const char* mode, const char* gil,
                                                     double interval, int cores,
                                                     const char* start) {
  if (the_web == nullptr) return 0;
  namespace ui = interleave::ui;
  ui::RunSettings s = the_web->app->settings();
  if (auto m = ui::parse_run_mode(mode)) s.mode = *m;
  if (auto g = ui::parse_gil_mode(gil)) s.gil = *g;
  if (auto st = ui::parse_start_method(start)) s.start_method = *st;
  if (interval > 0) s.switch_interval = interval;
  if (cores > 0) s.cores = cores;
  the_web->app->settings() = ui::clamped(s);
  return 1;
}

EMSCRIPTEN_KEEPALIVE int interleave_app_set_read_only(int read_only) {
  if (the_web == nullptr) return 0;
  the_web->app->set_read_only(read_only != 0);
  return 1;
}

// The page's frame statistics (bench/page-frames.mjs, tests): frames built, drawn (wholly or in
// part), drawn in part, and framebuffer pixels redrawn.
EMSCRIPTEN_KEEPALIVE const char* interleave_frame_counts_json() {
  static std::string json;
  if (the_web == nullptr) return "{}";
  const auto& c = the_web->host.frame_counts();
  json = "{\"built\":" + std::to_string(c.built) + ",\"drawn\":" + std::to_string(c.drawn) +
         ",\"partial\":" + std::to_string(c.partial) + ",\"pixels\":" + std::to_string(c.pixels) +
         "}";
  return json.c_str();
}

// The next frame redraws the whole canvas (tests compare it with what partial redraws left).
EMSCRIPTEN_KEEPALIVE int interleave_app_redraw_all() {
  if (the_web == nullptr) return 0;
  the_web->host.redraw_all();
  return 1;
}

EMSCRIPTEN_KEEPALIVE int interleave_app_run() {
  if (the_web == nullptr) return 0;
  the_web->app->run();
  return 1;
}

}  // extern "C"

int main() {
  // SDL must not grab the page's keyboard: other elements (and the host page) keep their keys.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  auto* web = new Web;  // lives as long as the page
  std::string error;
  interleave::gfx::HostConfig config;
  // The page keeps showing a canvas that was not drawn to, and requestAnimationFrame paces the loop.
  config.redraw_unchanged = false;
  config.partial_redraw = il_js_create_preserving_context() == 1;
  if (!web->host.init(config, &error)) {
    std::fprintf(stderr, "interleave: %s\n", error.c_str());
    std::abort();  // the loader's onAbort shows the "could not start" screen
  }
  follow_canvas(*web);
  web->app = new interleave::ui::App(
      web->host.renderer(),
      interleave::ui::AppInfo{kThreads ? "web (threads)" : "web (no threads)", kThreads, false},
      &web->runner);
  interleave::gfx::install_page_bridge(*web->app);
  the_web = web;
  emscripten_set_main_loop_arg(frame, web, 0, false);
  return 0;
}
