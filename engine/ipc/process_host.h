// The seam between the engine and the operating system's processes (docs/processes.md): start a
// child by fork or spawn, signal and reap it, move framed byte messages over channels addressed by
// descriptor number, map shared memory. No method blocks: state changes (a frame arrived, a child
// exited) are reported through the notifier, which the multiprocessing module points at
// Driver::notify. Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::ipc {

class ProcessHost {
 public:
  virtual ~ProcessHost() = default;

  // Called (from I/O threads) with the object whose state changed; null: stop notifying.
  virtual void set_notifier(std::function<void(const void*)> notify) = 0;

  virtual std::int64_t pid() = 0;
  virtual std::int64_t ppid() = 0;
  virtual int cpu_count() = 0;

  // Runs fork() inside `guard` when one is set: the driver's stop-the-world rendezvous, so that
  // no other Python thread is inside the interpreter when the heap is copied (set by run_source).
  using ForkGuard = std::function<void(const std::function<void()>&)>;
  virtual void set_fork_guard(ForkGuard guard) = 0;
  // fork: 0 in the child, the child's pid in the parent, -1 on failure (errno text in *error).
  virtual std::int64_t fork_process(bool daemon, std::string* error) = 0;
  // Hosts without an OS fork (the browser's) emulate it with a heap snapshot (heap_snapshot.h):
  // _mp.fork calls fork_by_snapshot with a writer of the snapshot (the Process being started and
  // the start method), which the host runs inside its fork guard and hands to the child; the
  // child (snapshot_fork_child()) restores it in _mp.child_payload instead of unpickling.
  virtual bool forks_by_snapshot() const { return false; }
  virtual std::int64_t fork_by_snapshot(const std::function<bool(std::string*)>& write,
                                        bool daemon, std::string* error) {
    (void)write;
    return fork_process(daemon, error);
  }
  virtual bool snapshot_fork_child() const { return false; }
  // spawn: a fresh interpreter that runs the program as __mp_main__ and unpickles `payload`.
  // Channel and shared-memory descriptors are close-on-exec: the child inherits only `inherit`
  // (those the payload names), so that a Pipe end closed by everyone else reads EOF.
  virtual std::int64_t spawn_process(std::string_view payload, const std::vector<int>& inherit,
                                     bool daemon, std::string* error) = 0;
  // True once `pid` has ended, with CPython's exitcode (negative: killed by that signal).
  // Otherwise *wait_object is what the notifier names when it ends.
  virtual bool child_exited(std::int64_t pid, int* exitcode, const void** wait_object) = 0;
  virtual void signal_child(std::int64_t pid, bool kill) = 0;  // SIGTERM / SIGKILL
  // End this process now: flush stdio and _exit(code) / abort().
  [[noreturn]] virtual void exit_now(int code) = 0;
  [[noreturn]] virtual void abort_now() = 0;
  // True where exit_now cannot end the process from a Python thread (a browser child on
  // pthreads): _mp.exit and os._exit then unwind the calling thread as the VM's own os._exit does
  // (the driver ends the run with the code) and the host ends the process after the run.
  virtual bool exits_by_unwinding() const { return false; }
  // The program's end: terminate daemon children and wait for the others (CPython's atexit
  // handler), at most `max_wait_seconds` when positive (the run's time limit), then kill them;
  // with wait_for_children false (time limit, stop) kill them all at once.
  virtual void shutdown(bool wait_for_children, double max_wait_seconds) = 0;

  // Channels: a duplex pair (socketpair) or a one-way pipe (a: read end, b: write end).
  virtual bool make_channel(bool duplex, int* a, int* b) = 0;
  // Queues one frame for writing by the descriptor's feeder thread; never blocks.
  virtual void send(int fd, std::string bytes) = 0;
  enum class Recv : std::uint8_t { Got, Empty, Eof };
  // Takes the next frame read from `fd`. On Empty, *wait_object is notified when one arrives.
  // Frames are read on demand, one per waiting call, never ahead (several consumer processes
  // share a Queue or a Connection end); `lock`, a process-shared word, is held while reading one.
  virtual Recv try_recv(int fd, std::int32_t* lock, std::string* out, const void** wait_object) = 0;
  // try_recv that, when no frame is there and nobody else in this process is reading `fd`, first
  // waits up to `wait_ns` for one on the calling thread (one thread switch per message instead of
  // the I/O thread's two). For callers whose waiting holds up no one. Default: try_recv.
  virtual Recv try_recv_waiting(int fd, std::int32_t* lock, std::string* out,
                                const void** wait_object, std::int64_t wait_ns) {
    (void)wait_ns;
    return try_recv(fd, lock, out, wait_object);
  }
  // Writes what was sent on `fd`, stops its I/O threads and closes it.
  virtual void close_fd(int fd) = 0;

  // Shared memory: a zero-filled region inherited by children; map() returns this process's view.
  virtual int shm_create(std::size_t bytes) = 0;
  virtual void* shm_map(int fd) = 0;
  // One operation on the 8-byte word at `offset` of region `fd` (Value, Array, locks, counters).
  // Hosts whose regions are mapped here answer at once (the default: atomics on shm_map()). A host
  // whose regions live elsewhere (the browser's, in another worker) may answer Later: the calling
  // thread `caller` blocks on *wait_object and calls again with the same arguments for the answer.
  enum class WordOp : std::uint8_t { Load, Store, Add, TakeIfPositive, GiveBelow };
  enum class Word : std::uint8_t { Done, Later, Unmapped };
  // Add: *result is the new value; TakeIfPositive / GiveBelow (arg: the maximum): 1 when the word
  // was decremented / incremented, else 0; Load: the value.
  virtual Word shm_word(const void* caller, int fd, std::size_t offset, WordOp op, std::int64_t arg,
                        std::int64_t* result, const void** wait_object);
  // True when word operations on region `fd` may answer Later (they cannot run inside a callback
  // from a built-in, such as a property getter): multiprocessing then caches the region's words
  // while a lock guarding it is held (docs/processes.md).
  virtual bool shm_words_block(int fd) const {
    (void)fd;
    return false;
  }

  // The program being run (spawn re-runs it) and the run options a spawned child repeats
  // (e.g. {"--gil", "on", "--start-method", "spawn"}). Called by run_source before the run.
  virtual void set_program(std::string_view path, std::vector<std::string> child_args) = 0;
  // The program's text, handed to spawned children with their payload (so that a program that is
  // not a file, such as the desktop editor's, can spawn); without it children read `path`.
  virtual void set_program_source(std::string_view source) = 0;

  // Traces (docs/processes.md). When the run is recorded, every child leaves its trace at its end
  // (hand_trace_to_parent) in a region the parent reads once the children ended
  // (take_child_traces, after shutdown). Defaults: hosts that do not trace their children.
  struct ChildTrace {
    std::int64_t pid = 0;
    std::int64_t end_ns = 0;  // steady clock (CLOCK_MONOTONIC) when its exit was seen
    int exitcode = 0;
    std::string trace;  // empty: the child left none (killed, os._exit, ...)
  };
  virtual void set_trace_children(bool on) { (void)on; }
  virtual std::vector<ChildTrace> take_child_traces() { return {}; }
  // True in a child of a traced run; hand_trace_to_parent() then stores its trace for the parent.
  virtual bool traced_child() const { return false; }
  virtual void hand_trace_to_parent(std::string_view bytes) { (void)bytes; }

  // Set in a spawned child only: the program's source and path, and the pickled Process.
  virtual bool is_spawned_child() const { return false; }
  virtual const std::string& child_program_source() const = 0;
  virtual const std::string& child_program_path() const = 0;
  virtual const std::string& child_payload() const = 0;
  virtual const std::string& start_method() const = 0;
};

// The host of this OS process (set once by native main); null in hosts without processes.
ProcessHost* default_process_host();
void set_default_process_host(ProcessHost* host);

}  // namespace interleave::ipc
