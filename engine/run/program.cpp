// The whole-program entry: parse and compile (a SyntaxError prints CPython's report, exit 1), build
// an interpreter, and run its main thread under the driver the options choose: the real-thread
// driver with its GIL for mode=real (make_real_driver), the simulator for mode=sim
// (make_sim_driver: virtual time, deterministic), the cooperative single-OS-thread driver for
// mode=coop (and as the test bed). With --trace / --summary the run is recorded (engine/trace) and
// the two files are written here, after the run. Each call owns everything it creates.
#include "run/program.h"

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "ipc/mp_module.h"
#include "ipc/process_host.h"
#include "run/coop_driver.h"
#include "run/process_globals.h"
#include "run/process_trace.h"
#include "run/real_driver.h"
#include "run/sim_driver.h"
#include "run/sim_process_host.h"
#include "run/sim_trace.h"
#include "trace/chrome_json.h"
#include "trace/recorder.h"
#include "trace/summary.h"
#include "vm/dict.h"
#include "vm/disassembler.h"
#include "vm/interp.h"
#include "vm/runtime.h"

namespace interleave::run {

namespace {

// A stand-in driver for compiling only (disassembly): no thread ever runs under it.
class NullDriver final : public vm::Driver {
 public:
  std::int64_t monotonic_ns() override { return 0; }
  std::int64_t wall_ns() override { return 0; }
  std::int64_t cpu_ns() override { return 0; }
  bool start_thread(vm::ThreadHandle&) override { return false; }
  std::uint64_t epoch() override { return 0; }
  void notify(const void*) override {}
  void write(int, std::string_view) override {}
  double switch_interval() override { return 0.005; }
  void set_switch_interval(double) override {}
  std::atomic<std::uint32_t>& eval_breaker() override { return breaker_; }

 private:
  std::atomic<std::uint32_t> breaker_{0};
};

vm::Config make_config(const Options& options, std::string_view filename) {
  vm::Config config;
  config.argv = options.argv;
  if (config.argv.empty()) config.argv.emplace_back(filename);
  config.free_threaded = options.gil == "off" && options.mode == "real";
  if (options.seed) config.seed = static_cast<std::int64_t>(*options.seed & 0x7fffffffffffffffull);
  // The simulator is deterministic: random too, seeded with 0 when no --seed is given.
  if (options.mode == "sim") {
    config.seed = static_cast<std::int64_t>(options.seed.value_or(0) & 0x7fffffffffffffffull);
  }
  return config;
}

int exit_status_of(const RunResult& r) {
  switch (r.end) {
    case RunResult::End::Deadlock:
      return exit_status::kDeadlock;
    case RunResult::End::TimeLimit:
    case RunResult::End::Stopped:
      return exit_status::kTimeout;
    default:
      return r.exit_status;
  }
}

// A recorder when --trace, --summary or trace_ready asks for one (null otherwise).
std::unique_ptr<trace::Recorder> make_recorder(const Options& options, trace::ClockKind clock) {
  if (options.trace_path.empty() && options.summary_path.empty() && !options.trace_ready) {
    return nullptr;
  }
  trace::RecorderOptions ro;
  ro.clock = clock;
  return std::make_unique<trace::Recorder>(ro);
}

bool write_file(const std::string& path, const std::string& text, const char* what,
                const OutputSink& output) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (out) out.close();
  if (!out) {
    if (output) output(2, std::string("interleave: cannot write ") + what + " '" + path + "'\n");
    return false;
  }
  return true;
}

}  // namespace

void write_trace_files(const trace::Recorder& recorder, const Options& options,
                       const OutputSink& output) {
  auto shared = std::make_shared<trace::Trace>(recorder.merge());
  const trace::Trace& merged = *shared;
  if (!options.trace_path.empty()) {
    write_file(options.trace_path, trace::write_chrome_json(merged), "trace", output);
  }
  if (!options.summary_path.empty()) {
    write_file(options.summary_path, trace::summary_json(trace::summarize(merged)), "summary",
               output);
  }
  if (options.trace_ready) options.trace_ready(std::move(shared));
}

namespace {

// The sink the driver writes to: the plain one, or origin_output with the writing thread's name
// (`origin` answers it on the writing thread; it is set once the driver exists).
OutputSink output_with_origin(const Options& options, const OutputSink& output,
                              const std::function<std::string()>* origin) {
  if (!options.origin_output) return output;
  return [&options, origin](int fd, std::string_view text) {
    options.origin_output(fd, *origin ? (*origin)() : std::string(), text);
  };
}

void set_process_facts(vm::Interpreter& interp) {
  // The engine sees no OS process API: a stable, plausible pid per run.
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  interp.pid = 1000 + static_cast<std::int64_t>(static_cast<std::uint64_t>(now) % 30000);
  interp.ppid = interp.pid > 1 ? interp.pid - 1 : 1;
  unsigned hc = std::thread::hardware_concurrency();
  interp.cpu_count = hc == 0 ? 1 : static_cast<std::int64_t>(hc);
}

}  // namespace

int run_source(std::string_view source, std::string_view filename, const Options& options,
               const OutputSink& plain_output) {
  std::function<std::string()> origin;
  const OutputSink output = output_with_origin(options, plain_output, &origin);
  if (options.mode == "real") {
    auto driver = make_real_driver(options, output);
    if (driver != nullptr) {
      origin = [d = driver.get()] { return d->current_thread_name(); };
    }
    if (driver == nullptr) {
      if (output) output(2, "interleave: unknown --gil mode '" + options.gil + "'\n");
      return exit_status::kUsage;
    }
    vm::Interpreter interp(*driver, make_config(options, filename));
    set_process_facts(interp);
    ipc::ProcessHost* host =
        options.process_host != nullptr ? options.process_host : ipc::default_process_host();
    if (host != nullptr) {
      std::ostringstream interval;
      interval << options.switch_interval;
      host->set_program(filename, {"--gil", options.gil, "--switch-interval", interval.str(),
                                   "--start-method", options.start_method});
      host->set_program_source(source);
      ipc::install_multiprocessing(interp, *host);
      RealDriver* d = driver.get();
      // A fork by heap snapshot only needs the world stopped (no OS fork copies the mutexes).
      if (host->forks_by_snapshot()) {
        host->set_fork_guard([d](const std::function<void()>& fn) { d->run_at_safepoint(fn); });
      } else {
        host->set_fork_guard([d](const std::function<void()>& fn) { d->fork_at_safepoint(fn); });
      }
      interp.pid = host->pid();
      interp.ppid = host->ppid();
    }
    std::string error;
    vm::Thread* main = interp.load_main(source, filename, &error);
    if (main == nullptr) {
      if (output) output(2, error);
      return exit_status::kError;
    }
    auto recorder = make_recorder(options, trace::ClockKind::Steady);
    // A child of a traced multiprocessing run records for its parent (run/process_trace.h).
    if (recorder == nullptr && host != nullptr && host->traced_child()) {
      recorder = std::make_unique<trace::Recorder>(
          trace::RecorderOptions{.clock = trace::ClockKind::Steady});
    }
    std::unique_ptr<ProcessTrace> processes;
    if (recorder) {
      const auto pid = host != nullptr ? static_cast<trace::ProcessId>(host->pid()) : 0;
      driver->record_into(*recorder, pid);
      if (host != nullptr) processes = std::make_unique<ProcessTrace>(*recorder, *driver, *host);
    }
    // A traced child (spawned, or forked later from this process) leaves its globals for the
    // parent's memory view at its exit, where the exiting thread holds the GIL; with the GIL off
    // other threads could be changing them.
    if (processes && !interp.free_threaded()) {
      processes->set_exit_globals([&interp] { return snapshot_globals(interp, *interp.main_thread); });
    }
    RunResult r = driver->run(*main);
    if (options.globals_ready && r.end != RunResult::End::TimeLimit &&
        r.end != RunResult::End::Stopped) {
      options.globals_ready(snapshot_globals(interp, *main));
    }
    if (host != nullptr) {
      host->shutdown(r.end == RunResult::End::Finished || r.end == RunResult::End::Exited,
                     options.timeout);
      host->set_fork_guard(nullptr);
      ipc::uninstall_multiprocessing(*host);
    }
    if (processes) processes->finish();
    if (processes && options.child_globals_ready && r.end != RunResult::End::TimeLimit &&
        r.end != RunResult::End::Stopped) {
      options.child_globals_ready(processes->child_globals());
    }
    if (recorder) write_trace_files(*recorder, options, output);
    return exit_status_of(r);
  }
  if (options.mode == "sim") {
    std::string why;
    auto driver = sim::make_sim_driver(options, output, &why);
    if (driver == nullptr) {
      if (output) output(2, why);
      return exit_status::kUsage;
    }
    vm::Interpreter interp(*driver, make_config(options, filename));
    // Deterministic process facts: the same on every machine and every run.
    interp.pid = 1000;
    interp.ppid = 999;
    interp.cpu_count = driver->settings().cores;
    std::string error;
    vm::Thread* main = interp.load_main(source, filename, &error);
    if (main == nullptr) {
      if (output) output(2, error);
      return exit_status::kError;
    }
    auto recorder = make_recorder(options, trace::ClockKind::Virtual);
    // The playground's hooks: each event's time is the progress, an Output event names the
    // writer of the output call that follows it (SimDriver::write logs, then writes).
    std::string writer;
    sim::EventSink watch;
    if (options.sim_time_ns != nullptr || options.origin_output) {
      sim::SimDriver* d = driver.get();
      watch = [&options, &writer, d](const sim::SimEvent& e) {
        if (options.sim_time_ns != nullptr) {
          options.sim_time_ns->store(e.time, std::memory_order_relaxed);
        }
        if (e.kind == sim::EventKind::Output) {
          // A child process's thread: "Process-1" (its main thread) or "Process-1 Thread-2".
          writer = d->thread_name(e.thread);
          if (e.process != 0) {
            const std::string process = d->process_name(e.process);
            writer = writer == "MainThread" ? process : process + " " + writer;
          }
        }
      };
      origin = [&writer] { return writer; };
    }
    std::unique_ptr<sim::TraceSink> sink;
    if (recorder) {
      sink = sim::record_into(*recorder, *driver, watch);
    } else if (watch) {
      driver->set_event_sink(watch);
    }
    RunResult r = driver->run(*main);
    int status = exit_status_of(r);
    if (options.sim_time_ns != nullptr) options.sim_time_ns->store(driver->now());
    // The simulator runs every thread on this OS thread: after run() none runs any more.
    if (options.globals_ready) options.globals_ready(snapshot_globals(interp, *main));
    if (options.child_globals_ready) {
      std::vector<ChildGlobals> children;
      if (sim::SimProcessHost* host = driver->process_host()) {
        host->for_each_child([&](int process, vm::Interpreter& child) {
          if (child.main_thread != nullptr) {
            children.push_back({static_cast<std::uint32_t>(process),
                                snapshot_globals(child, *child.main_thread)});
          }
        });
      }
      options.child_globals_ready(std::move(children));
    }
    if (recorder) {
      sink->finish(driver->now(), status);
      write_trace_files(*recorder, options, output);
    }
    return status;
  }
  if (options.mode == "coop") {
    CoopDriver driver(options, output);
    vm::Interpreter interp(driver, make_config(options, filename));
    set_process_facts(interp);
    std::string error;
    vm::Thread* main = interp.load_main(source, filename, &error);
    if (main == nullptr) {
      if (output) output(2, error);
      return exit_status::kError;
    }
    // Recorded as the real driver's runs are: the threads take turns under one GIL.
    auto recorder = make_recorder(options, trace::ClockKind::Steady);
    if (recorder) driver.record_into(*recorder);
    const int status = driver.run(*main);
    if (recorder) {
      driver.finish_recording(status);
      write_trace_files(*recorder, options, output);
    }
    return status;
  }
  if (output) {
    output(2, "interleave: mode '" + options.mode + "' is not available (use real or sim)\n");
  }
  return exit_status::kUsage;
}

int disassemble_source(std::string_view source, std::string_view filename,
                       const OutputSink& output) {
  NullDriver driver;
  vm::Interpreter interp(driver, vm::Config{});
  std::string text;
  if (!vm::disassemble(interp, source, filename, &text)) {
    if (output) output(2, text);
    return exit_status::kError;
  }
  if (output) output(1, text);
  return exit_status::kOk;
}

}  // namespace interleave::run
