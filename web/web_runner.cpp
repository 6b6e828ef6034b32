// The page's ui::Runner (see web_runner.h) and the small glue between it and public/runs.js.
#include "web_runner.h"

#include <emscripten.h>

#include <string>
#include <utility>

#include "run/process_report.h"
#include "trace/chrome_json.h"
#include "trace/trace_bytes.h"
#include "ui/run_settings.h"

namespace interleave::web {

namespace {

WebRunner* instance = nullptr;  // the one runner of the page (JS events reach it here)

// Asks the page's JS to run a program; returns the run's id (> 0), or 0 when the page has no
// way to run programs (nothing was started).
EM_JS(int, il_js_start_run,
      (const char* code, const char* filename, const char* mode, const char* gil, double interval,
       int cores, const char* start, double timeout, const char* profile),
      {
        var host = Module['interleaveHost'];
        if (!host) return 0;
        return host.startFromApp({
          code : UTF8ToString(code),
          filename : UTF8ToString(filename),
          mode : UTF8ToString(mode),
          gil : UTF8ToString(gil),
          interval : interval,
          cores : cores,
          start : UTF8ToString(start),
          timeout : timeout,
          profile : UTF8ToString(profile)
        });
      });

EM_JS(void, il_js_stop_run, (int run), {
  var host = Module['interleaveHost'];
  if (host) host.stopFromApp(run);
});

}  // namespace

WebRunner::WebRunner() { instance = this; }

WebRunner::~WebRunner() {
  if (instance == this) instance = nullptr;
}

void WebRunner::start(const ui::RunRequest& request) {
  if (ui_run_ != 0) stop();
  const ui::RunSettings s = ui::clamped(request.settings);
  const std::string mode(ui::to_string(s.mode)), gil(ui::to_string(s.gil)),
      start_method(ui::to_string(s.start_method));
  // The edited keys of the simulator's model (ui/model_settings.h), for the simulated run.
  const std::string profile = ui::model_profile_text(s.model);
  finished_status_.reset();
  traces_due_ = 0;
  for (int part = 0; part < 2; ++part) {
    traces_[part].reset();
    globals_[part].reset();
    child_globals_[part].reset();
  }
  started_ms_ = emscripten_get_now();
  // The page announces the run's first trace (on_trace_due) from inside this call, before the
  // run's id comes back: those announcements are kept and counted once the id is known.
  starting_ = true;
  due_while_starting_.clear();
  const int id = il_js_start_run(request.source.c_str(), request.filename.c_str(), mode.c_str(),
                                 gil.c_str(), s.switch_interval, s.cores, start_method.c_str(),
                                 s.time_limit, profile.c_str());
  starting_ = false;
  if (id <= 0) {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                    "This page cannot run programs: its run worker is missing.\n"});
    finished_status_ = 2;
    finished_elapsed_ = 0;
    return;
  }
  ui_run_ = id;
  for (const int run : due_while_starting_) {
    if (run == id) ++traces_due_;
  }
}

void WebRunner::stop() {
  if (ui_run_ != 0 && !finished_status_) il_js_stop_run(ui_run_);
}

ui::RunStatus WebRunner::poll() {
  ui::RunStatus status;
  status.output.swap(output_);
  if (finished_status_ &&
      (traces_due_ <= 0 || emscripten_get_now() - ended_ms_ >= kTraceWaitMs)) {
    if (traces_due_ > 0) {
      status.output.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                            "The run's trace did not come; the timeline is empty.\n"});
    }
    status.phase = ui::RunPhase::Finished;
    status.exit_status = finished_status_;
    status.elapsed = finished_elapsed_;
    finished_status_.reset();
    ui_run_ = 0;
    traces_due_ = 0;
    status.trace = std::move(traces_[0]);
    status.compare_trace = std::move(traces_[1]);
    status.globals = std::exchange(globals_[0], std::nullopt);
    status.compare_globals = std::exchange(globals_[1], std::nullopt);
    status.child_globals = std::exchange(child_globals_[0], std::nullopt);
    status.compare_child_globals = std::exchange(child_globals_[1], std::nullopt);
  } else if (ui_run_ != 0) {
    status.phase = ui::RunPhase::Running;
    status.elapsed = finished_status_ ? finished_elapsed_
                                      : (emscripten_get_now() - started_ms_) / 1000.0;
  }
  return status;
}

void WebRunner::on_begin(int run, const char* note) {
  if (run != ui_run_ && note != nullptr && *note != '\0') {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note, std::string(note) + "\n"});
  }
}

void WebRunner::on_output(int, int fd, const char* origin, const char* text) {
  output_.push_back(ui::RunOutput{origin, fd == 2 ? ui::Stream::Err : ui::Stream::Out, text});
}

void WebRunner::on_trace(int run, int part, const char* json) {
  if (run != ui_run_ || part < 0 || part > 1 || json == nullptr) return;
  auto trace = std::make_shared<trace::Trace>();
  const trace::ReadResult read = trace::read_chrome_json(json, *trace);
  if (!read.ok) {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                    "The run's trace could not be read: " + read.error + "\n"});
    return;
  }
  traces_[part] = std::move(trace);
}

void WebRunner::on_trace_due(int run, int part) {
  if (starting_) {
    if (part >= 0 && part <= 1) due_while_starting_.push_back(run);
    return;
  }
  if (run == ui_run_ && part >= 0 && part <= 1 && !finished_status_) ++traces_due_;
}

void WebRunner::on_trace_bytes(int run, int part, const std::uint8_t* data, int size) {
  if (run != ui_run_ || part < 0 || part > 1) return;
  if (traces_due_ > 0) --traces_due_;
  if (size < 0) {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                    "The run's trace was too big to load into the page.\n"});
    return;
  }
  if (size == 0 || data == nullptr) return;  // none recorded
  std::string_view bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  run::ProcessReport report;
  if (run::is_process_report(bytes)) {
    std::string error;
    if (!run::read_process_report(bytes, &report, &error)) {
      output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                      "The run's trace could not be read: " + error + "\n"});
      return;
    }
    bytes = report.trace;
    globals_[part] = std::move(report.globals);
    if (report.children) {
      auto& children = child_globals_[part].emplace();
      for (run::ChildGlobals& c : *report.children) {
        children.push_back(ui::ProcessGlobals{c.process, std::move(c.globals)});
      }
    }
  }
  auto trace = std::make_shared<trace::Trace>();
  const trace::ReadResult read = trace::read_trace_bytes(bytes, *trace);
  if (!read.ok) {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note,
                                    "The run's trace could not be read: " + read.error + "\n"});
    return;
  }
  traces_[part] = std::move(trace);
}

void WebRunner::on_end(int run, int exit_status, double elapsed, const char* note) {
  if (run == ui_run_ && !finished_status_) {
    finished_status_ = exit_status;
    finished_elapsed_ = elapsed;
    ended_ms_ = emscripten_get_now();
  } else if (note != nullptr && *note != '\0') {
    output_.push_back(ui::RunOutput{"interleave", ui::Stream::Note, std::string(note) + "\n"});
  }
}

}  // namespace interleave::web

extern "C" {

// Called by public/runs.js on the browser's main thread, from the event loop.
EMSCRIPTEN_KEEPALIVE void interleave_runner_begin(int run, const char* note) {
  if (interleave::web::instance) interleave::web::instance->on_begin(run, note);
}

EMSCRIPTEN_KEEPALIVE void interleave_runner_output(int run, int fd, const char* origin,
                                                   const char* text) {
  if (interleave::web::instance) interleave::web::instance->on_output(run, fd, origin, text);
}

EMSCRIPTEN_KEEPALIVE void interleave_runner_trace(int run, int part, const char* json) {
  if (interleave::web::instance) interleave::web::instance->on_trace(run, part, json);
}

EMSCRIPTEN_KEEPALIVE void interleave_runner_trace_due(int run, int part) {
  if (interleave::web::instance) interleave::web::instance->on_trace_due(run, part);
}

// data: `size` bytes of the trace (trace/trace_bytes.h); size 0: none; -1: no room to copy it.
EMSCRIPTEN_KEEPALIVE void interleave_runner_trace_bytes(int run, int part, const std::uint8_t* data,
                                                        int size) {
  if (interleave::web::instance) interleave::web::instance->on_trace_bytes(run, part, data, size);
}

EMSCRIPTEN_KEEPALIVE void interleave_runner_end(int run, int exit_status, double elapsed,
                                                const char* note) {
  if (interleave::web::instance) interleave::web::instance->on_end(run, exit_status, elapsed, note);
}

}  // extern "C"
