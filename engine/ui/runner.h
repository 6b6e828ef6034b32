// How the UI runs a program: the Runner interface the platform implements (natively on a worker
// thread, on the web on a pthread or in a worker), so the UI never blocks on a run. The UI thread
// calls start/stop/poll; an implementation hands results over through poll() only.
// UnwiredRunner is the default until a platform provides one: it says so in the console.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trace/trace.h"
#include "ui/console_model.h"
#include "ui/run_settings.h"

namespace interleave::ui {

using Globals = std::vector<std::pair<std::string, std::string>>;
// A child process's module globals at its end; `process` is its id in the run's trace.
struct ProcessGlobals {
  std::uint32_t process = 0;
  Globals globals;
};

struct RunRequest {
  std::string source;
  std::string filename = "prog.py";  // the name tracebacks use (and the console links)
  RunSettings settings;
};

// A piece of a program's output. `origin` labels the thread or process that wrote it, e.g.
// "MainThread", "Thread-1", "Process-1"; in a compare run prefixed "sim " or "real ".
struct RunOutput {
  std::string origin;
  Stream stream = Stream::Out;
  std::string text;  // may hold several lines, or end mid-line
};

enum class RunPhase { Idle, Running, Finished };

struct RunStatus {
  RunPhase phase = RunPhase::Idle;
  double progress = -1;          // 0..1 when known (simulations), else negative
  double elapsed = 0;            // seconds so far: wall time, or virtual time when elapsed_virtual
  bool elapsed_virtual = false;  // elapsed is the simulator's virtual time (else this machine's)
  std::optional<int> exit_status;  // once Finished: 0, 1, 3 (deadlock), 124 (time limit or Stop)
  std::vector<RunOutput> output;   // produced since the previous poll(), in order
  // Once Finished: the run's recorded trace (null if none was recorded). In a compare run `trace`
  // is the simulated run's and `compare_trace` the real run's, with its exit status.
  std::shared_ptr<const trace::Trace> trace;
  std::shared_ptr<const trace::Trace> compare_trace;
  std::optional<int> compare_exit_status;
  // Once Finished: the main process's module globals at the end as (name, short repr), for the
  // memory view (run::Options::globals_ready); in a compare run, of each side. nullopt: not
  // captured (a stopped real run), or a runner that cannot capture them (the page's).
  std::optional<Globals> globals, compare_globals;
  // Once Finished: the child processes' globals at their ends (run::Options::
  // child_globals_ready; a child that did not end normally has none); in a compare run, of each
  // side. nullopt: not captured (a stopped run), or a runner that cannot (the page's).
  std::optional<std::vector<ProcessGlobals>> child_globals, compare_child_globals;
};

class Runner {
 public:
  virtual ~Runner() = default;
  // Starts a run; a run still going is stopped first. Returns at once.
  virtual void start(const RunRequest& request) = 0;
  // Asks the current run to end (it reports Finished with status 124 within 200 ms).
  virtual void stop() = 0;
  // Called once per frame: the state now and the output since the last call. Never blocks.
  virtual RunStatus poll() = 0;
};

// The runner of a build whose platform has not wired one in yet: every run finishes at once with
// a note saying that running is not available in this build.
class UnwiredRunner final : public Runner {
 public:
  void start(const RunRequest& request) override;
  void stop() override {}
  RunStatus poll() override;

 private:
  RunStatus pending_;
};

}  // namespace interleave::ui
