// The placeholder runner: no program runs, and the console says why.
#include "ui/runner.h"

namespace interleave::ui {

void UnwiredRunner::start(const RunRequest& request) {
  pending_ = RunStatus{};
  pending_.phase = RunPhase::Finished;
  pending_.output.push_back(RunOutput{
      "interleave", Stream::Note,
      "Running is not wired into this build yet: the interpreter is not connected to the app, so " +
          request.filename +
          " was not run. The command line (interleave run FILE.py) will run it "
          "once the engine is complete.\n"});
}

RunStatus UnwiredRunner::poll() {
  RunStatus out = std::move(pending_);
  pending_ = RunStatus{};
  return out;
}

}  // namespace interleave::ui
