// The seam between the VM, which never blocks, and the drivers, which decide who runs when.
// A Python thread is a resumable object (ThreadHandle): run(budget) executes bytecode until the
// budget is spent, the eval breaker is set, the thread blocks, finishes or exits, and says which.
// A driver (real OS threads + GIL, the simulator, a browser worker) owns the threads of one
// interpreter and is the only place that sleeps, waits, reads clocks or writes output.
// Thread-safety: Driver methods may be called from any Python thread's OS thread at once (with the
// GIL off threads truly run in parallel); implementations synchronise internally.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::vm {

// Why ThreadHandle::run() returned.
enum class Stop : std::uint8_t {
  Budget,    // budget spent or eval breaker set: the driver decides (drop the GIL, stop, collect)
  Blocked,   // cannot go on: wait() says on what; run() again after a notify or its deadline
  Finished,  // the thread's code returned, or raised (the VM already reported the exception)
  Exited,    // the process must end now: sys.exit in the main thread, os._exit anywhere
};

// What a blocked thread waits for. Filled in by module code; read by drivers to wait, to detect
// deadlocks (who waits for what, held by whom) and to record traces.
enum class WaitKind : std::uint8_t {
  Lock, RLock, Condition, Semaphore, Event, Barrier, Queue, Join, Sleep, Io, Process, Pipe
};

class ThreadHandle;

// Added for the simulator's cost model: opcode classes, each with one cost (ns per instruction) in
// a driver's cost table (docs/simulator.md lists them with CPython 3.11's measured values).
enum class OpClass : std::uint8_t {
  Load,     // LOAD_FAST, LOAD_CONST, LOAD_DEREF, stack shuffles (POP_TOP, COPY, SWAP, PUSH_NULL)
  Store,    // STORE_FAST / NAME / GLOBAL / DEREF, DELETE_*
  Global,   // LOAD_GLOBAL, LOAD_NAME (dictionary lookups)
  Attr,     // LOAD_ATTR, STORE_ATTR, DELETE_ATTR, LOAD_METHOD
  Arith,    // BINARY_OP, UNARY_*
  Compare,  // COMPARE_OP, IS_OP, CONTAINS_OP
  Jump,     // JUMP_*, POP_JUMP_*
  Subscr,   // BINARY_SUBSCR, STORE_SUBSCR, DELETE_SUBSCR, BUILD_SLICE
  Build,    // BUILD_*, LIST_APPEND, SET_ADD, MAP_ADD, *_EXTEND/UPDATE/MERGE, UNPACK_*, FORMAT_VALUE
  Call,     // CALL, CALL_FUNCTION_EX: the whole call round trip (frame push, return)
  Iter,     // GET_ITER, FOR_ITER
  Other,    // everything else (RESUME, RETURN_VALUE, MAKE_FUNCTION, exceptions, imports...)
};
inline constexpr int kOpClassCount = static_cast<int>(OpClass::Other) + 1;

// The class of an opcode by its CPython 3.11 name, so that a VM can expand a per-class table into a
// per-opcode one once (at start-up), keeping the hot path at one table load and one add.
inline OpClass op_class_of(std::string_view op) {
  auto starts = [&](std::string_view p) { return op.substr(0, p.size()) == p; };
  if (op == "CALL" || op == "CALL_FUNCTION_EX") return OpClass::Call;
  if (op == "LOAD_GLOBAL" || op == "LOAD_NAME") return OpClass::Global;
  if (starts("LOAD_ATTR") || starts("STORE_ATTR") || op == "DELETE_ATTR" ||
      starts("LOAD_METHOD")) {
    return OpClass::Attr;
  }
  if (starts("BINARY_SUBSCR") || starts("STORE_SUBSCR") || op == "DELETE_SUBSCR" ||
      op == "BUILD_SLICE") {
    return OpClass::Subscr;
  }
  if (starts("LOAD_") || op == "POP_TOP" || op == "COPY" || op == "SWAP" || op == "PUSH_NULL" ||
      op == "NOP") {
    return OpClass::Load;
  }
  if (starts("STORE_") || starts("DELETE_")) return OpClass::Store;
  if (starts("BINARY_OP") || starts("UNARY_")) return OpClass::Arith;
  if (starts("COMPARE_OP") || op == "IS_OP" || op == "CONTAINS_OP") return OpClass::Compare;
  if (starts("JUMP_") || starts("POP_JUMP_")) return OpClass::Jump;
  if (op == "GET_ITER" || starts("FOR_ITER")) return OpClass::Iter;
  if (starts("BUILD_") || starts("UNPACK_") || op == "LIST_APPEND" || op == "SET_ADD" ||
      op == "MAP_ADD" || op == "LIST_EXTEND" || op == "SET_UPDATE" || op == "DICT_UPDATE" ||
      op == "DICT_MERGE" || op == "LIST_TO_TUPLE" || op == "FORMAT_VALUE") {
    return OpClass::Build;
  }
  return OpClass::Other;
}

struct Wait {
  WaitKind kind = WaitKind::Sleep;
  const void* object = nullptr;       // identity of the waitable; nullptr for Sleep
  std::int64_t deadline_ns = -1;      // on Driver::monotonic_ns()'s clock; -1: no deadline
  std::uint64_t epoch = 0;            // Driver::epoch() read before the failed attempt
  const ThreadHandle* holder = nullptr;  // who holds it (locks, joins), for reports; may be null
  std::string what;                   // for reports: "Lock 0x7f3a..." / "queue.get()" / ...
};

// Bits of the eval breaker, checked by the interpreter at backward jumps and calls. Any set bit
// makes run() return Stop::Budget at the next instruction boundary (a safepoint).
namespace breaker {
inline constexpr std::uint32_t kGilDropRequest = 1u << 0;
inline constexpr std::uint32_t kStopRequest = 1u << 1;
inline constexpr std::uint32_t kGcRequest = 1u << 2;
inline constexpr std::uint32_t kPendingCall = 1u << 3;  // e.g. a new thread to register
}  // namespace breaker

// What a driver sees of one Python thread. Implemented by vm::Thread.
class ThreadHandle {
 public:
  virtual ~ThreadHandle() = default;
  // Executes at most `budget` instructions. Only the driver calls it, from one OS thread at a time.
  virtual Stop run(std::int64_t budget) = 0;
  virtual const Wait& wait() const = 0;        // valid after Stop::Blocked
  virtual int exit_code() const = 0;           // valid after Stop::Exited
  virtual std::string name() const = 0;        // threading name: "MainThread", "Thread-1 (worker)"
  virtual std::uint64_t ident() const = 0;     // threading.get_ident()
  virtual bool daemon() const = 0;
  virtual bool is_main() const = 0;
  // Added for the VM's collector. A driver that lets several threads be inside run() at once
  // (GIL off) sees breaker::kGcRequest make every run() return Stop::Budget; once no thread is
  // inside run() it calls collect_garbage() on any one handle (it collects the whole interpreter
  // and clears the bit), then resumes the threads. Drivers that serialise run() (see
  // Driver::serialises_run) never need to: the VM then collects by itself at a safepoint.
  virtual void collect_garbage() {}

  // Added for the simulator (run/sim_driver.h), which advances virtual time by the cost of what a
  // thread executed. set_cost_table() hands over kOpClassCount costs in ns, indexed by OpClass,
  // owned by the driver and valid for the thread's life (nullptr: accounting off, the default).
  // While a table is set, every instruction run() executes adds table[class of its opcode] to the
  // run's cost; a VM may add more for natives whose work grows with their input (sorting, joins).
  // executed() and run_cost_ns() are the instructions and cost of the current run() call, or of
  // the last one once it returned; both restart at 0 when run() begins, and the driver may read
  // them from inside run() (its clocks answer "start of the run + cost so far"). The defaults
  // (0) mean "not counted": the simulator then estimates the cost from the budget.
  virtual void set_cost_table(const std::int64_t* ns_per_op_class) { (void)ns_per_op_class; }
  virtual std::int64_t executed() const { return 0; }
  virtual std::int64_t run_cost_ns() const { return 0; }
  // Added for the simulator with the GIL off (threads of one interpreter on different virtual
  // cores take turns of a few instructions, so a read-modify-write can lose an update): while on
  // and a cost table is set, run(budget) also returns Stop::Budget once `budget` instructions
  // were executed, at any instruction boundary of the outermost evaluation (not only at
  // safepoints); never between KW_NAMES and its CALL. Off by default.
  virtual void set_exact_budget(bool on) { (void)on; }
};
// Added: when the main thread returns Stop::Finished the program is over. The VM has by then
// already joined the non-daemon threads (CPython's threading._shutdown), so the driver simply
// abandons the daemon threads that are left. exit_code() is valid after Finished too for the
// main thread: 0, or 1 when it ended with an uncaught exception.

// The services module code (threading, queue, time, os, sys, print) needs from the driver.
class Driver {
 public:
  virtual ~Driver() = default;

  // Clocks. Real drivers read the machine's clocks; the simulator answers virtual time only.
  virtual std::int64_t monotonic_ns() = 0;     // time.monotonic / perf_counter / timeouts
  virtual std::int64_t wall_ns() = 0;          // time.time
  virtual std::int64_t cpu_ns() = 0;           // time.process_time (this process, all threads)

  // A new Python thread (Thread.start()). The driver makes it runnable and owns its scheduling;
  // fails (returns false) when the thread limit is reached.
  virtual bool start_thread(ThreadHandle& thread) = 0;

  // Waking. A counter bumped by every notify; module code reads it *before* trying an operation
  // that may block and stores it in Wait::epoch, so that a notify racing with the failed attempt
  // is never lost (the driver does not sleep if `object` was notified after that epoch).
  virtual std::uint64_t epoch() = 0;
  // The state of `object` changed (lock released, item put, event set, thread finished): every
  // thread blocked on it retries its operation.
  virtual void notify(const void* object) = 0;

  // Output: print and sys.stdout.write (fd 1), sys.stderr and tracebacks (fd 2). Whole chunks.
  virtual void write(int fd, std::string_view text) = 0;

  // sys.getswitchinterval / sys.setswitchinterval (seconds).
  virtual double switch_interval() = 0;
  virtual void set_switch_interval(double seconds) = 0;

  // The interpreter-wide eval breaker (bits in namespace breaker), like CPython's.
  virtual std::atomic<std::uint32_t>& eval_breaker() = 0;

  // Added: true when at most one thread is ever inside ThreadHandle::run() at a time (a GIL, or
  // all threads on one OS thread). The VM then collects garbage by itself at an instruction
  // boundary and never asks the driver to stop the world (see ThreadHandle::collect_garbage).
  virtual bool serialises_run() const { return false; }

  // Added for the real GIL. Python code a builtin calls back (sorted's key, a generator consumed
  // by sum() or list(), __eq__ and __hash__ from a dict, map and filter) runs in a nested
  // interpreter loop that cannot return to the driver: its frames are under a C++ call. At the
  // nested loop's safepoints (backward jumps and calls) the VM calls nested_safepoint() on the
  // thread's own OS thread when breaker::kGilDropRequest is set or when nested_budget()
  // instructions ran since the last call. A driver with a real GIL drops it there and takes it
  // back (CPython switches at any depth too), so other threads run while the builtin is under way;
  // the frames stay where they are. The VM checks for a stop request right after the call
  // returns, and collects no garbage while any thread is inside this call (the natives under it
  // keep values in C++ locals that the collector cannot see).
  // Drivers that run every thread on one OS thread (the cooperative driver, the simulator) cannot
  // run another thread there: the defaults do nothing, and the builtin finishes before another
  // thread runs (docs/vm.md, "Nested loops and the GIL").
  virtual void nested_safepoint(ThreadHandle& thread) { (void)thread; }
  // Instructions a nested loop runs between calls to nested_safepoint() when nothing asked for
  // one; read once per thread when the VM creates it. Python 2's GIL (`legacy`) releases every
  // 100 instructions at any depth; the 3.2+ GIL waits for drop requests (the default: never).
  virtual std::int64_t nested_budget() const { return INT64_MAX; }
  // Added for blocking calls in nested loops (a Queue.get in a generator that list() or sum()
  // consumes, a lock taken in a key= function). Such a call cannot return Stop::Blocked: its
  // frames are under a C++ call. A driver that gives each Python thread its own OS thread waits
  // right there: nested_block() is called on that OS thread with the thread's Wait filled in, parks
  // it as if run() had returned Stop::Blocked (the GIL handed over, deadlock detection, the trace's
  // wait span), takes the GIL back and returns; true means "woken: retry the call", false "the run
  // is ending" (the VM sees the stop request next). The VM collects no garbage while a thread is
  // inside (as with nested_safepoint). Drivers that run every thread on one OS thread (the
  // cooperative driver, the simulator) cannot: the default answers false without waiting and the
  // VM raises RuntimeError (docs/vm.md).
  virtual bool nested_block(ThreadHandle& thread) {
    (void)thread;
    return false;
  }
};

}  // namespace interleave::vm
