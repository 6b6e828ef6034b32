// A run in steps (see stepped_run.h): the cooperative driver's begin/step, with the process host
// installed as run_source installs it for real runs, and shut down once the run ended.
#include "run/stepped_run.h"

#include <chrono>
#include <sstream>
#include <thread>

#include "ipc/mp_module.h"
#include "ipc/process_host.h"
#include "run/coop_driver.h"
#include "run/process_globals.h"
#include "trace/recorder.h"
#include "vm/interp.h"

namespace interleave::run {

SteppedRun::SteppedRun(std::string_view source, std::string_view filename,
                       const Options& options, OutputSink output)
    : options_(options), output_(std::move(output)), source_(source) {
  driver_ = std::make_unique<CoopDriver>(options_, output_);
  vm::Config config;
  config.argv = options_.argv;
  if (config.argv.empty()) config.argv.emplace_back(filename);
  if (options_.seed) config.seed = static_cast<std::int64_t>(*options_.seed & 0x7fffffffffffffffull);
  interp_ = std::make_unique<vm::Interpreter>(*driver_, config);
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  interp_->pid = 1000 + static_cast<std::int64_t>(static_cast<std::uint64_t>(now) % 30000);
  interp_->ppid = interp_->pid - 1;
  const unsigned cores = std::thread::hardware_concurrency();
  interp_->cpu_count = cores == 0 ? 1 : static_cast<std::int64_t>(cores);
  if (ipc::ProcessHost* host = options_.process_host) {
    std::ostringstream interval;
    interval << options_.switch_interval;
    host->set_program(filename, {"--gil", options_.gil, "--switch-interval", interval.str(),
                                 "--start-method", options_.start_method});
    host->set_program_source(source_);
    ipc::install_multiprocessing(*interp_, *host);
    interp_->pid = host->pid();
    interp_->ppid = host->ppid();
  }
  std::string error;
  main_ = interp_->load_main(source_, filename, &error);
  if (main_ == nullptr) {
    if (output_) output_(2, error);
    status_ = exit_status::kError;
    ended_ = true;
    finish();
    return;
  }
  if (!options_.trace_path.empty() || !options_.summary_path.empty() || options_.trace_ready) {
    // Recorded as run_source records coop runs: the threads take turns under one GIL.
    recorder_ = std::make_unique<trace::Recorder>(
        trace::RecorderOptions{.clock = trace::ClockKind::Steady});
    const auto pid = options_.process_host != nullptr
                         ? static_cast<trace::ProcessId>(options_.process_host->pid())
                         : trace::ProcessId{0};
    driver_->record_into(*recorder_, pid);
  }
  driver_->begin(*main_);
}

SteppedRun::~SteppedRun() {
  if (!ended_) finish();
}

void SteppedRun::finish() {
  // The memory view's globals, as run_source hands them (not for a stopped or timed-out run).
  if (ended_ && main_ != nullptr && options_.globals_ready && status_ != exit_status::kTimeout) {
    options_.globals_ready(snapshot_globals(*interp_, *main_));
  }
  if (ipc::ProcessHost* host = options_.process_host) {
    host->shutdown(status_ != exit_status::kTimeout && status_ != exit_status::kDeadlock,
                   options_.timeout);
    ipc::uninstall_multiprocessing(*host);
  }
  if (recorder_ && ended_) {  // (not when abandoned unfinished)
    driver_->finish_recording(status_);
    write_trace_files(*recorder_, options_, output_);
    recorder_.reset();
  }
}

int SteppedRun::step(std::int64_t slice_ns, std::int64_t* wake_ns) {
  *wake_ns = -1;
  if (ended_) return status_;
  const std::int64_t until = driver_->monotonic_ns() + slice_ns;
  const int status = driver_->step(until, wake_ns);
  if (status == CoopDriver::kRunning) return status;
  // A negative status is a signal's (os.abort in a child: -6), its exit code as CPython says.
  status_ = status;
  ended_ = true;
  finish();
  return status;
}

}  // namespace interleave::run
