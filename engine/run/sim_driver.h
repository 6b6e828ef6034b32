// The simulator driver (--mode sim): every Python thread of a run on ONE OS thread, in virtual
// time (int64 ns), deterministic: the same program, settings and seed give the same output and
// the same event log byte for byte. Time advances only by modelled costs (sim_profile.h): what a
// thread executed (ThreadHandle::run_cost_ns), GIL operations, context switches, wake-ups. No
// clock is ever read. Simulated processes (sim_process_host.h) are interpreters of their own, each
// with its own GIL and eval breaker, whose threads share the one event loop, clock and cores.
// Thread-safety: run() and every vm::Driver method on the caller's OS thread only (the VM calls
// back from inside run()); stop_request may be raised from any thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "run/program.h"
#include "run/real_driver.h"  // RunResult, shared with the real-thread driver
#include "run/sim_cores.h"
#include "run/sim_gil.h"
#include "run/sim_profile.h"
#include "vm/driver.h"

namespace interleave::run::sim {

// Everything a simulated run depends on (resolved from run::Options by make_sim_driver).
struct Settings {
  GilMode gil = GilMode::On;
  double switch_interval = 0.005;  // seconds, as sys.setswitchinterval
  int cores = kDefaultCores;
  std::uint64_t seed = 0;
  std::int64_t timeout_ns = -1;  // virtual; -1: none
  Profile profile = default_profile();
  int max_threads = 256;  // live Python threads, the main thread included
};

// Thrown by the simulated process host's exit_now / abort_now (os._exit, a child's end) from
// inside ThreadHandle::run(); the driver catches it around run() and ends that process.
struct ProcessExit {
  int status = 0;  // CPython's exitcode: the code, or -signal
};

class SimProcessHost;

// What happened, in virtual time: the simulator's own log, mapped onto engine/trace by the trace
// sink and read by tests. `thread` / `other` are thread numbers in start order (main = 0).
enum class EventKind : std::uint8_t {
  ThreadStart,  // other = the starting thread
  ThreadEnd,
  ProcessEnd,  // a simulated process ended; other = its exit status (CPython's exitcode)
  RunBegin,    // the thread is on `core`
  RunEnd,      // ... and left it
  Preempt,     // its time slice ended with others waiting for a core (then RunEnd)
  GilRequest,  // it found the GIL held and waits on `cond`
  GilTake,     // other = last_holder before it (the hand-off's origin), -1 if none
  GilDrop,
  DropRequest,   // it set the eval breaker's drop request; other = the holder
  ForcedSwitch,  // it dropped on a request and waits until another thread takes the GIL
  GilMutexWait,  // it found gil->mutex held and sleeps until the release wakes it
  BlockBegin,    // reason, text = Wait::what, other = Wait::holder's thread if known
  BlockEnd,
  Wake,    // its notify ended other's block
  Output,  // fd = other, text = the chunk
  MessageSend,     // flow = a number pairing it with its receive, bytes = the pickled size
  MessageReceive,  // ... other = the sending process
};
std::string_view to_string(EventKind kind);

struct SimEvent {
  std::int64_t time = 0;
  EventKind kind = EventKind::Output;
  int thread = -1;
  int process = 0;  // the simulated process (0: the program; children in start order)
  int core = -1;
  int other = -1;
  vm::WaitKind reason = vm::WaitKind::Sleep;
  std::string text;
  std::uint64_t flow = 0;   // messages
  std::uint64_t bytes = 0;  // messages
};
using EventSink = std::function<void(const SimEvent&)>;

struct ThreadStats {
  std::string name;
  std::int64_t cpu_ns = 0;       // executing bytecode
  std::int64_t gil_wait_ns = 0;  // from asking for the GIL to taking it
  std::int64_t blocked_ns = 0;   // blocked on locks, queues, joins, sleeps
  std::uint64_t runs = 0;        // ThreadHandle::run() calls
  int process = 0;
};

struct SimStats {
  std::int64_t end_ns = 0;  // virtual time when the run ended
  SimGilStats gil;                   // the program's (process 0)
  std::vector<SimGilStats> process_gils;  // every process's, in start order
  std::uint64_t context_switches = 0;
  std::uint64_t preemptions = 0;
  // Background load (machine.background_load): the competitors' CPU, and how often a woken thread
  // took a core from one at once (wake-up preemption; slice ends at ticks are not counted).
  std::int64_t background_cpu_ns = 0;
  std::uint64_t background_preemptions = 0;
  std::uint64_t events = 0;          // simulation events processed
  std::vector<ThreadStats> threads;  // start order
};

class SimDriver final : public vm::Driver {
 public:
  // `output` receives write() calls in order; when empty, stdout/stderr are used.
  SimDriver(const Settings& settings, OutputSink output);
  ~SimDriver() override;
  SimDriver(const SimDriver&) = delete;
  SimDriver& operator=(const SimDriver&) = delete;

  // Every simulated event, in the order the simulation produces it: one thread's times never
  // decrease; across threads an event may precede, by the cost of a GIL operation, one already
  // emitted (a drop is emitted with the block that follows it). Set before run().
  void set_event_sink(EventSink sink) { sink_ = std::move(sink); }
  void set_stop_request(const std::atomic<bool>* stop) { stop_request_ = stop; }

  // Runs `main` and every thread it starts until the program ends. Call once; every ThreadHandle
  // must outlive this call.
  RunResult run(vm::ThreadHandle& main);

  std::int64_t now() const { return now_; }
  const Settings& settings() const { return settings_; }
  SimStats stats() const;
  std::string thread_name(int thread) const;

  // --- vm::Driver ---------------------------------------------------------------------------
  std::int64_t monotonic_ns() override { return time_now(); }
  std::int64_t wall_ns() override;
  std::int64_t cpu_ns() override;
  bool start_thread(vm::ThreadHandle& thread) override;
  std::uint64_t epoch() override { return epoch_; }
  void notify(const void* object) override;
  void write(int fd, std::string_view text) override;
  double switch_interval() override { return proc(0).gil.interval_seconds(); }
  void set_switch_interval(double seconds) override {
    proc(0).gil.set_interval_seconds(seconds);
  }
  std::atomic<std::uint32_t>& eval_breaker() override { return proc(0).breaker; }
  bool serialises_run() const override { return true; }

  // --- simulated processes (used by SimProcessHost) -----------------------------------------
  // A new process: its own GIL and eval breaker; `driver` is the vm::Driver its interpreter
  // uses. Its main thread starts with start_process. Returns its index (0 is the program).
  int add_process(std::string name, bool daemon);
  vm::Driver& process_driver(int process);
  // Its main thread becomes runnable at `at`; then it uses `startup_cpu_ns` of CPU on a core
  // before its first instruction (an interpreter starting: process.spawn), sliced like a run.
  // When it ends by finishing or exiting (not by a kill) it uses `exit_cpu_ns` more on its core
  // before the process is gone (an interpreter's finalisation: process.exit).
  void start_process(int process, vm::ThreadHandle& main, std::int64_t at,
                     std::int64_t startup_cpu_ns = 0, std::int64_t exit_cpu_ns = 0);
  // The process of the thread inside run() (0 outside any run), and that thread (null outside).
  int current_process() const;
  vm::ThreadHandle* current_thread() const {
    return current_ < 0 ? nullptr : threads_[static_cast<std::size_t>(current_)].handle;
  }
  std::string process_name(int process) const;
  int process_count() const { return static_cast<int>(procs_.size()); }
  // Ends `process` (not the caller's own) at the current time with `status` (-15, -9).
  void kill_process(int process, int status);
  // Called when a process other than 0 ended, with its status (the host reaps it).
  void set_process_exit_hook(std::function<void(int process, int status)> hook) {
    on_process_exit_ = std::move(hook);
  }
  // Adds `ns` to the cost of the current run (work a native did: pickling, a pipe write).
  void charge(std::int64_t ns);
  // notify(object) at virtual time `at` (a message arriving).
  void notify_at(std::int64_t at, const void* object);
  // Records a message sent or received by the running thread (traces, summaries).
  void log_message(bool send, std::uint64_t flow, std::uint64_t bytes, int from_process);
  // The host serving multiprocessing in this run; installed into the program's interpreter when
  // run() starts. Owned by the driver.
  void set_process_host(std::unique_ptr<SimProcessHost> host);
  SimProcessHost* process_host() { return host_.get(); }

  // time.time() at virtual 0: 2023-11-14 22:13:20 UTC, so dates print plausibly.
  static constexpr std::int64_t kWallEpochNs = 1'700'000'000'000'000'000;

 private:
  enum class State : std::uint8_t { Ready, OnCore, GilWait, SwitchWait, Blocked, Waking, Done };
  enum class Next : std::uint8_t { TakeGil, GilRecheck, Exec, AfterRun, ExitProcess };
  enum class Ev : std::uint8_t {
    Step,
    Ready,
    GilTimeout,
    Deadline,
    CoreFree,
    Notify,
    CompetitorTick,  // background load: a competitor's core, at a tick, may go to a waiting thread
  };

  struct Thread {
    vm::ThreadHandle* handle = nullptr;
    int process = 0;
    std::string name;
    bool is_main = false;
    State state = State::Waking;
    Next next = Next::TakeGil;
    int core = -1;
    // Per-core run queues (machine.background_load 0): the core whose queue holds it while it
    // waits for one, and the core it ran on last (-1: none yet).
    int home = -1;
    int last_core = -1;
    bool holds_gil = false;
    bool timed_out = false;
    std::uint64_t gen = 0;  // bumped when the thread's pending event changes; older ones are stale
    std::int64_t slice_end = 0;
    std::uint64_t saved_switch_number = 0;
    vm::Stop last_stop = vm::Stop::Budget;
    vm::Wait wait;                 // a copy while Blocked
    std::int64_t ticks = 0;        // legacy: instructions since the last release
    std::int64_t ns_per_unit = 1;  // budget estimate: observed cost per budget unit
    std::int64_t gil_asked_at = -1;
    std::int64_t blocked_at = 0;
    std::int64_t startup_ns = 0;  // start-up CPU still to use before the first instruction
    // Background load: virtual runtime = stats.cpu_ns + placed_ns, raised on each wake-up to at
    // least the competitors' minus os.sleeper_credit (place_entity).
    std::int64_t placed_ns = 0;
    int exit_status = 0;          // Next::ExitProcess: the status its process ends with
    ThreadStats stats;
  };

  struct Event {
    std::int64_t time;
    std::uint8_t phase;  // 0 before 1 at equal times: running bytecode comes after every change
    std::uint64_t seq;
    Ev kind;
    int target;  // thread (Step, Ready, GilTimeout, Deadline) or core (CoreFree, CompetitorTick)
    std::uint64_t gen;  // CompetitorTick: the core's stint
    const void* object = nullptr;  // Notify
    bool operator>(const Event& o) const {
      if (time != o.time) return time > o.time;
      if (phase != o.phase) return phase > o.phase;
      return seq > o.seq;
    }
  };

  // One simulated process: an interpreter's GIL and eval breaker (its threads are in threads_).
  struct Proc {
    std::string name;
    bool daemon = false;
    bool alive = true;
    int main_thread = -1;
    std::int64_t exit_cpu_ns = 0;  // the finalisation its main thread runs when it ends
    SimGil gil;
    std::atomic<std::uint32_t> breaker{0};
    std::unique_ptr<vm::Driver> facade;  // null for process 0 (the SimDriver itself)
  };
  class ProcessDriver;

  Proc& proc(int p) { return *procs_[static_cast<std::size_t>(p)]; }
  const Proc& proc(int p) const { return *procs_[static_cast<std::size_t>(p)]; }
  SimGil& gil_of(int t) { return proc(threads_[static_cast<std::size_t>(t)].process).gil; }
  int add_thread(vm::ThreadHandle& thread, int process, std::int64_t at, std::int64_t delay);
  void end_process(int process, int status, std::int64_t at);
  // A process's main thread ended it (finished or exited) at `at`: its finalisation on the
  // thread's core first, if any, then end_process.
  void exit_process(int t, int status, std::int64_t at);
  void main_finished(int code);
  std::int64_t time_now() const;
  void schedule(std::int64_t at, Ev kind, int target, std::uint8_t phase = 0);
  void schedule_step(int t, std::int64_t at, Next next);
  void log(std::int64_t time, EventKind kind, int thread, int other = -1, int core = -1,
           std::string text = {}, vm::WaitKind reason = vm::WaitKind::Sleep);

  void process(const Event& e);
  void step(int t);
  void take_gil(int t);
  void exec(int t);
  void after_run(int t);
  std::int64_t drop_gil(int t);  // returns the cost on the dropper's core
  bool gil_mutex_busy(int t) const;
  void wait_for_gil_mutex(int t);
  void wake(int t, std::int64_t at);
  void make_ready(int t);
  void dispatch();
  void leave_core(int t, std::int64_t at);
  // Background load (sim_cores.h; none of these runs when machine.background_load is 0).
  int background_load() const {
    return static_cast<int>(std::clamp<std::int64_t>(settings_.profile.background_load, 0,
                                                     kMaxBackgroundLoad));
  }
  std::int64_t slice_end_from(std::int64_t start) const;
  std::int64_t vruntime(int t) const;
  std::int64_t entry_vruntime(int entry) const;  // a thread or kCompetitor
  int take_next(int core);  // removes and returns the next entry for `core`
  // Per-core run queues (machine.background_load 0; docs/simulator.md, "Cores and the OS
  // scheduler"): the queue a thread joins when no core is idle, how many wait in a core's
  // queue, and the balance at a slice end (an entry moved from a queue two longer).
  int choose_home(int t) const;
  int waiting_on(int core) const;
  bool balance_into(int core);
  std::int64_t least_waiting(bool threads_only) const;
  bool yields_at_slice_end(int t) const;
  void place_woken(int t);
  bool wakeup_preempts(int t);
  void competitor_on(int core);
  void competitor_off(int core);
  void arm_competitor_ticks();
  void competitor_tick(int core, std::uint64_t stint);
  void unblock(int t, std::int64_t at);
  void set_drop_request(int process, bool on);
  std::int64_t jitter();
  bool notified_since(const void* object, std::uint64_t epoch) const;
  void end_run(RunResult::End end, int status);
  void report_deadlock();

  Settings settings_;
  OutputSink output_;
  EventSink sink_;
  const std::atomic<bool>* stop_request_ = nullptr;

  // --- the simulation's state (one process for now: its GIL and eval breaker) ---
  std::int64_t now_ = 0;
  std::uint64_t seq_ = 0;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  std::vector<Thread> threads_;
  std::vector<int> blocked_;  // Blocked threads in the order they blocked
  Cores cores_;
  std::vector<std::unique_ptr<Proc>> procs_;
  std::unordered_map<const void*, std::uint64_t> last_notify_;
  std::uint64_t epoch_ = 1;
  std::uint64_t rng_;  // splitmix64 state, from the seed
  int live_ = 0;
  int current_ = -1;  // the thread inside run(), -1 outside
  std::int64_t run_start_ = 0;
  std::int64_t run_extra_ = 0;  // charge()d to the current run
  std::function<void(int, int)> on_process_exit_;
  bool main_done_ = false;  // the program's main thread ended; waiting for non-daemon children
  int main_code_ = 0;
  std::uint64_t processed_ = 0;
  bool ran_ = false;
  bool ended_ = false;
  RunResult result_;
  std::unique_ptr<SimProcessHost> host_;  // declared last: its interpreters go first
};

// The factory for --mode sim. Null, with `*error` set, when options.gil is not on|off|legacy,
// cores is out of range or the profile cannot be read or parsed.
std::unique_ptr<SimDriver> make_sim_driver(const Options& options, OutputSink output,
                                           std::string* error);
// Settings from options (profile file not read): for callers that build the profile themselves.
bool settings_from_options(const Options& options, Settings* settings, std::string* error);

// "5000000 Thread-1 gil_take from=MainThread": one line per event, for tests and debugging.
std::string format_event(const SimEvent& event, const SimDriver& driver);

}  // namespace interleave::run::sim
