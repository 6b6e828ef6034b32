// Processes inside the simulator (--mode sim with multiprocessing): an ipc::ProcessHost whose
// children are interpreters of their own (their own heap, GIL and eval breaker) run by the same
// SimDriver, on the same virtual cores and clock, so a run with processes stays deterministic.
// Start costs, message latency and pickled bytes are charged from the profile's [process] keys.
// A fork child is an interpreter of its own too, whose heap is restored from a snapshot of the
// parent's (ipc/heap_snapshot.h) taken at the fork: as after fork(), neither side sees the
// other's later writes (docs/simulator.md).
// Channels are queues of frames with an arrival time; shared memory is plain memory (every
// simulated process lives in this one address space). Every method answers for the simulated
// process whose thread is inside run() (SimDriver::current_process), 0 outside.
// Thread-safety: the simulator's one OS thread (natives call in from inside run()).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/process_host.h"
#include "run/program.h"

namespace interleave::vm {
class Interpreter;
class Thread;
class ThreadHandle;
class Value;
struct Module;
}  // namespace interleave::vm

namespace interleave::run::sim {

class SimDriver;

// The name of the resource tracker's process in traces and summaries (start_resource_tracker).
inline constexpr std::string_view kResourceTrackerName = "resource tracker";

class SimProcessHost final : public ipc::ProcessHost {
 public:
  // `options`: the start method and what a child interpreter repeats (argv, seed, GIL mode).
  SimProcessHost(SimDriver& sim, const Options& options);
  ~SimProcessHost() override;
  SimProcessHost(const SimProcessHost&) = delete;
  SimProcessHost& operator=(const SimProcessHost&) = delete;

  // Called by SimDriver::run: installs multiprocessing into the program's interpreter (found
  // from its main thread) and remembers its source for spawned children; and at the end.
  void attach_program(vm::ThreadHandle& main);
  void detach_program();

  // --- ipc::ProcessHost ----------------------------------------------------------------------
  void set_notifier(std::function<void(const void*)> notify) override { (void)notify; }
  std::int64_t pid() override;
  std::int64_t ppid() override;
  int cpu_count() override;
  void set_fork_guard(ForkGuard guard) override { (void)guard; }
  std::int64_t fork_process(bool daemon, std::string* error) override;
  std::int64_t spawn_process(std::string_view payload, const std::vector<int>& inherit,
                             bool daemon, std::string* error) override;
  bool child_exited(std::int64_t pid, int* exitcode, const void** wait_object) override;
  void signal_child(std::int64_t pid, bool kill) override;
  [[noreturn]] void exit_now(int code) override;
  [[noreturn]] void abort_now() override;
  void shutdown(bool wait_for_children, double max_wait_seconds) override;
  bool make_channel(bool duplex, int* a, int* b) override;
  void send(int fd, std::string bytes) override;
  Recv try_recv(int fd, std::int32_t* lock, std::string* out, const void** wait_object) override;
  void close_fd(int fd) override;
  int shm_create(std::size_t bytes) override;
  void* shm_map(int fd) override;
  void set_program(std::string_view path, std::vector<std::string> child_args) override;
  void set_program_source(std::string_view source) override;
  bool is_spawned_child() const override;
  const std::string& child_program_source() const override { return source_; }
  const std::string& child_program_path() const override { return path_; }
  const std::string& child_payload() const override;
  const std::string& start_method() const override { return start_method_; }

  // Called by the fork child's first frame (module _sim_fork) on its own thread: restores the
  // parent's heap from the snapshot taken at the fork and returns the Process to bootstrap.
  vm::Value restore_fork_child(vm::Thread& t);

  // After the run: each child's interpreter with its simulated process index (its id in the
  // trace), in start order (the memory view's globals, program.cpp).
  void for_each_child(const std::function<void(int process, vm::Interpreter& interp)>& fn) const;

  static constexpr std::int64_t kFirstPid = 1000;  // the program's pid in sim (program.cpp)

 private:
  struct Process {
    std::int64_t pid = 0;
    std::int64_t ppid = 0;
    bool daemon = false;
    bool exited = false;
    bool spawned = false;  // a fresh interpreter (spawn); false: the program or a fork child
    bool has_started = false;  // it started a child already (process.first_start was paid)
    bool tracker = false;  // multiprocessing's resource tracker (start_resource_tracker)
    int exitcode = 0;
    std::string payload;  // spawn: the pickled Process; fork: the heap snapshot until restored
    std::unique_ptr<vm::Interpreter> interp;  // null for the program's (owned by run_source)
  };
  // The parent's CPU for a start(): process.first_start the first time, plus `each`.
  void charge_start(std::int64_t each);
  struct Frame {
    std::int64_t ready_at = 0;  // virtual time it can be read
    std::string bytes;
    std::uint64_t flow = 0;  // pairs the send and the receive in traces
    int from = 0;            // the sending process
  };
  struct End {  // one descriptor of a channel
    int peer = -1;                // where frames sent on this end arrive
    std::deque<Frame> incoming;   // frames sent to this end, by arrival time
    std::set<int> holders;        // processes that have it open
  };

  Process& current();
  std::unique_ptr<vm::Interpreter> child_interpreter(int index);
  int add_child(std::int64_t parent_pid, bool daemon, bool spawned);
  // A run's first spawn start() starts the resource tracker first, as CPython's does: a process
  // of its own ("resource tracker", not one of the program's children: no pid from their
  // sequence, no memory box, nobody joins it) whose interpreter uses process.resource_tracker
  // of CPU on a core, competing with the children's start-up, then ends (CPython's then waits
  // on its pipe without using the CPU). A daemon: the run does not wait for it.
  void start_resource_tracker();
  const Process& current() const;
  End* end_of(int fd);
  void process_ended(int process, int status);
  void release(int fd, int process);

  SimDriver& sim_;
  Options options_;
  std::string start_method_;
  std::string path_;
  std::string source_;
  vm::Interpreter* program_ = nullptr;
  std::vector<std::unique_ptr<Process>> procs_;  // by simulated process index
  std::map<int, std::unique_ptr<End>> ends_;
  std::map<int, std::unique_ptr<std::int64_t[]>> shm_;
  int next_fd_ = 3;
  std::int64_t next_pid_ = kFirstPid + 1;  // the next child's pid
  bool tracker_started_ = false;
  std::uint64_t next_flow_ = 1;
};

}  // namespace interleave::run::sim
