// SpeedupSweep: one simulated run per core count on a worker thread, output discarded; each run's
// final virtual time (Options::sim_time_ns) is its point. A run that does not finish with status 0
// ends the sweep (its timings would not compare), with a note.
#include "ui/speedup_sweep.h"

#include <utility>

#include "run/program.h"
#include "ui/run_options.h"

namespace interleave::ui {

struct SpeedupSweep::Shared {
  std::atomic<bool> cancel{false};
  std::mutex mu;
  SweepState state;  // guarded by mu
};

double SweepState::speedup(int cores) const {
  if (points.empty() || points.front().cores != 1 || points.front().wall_ns <= 0) return -1;
  for (const SweepPoint& p : points) {
    if (p.cores == cores && p.wall_ns > 0) {
      return static_cast<double>(points.front().wall_ns) / static_cast<double>(p.wall_ns);
    }
  }
  return -1;
}

namespace {

void sweep(const std::shared_ptr<SpeedupSweep::Shared>& shared, const std::string& source,
           const std::string& filename, RunSettings settings, int max_cores) {
  settings.mode = RunMode::Simulated;
  for (int cores : kSweepCores) {
    if (cores > max_cores) break;
    settings.cores = cores;
    run::Options options = to_run_options(settings, true);
    std::atomic<std::int64_t> end_ns{0};
    options.sim_time_ns = &end_ns;
    options.stop_request = &shared->cancel;
    int status = run::exit_status::kError;
    try {
      status = run::run_source(source, filename, options, [](int, std::string_view) {});
    } catch (const std::exception&) {
      status = run::exit_status::kError;
    }
    std::lock_guard<std::mutex> lock(shared->mu);
    if (shared->cancel.load()) {
      shared->state.phase = SweepState::Phase::Cancelled;
      return;
    }
    if (status != run::exit_status::kOk) {
      shared->state.phase = SweepState::Phase::Failed;
      shared->state.note = "the run on " + std::to_string(cores) + " core" +
                           (cores == 1 ? "" : "s") + " ended with exit status " +
                           std::to_string(status);
      return;
    }
    shared->state.points.push_back(SweepPoint{cores, end_ns.load(), status});
  }
  std::lock_guard<std::mutex> lock(shared->mu);
  shared->state.phase = SweepState::Phase::Done;
}

}  // namespace

SpeedupSweep::~SpeedupSweep() {
  cancel();
  if (worker_.joinable()) worker_.join();
}

void SpeedupSweep::start(std::string source, std::string filename, RunSettings settings,
                         int max_cores) {
  cancel();
  retired_.add(std::move(worker_), worker_exited_);  // never waited for here
  shared_ = std::make_shared<Shared>();
#if !INTERLEAVE_THREADS
  // A build without threads (the web page that is not cross-origin isolated) cannot simulate
  // beside the UI: creating the worker would fail. Say so instead.
  shared_->state.phase = SweepState::Phase::Failed;
  shared_->state.note = "the speedup curve needs threads, which this build has not";
  (void)max_cores;
  return;
#endif
  shared_->state.phase = SweepState::Phase::Running;
  worker_exited_ = std::make_shared<std::atomic<bool>>(false);
  worker_ =
      std::thread([shared = shared_, source = std::move(source), filename = std::move(filename),
                   settings = clamped(settings), max_cores, exited = worker_exited_] {
        sweep(shared, source, filename, settings, max_cores);
        exited->store(true);
      });
}

void SpeedupSweep::cancel() {
  if (shared_) shared_->cancel.store(true);
}

SweepState SpeedupSweep::poll() {
  retired_.reap();
  if (!shared_) return SweepState{};
  std::lock_guard<std::mutex> lock(shared_->mu);
  SweepState s = shared_->state;
  if (s.phase == SweepState::Phase::Running && shared_->cancel.load()) {
    s.phase = SweepState::Phase::Cancelled;  // as the user sees it; the worker ends shortly
  }
  return s;
}

}  // namespace interleave::ui
