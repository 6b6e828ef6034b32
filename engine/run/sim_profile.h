// The simulator's cost profile: every number virtual time is made of (per opcode class, GIL, OS
// scheduler, threads, processes, IPC), the built-in default derived from CPython 3.11, and a
// small INI reader/writer for `--profile FILE`. docs/simulator.md lists and explains each key.
// Plain values: any thread. Parsing never throws; errors name the line.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/driver.h"

namespace interleave::run::sim {

struct Profile {
  // [ops] ns per instruction, indexed by vm::OpClass (the table handed to ThreadHandle).
  std::array<std::int64_t, vm::kOpClassCount> op_ns{};
  // [gil] costs on the core of the thread doing them.
  std::int64_t gil_take_ns = 0;    // take_gil when the GIL is free (mutex, bookkeeping)
  std::int64_t gil_drop_ns = 0;    // drop_gil
  std::int64_t gil_signal_ns = 0;  // a futex wake: drop_gil signalling a waiter on `cond`, and
                                   // take_gil signalling a dropper on switch_cond (each on the
                                   // core of the thread signalling, counted as its CPU)
  // A waiter's turn on a core each time its timed wait on `cond` ends or begins (futex return,
  // re-locking gil->mutex, the check, arming the next timed wait): at a 1 us interval the waiters
  // keep the cores busy and compete with the holder for them.
  std::int64_t gil_wait_cycle_ns = 0;
  // How long each GIL operation holds gil->mutex (a waiter's check and re-arm, a take); drop_gil
  // holds it for gil.drop + gil.signal (CPython signals `cond` inside the critical section). A
  // thread finding the mutex held sleeps on its futex and runs again after the release plus a
  // wake-up: with many waiters timing out every few microseconds the mutex convoys, and the
  // holder's drop and the next holder's take queue behind them.
  std::int64_t gil_mutex_hold_ns = 0;
  // [os] the scheduler of the simulated machine.
  std::int64_t context_switch_ns = 0;  // a core switching to another thread
  std::int64_t wake_latency_ns = 0;    // signal / timer expiry -> the thread is runnable
  std::int64_t wake_jitter_ns = 0;     // + a seeded pseudo-random 0..jitter on each wake-up
  std::int64_t time_slice_ns = 0;      // round-robin slice when threads outnumber cores
  std::int64_t wakeup_granularity_ns = 0;  // a woken thread preempts one that ran this much more
                                           // CPU than it (CFS's wake-up preemption); 0: never
  // Linux's timer slack (prctl PR_SET_TIMERSLACK; 50 us for a normal thread): a timed wait or a
  // sleep ends up to this much after its deadline, so that the kernel can batch timer
  // interrupts; with nothing to batch with, hrtimers fire at the end of the range. CPython's GIL
  // wait of `interval` (pthread_cond_timedwait), time.sleep and timed lock waits all get it.
  std::int64_t timer_slack_ns = 0;
  // Background load (machine.background_load > 0; docs/simulator.md, "Background load"): the
  // scheduler looks at a core held by a competitor, and ends the slices of everyone, only at its
  // ticks (CONFIG_HZ=250: 4 ms); a slice ends at the first tick once it lasted os.time_slice.
  std::int64_t tick_ns = 0;
  // A woken thread's virtual runtime is raised to at least the competitors' minus this (CFS's
  // sleeper credit, place_entity); it preempts the running entity whose virtual runtime exceeds
  // its own by more than wakeup_granularity_ns.
  std::int64_t sleeper_credit_ns = 0;
  // [machine] Other programs on the simulated machine: this many always-runnable CPU-bound
  // competitors share the cores with the program (a count, not a duration; 0: an idle machine).
  std::int64_t background_load = 0;
  // [thread]
  std::int64_t thread_start_ns = 0;  // Thread.start() -> the new thread is runnable
  // [process] multiprocessing (docs/simulator.md, "Where the process costs come from"). Each
  // is CPU on the core of the process doing it, except ipc_message (a pipe's latency).
  std::int64_t first_start_ns = 0;   // the parent's first start(): importing multiprocessing's
                                     // start machinery (Popen, the resource tracker's client)
  std::int64_t fork_ns = 0;          // the parent's os.fork() in each fork start()
  std::int64_t fork_ns_per_mib = 0;  // ... plus this per MiB of its heap (page tables)
  std::int64_t fork_child_ns = 0;    // the fork child before its target (after-fork handlers)
  std::int64_t fork_ns_per_kib = 0;  // ... plus this per KiB of the heap snapshot it restores
  std::int64_t spawn_start_ns = 0;   // the parent in each spawn start(): fork+exec, pickling
  std::int64_t spawn_ns = 0;         // the spawned child before its target: interpreter start,
                                     // imports, unpickling (then the module re-runs as bytecode)
  std::int64_t exit_ns = 0;          // a spawned child after its target: Py_Finalize
  // The resource tracker: the first spawn start() of a run starts it (multiprocessing's
  // resource_tracker.ensure_running), a third interpreter that uses this much CPU starting up
  // beside the children, then waits on its pipe until the run ends.
  std::int64_t resource_tracker_ns = 0;
  std::int64_t ipc_message_ns = 0;   // one message through a pipe/queue, one way (latency)
  std::int64_t ipc_ns_per_kib = 0;   // ... plus this per KiB of pickled payload (sender's CPU)
  // [sim] how the simulator itself slices runs.
  std::int64_t quantum_ns = 0;  // longest run() between looks at the rest of the world
  // GIL off: threads of one process on cores at once advance in turns of 1..overlap_ns (drawn
  // from the seed), stopping at any instruction (ThreadHandle::set_exact_budget), so that their
  // reads and writes interleave and `counter += 1` loses updates as on free-threaded CPython.
  std::int64_t overlap_ns = 0;

  friend bool operator==(const Profile&, const Profile&) = default;
};

// The built-in profile: CPython 3.11 on a typical x86-64 Linux machine (docs/simulator.md says how
// each number was measured; bench/sim_cpython_costs.py re-measures them).
Profile default_profile();

// One key of the file format, for the parser, the writer, the docs and the UI.
struct ProfileKey {
  std::string_view section;  // "ops", "gil", "os", "machine", "thread", "process", "sim"
  std::string_view name;     // "load", "take", ...
  std::string_view doc;
  bool count = false;        // a whole number (machine.background_load), not a duration
};
const std::vector<ProfileKey>& profile_keys();
// The index in profile_keys() of `section`.`name`, if there is such a key.
std::optional<std::size_t> find_profile_key(std::string_view section, std::string_view name);
std::int64_t get(const Profile& p, std::size_t key_index);
void set(Profile& p, std::size_t key_index, std::int64_t value);

// INI text: `[section]` lines, `name = value` lines, `#` or `;` comments. A value is a number with
// an optional unit ns (default), us, ms or s ("5ms", "0.5us", "26"); a count key
// (ProfileKey::count) takes a whole number without a unit. Keys not given keep their
// value in `*profile` (start from default_profile()). Unknown keys, bad numbers and negative
// values are errors: returns false and sets `*error` to "profile line N: ...".
bool parse_profile(std::string_view text, Profile* profile, std::string* error);
// The whole profile in the same format (every key, with its doc as a comment); parses back equal.
std::string format_profile(const Profile& profile);

}  // namespace interleave::run::sim
