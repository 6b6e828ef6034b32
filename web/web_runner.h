// ui::Runner for the page: a run is handed to the page's JS (public/runs.js), which runs it in the
// run worker (public/run-worker.js, web/worker_main.cpp) and reports back through the exported
// functions interleave_runner_{begin,output,trace_due,trace_bytes,end} (web_runner.cpp). Runs
// started by window.interleave.run() come back the same way, so every run shows in the app's
// console.
// A run's end reaches the page as soon as the engine stopped it; its trace follows in a message
// of its own (bytes: a run/process_report.h report holding the trace in trace/trace_bytes.h's
// form and the module globals of the program and of its child processes for the memory view),
// usually within milliseconds. The UI takes a run's
// results at once (ui::Runner: Finished carries the trace), so poll() says Finished once the end
// and every trace announced by trace_due are here, or kTraceWaitMs after the end without them
// (the page announces a run's first trace before start() has its id: start() counts it then).
// Thread rules: browser main thread only (the app's frame, and JS calls from the event loop).
#pragma once

#include <cstdint>
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
  // The trace of one part of the UI's run: part 0 is the run (in compare mode the simulated one),
  // part 1 the real run of a compare. Read back here so that the timeline, summary and memory
  // views show runs made in the page. on_trace_due: a part began whose trace will come (bytes,
  // or none: size 0; size -1: the page had no room to copy it). on_trace: Chrome JSON instead.
  void on_trace_due(int run, int part);
  void on_trace_bytes(int run, int part, const std::uint8_t* data, int size);
  void on_trace(int run, int part, const char* json);

  // How long poll() waits after a run's end for traces still due before it reports the run
  // Finished without them. runs.js hands over every announced trace exactly once, as bytes or as
  // "none" (not recorded, or the run worker was replaced), so the wait normally ends when the
  // trace or its absence is known; this limit only keeps a worker that never answers from leaving
  // the UI running. A trace is usually here within milliseconds of the end (27-186 ms measured
  // for a stopped spin_forever beside four busy processes); the limit is generous so that a
  // slow machine never loses one. The page's own end marker (data-app-run) does not wait for it.
  static constexpr double kTraceWaitMs = 60000;

 private:
  std::vector<ui::RunOutput> output_;
  int ui_run_ = 0;       // the JS id of the run start() began, until poll() reports it Finished
  double started_ms_ = 0;
  std::optional<int> finished_status_;  // the UI run's status, once its end came
  double finished_elapsed_ = 0;
  double ended_ms_ = 0;  // when its end came
  int traces_due_ = 0;   // announced parts whose trace has not come yet
  bool starting_ = false;                // inside start()'s call to the page
  std::vector<int> due_while_starting_;  // runs whose trace the page announced meanwhile
  std::shared_ptr<const trace::Trace> traces_[2];  // the UI run's parts, until poll() reports them
  std::optional<ui::Globals> globals_[2];          // their program's globals (memory view)
  std::optional<std::vector<ui::ProcessGlobals>> child_globals_[2];  // their children's
};

}  // namespace interleave::web
