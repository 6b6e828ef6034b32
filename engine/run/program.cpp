// The whole-program entry: parse and compile (a SyntaxError prints CPython's report, exit 1), build
// an interpreter, and run its main thread under the driver the options choose: the real-thread
// driver with its GIL for mode=real (make_real_driver), the cooperative single-OS-thread driver
// for mode=coop (and as the test bed). Each call owns everything it creates.
#include "run/program.h"

#include <chrono>
#include <memory>
#include <sstream>
#include <thread>

#include "ipc/mp_module.h"
#include "ipc/process_host.h"
#include "run/coop_driver.h"
#include "run/real_driver.h"
#include "vm/disassembler.h"
#include "vm/interp.h"

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
  return config;
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
               const OutputSink& output) {
  if (options.mode == "real") {
    auto driver = make_real_driver(options, output);
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
      host->set_fork_guard([d](const std::function<void()>& fn) { d->run_at_safepoint(fn); });
      interp.pid = host->pid();
      interp.ppid = host->ppid();
    }
    std::string error;
    vm::Thread* main = interp.load_main(source, filename, &error);
    if (main == nullptr) {
      if (output) output(2, error);
      return exit_status::kError;
    }
    RunResult r = driver->run(*main);
    if (host != nullptr) {
      host->shutdown(r.end == RunResult::End::Finished || r.end == RunResult::End::Exited,
                     options.timeout);
      host->set_fork_guard(nullptr);
      ipc::uninstall_multiprocessing(*host);
    }
    switch (r.end) {
      case RunResult::End::Deadlock: return exit_status::kDeadlock;
      case RunResult::End::TimeLimit:
      case RunResult::End::Stopped: return exit_status::kTimeout;
      default: return r.exit_status;
    }
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
    return driver.run(*main);
  }
  if (output) {
    output(2, "interleave: mode '" + options.mode + "' is not available yet (use real or coop)\n");
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
