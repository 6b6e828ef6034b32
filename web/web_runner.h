// ui::Runner for the page: a run is handed to the page's JS (public/runs.js), which runs it in the
// run worker (public/run-worker.js, web/worker_main.cpp) and reports back through the exported
// functions interleave_runner_{begin,output,trace,end} (web_runner.cpp). Runs started by
// window.interleave.run() come back the same way, so every run shows in the app's console.
// Thread rules: browser main thread only (the app's frame, and JS calls from the event loop).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "trace/trace.h"
#include "ui/runner.h"

namespace interleave::web {

class WebRunner final : public ui::Runner {
 public:
  WebRunner();
  ~WebRunner() override;
  void start(const ui::RunRequest& request) override;
  void stop() override;
  ui::RunStatus poll() override;

  // Events from the page's JS. `run` is the page's id of the run (the one start() got back, or
  // another for runs from window.interleave.run(), whose begin and end notes go to the console);
  // `origin` labels the output ("program", or "sim program" / "real program" in a compare run).
  void on_begin(int run, const char* note);
  void on_output(int run, int fd, const char* origin, const char* text);
  void on_end(int run, int exit_status, double elapsed, const char* note);
  // The Chrome trace JSON of one part of the UI's run (engine/trace/chrome_json.h): part 0 is the
  // run (in compare mode the simulated one), part 1 the real run of a compare. Read back here so
  // that the timeline, summary and memory views show runs made in the page.
  void on_trace(int run, int part, const char* json);

 private:
  std::vector<ui::RunOutput> output_;
  int ui_run_ = 0;       // the JS id of the run start() began, while it runs; else 0
  double started_ms_ = 0;
  std::optional<int> finished_status_;  // the UI run's status, until poll() reports it
  double finished_elapsed_ = 0;
  std::shared_ptr<const trace::Trace> traces_[2];  // the UI run's parts, until poll() reports them
};

}  // namespace interleave::web
