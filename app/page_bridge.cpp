// The app's page bridge (page_bridge.h): EM_JS out to loader.js, exports back in.
#include "page_bridge.h"

#include <emscripten.h>

#include <cstdio>
#include <string>

#include "trace/json_writer.h"
#include "ui/run_settings.h"

namespace interleave::gfx {
namespace {

ui::App* shared_app = nullptr;  // the page's one app, once installed

EM_JS(void, il_js_share,
      (int embed, const char* example, const char* code, const char* mode, const char* gil,
       double interval, int cores, const char* start, double limit, const char* model),
      {
        var host = Module['interleaveHost'];
        if (!host || !host.share) return;
        host.share({
          kind : embed ? 'embed' : 'link',
          example : UTF8ToString(example),
          code : UTF8ToString(code),
          mode : UTF8ToString(mode),
          gil : UTF8ToString(gil),
          interval : interval,
          cores : cores,
          start : UTF8ToString(start),
          limit : limit,
          model : UTF8ToString(model)
        });
      });

void share_to_page(const ui::ShareRequest& r) {
  const std::string mode(ui::to_string(r.settings.mode)), gil(ui::to_string(r.settings.gil)),
      start(ui::to_string(r.settings.start_method));
  const std::string model = ui::model_to_text(r.settings.model);  // the edited keys, or ""
  il_js_share(r.kind == ui::ShareKind::Embed ? 1 : 0, r.example.c_str(), r.source.c_str(),
              mode.c_str(), gil.c_str(), r.settings.switch_interval, r.settings.cores,
              start.c_str(), r.settings.time_limit, model.c_str());
}

}  // namespace

void install_page_bridge(ui::App& app) {
  shared_app = &app;
  app.set_share(share_to_page);
}

}  // namespace interleave::gfx

extern "C" {

// window.interleave.share(kind): as the Share menu does. 0: link, 1: embed. 1 when handed over.
EMSCRIPTEN_KEEPALIVE int interleave_app_share(int embed) {
  namespace ui = interleave::ui;
  ui::App* app = interleave::gfx::shared_app;
  return app != nullptr && app->share(embed ? ui::ShareKind::Embed : ui::ShareKind::Link) ? 1 : 0;
}

// A link's `limit=SECONDS` (validated by params.js), clamped as the settings bar clamps it.
EMSCRIPTEN_KEEPALIVE int interleave_app_set_time_limit(double seconds) {
  interleave::ui::App* app = interleave::gfx::shared_app;
  if (app == nullptr || !(seconds > 0)) return 0;
  app->settings().time_limit = seconds;
  app->settings() = interleave::ui::clamped(app->settings());
  return 1;
}

// A link's `model=` (shape checked by params.js): the simulator's edited keys, read forgivingly
// (ui/model_settings.h: unknown keys and bad values ignored, values clamped).
EMSCRIPTEN_KEEPALIVE int interleave_app_set_model(const char* text) {
  interleave::ui::App* app = interleave::gfx::shared_app;
  if (app == nullptr || text == nullptr) return 0;
  app->settings().model = interleave::ui::model_from_text(text);
  return 1;
}

// window.interleave.state(): what the app shows now (the JSON text lives until the next call).
EMSCRIPTEN_KEEPALIVE const char* interleave_app_state_json() {
  namespace ui = interleave::ui;
  static std::string json;
  ui::App* app = interleave::gfx::shared_app;
  if (app == nullptr) return "{}";
  const ui::RunSettings& s = app->settings();
  const ui::TimeAxis& axis = app->timeline().axis();
  char numbers[256];
  std::snprintf(numbers, sizeof numbers,
                "\"interval\":%.9g,\"cores\":%d,\"limit\":%.6g,\"running\":%s,"
                "\"visibleStartNs\":%.17g,\"visibleEndNs\":%.17g,\"hasTrace\":%s,"
                "\"hasCompareTrace\":%s",
                s.switch_interval, s.cores, s.time_limit, app->running() ? "true" : "false",
                axis.start(), axis.end(), app->last_trace() ? "true" : "false",
                app->last_compare_trace() ? "true" : "false");
  // Where the panels are (logical pixels of the canvas), so that tests judge the right regions.
  const ui::PanelLayout layout = app->layout();
  auto rect = [](const char* name, const ui::Rect& r) {
    char text[128];
    std::snprintf(text, sizeof text, "\"%s\":[%.0f,%.0f,%.0f,%.0f]", name, r.x, r.y, r.w, r.h);
    return std::string(text);
  };
  const std::string panels = std::string("\"layout\":{\"compact\":") +
                             (layout.compact ? "true" : "false") + "," +
                             rect("editor", layout.editor) + "," + rect("timeline", layout.timeline) +
                             "," + rect("console", layout.console) + "," +
                             rect("summary", layout.summary) + "," + rect("memory", layout.memory) +
                             "," + rect("examples", layout.examples) + "}";
  json = "{\"mode\":\"" + std::string(ui::to_string(s.mode)) + "\",\"gil\":\"" +
         std::string(ui::to_string(s.gil)) + "\",\"start\":\"" +
         std::string(ui::to_string(s.start_method)) + "\",\"model\":" +
         interleave::trace::json_string(ui::model_to_text(s.model)) +
         ",\"modelWindow\":" + (app->model_shown() ? "true" : "false") + "," + numbers +
         ",\"example\":" + interleave::trace::json_string(app->example()) +
         ",\"status\":" + interleave::trace::json_string(app->status()) +
         ",\"memory\":" + interleave::trace::json_string(app->memory_text()) + "," + panels + "}";
  return json.c_str();
}

}  // extern "C"
