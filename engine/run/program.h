// Running a whole program: the entry point the command line, the desktop app and the browser share.
// run_file parses, compiles and runs a program under the driver the options name, and returns the
// exit status of PRODUCT.md (0 ok, 1 exception or syntax error, 2 usage, 3 deadlock, 124 timeout).
// Thread-safety: each call is independent; a Program may be stopped from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace interleave::ipc {
class ProcessHost;
}
namespace interleave::trace {
class Recorder;
struct Trace;
}

namespace interleave::run {

// A child process's module globals (child_globals_ready): `process` is its id in the run's trace.
struct ChildGlobals {
  std::uint32_t process = 0;
  std::vector<std::pair<std::string, std::string>> globals;
};

struct Options {
  std::string mode = "real";            // real | sim
  std::string gil = "on";               // on | off | legacy
  double switch_interval = 0.005;       // seconds
  int cores = 0;                        // simulated cores; 0: this machine's
  std::string start_method = "spawn";   // fork | spawn
  double timeout = 0;                   // seconds; 0: none
  std::optional<std::uint64_t> seed;    // random's seed and the simulator's tie-breaking
  std::string trace_path;               // --trace FILE.json
  std::string summary_path;             // --summary FILE.json
  std::vector<std::string> argv;        // sys.argv (argv[0] is the program's path)
  // Set from any thread to stop the run (the UI's Stop button); it ends within 200 ms, status 124.
  const std::atomic<bool>* stop_request = nullptr;
  // Added for --mode sim: a cost profile file (`--profile FILE`, format in docs/simulator.md);
  // empty: the built-in profile derived from CPython 3.11.
  std::string profile_path;
  // Profile keys in the same INI format, applied over the file's (the playground's edited model:
  // only the keys that differ from the built-in); empty: none. A bad line fails the run (status 2).
  std::string profile_text;
  // --load K (sim): K always-runnable CPU-bound competitors share the simulated cores
  // (machine.background_load, docs/simulator.md); -1: the profile's value (0 built in).
  int background_load = -1;
  // Added for multiprocessing (docs/processes.md): the OS process host of mode=real runs; null:
  // ipc::default_process_host(), and without one `multiprocessing` cannot be imported.
  ipc::ProcessHost* process_host = nullptr;

  // Added for the playground (engine/ui), each optional:
  // - origin_output: receives the program's output instead of the plain OutputSink, with the name
  //   of the Python thread that wrote it ("MainThread", "Thread-1 (worker)"; "" when no Python
  //   thread wrote it, e.g. an interleave error before the run). Same calling rules as OutputSink.
  std::function<void(int fd, std::string_view origin, std::string_view text)> origin_output;
  // - trace_ready: the run is recorded (as for --trace) and the merged trace handed here once,
  //   after every thread of the run ended (on the thread that called run_source).
  std::function<void(std::shared_ptr<const trace::Trace>)> trace_ready;
  // - sim_time_ns: during a simulated run, the virtual time reached so far (ns), stored as the
  //   simulation advances; another thread may read it (a progress bar).
  std::atomic<std::int64_t>* sim_time_ns = nullptr;
  // - globals_ready: once the run ended, the main process's module globals as (name, short repr)
  //   pairs in definition order, for the memory view. Values of the built-in types (numbers,
  //   strings, and lists, tuples, dicts and sets of them) are shown as repr() shows them, cut to
  //   kGlobalReprMax bytes; other values by their type ("<Counter object>"); modules, functions,
  //   classes and __dunder__ names are left out. No Python code runs for it. Not called when a
  //   real run was stopped or timed out (its threads may still be running).
  std::function<void(std::vector<std::pair<std::string, std::string>>)> globals_ready;
  // - child_globals_ready: once the run ended, each child process's module globals as the child
  //   left them at its end (run/process_globals.h), by the child's process id in the trace:
  //   every child of a simulated run; in a real run those that ended by returning or exit() and
  //   left their trace (not a killed child, nor one under --gil off). Not called when a real run
  //   was stopped or timed out.
  std::function<void(std::vector<ChildGlobals>)> child_globals_ready;
};
inline constexpr std::size_t kGlobalReprMax = 120;

// Where the program's output goes. Called from the driver, in order, possibly from any thread
// (never two calls at once).
using OutputSink = std::function<void(int fd, std::string_view text)>;

namespace exit_status {
inline constexpr int kOk = 0, kError = 1, kUsage = 2, kDeadlock = 3, kTimeout = 124;
}

// Runs `source` (named `filename` in tracebacks) to completion; returns the exit status.
int run_source(std::string_view source, std::string_view filename, const Options& options,
               const OutputSink& output);

// After a recorded run (every thread done): the Chrome JSON timeline (trace_path) and the summary
// (summary_path) from `recorder`, and the merged trace handed to trace_ready. A file that cannot
// be written is reported on `output` (fd 2); the run's exit status stays what the program made it.
void write_trace_files(const trace::Recorder& recorder, const Options& options,
                       const OutputSink& output);

// Prints the bytecode of `source` (interleave dis FILE.py); returns 0, or 1 on a syntax error.
int disassemble_source(std::string_view source, std::string_view filename,
                       const OutputSink& output);

}  // namespace interleave::run
