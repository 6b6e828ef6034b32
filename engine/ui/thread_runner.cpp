// ThreadRunner: one worker thread per run; everything it produces crosses to the UI thread through
// Shared, under its mutex (output, the end) or as atomics (stop, simulated time, the phase).
#include "ui/thread_runner.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "run/program.h"
#include "ui/run_options.h"

namespace interleave::ui {

struct ThreadRunner::Shared {
  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> sim_time_ns{0};
  std::atomic<bool> in_real_half{false};         // a compare run is past its simulated half
  std::atomic<std::int64_t> real_started_ns{0};  // steady clock, when the real half began

  std::mutex mu;
  // --- guarded by mu
  std::vector<RunOutput> output;
  std::size_t pending_bytes = 0;
  bool dropped = false;
  bool done = false;
  double elapsed = 0;  // at the end: the (first) run's virtual or wall time, seconds
  int exit_status = 0;
  std::optional<int> compare_exit_status;
  std::shared_ptr<const trace::Trace> trace, compare_trace;
  std::optional<Globals> globals, compare_globals;
  std::optional<std::vector<ProcessGlobals>> child_globals, compare_child_globals;

  // From the worker (or a thread of the program): appends to the last piece when it has the same
  // origin and stream, so that a chatty thread makes few pieces.
  void emit(std::string_view origin, Stream stream, std::string_view text) {
    std::lock_guard<std::mutex> lock(mu);
    if (pending_bytes + text.size() > kMaxPendingBytes) {
      if (!dropped) {
        output.push_back(RunOutput{"interleave", Stream::Note,
                                   "Output dropped: the program wrote faster than the console "
                                   "could show it.\n"});
      }
      dropped = true;
      return;
    }
    dropped = false;
    pending_bytes += text.size();
    if (!output.empty() && output.back().stream == stream && output.back().origin == origin) {
      output.back().text.append(text);
      return;
    }
    output.push_back(RunOutput{std::string(origin), stream, std::string(text)});
  }
};

namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A real run's child processes write to this OS process's stdout, not through the run's sink;
// the traces they hand to their parent hold what they wrote, so it reaches the console after the
// run, labelled with the process ("Process-1", or "Process-1 Thread-2" for another thread).
void emit_child_output(ThreadRunner::Shared& shared, const trace::Trace& t,
                       const std::string& prefix) {
  trace::ProcessId main = t.processes.empty() ? 0 : t.processes.front().pid;
  for (const trace::ProcessInfo& p : t.processes) {
    if (p.name == "MainProcess") main = p.pid;
  }
  for (const trace::Event& e : t.events) {
    if (e.kind != trace::Kind::Output || e.pid == main) continue;
    const trace::ProcessInfo* process = t.find_process(e.pid);
    const trace::ThreadInfo* thread = t.find_thread(e.pid, e.tid);
    std::string origin = prefix + (process ? process->name : "process " + std::to_string(e.pid));
    if (thread && thread->name != "MainThread" && e.tid != trace::kProcessLane) {
      origin += " " + thread->name;
    }
    shared.emit(origin, e.value == 2 ? Stream::Err : Stream::Out, t.text(e.text));
  }
  if (t.truncated && t.processes.size() > 1) {
    shared.emit("interleave", Stream::Note,
                "Child processes' output after the trace's memory bound is not shown.\n");
  }
}

// One run_source call on the worker thread. `prefix` labels a compare run's side ("sim ").
int run_one(ThreadRunner::Shared& shared, const RunRequest& request, bool simulated,
            const std::string& prefix, std::shared_ptr<const trace::Trace>* trace,
            std::optional<Globals>* globals,
            std::optional<std::vector<ProcessGlobals>>* child_globals) {
  run::Options options = to_run_options(request.settings, simulated);
  options.stop_request = &shared.stop;
  if (simulated) options.sim_time_ns = &shared.sim_time_ns;
  options.origin_output = [&](int fd, std::string_view origin, std::string_view text) {
    // Output before any Python thread runs (a syntax error) is the main thread's report.
    const std::string label = prefix + std::string(origin.empty() ? "MainThread" : origin);
    shared.emit(label, fd == 2 ? Stream::Err : Stream::Out, text);
  };
  options.trace_ready = [trace](std::shared_ptr<const trace::Trace> t) { *trace = std::move(t); };
  options.globals_ready = [globals](Globals g) { *globals = std::move(g); };
  options.child_globals_ready = [child_globals](std::vector<run::ChildGlobals> children) {
    child_globals->emplace();
    for (run::ChildGlobals& c : children) {
      (*child_globals)->push_back({c.process, std::move(c.globals)});
    }
  };
  try {
    const int status =
        run::run_source(request.source, request.filename, options, run::OutputSink());
    if (!simulated && *trace) emit_child_output(shared, **trace, prefix);
    return status;
  } catch (const std::exception& e) {
    shared.emit("interleave", Stream::Note, std::string("The run failed: ") + e.what() + "\n");
  } catch (...) {
    shared.emit("interleave", Stream::Note, "The run failed with an unknown error.\n");
  }
  return run::exit_status::kError;
}

void work(const std::shared_ptr<ThreadRunner::Shared>& shared, const RunRequest& request) {
  std::shared_ptr<const trace::Trace> trace, compare_trace;
  std::optional<Globals> globals, compare_globals;
  std::optional<std::vector<ProcessGlobals>> children, compare_children;
  std::optional<int> compare_status;
  int status = 0;
  const std::int64_t began = steady_ns();
  double elapsed = 0;
  if (request.settings.mode == RunMode::Compare) {
    status = run_one(*shared, request, true, "sim ", &trace, &globals, &children);
    elapsed = static_cast<double>(shared->sim_time_ns.load()) * 1e-9;
    if (shared->stop.load()) {
      compare_status = run::exit_status::kTimeout;  // stopped before the real half began
    } else {
      shared->real_started_ns.store(steady_ns());
      shared->in_real_half.store(true);
      compare_status = run_one(*shared, request, false, "real ", &compare_trace, &compare_globals,
                               &compare_children);
    }
  } else {
    const bool simulated = request.settings.mode == RunMode::Simulated;
    status = run_one(*shared, request, simulated, "", &trace, &globals, &children);
    elapsed = simulated ? static_cast<double>(shared->sim_time_ns.load()) * 1e-9
                        : static_cast<double>(steady_ns() - began) * 1e-9;
  }
  std::lock_guard<std::mutex> lock(shared->mu);
  shared->exit_status = status;
  shared->elapsed = elapsed;
  shared->compare_exit_status = compare_status;
  shared->trace = std::move(trace);
  shared->compare_trace = std::move(compare_trace);
  shared->globals = std::move(globals);
  shared->compare_globals = std::move(compare_globals);
  shared->child_globals = std::move(children);
  shared->compare_child_globals = std::move(compare_children);
  shared->done = true;
}

}  // namespace

ThreadRunner::~ThreadRunner() {
  finish_worker();
  if (worker_.joinable()) worker_.join();
}

void ThreadRunner::finish_worker() {
  if (shared_) shared_->stop.store(true);
  // A stopped run ends within 200 ms: wait that long (plus a margin), so that two real runs never
  // share the process host in the usual case; a run that cannot end sooner is retired instead of
  // freezing the UI.
  if (worker_exited_) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    while (!worker_exited_->load() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  retired_.add(std::move(worker_), worker_exited_);
}

void ThreadRunner::start(const RunRequest& request) {
  finish_worker();
  shared_ = std::make_shared<Shared>();
  const RunSettings settings = clamped(request.settings);
  simulated_ = settings.mode != RunMode::Real;
  time_limit_ = settings.time_limit;
  started_ = std::chrono::steady_clock::now();
  reported_end_ = false;
  RunRequest copy = request;
  copy.settings = settings;
  worker_exited_ = std::make_shared<std::atomic<bool>>(false);
  worker_ = std::thread([shared = shared_, copy = std::move(copy), exited = worker_exited_] {
    work(shared, copy);
    exited->store(true);
  });
}

void ThreadRunner::stop() {
  if (shared_) shared_->stop.store(true);
}

RunStatus ThreadRunner::poll() {
  retired_.reap();
  RunStatus status;
  if (!shared_) return status;
  bool done = false;
  double final_elapsed = 0;
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    status.output = std::move(shared_->output);
    shared_->output.clear();
    shared_->pending_bytes = 0;
    done = shared_->done;
    if (done && !reported_end_) {
      status.exit_status = shared_->exit_status;
      status.compare_exit_status = shared_->compare_exit_status;
      status.trace = shared_->trace;
      status.compare_trace = shared_->compare_trace;
      status.globals = std::move(shared_->globals);
      status.compare_globals = std::move(shared_->compare_globals);
      status.child_globals = std::move(shared_->child_globals);
      status.compare_child_globals = std::move(shared_->compare_child_globals);
      final_elapsed = shared_->elapsed;
    }
  }
  if (reported_end_) return status;  // Idle: only late output, if any
  const bool real_half = shared_->in_real_half.load();
  if (simulated_ && !real_half) {
    status.elapsed = static_cast<double>(shared_->sim_time_ns.load()) * 1e-9;
    status.elapsed_virtual = true;
    if (!done && time_limit_ > 0) status.progress = std::min(1.0, status.elapsed / time_limit_);
  } else if (real_half) {
    status.elapsed = static_cast<double>(steady_ns() - shared_->real_started_ns.load()) * 1e-9;
  } else {
    status.elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }
  if (!done) {
    status.phase = RunPhase::Running;
    return status;
  }
  worker_.join();  // it set `done` as its last step
  status.phase = RunPhase::Finished;
  status.elapsed = final_elapsed;
  status.elapsed_virtual = simulated_;  // a compare run's is its simulated half's
  reported_end_ = true;
  return status;
}

}  // namespace interleave::ui
