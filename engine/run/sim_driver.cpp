// The simulator's event loop and its vm::Driver services (see sim_driver.h). One OS thread; all
// times virtual. Sections: [events] [threads on cores] [background load] [GIL] [blocking]
// [ending] [services] [factory and formatting]. How the GIL model behaves is told atop sim_gil.cpp, the parameters
// in docs/simulator.md.
/*
   How a run proceeds

   Every thread has at most one pending event (its `gen` marks older ones stale): a Step on its
   core, becoming Ready after a wake-up, a GIL wait timing out, or a blocking deadline. Events are
   handled in (time, phase, seq) order; phase 1 is only "execute bytecode", so every state change
   at an instant (a drop request, a take, a wake-up) is seen before any thread runs at it.

   A thread on a core steps through: TakeGil -> (GIL free: take, Exec | held: wait on `cond`,
   leaving the core) ; Exec -> run(budget) at time t, which returns having cost c; AfterRun at
   t + c acts on why it stopped (drop request, legacy tick release, block, finish). The budget
   stops run() near the next event (a drop request, the slice end, the time limit, at most a
   quantum), so the eval breaker is seen at the first safepoint after it would have been set.
   run() executes at once in real time: its effects (notify, output, start_thread) are stamped
   with the run's start plus its cost so far (ThreadHandle::run_cost_ns).

   Cores: a thread needs a core to run, to take the GIL or to look at it after a wake-up; waits
   (GIL, locks, sleeps) leave the core. Runnable threads without a core queue FIFO; at the end of
   its time slice a thread on a core is preempted if others wait (holding the GIL or not). With a
   background load (--load K) other programs' CPU-bound tasks share the cores, and the queue and
   the slices follow virtual runtime and the scheduler's ticks (see [background load]).
*/
#include "run/sim_driver.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

#include "run/deadlock.h"
#include "run/sim_process_host.h"

namespace interleave::run::sim {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

constexpr std::int64_t kLegacyTicks = Gil::kLegacyCheckInterval;

}  // namespace

SimDriver::SimDriver(const Settings& settings, OutputSink output)
    : settings_(settings),
      output_(std::move(output)),
      cores_(std::clamp(settings.cores, 1, kMaxCores)),
      rng_(settings.seed ^ 0x5eed5eed5eed5eedull) {
  add_process("MainProcess", false);
}

SimDriver::~SimDriver() = default;

// The vm::Driver of a simulated process other than the program: its own GIL and eval breaker,
// everything else the shared simulation's.
class SimDriver::ProcessDriver final : public vm::Driver {
 public:
  ProcessDriver(SimDriver& sim, int process) : sim_(sim), p_(process) {}
  std::int64_t monotonic_ns() override { return sim_.time_now(); }
  std::int64_t wall_ns() override { return sim_.wall_ns(); }
  std::int64_t cpu_ns() override { return sim_.cpu_ns(); }
  bool start_thread(vm::ThreadHandle& thread) override {
    if (sim_.ended_ || sim_.live_ >= sim_.settings_.max_threads) return false;
    sim_.add_thread(thread, p_, sim_.time_now(), sim_.settings_.profile.thread_start_ns);
    return true;
  }
  std::uint64_t epoch() override { return sim_.epoch_; }
  void notify(const void* object) override { sim_.notify(object); }
  void write(int fd, std::string_view text) override { sim_.write(fd, text); }
  double switch_interval() override { return sim_.proc(p_).gil.interval_seconds(); }
  void set_switch_interval(double seconds) override {
    sim_.proc(p_).gil.set_interval_seconds(seconds);
  }
  std::atomic<std::uint32_t>& eval_breaker() override { return sim_.proc(p_).breaker; }
  bool serialises_run() const override { return true; }

 private:
  SimDriver& sim_;
  int p_;
};

int SimDriver::add_process(std::string name, bool daemon) {
  const int index = static_cast<int>(procs_.size());
  auto p = std::make_unique<Proc>();
  p->name = std::move(name);
  p->daemon = daemon;
  p->gil.mode = settings_.gil;
  p->gil.set_interval_seconds(settings_.switch_interval);
  if (index > 0) p->facade = std::make_unique<ProcessDriver>(*this, index);
  procs_.push_back(std::move(p));
  return index;
}

vm::Driver& SimDriver::process_driver(int process) {
  if (process == 0) return *this;
  return *proc(process).facade;
}

void SimDriver::start_process(int process, vm::ThreadHandle& main, std::int64_t at,
                              std::int64_t startup_cpu_ns, std::int64_t exit_cpu_ns) {
  const int t = add_thread(main, process, time_now(), std::max<std::int64_t>(0, at - time_now()));
  threads_[static_cast<std::size_t>(t)].is_main = true;
  threads_[static_cast<std::size_t>(t)].startup_ns = std::max<std::int64_t>(0, startup_cpu_ns);
  proc(process).main_thread = t;
  proc(process).exit_cpu_ns = std::max<std::int64_t>(0, exit_cpu_ns);
}

int SimDriver::current_process() const {
  if (current_ < 0) return 0;
  return threads_[static_cast<std::size_t>(current_)].process;
}

std::string SimDriver::process_name(int process) const {
  if (process < 0 || process >= static_cast<int>(procs_.size())) return "-";
  return proc(process).name;
}

void SimDriver::charge(std::int64_t ns) {
  if (current_ >= 0 && ns > 0) run_extra_ += ns;
}

void SimDriver::notify_at(std::int64_t at, const void* object) {
  if (object == nullptr) return;
  events_.push(Event{std::max(at, time_now()), 0, seq_++, Ev::Notify, -1, 0, object});
}

void SimDriver::log_message(bool send, std::uint64_t flow, std::uint64_t bytes,
                            int from_process) {
  if (!sink_) return;
  SimEvent e;
  e.time = time_now();
  e.kind = send ? EventKind::MessageSend : EventKind::MessageReceive;
  e.thread = current_;
  if (current_ >= 0) e.process = threads_[static_cast<std::size_t>(current_)].process;
  e.other = from_process;
  e.flow = flow;
  e.bytes = bytes;
  sink_(e);
}

void SimDriver::set_process_host(std::unique_ptr<SimProcessHost> host) {
  host_ = std::move(host);
}

void SimDriver::kill_process(int process, int status) {
  if (process <= 0 || process >= static_cast<int>(procs_.size()) || !proc(process).alive) return;
  if (process == current_process()) return;
  end_process(process, status, time_now());
}

// Every thread of `process` ends where it is (a process's death: no unwinding, no joins).
void SimDriver::end_process(int process, int status, std::int64_t at) {
  Proc& p = proc(process);
  if (!p.alive) return;
  p.alive = false;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    Thread& th = threads_[i];
    if (th.process != process || th.state == State::Done) continue;
    const int t = static_cast<int>(i);
    auto b = std::find(blocked_.begin(), blocked_.end(), t);
    if (b != blocked_.end()) blocked_.erase(b);
    auto r = std::find(cores_.ready.begin(), cores_.ready.end(), t);
    if (r != cores_.ready.end()) cores_.ready.erase(r);
    th.holds_gil = false;
    th.state = State::Done;
    ++th.gen;
    --live_;
    log(at, EventKind::ThreadEnd, t);
    if (th.core >= 0) leave_core(t, at);
  }
  p.gil.locked = false;
  p.gil.holder = -1;
  p.gil.waiters.clear();
  p.gil.switch_waiters.clear();
  log(at, EventKind::ProcessEnd, p.main_thread, status);
  if (process == 0) return;
  if (on_process_exit_) on_process_exit_(process, status);
  if (main_done_) main_finished(main_code_);
}

void SimDriver::exit_process(int t, int status, std::int64_t at) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  if (th.core < 0) {
    end_process(th.process, status, at);
    return;
  }
  // Py_Finalize on the thread's core, as one run (not split at the time slice); the process
  // ends, and its parent's join() is notified, at the end of it.
  const std::int64_t finalise = proc(th.process).exit_cpu_ns;
  th.stats.cpu_ns += finalise;
  th.exit_status = status;
  schedule_step(t, at + finalise, Next::ExitProcess);
}

// The program's main thread ended: the run ends once no non-daemon child process lives
// (multiprocessing's exit handler joins them; daemon children are terminated).
void SimDriver::main_finished(int code) {
  main_done_ = true;
  main_code_ = code;
  for (std::size_t p = 1; p < procs_.size(); ++p) {
    if (procs_[p]->alive && !procs_[p]->daemon) return;
  }
  for (std::size_t p = 1; p < procs_.size(); ++p) {
    if (procs_[p]->alive) end_process(static_cast<int>(p), -15, now_);
  }
  end_run(RunResult::End::Finished, code);
}

// --- [events] -----------------------------------------------------------------------------------

void SimDriver::schedule(std::int64_t at, Ev kind, int target, std::uint8_t phase) {
  std::uint64_t gen = 0;
  if (kind != Ev::CoreFree) gen = ++threads_[static_cast<std::size_t>(target)].gen;
  events_.push(Event{std::max(at, now_), phase, seq_++, kind, target, gen});
}

void SimDriver::schedule_step(int t, std::int64_t at, Next next) {
  threads_[static_cast<std::size_t>(t)].next = next;
  schedule(at, Ev::Step, t, next == Next::Exec ? 1 : 0);
}

void SimDriver::log(std::int64_t time, EventKind kind, int thread, int other, int core,
                    std::string text, vm::WaitKind reason) {
  if (!sink_) return;
  SimEvent e;
  e.time = time;
  e.kind = kind;
  e.thread = thread;
  if (thread >= 0) e.process = threads_[static_cast<std::size_t>(thread)].process;
  e.other = other;
  e.core = core;
  e.reason = reason;
  e.text = std::move(text);
  sink_(e);
}

std::int64_t SimDriver::time_now() const {
  if (current_ < 0) return now_;
  return run_start_ + threads_[static_cast<std::size_t>(current_)].handle->run_cost_ns() +
         run_extra_;
}

std::int64_t SimDriver::jitter() {
  const std::int64_t j = settings_.profile.wake_jitter_ns;
  if (j <= 0) return 0;
  return static_cast<std::int64_t>(splitmix64(rng_) % static_cast<std::uint64_t>(j + 1));
}

RunResult SimDriver::run(vm::ThreadHandle& main) {
  if (ran_) return RunResult{RunResult::End::Exited, exit_status::kError};
  ran_ = true;
  if (host_) host_->attach_program(main);
  // Processes may have been added (and their main threads started) before run().
  const int m = add_thread(main, 0, now_, 0);
  threads_[static_cast<std::size_t>(m)].is_main = true;
  proc(0).main_thread = m;
  // Background load: the competitors were running before the program started.
  for (int c = 0; c < background_load(); ++c) cores_.ready.push_back(kCompetitor);
  dispatch();
  while (!ended_) {
    if (events_.empty()) {
      report_deadlock();
      break;
    }
    const Event e = events_.top();
    if (settings_.timeout_ns >= 0 && e.time > settings_.timeout_ns) {
      now_ = settings_.timeout_ns;
      end_run(RunResult::End::TimeLimit, exit_status::kTimeout);
      break;
    }
    events_.pop();
    now_ = e.time;
    ++processed_;
    if ((processed_ & 255) == 0 && stop_request_ != nullptr && stop_request_->load()) {
      end_run(RunResult::End::Stopped, exit_status::kTimeout);
      break;
    }
    process(e);
  }
  if (result_.end == RunResult::End::TimeLimit) {
    char line[96];
    std::snprintf(line, sizeof line, "Stopped: time limit of %g s reached.\n",
                  1e-9 * static_cast<double>(settings_.timeout_ns));
    write(2, line);
  } else if (result_.end == RunResult::End::Stopped) {
    write(2, "Stopped.\n");
  }
  if (host_) host_->detach_program();
  return result_;
}

void SimDriver::process(const Event& e) {
  if (e.kind == Ev::CoreFree) {
    cores_.cores[static_cast<std::size_t>(e.target)].reserved = false;
    dispatch();
    return;
  }
  if (e.kind == Ev::Notify) {
    notify(e.object);
    return;
  }
  if (e.kind == Ev::CompetitorTick) {
    competitor_tick(e.target, e.gen);
    return;
  }
  Thread& t = threads_[static_cast<std::size_t>(e.target)];
  if (e.gen != t.gen) return;  // superseded
  switch (e.kind) {
    case Ev::Step:
      if (t.state == State::OnCore) step(e.target);
      break;
    case Ev::Ready:
      if (t.state == State::Waking) make_ready(e.target);
      break;
    case Ev::GilTimeout:
      if (t.state == State::GilWait) {
        gil_of(e.target).cancel_wait(e.target);
        t.timed_out = true;
        t.next = Next::GilRecheck;
        wake(e.target, now_);
      }
      break;
    case Ev::Deadline:
      if (t.state == State::Blocked) unblock(e.target, now_);
      break;
    case Ev::CoreFree:
    case Ev::Notify:
    case Ev::CompetitorTick:
      break;
  }
}

// --- [threads on cores] ----------------------------------------------------------------------

void SimDriver::wake(int t, std::int64_t at) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  th.state = State::Waking;
  schedule(at + settings_.profile.wake_latency_ns + jitter(), Ev::Ready, t);
}

void SimDriver::make_ready(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  th.state = State::Ready;
  cores_.ready.push_back(t);
  if (background_load() > 0) {  // one queue for all cores: no home
    place_woken(t);
    if (cores_.idle_core() < 0) wakeup_preempts(t);
    dispatch();
    return;
  }
  th.home = choose_home(t);
  const std::int64_t g = settings_.profile.wakeup_granularity_ns;
  if (g > 0 && cores_.idle_core() < 0) {
    // Wake-up preemption (CFS): a thread that slept has used less CPU than the one running on
    // the core it queues for; past the granularity it gets that core at the running thread's
    // next step (runs are not split: at most a quantum late).
    // Only the thread on the core whose queue it joined: a run queue is a core's own.
    const int victim = cores_.cores[static_cast<std::size_t>(th.home)].current;
    if (victim >= 0 &&
        threads_[static_cast<std::size_t>(victim)].stats.cpu_ns - th.stats.cpu_ns > g) {
      Thread& v = threads_[static_cast<std::size_t>(victim)];
      v.slice_end = std::min(v.slice_end, now_);
    }
  }
  dispatch();
}

void SimDriver::dispatch() {
  for (;;) {
    if (cores_.ready.empty()) break;
    const int c = cores_.idle_core();
    if (c < 0) break;
    const int t = take_next(c);
    if (t == kCompetitor) {
      competitor_on(c);
      continue;
    }
    Core& core = cores_.cores[static_cast<std::size_t>(c)];
    Thread& th = threads_[static_cast<std::size_t>(t)];
    std::int64_t cs = 0;
    if (core.last != t) {
      cs = core.last != -1 ? settings_.profile.context_switch_ns : 0;
      if (core.last != -1) ++cores_.context_switches;
    }
    core.current = t;
    core.last = t;
    th.state = State::OnCore;
    th.core = c;
    th.last_core = c;
    th.home = -1;
    th.slice_end = slice_end_from(now_ + cs);
    log(now_ + cs, EventKind::RunBegin, t, -1, c);
    schedule_step(t, now_ + cs, th.next);
  }
  arm_competitor_ticks();
}

// --- [background load] --------------------------------------------------------------------------
//
// machine.background_load = K competitors: other programs' CPU-bound tasks, always runnable,
// sharing the cores with the program's threads as Linux's fair scheduler shares them. They are
// alike, so the run queue holds one kCompetitor entry per waiting competitor and a core only
// notes that a competitor holds it and since when. The rules (docs/simulator.md, "Background
// load"), none of which runs with K = 0:
// - Virtual runtime: the fair scheduler keeps the competitors level, each at the mean of their
//   CPU (Cores::competitor_vruntime); a thread's is its CPU plus what placing it added.
// - Slices: the scheduler looks at a running task only at its ticks (os.tick, at every multiple
//   from the run's start); a slice ends at the first tick once it lasted os.time_slice, and the
//   task then yields if a waiting one has no more virtual runtime than it (else it goes on for
//   another slice). A free core goes to the waiting entry with the least virtual runtime, the
//   first in the queue among equals.
// - Wake-up (make_ready): the woken thread's virtual runtime is raised to at least the
//   competitors' minus os.sleeper_credit; with no idle core it preempts the running entity with
//   the largest virtual runtime if that exceeds its own by more than os.wakeup_granularity: a
//   competitor gives up its core at once, a thread at its next step (runs are not split).

std::int64_t SimDriver::slice_end_from(std::int64_t start) const {
  const Profile& p = settings_.profile;
  if (background_load() == 0) return start + p.time_slice_ns;
  return tick_at_or_after(start + p.time_slice_ns, p.tick_ns);
}

std::int64_t SimDriver::vruntime(int t) const {
  const Thread& th = threads_[static_cast<std::size_t>(t)];
  return th.stats.cpu_ns + th.placed_ns;
}

std::int64_t SimDriver::entry_vruntime(int entry) const {
  if (entry == kCompetitor) return cores_.competitor_vruntime(now_, background_load());
  return vruntime(entry);
}

int SimDriver::take_next(int core) {
  auto pick = cores_.ready.begin();
  if (background_load() > 0) {
    for (auto it = cores_.ready.begin(); it != cores_.ready.end(); ++it) {
      if (entry_vruntime(*it) < entry_vruntime(*pick)) pick = it;
    }
  } else {
    // The first in the core's own queue; a core with none pulls the longest-waiting entry of
    // another (an idle core balances at once: newidle_balance).
    auto own = std::find_if(cores_.ready.begin(), cores_.ready.end(), [&](int e) {
      return threads_[static_cast<std::size_t>(e)].home == core;
    });
    if (own != cores_.ready.end()) pick = own;
  }
  const int entry = *pick;
  cores_.ready.erase(pick);
  return entry;
}

// --- [per-core run queues] ----------------------------------------------------------------------
//
// With no background load each core has its own run queue, as Linux's have: a thread that finds
// no idle core joins the shortest queue (its last core's among equals, else the lowest-numbered),
// and a slice ends in a switch only if the core's own queue has someone waiting. So three
// runnable threads on two cores stay split two and one (CFS does not rotate them: moving one
// would only make it one and two) until one leaves, where a global queue shared them evenly.
// A core that goes idle takes the longest-waiting entry of any queue; at a slice end a core with
// an empty queue takes one from a queue that has two or more waiting (periodic balancing).

int SimDriver::waiting_on(int core) const {
  int n = 0;
  for (const int e : cores_.ready) {
    if (e >= 0 && threads_[static_cast<std::size_t>(e)].home == core) ++n;
  }
  return n;
}

int SimDriver::choose_home(int t) const {
  const Thread& th = threads_[static_cast<std::size_t>(t)];
  if (th.last_core >= 0 && cores_.cores[static_cast<std::size_t>(th.last_core)].current < 0 &&
      !cores_.cores[static_cast<std::size_t>(th.last_core)].reserved) {
    return th.last_core;
  }
  if (const int idle = cores_.idle_core(); idle >= 0) return idle;
  int best = -1;
  int shortest = 0;
  for (int c = 0; c < static_cast<int>(cores_.cores.size()); ++c) {
    const int n = waiting_on(c);
    if (best < 0 || n < shortest || (n == shortest && c == th.last_core)) {
      best = c;
      shortest = n;
    }
  }
  return best;
}

bool SimDriver::balance_into(int core) {
  int from = -1;
  int most = 1;
  for (int c = 0; c < static_cast<int>(cores_.cores.size()); ++c) {
    const int n = c == core ? 0 : waiting_on(c);
    if (n > most) {
      from = c;
      most = n;
    }
  }
  if (from < 0) return false;
  for (const int e : cores_.ready) {
    Thread& w = threads_[static_cast<std::size_t>(e)];
    if (w.home == from) {
      w.home = core;
      return true;
    }
  }
  return false;
}

// The least virtual runtime among the waiting entries (threads only: `threads_only`), or -1.
std::int64_t SimDriver::least_waiting(bool threads_only) const {
  std::int64_t least = -1;
  for (const int e : cores_.ready) {
    if (threads_only && e < 0) continue;
    const std::int64_t v = entry_vruntime(e);
    if (least < 0 || v < least) least = v;
  }
  return least;
}

bool SimDriver::yields_at_slice_end(int t) const {
  const std::int64_t least = least_waiting(false);
  return least >= 0 && least <= vruntime(t);
}

void SimDriver::place_woken(int t) {
  const std::int64_t floor =
      cores_.competitor_vruntime(now_, background_load()) - settings_.profile.sleeper_credit_ns;
  const std::int64_t mine = vruntime(t);
  if (mine < floor) threads_[static_cast<std::size_t>(t)].placed_ns += floor - mine;
}

bool SimDriver::wakeup_preempts(int t) {
  const std::int64_t g = settings_.profile.wakeup_granularity_ns;
  if (g <= 0) return false;
  int victim = -1;  // a core
  std::int64_t most = 0;
  for (std::size_t i = 0; i < cores_.cores.size(); ++i) {
    const Core& c = cores_.cores[i];
    if (!c.competitor && c.current < 0) continue;
    const std::int64_t v = entry_vruntime(c.competitor ? kCompetitor : c.current);
    if (victim < 0 || v > most) {
      victim = static_cast<int>(i);
      most = v;
    }
  }
  if (victim < 0 || most - vruntime(t) <= g) return false;
  Core& core = cores_.cores[static_cast<std::size_t>(victim)];
  if (core.competitor) {
    ++cores_.competitor_preemptions;
    competitor_off(victim);
    cores_.ready.push_back(kCompetitor);
  } else {
    Thread& v = threads_[static_cast<std::size_t>(core.current)];
    v.slice_end = std::min(v.slice_end, now_);
  }
  return true;
}

void SimDriver::competitor_on(int core) {
  Core& c = cores_.cores[static_cast<std::size_t>(core)];
  c.competitor = true;
  c.since = now_;
  c.last = kCompetitor;
  c.check = 0;
  ++c.stint;
}

void SimDriver::competitor_off(int core) {
  Core& c = cores_.cores[static_cast<std::size_t>(core)];
  cores_.competitor_cpu_ns += now_ - c.since;
  c.competitor = false;
  c.check = 0;
  ++c.stint;
}

// While a thread waits for a core, every competitor on one has a tick pending at which its slice
// ends (the first since it took the core, or the next after `now_`).
void SimDriver::arm_competitor_ticks() {
  if (background_load() == 0 || least_waiting(true) < 0) return;
  for (std::size_t i = 0; i < cores_.cores.size(); ++i) {
    Core& c = cores_.cores[i];
    if (!c.competitor || c.check != 0) continue;
    c.check = tick_at_or_after(std::max(now_, slice_end_from(c.since)), settings_.profile.tick_ns);
    events_.push(Event{c.check, 0, seq_++, Ev::CompetitorTick, static_cast<int>(i), c.stint});
  }
}

void SimDriver::competitor_tick(int core, std::uint64_t stint) {
  Core& c = cores_.cores[static_cast<std::size_t>(core)];
  if (!c.competitor || c.stint != stint) return;  // it left the core since
  c.check = 0;
  const std::int64_t least = least_waiting(true);
  if (least < 0) return;
  if (least > cores_.competitor_vruntime(now_, background_load())) {
    // No waiting thread is owed the core yet: another slice.
    c.check = slice_end_from(now_);
    events_.push(Event{c.check, 0, seq_++, Ev::CompetitorTick, core, c.stint});
    return;
  }
  competitor_off(core);
  cores_.ready.push_back(kCompetitor);
  dispatch();
}

void SimDriver::leave_core(int t, std::int64_t at) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  if (th.core < 0) return;
  Core& core = cores_.cores[static_cast<std::size_t>(th.core)];
  log(at, EventKind::RunEnd, t, -1, th.core);
  core.current = -1;
  if (at > now_) {
    core.reserved = true;
    events_.push(Event{at, 0, seq_++, Ev::CoreFree, th.core, 0});
    th.core = -1;
    return;
  }
  th.core = -1;
  dispatch();
}

void SimDriver::step(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  if (ended_) return;
  // The OS scheduler: at the end of a slice, give the core to a waiting thread.
  if (now_ >= th.slice_end) {
    const bool yields = background_load() > 0
                            ? yields_at_slice_end(t)
                            : waiting_on(th.core) > 0 || balance_into(th.core);
    if (yields) {
      ++cores_.preemptions;
      log(now_, EventKind::Preempt, t, -1, th.core);
      const Next keep = th.next;
      const int core = th.core;
      leave_core(t, now_);  // dispatches the first waiting thread onto the core
      th.state = State::Ready;
      th.next = keep;
      th.home = core;  // back in its own core's queue
      cores_.ready.push_back(t);
      dispatch();
      return;
    }
    th.slice_end = slice_end_from(now_);
  }
  switch (th.next) {
    case Next::TakeGil:
    case Next::GilRecheck:
      take_gil(t);
      break;
    case Next::Exec:
      exec(t);
      break;
    case Next::AfterRun:
      after_run(t);
      break;
    case Next::ExitProcess:
      end_process(th.process, th.exit_status, now_);
      break;
  }
}

void SimDriver::exec(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  SimGil& gil = gil_of(t);
  if (gil.mode == GilMode::On && th.holds_gil && gil.drop_request) {
    th.last_stop = vm::Stop::Budget;  // the breaker is set: serve it before any bytecode
    after_run(t);
    return;
  }
  const Profile& p = settings_.profile;
  std::int64_t horizon = now_ + std::max<std::int64_t>(p.quantum_ns, 1);
  if (th.slice_end > now_) horizon = std::min(horizon, th.slice_end);
  if (settings_.timeout_ns >= 0) horizon = std::min(horizon, settings_.timeout_ns);
  if (!events_.empty() && events_.top().time > now_)
    horizon = std::min(horizon, events_.top().time);
  if (th.startup_ns > 0) {
    // The process's interpreter is still starting (start_process): CPU, no bytecode yet.
    const std::int64_t burn = std::clamp<std::int64_t>(horizon - now_, 1, th.startup_ns);
    th.startup_ns -= burn;
    th.stats.cpu_ns += burn;
    th.last_stop = vm::Stop::Budget;
    schedule_step(t, now_ + burn, Next::AfterRun);
    return;
  }
  // GIL off: while another thread of this process is on a core too, both advance in short
  // seeded turns that may end between any two instructions (the read and the write of
  // `counter += 1` included), as two cores really overlap.
  bool overlapping = false;
  if (gil.mode == GilMode::Off && p.overlap_ns > 0) {
    for (const Core& c : cores_.cores) {
      if (c.current >= 0 && c.current != t &&
          threads_[static_cast<std::size_t>(c.current)].process == th.process) {
        overlapping = true;
        break;
      }
    }
  }
  if (overlapping) {
    const auto grain = static_cast<std::uint64_t>(p.overlap_ns);
    horizon = std::min(horizon, now_ + 1 + static_cast<std::int64_t>(splitmix64(rng_) % grain));
  }
  th.handle->set_exact_budget(overlapping);
  std::int64_t units = std::max<std::int64_t>(1, (horizon - now_) / th.ns_per_unit);
  if (gil.mode == GilMode::Legacy)
    units = std::clamp(kLegacyTicks - th.ticks, std::int64_t{1}, units);

  current_ = t;
  run_start_ = now_;
  run_extra_ = 0;
  vm::Stop stop = vm::Stop::Budget;
  bool exited = false;
  int exit_status = 0;
  try {
    stop = th.handle->run(units);
  } catch (const ProcessExit& e) {  // os._exit / os.abort / a child's end (the process host)
    exited = true;
    exit_status = e.status;
  }
  current_ = -1;
  // `th` may have moved: start_thread() grows threads_ from inside run().
  Thread& me = threads_[static_cast<std::size_t>(t)];
  const std::int64_t executed = me.handle->executed();
  std::int64_t cost = me.handle->run_cost_ns() + run_extra_;
  run_extra_ = 0;
  if (exited) {
    me.stats.cpu_ns += cost;
    ++me.stats.runs;
    if (me.process == 0) {
      now_ += cost;
      end_run(RunResult::End::Exited, exit_status & 0xff);
    } else {
      exit_process(t, exit_status, now_ + cost);
    }
    return;
  }
  if (executed == 0 && cost == 0) {
    // The VM does not count: assume the budget was spent, or a few instructions otherwise.
    cost = (stop == vm::Stop::Budget ? units : std::min<std::int64_t>(units, 8)) * me.ns_per_unit;
  } else if (executed > 0 && cost > 0) {
    me.ns_per_unit = std::max<std::int64_t>(1, cost / executed);
  }
  if (stop == vm::Stop::Budget) cost = std::max<std::int64_t>(cost, 1);  // time always moves
  me.ticks += executed > 0 ? executed : units;
  me.stats.cpu_ns += cost;
  ++me.stats.runs;
  me.last_stop = stop;
  if (ended_) return;  // a notify from inside run() cannot end the run, but be safe
  schedule_step(t, now_ + cost, Next::AfterRun);
}

void SimDriver::after_run(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  SimGil& gil = gil_of(t);
  switch (th.last_stop) {
    case vm::Stop::Budget: {
      const std::uint32_t bits = proc(th.process).breaker.load(std::memory_order_relaxed);
      if ((bits & vm::breaker::kStopRequest) != 0) {
        end_run(RunResult::End::Stopped, exit_status::kTimeout);
        return;
      }
      if (gil.mode == GilMode::On && th.holds_gil && gil.drop_request) {
        if (gil_mutex_busy(t)) {
          wait_for_gil_mutex(t);  // drop_gil's MUTEX_LOCK sleeps, the GIL still held
          return;
        }
        ++gil.stats.yields;
        const std::int64_t cost = drop_gil(t);
        // FORCE_SWITCHING: the request is still set and this thread is still last_holder.
        set_drop_request(th.process, false);
        ++gil.stats.forced_switches;
        log(now_ + cost, EventKind::ForcedSwitch, t);
        th.state = State::SwitchWait;
        th.next = Next::TakeGil;
        ++th.gen;
        gil.switch_waiters.push_back(t);
        leave_core(t, now_ + cost);
        return;
      }
      if (gil.mode == GilMode::Legacy && th.holds_gil && th.ticks >= kLegacyTicks) {
        th.ticks = 0;
        ++gil.stats.yields;
        const std::int64_t cost = drop_gil(t);
        schedule_step(t, now_ + cost, Next::TakeGil);  // and ask again at once, on this core
        return;
      }
      schedule_step(t, now_, Next::Exec);
      return;
    }
    case vm::Stop::Blocked: {
      if (th.holds_gil && gil_mutex_busy(t)) {
        wait_for_gil_mutex(t);
        return;
      }
      const std::int64_t cost = th.holds_gil ? drop_gil(t) : 0;
      const vm::Wait& w = th.handle->wait();
      const bool notified = w.object != nullptr && notified_since(w.object, w.epoch);
      const bool due = w.deadline_ns >= 0 && w.deadline_ns <= now_;
      if (notified || due) {
        schedule_step(t, now_ + cost, Next::TakeGil);  // retry at once
        return;
      }
      th.wait = w;
      th.state = State::Blocked;
      th.next = Next::TakeGil;
      th.blocked_at = now_ + cost;
      ++th.gen;
      blocked_.push_back(t);
      int holder = -1;
      for (std::size_t i = 0; i < threads_.size(); ++i) {
        if (threads_[i].handle == w.holder && w.holder != nullptr) holder = static_cast<int>(i);
      }
      log(now_ + cost, EventKind::BlockBegin, t, holder, -1, w.what, w.kind);
      // A sleep or timed wait's timer fires at the end of its slack range (Linux hrtimers).
      if (w.deadline_ns >= 0) {
        schedule(w.deadline_ns + settings_.profile.timer_slack_ns, Ev::Deadline, t);
      }
      leave_core(t, now_ + cost);
      return;
    }
    case vm::Stop::Finished: {
      if (th.holds_gil && gil_mutex_busy(t)) {
        wait_for_gil_mutex(t);
        return;
      }
      const std::int64_t cost = th.holds_gil ? drop_gil(t) : 0;
      th.state = State::Done;
      ++th.gen;
      --live_;
      log(now_ + cost, EventKind::ThreadEnd, t);
      leave_core(t, now_ + cost);
      const bool is_main = th.is_main;
      const int process = th.process;
      const int code = th.handle->exit_code();
      notify(static_cast<const void*>(th.handle));
      if (is_main && process == 0) {
        now_ += cost;
        main_finished(code);
      } else if (is_main) {
        end_process(process, code, now_ + cost);
      }
      return;
    }
    case vm::Stop::Exited:
      if (th.process == 0) {
        end_run(RunResult::End::Exited, th.handle->exit_code());
      } else {
        exit_process(t, th.handle->exit_code(), now_);
      }
      return;
  }
}

// --- [GIL] --------------------------------------------------------------------------------------

void SimDriver::set_drop_request(int process, bool on) {
  Proc& p = proc(process);
  p.gil.drop_request = on;
  if (on) {
    p.breaker.fetch_or(vm::breaker::kGilDropRequest, std::memory_order_relaxed);
  } else {
    p.breaker.fetch_and(~vm::breaker::kGilDropRequest, std::memory_order_relaxed);
  }
}

void SimDriver::take_gil(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  SimGil& gil_ = gil_of(t);
  if (gil_.mode == GilMode::Off) {
    schedule_step(t, now_, Next::Exec);
    return;
  }
  if (th.next == Next::TakeGil && th.gil_asked_at < 0) th.gil_asked_at = now_;
  if (gil_mutex_busy(t)) {
    wait_for_gil_mutex(t);  // take_gil's MUTEX_LOCK
    return;
  }
  const Profile& p = settings_.profile;
  if (!gil_.locked) {
    const int previous = gil_.last_holder;
    gil_.take(t);
    set_drop_request(th.process, false);
    th.holds_gil = true;
    th.ticks = 0;
    if (th.gil_asked_at >= 0) th.stats.gil_wait_ns += now_ - th.gil_asked_at;
    th.gil_asked_at = -1;
    log(now_, EventKind::GilTake, t, previous, th.core);
    // COND_SIGNAL(switch_cond), under gil->mutex: droppers waiting for a new holder go on. Waking
    // one is a futex wake on the taker's core, as drop_gil's signal is on the dropper's.
    const std::int64_t signal = gil_.switch_waiters.empty() ? 0 : p.gil_signal_ns;
    const std::int64_t done = now_ + p.gil_take_ns + signal;
    th.stats.cpu_ns += p.gil_take_ns + signal;
    if (gil_.mode == GilMode::On) {
      gil_.mutex_free_at = now_ + std::max(p.gil_take_ns, p.gil_mutex_hold_ns) + signal;
    }
    std::vector<int> switchers;
    switchers.swap(gil_.switch_waiters);
    for (const int w : switchers) wake(w, done);
    schedule_step(t, done, Next::Exec);
    return;
  }
  if (gil_.mode == GilMode::On) gil_.mutex_free_at = now_ + p.gil_mutex_hold_ns;
  if (th.next == Next::TakeGil) {
    log(now_, EventKind::GilRequest, t, gil_.holder);
  } else if (th.timed_out && gil_.should_request_drop(th.saved_switch_number)) {
    if (!gil_.drop_request) {
      ++gil_.stats.drop_requests;
      log(now_, EventKind::DropRequest, t, gil_.holder);
    }
    set_drop_request(th.process, true);
  }
  th.state = State::GilWait;
  th.next = Next::GilRecheck;
  th.timed_out = false;
  th.saved_switch_number = gil_.switch_number;
  gil_.wait(t);
  // The waiter's own turn on its core (gil.wait_cycle): the check and arming the timed wait.
  const std::int64_t cycle = gil_.mode == GilMode::On ? settings_.profile.gil_wait_cycle_ns : 0;
  th.stats.cpu_ns += cycle;
  if (gil_.mode == GilMode::On) {
    // pthread_cond_timedwait(interval): the timer fires at the end of its slack range.
    schedule(now_ + cycle + gil_.interval_ns + settings_.profile.timer_slack_ns, Ev::GilTimeout,
             t);
  } else {
    ++th.gen;  // legacy: only a signal wakes it
  }
  leave_core(t, now_ + cycle);
}

std::int64_t SimDriver::drop_gil(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  SimGil& gil = gil_of(t);
  th.holds_gil = false;
  const int woken = gil.drop(t);
  log(now_, EventKind::GilDrop, t, -1, th.core);
  std::int64_t cost = settings_.profile.gil_drop_ns;
  if (woken >= 0) cost += settings_.profile.gil_signal_ns;
  th.stats.cpu_ns += cost;  // on the dropper's core, as an OS counts it
  // MUTEX_LOCK; locked = 0; COND_SIGNAL(cond); MUTEX_UNLOCK: the signal is inside.
  if (gil.mode == GilMode::On) gil.mutex_free_at = now_ + cost;
  if (woken >= 0) {
    Thread& w = threads_[static_cast<std::size_t>(woken)];
    w.timed_out = false;
    w.next = Next::GilRecheck;
    wake(woken, now_ + cost);
  }
  return cost;
}

// gil->mutex (`on` only): every take, drop and waiter check holds it for a moment (Profile::
// gil_mutex_hold_ns, drop_gil for its own cost). A thread that finds it held sleeps on the futex
// and retries the same step once the release has woken it (a wake-up); a thread already on a
// core may take the mutex first meanwhile (glibc's mutexes are not fair). This is the lock
// convoy: with many waiters timing out every few microseconds, the holder's drop and the next
// holder's take queue behind their checks, each queued step one wake-up late.
bool SimDriver::gil_mutex_busy(int t) const {
  const SimGil& gil = proc(threads_[static_cast<std::size_t>(t)].process).gil;
  return gil.mode == GilMode::On && gil.mutex_free_at > now_;
}

void SimDriver::wait_for_gil_mutex(int t) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  SimGil& gil = gil_of(t);
  ++gil.stats.mutex_waits;
  log(now_, EventKind::GilMutexWait, t, gil.holder, th.core);
  const std::int64_t free_at = gil.mutex_free_at;
  leave_core(t, now_);
  wake(t, free_at);  // th.next is kept: the same step runs again
}

// --- [blocking] ---------------------------------------------------------------------------------

bool SimDriver::notified_since(const void* object, std::uint64_t epoch) const {
  auto it = last_notify_.find(object);
  return it != last_notify_.end() && it->second > epoch;
}

void SimDriver::unblock(int t, std::int64_t at) {
  Thread& th = threads_[static_cast<std::size_t>(t)];
  auto it = std::find(blocked_.begin(), blocked_.end(), t);
  if (it != blocked_.end()) blocked_.erase(it);
  th.stats.blocked_ns += at - th.blocked_at;
  log(at, EventKind::BlockEnd, t);
  th.next = Next::TakeGil;
  wake(t, at);
}

void SimDriver::notify(const void* object) {
  if (object == nullptr) return;
  const std::int64_t at = time_now();
  last_notify_[object] = ++epoch_;
  std::vector<int> woken;
  for (const int b : blocked_) {
    if (threads_[static_cast<std::size_t>(b)].wait.object == object) woken.push_back(b);
  }
  if (woken.empty()) return;
  if (woken.size() > 1) {
    // Simultaneous wake-ups are a tie: the seed decides their order (a stable, seeded key).
    std::vector<std::pair<std::uint64_t, int>> keyed;
    for (const int b : woken) {
      std::uint64_t s = settings_.seed ^ (static_cast<std::uint64_t>(b) << 32) ^ epoch_;
      keyed.emplace_back(splitmix64(s), b);
    }
    std::stable_sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size(); ++i) woken[i] = keyed[i].second;
  }
  for (const int b : woken) {
    log(at, EventKind::Wake, current_, b);
    unblock(b, at);
  }
}

// --- [ending] -----------------------------------------------------------------------------------

void SimDriver::end_run(RunResult::End end, int status) {
  if (ended_) return;
  ended_ = true;
  result_.end = end;
  result_.exit_status = status;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    if (threads_[i].core >= 0)
      log(now_, EventKind::RunEnd, static_cast<int>(i), -1, threads_[i].core);
  }
}

void SimDriver::report_deadlock() {
  std::vector<StuckThread> lines;
  for (const Thread& th : threads_) {
    if (th.state == State::Done) continue;
    if (th.state == State::Blocked) {
      lines.push_back(describe_stuck(th.handle->name(), th.wait));
    } else {
      StuckThread s;
      s.name = th.handle->name();
      s.what = "the GIL";
      lines.push_back(std::move(s));
    }
  }
  end_run(RunResult::End::Deadlock, exit_status::kDeadlock);
  write(2, format_deadlock_report(lines));
}

// --- [services] ---------------------------------------------------------------------------------

std::int64_t SimDriver::wall_ns() {
  return kWallEpochNs + time_now();
}

std::int64_t SimDriver::cpu_ns() {
  // time.process_time(): the calling thread's process, as an OS counts a process's CPU.
  const int process = current_process();
  std::int64_t total = 0;
  for (const Thread& th : threads_) {
    if (th.process == process) total += th.stats.cpu_ns;
  }
  if (current_ >= 0) {
    total += threads_[static_cast<std::size_t>(current_)].handle->run_cost_ns() + run_extra_;
  }
  return total;
}

bool SimDriver::start_thread(vm::ThreadHandle& thread) {
  if (ended_ || live_ >= settings_.max_threads) return false;
  const int index = static_cast<int>(threads_.size());
  add_thread(thread, current_process(), time_now(),
             index == 0 ? 0 : settings_.profile.thread_start_ns);
  return true;
}

int SimDriver::add_thread(vm::ThreadHandle& thread, int process, std::int64_t at,
                          std::int64_t delay) {
  const int index = static_cast<int>(threads_.size());
  Thread th;
  th.handle = &thread;
  th.process = process;
  th.stats.process = process;
  th.name = thread.name();
  th.stats.name = th.name;
  std::int64_t sum = 0;
  for (const std::int64_t c : settings_.profile.op_ns) sum += c;
  th.ns_per_unit = std::max<std::int64_t>(1, sum / vm::kOpClassCount);
  threads_.push_back(std::move(th));
  ++live_;
  thread.set_cost_table(settings_.profile.op_ns.data());
  log(at, EventKind::ThreadStart, index, current_);
  schedule(at + delay, Ev::Ready, index);
  return index;
}

void SimDriver::write(int fd, std::string_view text) {
  log(time_now(), EventKind::Output, current_, fd, -1, std::string(text));
  if (output_) {
    output_(fd, text);
    return;
  }
  std::FILE* f = fd == 2 ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fflush(f);
}

std::string SimDriver::thread_name(int thread) const {
  if (thread < 0 || thread >= static_cast<int>(threads_.size())) return "-";
  return threads_[static_cast<std::size_t>(thread)].name;
}

SimStats SimDriver::stats() const {
  SimStats s;
  s.end_ns = now_;
  s.gil = proc(0).gil.stats;
  for (const auto& p : procs_) s.process_gils.push_back(p->gil.stats);
  s.context_switches = cores_.context_switches;
  s.preemptions = cores_.preemptions;
  s.background_cpu_ns = cores_.competitor_cpu(now_);
  s.background_preemptions = cores_.competitor_preemptions;
  s.events = processed_;
  for (const Thread& th : threads_) s.threads.push_back(th.stats);
  return s;
}

// --- [factory and formatting] -------------------------------------------------------------------

bool settings_from_options(const Options& options, Settings* settings, std::string* error) {
  const std::optional<GilMode> mode = parse_gil_mode(options.gil);
  if (!mode) {
    *error = "interleave: unknown --gil mode '" + options.gil + "'\n";
    return false;
  }
  if (options.cores < 0 || options.cores > kMaxCores) {
    *error = "interleave: --cores must be between 1 and " + std::to_string(kMaxCores) + "\n";
    return false;
  }
  if (options.background_load > kMaxBackgroundLoad) {
    *error = "interleave: --load must be between 0 and " + std::to_string(kMaxBackgroundLoad) +
             "\n";
    return false;
  }
  if (!(options.switch_interval >= 0) || !(options.timeout >= 0)) {
    *error = "interleave: --switch-interval and --timeout must be >= 0\n";
    return false;
  }
  settings->gil = *mode;
  settings->switch_interval = options.switch_interval;
  settings->cores = options.cores == 0 ? kDefaultCores : options.cores;
  settings->seed = options.seed.value_or(0);
  settings->timeout_ns =
      options.timeout > 0 ? static_cast<std::int64_t>(options.timeout * 1e9 + 0.5) : -1;
  if (options.background_load >= 0) settings->profile.background_load = options.background_load;
  return true;
}

std::unique_ptr<SimDriver> make_sim_driver(const Options& options, OutputSink output,
                                           std::string* error) {
  Settings settings;
  std::string why;
  if (!settings_from_options(options, &settings, &why)) {
    if (error != nullptr) *error = why;
    return nullptr;
  }
  if (!options.profile_path.empty()) {
    std::ifstream in(options.profile_path, std::ios::binary);
    std::stringstream text;
    if (in) text << in.rdbuf();
    if (!in) {
      if (error != nullptr)
        *error = "interleave: cannot read profile '" + options.profile_path + "'\n";
      return nullptr;
    }
    if (!parse_profile(text.str(), &settings.profile, &why)) {
      if (error != nullptr) *error = "interleave: " + options.profile_path + ": " + why + "\n";
      return nullptr;
    }
  }
  // The playground's edited keys (Options::profile_text), over the file's.
  if (!parse_profile(options.profile_text, &settings.profile, &why)) {
    if (error != nullptr) *error = "interleave: the simulator's model: " + why + "\n";
    return nullptr;
  }
  // --load overrides machine.background_load of the file and the text.
  if (options.background_load >= 0) settings.profile.background_load = options.background_load;
  auto driver = std::make_unique<SimDriver>(settings, std::move(output));
  driver->set_stop_request(options.stop_request);
  // multiprocessing: simulated processes, whatever host the options name for real runs. A
  // process ends by an exception out of run() (ProcessExit); every build catches exceptions (the
  // web builds use native Wasm exceptions, cmake/EmscriptenFlags.cmake).
  driver->set_process_host(std::make_unique<SimProcessHost>(*driver, options));
  return driver;
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::ThreadStart:
      return "thread_start";
    case EventKind::ThreadEnd:
      return "thread_end";
    case EventKind::ProcessEnd:
      return "process_end";
    case EventKind::RunBegin:
      return "run_begin";
    case EventKind::RunEnd:
      return "run_end";
    case EventKind::Preempt:
      return "preempt";
    case EventKind::GilRequest:
      return "gil_request";
    case EventKind::GilTake:
      return "gil_take";
    case EventKind::GilDrop:
      return "gil_drop";
    case EventKind::DropRequest:
      return "drop_request";
    case EventKind::ForcedSwitch:
      return "forced_switch";
    case EventKind::GilMutexWait:
      return "gil_mutex_wait";
    case EventKind::BlockBegin:
      return "block";
    case EventKind::BlockEnd:
      return "unblock";
    case EventKind::Wake:
      return "wake";
    case EventKind::Output:
      return "output";
    case EventKind::MessageSend:
      return "message_send";
    case EventKind::MessageReceive:
      return "message_receive";
  }
  return "?";
}

std::string format_event(const SimEvent& e, const SimDriver& driver) {
  std::string out = std::to_string(e.time) + " " + driver.thread_name(e.thread) + " ";
  out += to_string(e.kind);
  switch (e.kind) {
    case EventKind::RunBegin:
    case EventKind::RunEnd:
    case EventKind::Preempt:
      out += " core=" + std::to_string(e.core);
      break;
    case EventKind::GilTake:
      if (e.other >= 0 && e.other != e.thread) out += " from=" + driver.thread_name(e.other);
      break;
    case EventKind::DropRequest:
      out += " holder=" + driver.thread_name(e.other);
      break;
    case EventKind::ProcessEnd:
      out += " " + driver.process_name(e.process) + " status=" + std::to_string(e.other);
      break;
    case EventKind::MessageSend:
    case EventKind::MessageReceive:
      out += " flow=" + std::to_string(e.flow) + " bytes=" + std::to_string(e.bytes);
      break;
    case EventKind::BlockBegin:
      out += " ";
      out += run::to_string(e.reason);
      if (!e.text.empty()) out += " " + e.text;
      break;
    case EventKind::Wake:
    case EventKind::ThreadStart:
      if (e.other >= 0) out += " " + driver.thread_name(e.other);
      break;
    case EventKind::Output: {
      out += " fd=" + std::to_string(e.other) + " ";
      for (const char c : e.text) {
        if (c == '\n') {
          out += "\\n";
        } else {
          out += c;
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace interleave::run::sim
