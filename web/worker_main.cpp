// The run worker's engine: run::run_source and nothing else (no UI, no SDL), built once per variant
// as interleave-worker-{mt,st}.{js,wasm} and loaded by public/run-worker.js inside a dedicated Web
// Worker, so that the page's main thread never runs or waits for a program.
//
// The worker's JS (run-worker.js) calls these exported functions on the worker's own JS thread:
//   iw_start(...)    starts a run. mt: on a new pthread, returning at once, so the worker's JS
//                    thread stays free to start more pthreads for Python threads (past the pre-started
//                    pool) and to hear "stop"; st: runs to the end inside the call, Python threads
//                    taking turns on this one thread (run mode "coop"), output flushed on the way.
//   iw_stop()        raises Options::stop_request (mt); the driver ends the run within 200 ms.
//   iw_take_output() moves the output produced so far into a staging buffer (iw_output_data) in
//                    frames of [fd: u8][length: u32 LE][bytes], and returns its size.
//   iw_status()      -1 while a run goes on, else its exit status (PRODUCT.md's CLI statuses).
//   iw_summary(), iw_trace(), iw_elapsed()  the finished run's summary JSON, Chrome trace JSON
//                    ("" when not recorded as JSON) and wall time in seconds.
//   iw_assemble()    once the run and its child processes ended (the router settled): merges the
//                    children's reports into the run's trace (run/process_merge.h) and makes its
//                    summary and Chrome JSON again from the merged trace; nothing for a run that
//                    started no child.
//   iw_trace_bytes() / iw_trace_bytes_data()  a run recorded for the page (want_trace 2): a
//                    run/process_report.h report holding its trace in the byte form of
//                    trace/trace_bytes.h, at most kPageTraceEvents events (a run spinning for
//                    minutes must not hand the page hundreds of MB), the program's module globals
//                    and its children's, for the memory view; called after the run's end was
//                    reported, so that the end never waits for it.
//   iw_finish()      joins the finished run's thread and forgets it (before the next iw_start).
//   iw_program_threads(code)  1 when the parsed program's imports, anywhere in it, reach what
//                    starts Python threads (threading or _thread, or anything of them; the whole
//                    concurrent.futures or its ThreadPoolExecutor; multiprocessing's ThreadPool
//                    or dummy), else 0 (`from concurrent.futures import ProcessPoolExecutor`
//                    alone: its worker processes run no threads; also 0 for a program that does
//                    not parse: it fails in its run). A child process runs the same program, so
//                    run-worker.js gives such a program's children the engine with threads.
// Processes (docs/processes.md, "Processes in the browser"): a real run's program is process 0 of
// the run worker's router (public/process-router.js); each child is one process worker
// (public/process-worker.js) holding its own instance of this module, started by
//   iw_start_child(...) the spawned child's run: the program re-run as __mp_main__, then the
//                    pickled Process (a fork child: the parent's heap snapshot restored, then its
//                    Process); its output goes out with its records, in order. A traced child
//                    (the program's run is recorded) records its run too and, at its end, sends
//                    its report (trace, clock origin, name, globals) before its exit record.
//   iw_take_records() / iw_records_data()  the records for the router queued so far
//                    (web_process_host.h); mt asks for them through self.__interleaveKick.
//   iw_deliver(kind, a, b, ptr, len)        one message of the router.
//   iw_step(slice_ms) st: runs the cooperative run for up to slice_ms; -1 while it goes on, then
//                    its status (-6: os.abort in a child); iw_wake_ms(): when to step again at
//                    the latest (-1: when a message arrives).
// Invariants: at most one run at a time; output frames keep the driver's order. Thread rules: the
// exported functions run on the worker's JS thread only; the run thread touches only `Run`'s
// output buffer (under its mutex) and its own fields until `done` is set (release/acquire).
#include <emscripten.h>
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <emscripten/threading.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ipc/mp_module.h"
#include "lang/imports.h"
#include "lang/parser.h"
#include "process_names.h"
#include "run/coop_driver.h"
#include "run/process_merge.h"
#include "run/process_report.h"
#include "run/program.h"
#include "run/stepped_run.h"
#include "trace/chrome_json.h"
#include "trace/summary.h"
#include "trace/trace.h"
#include "trace/trace_bytes.h"
#include "version.h"
#include "web_process_host.h"

namespace {

#if defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kThreads = true;
#else
constexpr bool kThreads = false;
#endif

// Calls the worker JS's flush hook: in st the JS thread is busy inside iw_start, so output is
// pushed from here instead of being polled.
EM_JS(void, iw_js_flush, (), { if (typeof self.__interleaveFlush === 'function') self.__interleaveFlush(); });

EM_JS(void, iw_js_kick, (), { if (typeof self.__interleaveKick === 'function') self.__interleaveKick(); });

// mt: has the worker's JS thread take this process's records (web_process_host.h), waiting for it:
// an asynchronous call to that thread was measured to wait for its next timer (8 ms) instead.
void kick_js() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  emscripten_sync_run_in_main_runtime_thread(EM_FUNC_SIG_V, iw_js_kick);
#endif
}

// The most events of a trace handed to the page: about 12 MB, several minutes of two threads
// trading the GIL; the timeline shows the detail up to there, the totals stay exact.
constexpr std::size_t kPageTraceEvents = 250'000;

using interleave::web::WebProcessHost;
constexpr std::int64_t kProgramPid = 10000;  // process 0's; children: WebProcessHost's ids

struct Run {
  std::string code, filename;
  interleave::run::Options options;
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::string pending;  // output frames not yet taken (guarded by mu)
  std::atomic<bool> done{false};
  int status = -1;       // written before done is set
  double elapsed = 0;    // seconds
  std::string summary, trace;
  // A recorded run's merged trace (trace_ready, on the run's thread before `done`; iw_assemble
  // merges the children into it).
  std::shared_ptr<const interleave::trace::Trace> recorded;
  // The memory view's: the program's globals (globals_ready: not for a stopped run) and its
  // children's (child_globals_ready in sim; the children's reports in real mode).
  std::optional<interleave::run::GlobalsList> globals;
  std::optional<std::vector<interleave::run::ChildGlobals>> child_globals;
  std::thread thread;    // mt only
  double last_flush_ms = 0;
  bool child = false;    // a spawned child's run: output goes out with the host's records
  std::unique_ptr<WebProcessHost> host;                 // real runs: processes
  std::unique_ptr<interleave::run::SteppedRun> stepped;  // st real runs
  std::unique_ptr<interleave::web::ProcessNames> names;  // cooperative real runs' tracer
  double started_ms = 0;
};

Run* current = nullptr;  // the worker's run (JS thread only)
std::string staged;      // the frames iw_take_output handed out last
std::string staged_records;  // the records iw_take_records handed out last
std::vector<std::uint8_t> staged_trace;  // the trace bytes iw_trace_bytes handed out last
int run_counter = 0;

void append_frame(Run& run, int fd, std::string_view text) {
  const auto n = static_cast<std::uint32_t>(text.size());
  const char head[5] = {static_cast<char>(fd == 2 ? 2 : 1), static_cast<char>(n & 0xff),
                        static_cast<char>((n >> 8) & 0xff), static_cast<char>((n >> 16) & 0xff),
                        static_cast<char>((n >> 24) & 0xff)};
  std::lock_guard<std::mutex> lock(run.mu);
  run.pending.append(head, sizeof head);
  run.pending.append(text);
}

std::string read_and_remove(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  in.close();
  std::remove(path.c_str());
  return text.str();
}

// Where a run's output goes: a child's with its records, the program's into `pending`.
interleave::run::OutputSink sink_of(Run& run) {
  if (run.child) {
    WebProcessHost* host = run.host.get();
    return [host](int fd, std::string_view text) { host->output(fd, text); };
  }
  return [&run](int fd, std::string_view text) {
        append_frame(run, fd, text);
        if (!kThreads) {
          // st: hand output over every ~16 ms or 64 KiB, the JS thread being busy here.
          const double now = emscripten_get_now();
          bool big = false;
          {
            std::lock_guard<std::mutex> lock(run.mu);
            big = run.pending.size() >= 64 * 1024;
          }
          if (big || now - run.last_flush_ms >= 16) {
            run.last_flush_ms = now;
            iw_js_flush();
          }
        }
      };
}

// A traced child's report for the program's process (web_process_host.h): its trace, capped as
// the page's, with the clock origin from its shutdown anchor; "" when the child is not traced.
std::string child_report(const Run& run) {
  if (!run.child || !run.host || !run.options.trace_ready) return {};
  interleave::run::ProcessReport report;
  report.name = run.host->name();
  report.globals = run.globals;
  if (run.recorded) {
    report.origin_ns = interleave::run::origin_ns(run.host->shutdown_ms(), run.recorded->end);
    const std::vector<std::uint8_t> bytes =
        interleave::trace::write_trace_bytes(*run.recorded, kPageTraceEvents);
    report.trace.assign(bytes.begin(), bytes.end());
  }
  return interleave::run::write_process_report(report);
}

void finished(Run& run, int status) {
  run.elapsed = (emscripten_get_now() - run.started_ms) / 1000;
  run.summary = read_and_remove(run.options.summary_path);
  run.trace = read_and_remove(run.options.trace_path);
  run.names.reset();
  if (run.child && run.host) run.host->ended(status, child_report(run));
  // The program's own os.abort() (st): the status a shell reports for SIGABRT.
  run.status = !run.child && status < 0 ? 128 - status : status;
  run.done.store(true, std::memory_order_release);
}

// A fork child's main program: its Process and __main__ come from the parent's heap snapshot
// (_mp.child_payload restores it, web_process_host.h), the program is not run again.
constexpr std::string_view kForkChildSource = R"PY(
import multiprocessing as _multiprocessing
_multiprocessing._child_bootstrap()
)PY";

std::string_view code_of(const Run& run) {
  if (!run.child) return run.code;
  return run.host->snapshot_fork_child() ? kForkChildSource : interleave::ipc::kChildMainSource;
}

void execute(Run& run) {
  const std::string_view code = code_of(run);
  const int status = interleave::run::run_source(code, run.filename, run.options, sink_of(run));
  finished(run, status);
}

// Starts `run` (current): on a pthread (mt), in steps (st real runs), or to its end (st sim).
void launch(Run* run) {
  current = run;
  run->started_ms = emscripten_get_now();
  if (kThreads) {
    run->thread = std::thread([run] { execute(*run); });
  } else if (run->options.mode == "coop") {
    const std::string_view code = code_of(*run);
    run->stepped = std::make_unique<interleave::run::SteppedRun>(code, run->filename,
                                                                 run->options, sink_of(*run));
  } else {
    execute(*run);
  }
}

std::string copy_bytes(const char* data, int size) {
  return size > 0 && data != nullptr ? std::string(data, static_cast<std::size_t>(size))
                                     : std::string();
}

}  // namespace

extern "C" {

// {"build":"mt"|"st","threads":bool,"version":"..."}: what this worker can do.
EMSCRIPTEN_KEEPALIVE const char* iw_info_json() {
  static const std::string json = std::string("{\"build\":\"") + (kThreads ? "mt" : "st") +
                                  "\",\"threads\":" + (kThreads ? "true" : "false") +
                                  ",\"version\":\"" + interleave::version() + "\"}";
  return json.c_str();
}

// Starts a run; returns 0, or 1 when a run is still active (the caller finishes it first).
// mode: "real" | "sim" (st runs "real" as "coop": Python threads take turns on one core under the
// GIL). seed < 0: none. want_summary: record the run and hand back the summary JSON; want_trace:
// 0 no trace, 1 the Chrome trace JSON (iw_trace), 2 the trace's bytes (iw_trace_bytes).
// profile: the simulator's profile keys as INI text (run::Options::profile_text), "" for none.
EMSCRIPTEN_KEEPALIVE int iw_start(const char* code, const char* filename, const char* mode,
                                  const char* gil, double interval, int cores, const char* start,
                                  double timeout, double seed, int want_summary, int want_trace,
                                  const char* profile) {
  if (current != nullptr) return 1;
  auto* run = new Run;
  run->code = code;
  run->filename = filename;
  interleave::run::Options& o = run->options;
  o.mode = mode;
  if (!kThreads && o.mode == "real") o.mode = "coop";
  o.gil = gil;
  o.switch_interval = interval;
  o.cores = cores;
  o.start_method = start;
  o.timeout = timeout;
  if (seed >= 0) o.seed = static_cast<std::uint64_t>(seed);
  if (profile != nullptr) o.profile_text = profile;
  o.argv = {run->filename};
  o.stop_request = &run->stop;
  ++run_counter;
  // Every driver records (the cooperative one as threads taking turns under one GIL).
  if (want_summary) o.summary_path = "/tmp/run-" + std::to_string(run_counter) + ".summary.json";
  if (want_trace == 1) o.trace_path = "/tmp/run-" + std::to_string(run_counter) + ".trace.json";
  const bool recorded = want_summary != 0 || want_trace != 0;
  if (recorded) {
    o.trace_ready = [run](std::shared_ptr<const interleave::trace::Trace> trace) {
      run->recorded = std::move(trace);
    };
  }
  o.globals_ready = [run](interleave::run::GlobalsList globals) { run->globals = std::move(globals); };
  if (o.mode == "sim") {
    o.child_globals_ready = [run](std::vector<interleave::run::ChildGlobals> children) {
      run->child_globals = std::move(children);
    };
  } else {
    WebProcessHost::Identity id;
    id.pid = kProgramPid;
    id.ppid = kProgramPid - 1;
    run->host = std::make_unique<WebProcessHost>(id, kThreads ? std::function<void()>(kick_js) : std::function<void()>());
    o.process_host = run->host.get();
    if (recorded) run->host->set_trace_children(true);
    if (!kThreads) run->names = std::make_unique<interleave::web::ProcessNames>(*run->host);
  }
  launch(run);
  return 0;
}

// Starts a spawned child's run in this process worker (see the header comment); 0, or 1 when
// this worker already runs one.
EMSCRIPTEN_KEEPALIVE int iw_start_child(int index, double pid, double ppid, const char* path,
                                        const char* source, const char* payload, int payload_size,
                                        const char* gil, double interval, int traced) {
  if (current != nullptr) return 1;
  auto* run = new Run;
  run->child = true;
  run->filename = "<interleave child>";
  WebProcessHost::Identity id;
  id.index = index;
  id.pid = static_cast<std::int64_t>(pid);
  id.ppid = static_cast<std::int64_t>(ppid);
  id.child = true;
  id.program_path = path;
  id.program_source = source;
  id.payload = copy_bytes(payload, payload_size);
  id.traced = traced != 0;
  run->host = std::make_unique<WebProcessHost>(std::move(id),
                                               kThreads ? std::function<void()>(kick_js) : std::function<void()>());
  interleave::run::Options& o = run->options;
  o.mode = kThreads ? "real" : "coop";
  o.gil = gil;
  o.switch_interval = interval;
  o.argv = {path};
  o.stop_request = &run->stop;
  o.process_host = run->host.get();
  // A traced child records its run for its report. st: the cooperative driver records, and
  // ProcessNames keeps the names; mt: the real driver records and installs run/process_trace.h's
  // tracer (the names go into the trace), and its exits unwind
  // (WebProcessHost::exits_by_unwinding), so its run ends and reports as an st child's does.
  if (traced != 0) {
    o.trace_ready = [run](std::shared_ptr<const interleave::trace::Trace> trace) {
      run->recorded = std::move(trace);
    };
    o.globals_ready = [run](interleave::run::GlobalsList globals) {
      run->globals = std::move(globals);
    };
    run->host->set_trace_children(true);
    if (!kThreads) run->names = std::make_unique<interleave::web::ProcessNames>(*run->host);
  }
  launch(run);
  return 0;
}

EMSCRIPTEN_KEEPALIVE int iw_take_records() {
  staged_records.clear();
  if (current == nullptr || !current->host) return 0;
  staged_records = current->host->take_outgoing();
  return static_cast<int>(staged_records.size());
}

EMSCRIPTEN_KEEPALIVE const char* iw_records_data() { return staged_records.data(); }

EMSCRIPTEN_KEEPALIVE void iw_deliver(int kind, int a, int b, const char* data, int size) {
  if (current == nullptr || !current->host) return;
  current->host->deliver(static_cast<interleave::web::In>(kind), a, b,
                         std::string_view(data, size > 0 ? static_cast<std::size_t>(size) : 0));
}

namespace {
double wake_ms = -1;
}

// st: one step of the cooperative run (see the header comment).
EMSCRIPTEN_KEEPALIVE int iw_step(double slice_ms) {
  if (current == nullptr) return 0;
  if (current->done.load(std::memory_order_acquire)) return current->status;
  if (!current->stepped) return -1;
  std::int64_t wake_ns = -1;
  const int status = current->stepped->step(static_cast<std::int64_t>(slice_ms * 1e6), &wake_ns);
  if (status == interleave::run::CoopDriver::kRunning) {
    const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
    wake_ms = wake_ns < 0 ? -1 : std::max<double>(0, static_cast<double>(wake_ns - now) / 1e6);
    return -1;
  }
  current->stepped.reset();
  finished(*current, status);
  return status;
}

EMSCRIPTEN_KEEPALIVE double iw_wake_ms() { return wake_ms; }

EMSCRIPTEN_KEEPALIVE void iw_stop() {
  if (current != nullptr) current->stop.store(true);
}

EMSCRIPTEN_KEEPALIVE int iw_take_output() {
  staged.clear();
  if (current == nullptr) return 0;
  std::lock_guard<std::mutex> lock(current->mu);
  staged.swap(current->pending);
  return static_cast<int>(staged.size());
}

EMSCRIPTEN_KEEPALIVE const char* iw_output_data() { return staged.data(); }

// The run's status, -1000 while it goes on (a child's may be negative: killed by a signal).
EMSCRIPTEN_KEEPALIVE int iw_status() {
  if (current == nullptr || !current->done.load(std::memory_order_acquire)) return -1000;
  return current->status;
}

EMSCRIPTEN_KEEPALIVE const char* iw_summary() { return current ? current->summary.c_str() : ""; }
EMSCRIPTEN_KEEPALIVE const char* iw_trace() { return current ? current->trace.c_str() : ""; }
EMSCRIPTEN_KEEPALIVE double iw_elapsed() { return current ? current->elapsed : 0; }

EMSCRIPTEN_KEEPALIVE void iw_assemble() {
  Run* run = current;
  if (run == nullptr || !run->done.load(std::memory_order_acquire) || run->child || !run->host ||
      !run->recorded) {
    return;
  }
  std::vector<interleave::run::ChildSeen> seen;
  for (const WebProcessHost::ChildRecord& c : run->host->children_seen()) {
    interleave::run::ChildSeen s;
    s.pid = static_cast<interleave::trace::ProcessId>(c.pid);
    s.name = c.name;
    s.started_ms = c.started_ms;
    if (c.spawned_ms > 0) s.recorded_ms = c.spawned_ms;
    if (c.ended) s.ended_ms = c.ended_ms;
    s.exitcode = c.exitcode;
    seen.push_back(std::move(s));
  }
  const std::vector<std::string> reports = run->host->take_reports();
  if (seen.empty() && reports.empty()) return;
  interleave::run::MergedProcesses merged = interleave::run::merge_processes(
      *run->recorded, run->host->shutdown_ms(), run->recorded->end, seen, reports);
  for (const std::string& problem : merged.problems) {
    append_frame(*run, 2, "interleave: a child process's report was left out: " + problem + "\n");
  }
  // As natively: children's globals only when the program's were taken (not for a stopped run).
  if (run->globals) run->child_globals = std::move(merged.child_globals);
  auto trace = std::make_shared<const interleave::trace::Trace>(std::move(merged.trace));
  if (!run->options.summary_path.empty()) {
    run->summary = interleave::trace::summary_json(interleave::trace::summarize(*trace));
  }
  if (!run->options.trace_path.empty()) run->trace = interleave::trace::write_chrome_json(*trace);
  run->recorded = std::move(trace);
}

// The finished run's report for the page (see the header comment); 0 when its trace was not
// recorded. Frees the run's copy: a second call answers 0.
EMSCRIPTEN_KEEPALIVE int iw_trace_bytes() {
  staged_trace.clear();
  staged_trace.shrink_to_fit();
  if (current == nullptr || !current->done.load(std::memory_order_acquire) || !current->recorded) {
    return 0;
  }
  interleave::run::ProcessReport report;
  {
    const std::vector<std::uint8_t> bytes =
        interleave::trace::write_trace_bytes(*current->recorded, kPageTraceEvents);
    report.trace.assign(bytes.begin(), bytes.end());
  }
  current->recorded.reset();
  report.globals = current->globals;
  report.children = current->child_globals;
  const std::string out = interleave::run::write_process_report(report);
  staged_trace.assign(out.begin(), out.end());
  return static_cast<int>(staged_trace.size());
}

EMSCRIPTEN_KEEPALIVE const std::uint8_t* iw_trace_bytes_data() { return staged_trace.data(); }

// See the header comment. multiprocessing itself starts no Python thread in a child (the page's
// host neither: its sends never block), so only the program's own imports count.
EMSCRIPTEN_KEEPALIVE int iw_program_threads(const char* code) {
  const interleave::lang::ParseResult parsed = interleave::lang::parse(code, "<program>");
  if (!parsed.ok()) return 0;
  const auto within = [](std::string_view name, std::string_view module) {
    return name == module ||
           (name.size() > module.size() && name.substr(0, module.size()) == module &&
            name[module.size()] == '.');
  };
  for (const std::string& name : interleave::lang::imported_names(*parsed.module)) {
    if (within(name, "threading") || within(name, "_thread") ||
        within(name, "multiprocessing.dummy") || name == "concurrent.futures" ||
        name == "concurrent.futures.ThreadPoolExecutor" ||
        name == "multiprocessing.pool.ThreadPool") {
      return 1;
    }
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE void iw_finish() {
  if (current == nullptr || !current->done.load(std::memory_order_acquire)) return;
  if (current->thread.joinable()) current->thread.join();
  delete current;
  current = nullptr;
}

}  // extern "C"

// No main: the module's runtime starts, then the worker's JS waits for requests.
