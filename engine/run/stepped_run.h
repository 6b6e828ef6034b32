// A program run in steps on the calling thread (mode coop): the browser's single-threaded run
// worker and process workers (web/worker_main.cpp) return to their event loop between steps, so
// that messages from other processes (Web Workers) can arrive while every Python thread waits.
// The same setup as run_source's coop mode, plus the process host of Options::process_host (each
// process of a multiprocessing program is one SteppedRun in its own worker).
// Thread-safety: one thread calls everything; Options::stop_request may be set from any.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "run/program.h"

namespace interleave::vm {
class Interpreter;
class Thread;
}  // namespace interleave::vm
namespace interleave::trace {
class Recorder;
}

namespace interleave::run {

class CoopDriver;

class SteppedRun {
 public:
  // Parses and prepares the run; a syntax error is reported on `output` and ends it at once.
  SteppedRun(std::string_view source, std::string_view filename, const Options& options,
             OutputSink output);
  ~SteppedRun();
  SteppedRun(const SteppedRun&) = delete;
  SteppedRun& operator=(const SteppedRun&) = delete;

  // Runs until `slice_ns` passed or every thread waits; returns the exit status once the run
  // ended (then every later call returns it again; negative: a signal's, os.abort's -6), else
  // CoopDriver::kRunning (-1) with *wake_ns the monotonic time (ns, steady clock) by which to step
  // again, -1: only after a notification.
  int step(std::int64_t slice_ns, std::int64_t* wake_ns);

 private:
  void finish();

  Options options_;
  OutputSink output_;
  std::string source_;
  std::unique_ptr<CoopDriver> driver_;
  std::unique_ptr<trace::Recorder> recorder_;  // trace_path / summary_path / trace_ready asked
  std::unique_ptr<vm::Interpreter> interp_;
  vm::Thread* main_ = nullptr;
  bool ended_ = false;
  int status_ = 0;  // once ended_
};

}  // namespace interleave::run
