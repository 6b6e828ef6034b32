// The browser's ipc::ProcessHost (docs/processes.md, "Processes in the browser"): each Python
// process is a Web Worker with its own Wasm instance and memory; they meet only in the run
// worker's process router (public/process-router.js), by messages. This host turns every
// ProcessHost call into a record for the router and every message of the router into a state
// change the driver is notified of; nothing here blocks or waits for an answer:
//   - pids, channel ends and shared-memory regions get global ids chosen here without asking:
//     (index + 1) * kIdStride + n, `index` being the process's number given by the router;
//   - a read asks the router for ONE frame (at most one request per channel end in flight), so
//     frames are handed out on demand, one per waiting reader, never ahead;
//   - shared memory: a SharedArrayBuffer mapped on this worker's JS thread (isolated page), or a
//     region in the router (a child in a page that is not isolated): then each word operation is
//     a round trip, answered Later (the calling Python thread blocks on it, as on a Queue.get()),
//     except a store, which is sent in order and needs no answer;
//   - exit_now: the exit record goes out, then mt blocks the thread until the router terminates
//     the worker; st throws run::CoopExit, which ends the cooperative run (a child's exit record
//     then waits for ended(), so that its report goes out before it: the router ends a process's
//     worker at its exit record).
// Traces (docs/processes.md, "Processes in the browser"): when the program's run is recorded
// (set_trace_children), its Spawn records say so and every child, traced, sends a Report record
// (run/process_report.h) just before its exit record; the router hands every report to the
// program's process, whose host keeps them with what it saw of each child (its start, its exit
// and exit code, on the shared clock) for the run worker to merge (run/process_merge.h) once the
// children ended. A terminated or killed child sends nothing, and nothing waits for it.
// The shared clock is the page's: performance.timeOrigin + performance.now() (ms), the same in
// every worker up to its resolution (Chrome: 5 us in a cross-origin isolated page, 100 us in
// another); every thread's steady clock reads it too (web/shared_clock.js), so a process's
// pthreads agree with each other. A cooperative process (an st child, the st program) is
// anchored at its shutdown() call (shutdown_ms()), the moment its run's last event, the
// process's end, is recorded right after (a few us later). The mt program is anchored at a
// child's start instead: its real driver records the start on the spawning Python thread right
// after spawn_process returned and noted the moment (spawned(), a few us before), closer than
// its end, which reaches shutdown() only after the program's globals were taken. (The Spawn
// record's post may wait ms for the JS thread, long enough for a pooled child to begin: a
// child's lane starts when the spawn call began.) So a child's times on the program's clock are
// off by those few us plus the clock's resolution (a test measured the shared clock of two
// workers to agree within 5 us in the isolated page). Messages: the frames carry their flow ids
// ((this pid << 32) | counter, written by multiprocessing) through the router untouched.
// Records to the router, in order (output included, so a process's output and messages keep
// their order): [u32 size][u8 kind][i32 a][i32 b][i32 c][bytes], size counting from kind on.
// Thread-safety: every ProcessHost method may be called from any thread; take_outgoing and
// deliver are called on the worker's JS thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/process_host.h"

namespace interleave::web {

// Records to the router (kinds of take_outgoing()).
enum class Out : std::uint8_t {
  Output = 1,    // a: fd; bytes: text
  Spawn = 2,     // a: child pid, b: daemon | kSpawnFork, c: inherited count; bytes: c i32 ids,
                 // then payload (a fork: kForkMark + heap snapshot; it inherits every end)
  Signal = 3,    // a: pid, b: 1 kill / 0 terminate
  Exit = 4,      // a: exit code (negative: the signal)
  Channel = 5,   // a, b: the two ends, c: duplex
  Send = 6,      // a: end; bytes: the frame
  Want = 7,      // a: end: hand me one frame (or EOF)
  Close = 8,     // a: end or region
  Shm = 9,       // a: region, b: bytes
  Word = 10,     // a: region, b: byte offset, c: token; bytes: [op u8][arg i64]
  Shutdown = 11, // a: 1 wait for non-daemon children / 0 end them all now
  Report = 12,   // bytes: this child's run/process_report.h report (before its exit record)
};

// A Spawn record's flags (b) for a fork child and for a child to trace, and the start of a fork
// child's payload (then the heap snapshot).
constexpr std::int32_t kSpawnFork = 2;
constexpr std::int32_t kSpawnTraced = 4;
constexpr std::string_view kForkMark = "interleave-fork\n";

// Messages of the router (kinds of deliver()).
enum class In : std::uint8_t {
  Frame = 1,   // a: end; bytes: the frame
  Eof = 2,     // a: end
  Exited = 3,  // a: pid, b: exit code
  Word = 4,    // a: token; bytes: the result (i64)
  Report = 5,  // a: the reporting descendant's pid; bytes: its report (to the program only)
};

// The page's shared clock (ms): performance.timeOrigin + performance.now() of the calling thread.
double shared_clock_ms();

class WebProcessHost final : public ipc::ProcessHost {
 public:
  static constexpr std::int64_t kIdStride = 100000;
  static constexpr std::int64_t kPidStride = 10000;

  struct Identity {
    int index = 0;              // the router's number for this process (0: the program)
    std::int64_t pid = 0;
    std::int64_t ppid = 0;
    bool child = false;         // a spawned child (the fields below are set)
    std::string program_path, program_source, payload;
    std::string start_method = "spawn";  // "fork" in a fork child (its payload had kForkMark)
    bool traced = false;        // a child of a recorded run: it reports at its end
  };
  // What the program's process saw of its children and the reports it was handed (see the header).
  struct ChildRecord {
    std::int64_t pid = 0;
    std::string name;        // multiprocessing's, when a tracer told (note_child_name)
    double started_ms = 0;   // the shared clock when its spawn call began
    double spawned_ms = 0;   // when the call returned (the Spawn record out): see spawned()
    bool ended = false;
    double ended_ms = 0;     // when its exit reached this process
    int exitcode = 0;
  };
  // `kick`: asks the worker's JS thread to call take_outgoing() soon (called with no lock held,
  // once per batch of records); null when the JS thread drains by itself (st, between steps).
  WebProcessHost(Identity identity, std::function<void()> kick);

  // The records queued since the last call (JS thread).
  std::string take_outgoing();
  // One message of the router (JS thread); notifies the waiting thread.
  void deliver(In kind, std::int32_t a, std::int32_t b, std::string_view bytes);
  // This process's output, queued in order with its messages.
  void output(int fd, std::string_view text);
  // A child's run ended (also after exit_now in st): its report, when it has one, then its exit
  // record (exit_now's code, else `status`), once.
  void ended(int status, std::string_view report = {});

  // The shared clock when shutdown() was called (0: not yet): this process's anchor.
  double shutdown_ms() const;
  // multiprocessing's name of child `pid` (a tracer's child_started), and of this process.
  void note_child_name(std::int64_t pid, std::string_view name);
  void note_name(std::string_view name);
  std::string name() const;
  // The program's process, once its children ended: what it saw of them, and the reports.
  std::vector<ChildRecord> children_seen() const;
  std::vector<std::string> take_reports();

  // --- ipc::ProcessHost ----------------------------------------------------------------------
  void set_notifier(std::function<void(const void*)> notify) override;
  std::int64_t pid() override { return id_.pid; }
  std::int64_t ppid() override { return id_.ppid; }
  int cpu_count() override;
  void set_fork_guard(ForkGuard guard) override;
  std::int64_t fork_process(bool daemon, std::string* error) override;
  // fork is a child worker that restores a heap snapshot taken by the forking thread (see
  // set_fork_guard in the .cpp for mt; st has one OS thread and the caller is the running one).
  bool forks_by_snapshot() const override { return true; }
  std::int64_t fork_by_snapshot(const std::function<bool(std::string*)>& write, bool daemon,
                                std::string* error) override;
  bool snapshot_fork_child() const override { return id_.child && id_.start_method == "fork"; }
  std::int64_t spawn_process(std::string_view payload, const std::vector<int>& inherit,
                             bool daemon, std::string* error) override;
  bool child_exited(std::int64_t pid, int* exitcode, const void** wait_object) override;
  void signal_child(std::int64_t pid, bool kill) override;
  [[noreturn]] void exit_now(int code) override;
  [[noreturn]] void abort_now() override;
  bool exits_by_unwinding() const override;
  void shutdown(bool wait_for_children, double max_wait_seconds) override;
  bool make_channel(bool duplex, int* a, int* b) override;
  void send(int fd, std::string bytes) override;
  Recv try_recv(int fd, std::int32_t* lock, std::string* out, const void** wait_object) override;
  void close_fd(int fd) override;
  int shm_create(std::size_t bytes) override;
  void* shm_map(int fd) override;
  Word shm_word(const void* caller, int fd, std::size_t offset, WordOp op, std::int64_t arg,
                std::int64_t* result, const void** wait_object) override;
  // st: true for a region that lives in the router only (a child's view in a page that is not
  // isolated); Load, Add and the lock operations on it are round trips, Store is sent and Done.
  bool shm_words_block(int fd) const override;
  void set_program(std::string_view path, std::vector<std::string> child_args) override;
  void set_program_source(std::string_view source) override;
  // A recorded run: children are started traced (their Spawn records say so).
  void set_trace_children(bool on) override;
  bool is_spawned_child() const override { return id_.child; }
  const std::string& child_program_source() const override { return id_.program_source; }
  const std::string& child_program_path() const override { return id_.program_path; }
  const std::string& child_payload() const override { return id_.payload; }
  const std::string& start_method() const override { return id_.start_method; }

 private:
  struct Child {
    bool done = false;
    int code = 0;
    ChildRecord seen;
  };
  struct Reader {
    std::deque<std::string> frames;
    bool eof = false;
    bool asked = false;  // a Want is in flight
  };
  struct WordCall {
    std::int32_t token = 0;
    bool answered = false;
    std::int64_t result = 0;
  };

  // Appends one record (mu_ held); returns true when the JS thread must be kicked. After exit_now
  // only `last` records (ended()'s) go out.
  bool push(Out kind, std::int32_t a, std::int32_t b, std::int32_t c, std::string_view bytes,
            bool last = false);
  void post(Out kind, std::int32_t a, std::int32_t b = 0, std::int32_t c = 0,
            std::string_view bytes = {});
  void notify(const void* object);
  [[noreturn]] void end_process(int code);

  Identity id_;
  std::function<void()> kick_;
  mutable std::mutex mu_;
  std::string outgoing_;    // records not yet taken (mu_)
  bool kicked_ = false;     // a kick is pending (mu_)
  bool exiting_ = false;    // exit_now ran: no more records (mu_)
  std::optional<int> exit_code_;  // st child: exit_now's code, its exit record waiting (mu_)
  bool exit_sent_ = false;  // the exit record went out (mu_)
  bool trace_children_ = false;   // (mu_)
  double shutdown_ms_ = 0;        // (mu_)
  std::string name_;              // (mu_)
  std::vector<std::string> reports_;  // handed to the program's process (mu_)
  std::size_t report_bytes_ = 0;      // their size (mu_), at most kReportBytesMax
  static constexpr std::size_t kReportBytesMax = std::size_t{256} << 20;
  std::map<std::int64_t, std::unique_ptr<Child>> children_;
  std::map<int, std::unique_ptr<Reader>> readers_;
  std::map<const void*, std::unique_ptr<WordCall>> calls_;  // by calling thread
  std::map<std::int32_t, WordCall*> calls_by_token_;
  std::int32_t next_token_ = 1;  // never kNoAnswer
  static constexpr std::int32_t kNoAnswer = 0;  // the token of a Word whose answer is dropped
  std::int64_t new_child_pid(std::string* error);  // -1 past the limit
  std::int32_t traced_flag();  // kSpawnTraced when children are traced
  void spawned(std::int64_t pid);  // notes the start's moment on the shared clock

  std::int64_t next_child_ = 1;
  std::mutex guard_mu_;
  ForkGuard guard_;  // guard_mu_
  std::int64_t next_id_ = 1;
  std::mutex notify_mu_;
  std::function<void(const void*)> notify_;
};

}  // namespace interleave::web
