// The simulated process host (see sim_process_host.h). Costs, from the profile's [process] keys,
// each CPU on the core of the process doing it (docs/simulator.md): the parent's start() pays
// process.first_start once, then process.spawn_start (spawn) or process.fork + per MiB of its
// heap (fork); a spawned child uses process.spawn before its first instruction, re-runs the
// module as __mp_main__ like any code, and process.exit after its end; a fork child uses
// process.fork_child + per KiB of the heap snapshot it restores; the run's first spawn start()
// also starts the resource tracker, process.resource_tracker of CPU. A message is charged
// process.ipc_per_kib per KiB of pickled bytes on the sender's run and arrives
// process.ipc_message after it was sent. One OS thread.
#include "run/sim_process_host.h"

#include <algorithm>
#include <utility>

#include "ipc/heap_snapshot.h"
#include "ipc/mp_module.h"
#include "run/sim_driver.h"
#include "vm/dict.h"
#include "vm/interp.h"
#include "vm/runtime.h"

namespace interleave::run::sim {

namespace {
// The host whose simulator runs on this OS thread (the simulator runs a program on one thread).
thread_local SimProcessHost* t_host = nullptr;
}  // namespace

SimProcessHost::SimProcessHost(SimDriver& sim, const Options& options)
    : sim_(sim), options_(options), start_method_(options.start_method) {
  if (start_method_ != "fork") start_method_ = "spawn";
  auto program = std::make_unique<Process>();
  program->pid = kFirstPid;
  program->ppid = kFirstPid - 1;
  procs_.push_back(std::move(program));
  sim_.set_process_exit_hook([this](int process, int status) { process_ended(process, status); });
}

SimProcessHost::~SimProcessHost() {
  if (t_host == this) t_host = nullptr;
  sim_.set_process_exit_hook(nullptr);
  // Children's interpreters go before the driver's process facades they point at.
  for (auto& p : procs_) p->interp.reset();
}

void SimProcessHost::attach_program(vm::ThreadHandle& main) {
  auto* thread = dynamic_cast<vm::Thread*>(&main);
  if (thread == nullptr) return;  // a test double, not an interpreter: no multiprocessing
  program_ = &thread->interp();
  t_host = this;
  if (path_.empty()) path_ = program_->main_filename;
  if (source_.empty() && program_->main_source) source_ = *program_->main_source;
  ipc::install_multiprocessing(*program_, *this);
}

void SimProcessHost::detach_program() {
  if (program_ != nullptr) ipc::uninstall_multiprocessing(*this);
  if (t_host == this) t_host = nullptr;
}

SimProcessHost::Process& SimProcessHost::current() {
  return *procs_[static_cast<std::size_t>(sim_.current_process())];
}

const SimProcessHost::Process& SimProcessHost::current() const {
  return *procs_[static_cast<std::size_t>(sim_.current_process())];
}

std::int64_t SimProcessHost::pid() {
  return current().pid;
}

std::int64_t SimProcessHost::ppid() {
  return current().ppid;
}

int SimProcessHost::cpu_count() {
  return sim_.settings().cores;
}

namespace {

// The fork child's main program: rebuild the parent's heap from the snapshot, then what
// Process.start does in a forked child: `_mp.exit(self._bootstrap())`.
constexpr std::string_view kForkChildSource = R"PY(
import _mp
import _sim_fork
_mp.exit(_sim_fork.restore()._bootstrap())
)PY";

vm::Value sim_fork_restore(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)args;
  if (!vm::no_kwargs(t, "restore", kwnames) || !vm::check_nargs(t, "restore", nargs, 0, 0)) {
    return vm::Value();
  }
  if (t_host == nullptr) return t.raise(t.interp().exc.RuntimeError, "no simulated fork here");
  return t_host->restore_fork_child(t);
}

vm::Module* init_sim_fork(vm::Thread& t) {
  vm::Module* m = vm::make_module(t, "_sim_fork");
  vm::dict_set_str(t, m->dict, t.interp().intern("restore"),
                   vm::Value::object(vm::make_builtin(t, "restore", sim_fork_restore)));
  return m;
}

}  // namespace

int SimProcessHost::add_child(std::int64_t parent_pid, bool daemon, bool spawned) {
  const std::int64_t pid = next_pid_++;
  const int index = sim_.add_process("Process " + std::to_string(pid), daemon);
  auto child = std::make_unique<Process>();
  child->pid = pid;
  child->ppid = parent_pid;
  child->daemon = daemon;
  child->spawned = spawned;
  procs_.push_back(std::move(child));
  return index;
}

std::unique_ptr<vm::Interpreter> SimProcessHost::child_interpreter(int index) {
  const Process& child = *procs_[static_cast<std::size_t>(index)];
  vm::Config config;
  config.argv = program_->config().argv;
  config.seed = program_->config().seed;
  if (config.seed >= 0) config.seed = (config.seed + index) & 0x7fffffffffffffffLL;
  config.free_threaded = false;  // the simulator serialises run(): no per-object locks needed
  auto in = std::make_unique<vm::Interpreter>(sim_.process_driver(index), config);
  in->pid = child.pid;
  in->ppid = child.ppid;
  in->cpu_count = sim_.settings().cores;
  ipc::install_multiprocessing(*in, *this);
  return in;
}

// A fork child is an interpreter of its own whose heap is a copy of the parent's at the fork: the
// parent writes a heap snapshot of __main__ and the Process being started (its target and
// arguments with everything they reach) here; the child's first act is to restore it
// (restore_fork_child). Writes after the fork are invisible to the other side, as with fork().
// The start costs process.fork + process.fork_per_mib x the parent's heap MiB +
// process.fork_per_kib x the snapshot's KiB.
std::int64_t SimProcessHost::fork_process(bool daemon, std::string* error) {
  auto* t = dynamic_cast<vm::Thread*>(sim_.current_thread());
  vm::Frame* f = t != nullptr ? t->frame : nullptr;
  if (program_ == nullptr || f == nullptr || f->code == nullptr || f->code->varnames.empty() ||
      f->code->varnames[0]->view() != "self") {
    if (error != nullptr) *error = "[Errno 38] fork is simulated for Process.start() only";
    return -1;
  }
  vm::Interpreter& in = t->interp();
  const vm::Value process = f->slots()[0];
  // The start method the child inherits (multiprocessing's global, None until one was chosen).
  vm::Value method = in.none;
  const vm::Value mp = vm::dict_get_str(in.modules, in.intern("multiprocessing"));
  if (!mp.is_null() && vm::layout_of(mp) == vm::Layout::Module) {
    const vm::Value m = vm::dict_get_str(static_cast<vm::Module*>(mp.as_object())->dict,
                                         in.intern("_start_method"));
    if (!m.is_null()) method = m;
  }
  std::string snapshot;
  if (!ipc::write_heap_snapshot(*t, {source_, path_}, {process, method}, &snapshot)) {
    // The host's interface carries a message: the user sees OSError with the TypeError's text.
    std::string why;
    const vm::Value exc = t->take_exception();
    if (!vm::str_into(*t, exc, why)) t->take_exception();
    if (error != nullptr) *error = why;
    return -1;
  }
  const std::int64_t parent_pid = current().pid;
  const int parent = sim_.current_process();
  const int index = add_child(parent_pid, daemon, false);
  Process& child = *procs_[static_cast<std::size_t>(index)];
  const std::int64_t snapshot_kib = static_cast<std::int64_t>(snapshot.size() + 1023) / 1024;
  child.payload = std::move(snapshot);
  child.interp = child_interpreter(index);
  child.interp->module_inits["_sim_fork"] = init_sim_fork;
  std::string why;
  vm::Thread* main = child.interp->load_main(kForkChildSource, "<interleave fork child>", &why);
  if (main == nullptr) {
    if (error != nullptr) *error = why;
    return -1;
  }
  for (const auto& [fd, end] : ends_) {
    if (end->holders.count(parent) != 0) end->holders.insert(index);  // every descriptor
  }
  const Profile& profile = sim_.settings().profile;
  const std::int64_t heap_mib = in.heap_bytes() >> 20;
  charge_start(profile.fork_ns + heap_mib * profile.fork_ns_per_mib);
  sim_.start_process(index, *main, sim_.monotonic_ns(),
                     profile.fork_child_ns + snapshot_kib * profile.fork_ns_per_kib);
  return child.pid;
}

vm::Value SimProcessHost::restore_fork_child(vm::Thread& t) {
  Process& self = current();
  ipc::RestoredHeap heap;
  if (!ipc::restore_heap_snapshot(t, {source_, path_}, self.payload, &heap)) return vm::Value();
  self.payload = std::string();  // restored once; the memory goes back
  if (heap.roots.size() != 2) return t.raise(t.interp().exc.RuntimeError, "bad fork snapshot");
  vm::RootScope roots(t);
  roots.add(heap.roots[0]);
  const vm::Value mp = t.interp().import_module(t, "multiprocessing");
  if (mp.is_null()) return mp;
  vm::dict_set_str(t, static_cast<vm::Module*>(mp.as_object())->dict,
                   t.interp().intern("_start_method"), heap.roots[1]);
  return heap.roots[0];
}

std::int64_t SimProcessHost::spawn_process(std::string_view payload,
                                           const std::vector<int>& inherit, bool daemon,
                                           std::string* error) {
  if (program_ == nullptr) {
    if (error != nullptr) *error = "[Errno 38] no program to spawn";
    return -1;
  }
  const std::int64_t parent_pid = current().pid;
  if (!tracker_started_) start_resource_tracker();
  const int index = add_child(parent_pid, daemon, true);
  Process& child = *procs_[static_cast<std::size_t>(index)];
  child.payload = std::string(payload);
  child.interp = child_interpreter(index);
  std::string why;
  vm::Thread* main = child.interp->load_main(ipc::kChildMainSource, "<interleave child>", &why);
  if (main == nullptr) {
    if (error != nullptr) *error = why;
    return -1;
  }
  for (const int fd : inherit) {
    if (End* e = end_of(fd)) e->holders.insert(index);
  }
  const Profile& profile = sim_.settings().profile;
  charge_start(profile.spawn_start_ns);
  sim_.start_process(index, *main, sim_.monotonic_ns(), profile.spawn_ns, profile.exit_ns);
  return child.pid;
}

void SimProcessHost::start_resource_tracker() {
  tracker_started_ = true;
  const std::int64_t cpu_ns = sim_.settings().profile.resource_tracker_ns;
  if (cpu_ns <= 0) return;
  const int index = sim_.add_process(std::string(kResourceTrackerName), true);
  auto tracker = std::make_unique<Process>();
  tracker->pid = kFirstPid - 1 - index;  // outside the children's pids; never shown to Python
  tracker->ppid = kFirstPid;
  tracker->daemon = true;
  tracker->spawned = true;
  tracker->tracker = true;
  procs_.push_back(std::move(tracker));
  Process& p = *procs_.back();
  p.interp = child_interpreter(index);
  std::string why;
  vm::Thread* main = p.interp->load_main("pass\n", "<resource tracker>", &why);
  if (main == nullptr) return;  // cannot happen for "pass"; the run goes on without it
  sim_.start_process(index, *main, sim_.monotonic_ns(), cpu_ns, 0);
}

void SimProcessHost::charge_start(std::int64_t each) {
  Process& parent = current();
  if (!parent.has_started) {
    parent.has_started = true;
    each += sim_.settings().profile.first_start_ns;
  }
  sim_.charge(each);
}

void SimProcessHost::for_each_child(
    const std::function<void(int process, vm::Interpreter& interp)>& fn) const {
  for (std::size_t i = 1; i < procs_.size(); ++i) {
    if (procs_[i]->interp && !procs_[i]->tracker) fn(static_cast<int>(i), *procs_[i]->interp);
  }
}

bool SimProcessHost::child_exited(std::int64_t pid, int* exitcode, const void** wait_object) {
  for (const auto& p : procs_) {
    if (p->pid != pid) continue;
    if (p->exited) {
      *exitcode = p->exitcode;
      return true;
    }
    *wait_object = p.get();
    return false;
  }
  *exitcode = 1;  // not a child of this run: CPython would have raised earlier
  return true;
}

void SimProcessHost::signal_child(std::int64_t pid, bool kill) {
  for (std::size_t i = 1; i < procs_.size(); ++i) {
    if (procs_[i]->pid == pid && !procs_[i]->exited) {
      sim_.kill_process(static_cast<int>(i), kill ? -9 : -15);
    }
  }
}

void SimProcessHost::exit_now(int code) {
  throw ProcessExit{code & 0xff};
}

void SimProcessHost::abort_now() {
  throw ProcessExit{-6};  // SIGABRT, as the parent's exitcode says
}

void SimProcessHost::shutdown(bool wait_for_children, double max_wait_seconds) {
  // The driver ends a run only once its non-daemon children ended (SimDriver::main_finished).
  (void)wait_for_children;
  (void)max_wait_seconds;
}

void SimProcessHost::process_ended(int process, int status) {
  Process& p = *procs_[static_cast<std::size_t>(process)];
  p.exited = true;
  p.exitcode = status;
  std::vector<int> held;
  for (const auto& [fd, end] : ends_) {
    if (end->holders.count(process) != 0) held.push_back(fd);
  }
  for (const int fd : held) release(fd, process);
  sim_.notify(&p);
}

// --- channels -------------------------------------------------------------------------------

SimProcessHost::End* SimProcessHost::end_of(int fd) {
  auto it = ends_.find(fd);
  return it == ends_.end() ? nullptr : it->second.get();
}

bool SimProcessHost::make_channel(bool duplex, int* a, int* b) {
  const int process = sim_.current_process();
  const int fa = next_fd_++;
  const int fb = next_fd_++;
  auto ea = std::make_unique<End>();
  auto eb = std::make_unique<End>();
  ea->holders.insert(process);
  eb->holders.insert(process);
  ea->peer = duplex ? fb : -1;  // a pipe's read end sends nothing
  eb->peer = fa;
  ends_[fa] = std::move(ea);
  ends_[fb] = std::move(eb);
  *a = fa;
  *b = fb;
  return true;
}

void SimProcessHost::send(int fd, std::string bytes) {
  End* from = end_of(fd);
  if (from == nullptr || from->peer < 0) return;
  End* to = end_of(from->peer);
  if (to == nullptr) return;
  const Profile& profile = sim_.settings().profile;
  // Pickling and the write: the sender's CPU, by size.
  sim_.charge(static_cast<std::int64_t>(bytes.size()) * profile.ipc_ns_per_kib / 1024);
  Frame frame;
  frame.ready_at = sim_.monotonic_ns() + profile.ipc_message_ns;
  frame.flow = next_flow_++;
  frame.from = sim_.current_process();
  sim_.log_message(true, frame.flow, bytes.size(), frame.from);
  frame.bytes = std::move(bytes);
  // By arrival time (stable), as bytes come out of a pipe in the order they were written.
  auto at = std::upper_bound(to->incoming.begin(), to->incoming.end(), frame.ready_at,
                             [](std::int64_t t, const Frame& f) { return t < f.ready_at; });
  const std::int64_t ready = frame.ready_at;
  to->incoming.insert(at, std::move(frame));
  sim_.notify_at(ready, to);
}

ipc::ProcessHost::Recv SimProcessHost::try_recv(int fd, std::int32_t* lock, std::string* out,
                                                const void** wait_object) {
  (void)lock;  // one OS thread: a read is never interleaved with another
  End* end = end_of(fd);
  if (end == nullptr) return Recv::Eof;
  *wait_object = end;
  if (!end->incoming.empty()) {
    const std::int64_t now = sim_.monotonic_ns();
    if (end->incoming.front().ready_at <= now) {
      const Frame& f = end->incoming.front();
      sim_.log_message(false, f.flow, f.bytes.size(), f.from);
      *out = std::move(end->incoming.front().bytes);
      end->incoming.pop_front();
      return Recv::Got;
    }
    return Recv::Empty;  // in flight: notify_at wakes the reader when it arrives
  }
  // EOF once nobody holds an end that can send here.
  for (const auto& [other_fd, other] : ends_) {
    if (other->peer == fd && !other->holders.empty()) return Recv::Empty;
  }
  return Recv::Eof;
}

void SimProcessHost::release(int fd, int process) {
  End* end = end_of(fd);
  if (end == nullptr || end->holders.erase(process) == 0) return;
  if (end->holders.empty() && end->peer >= 0) {
    if (End* to = end_of(end->peer)) sim_.notify(to);  // its readers may now see EOF
  }
}

void SimProcessHost::close_fd(int fd) {
  release(fd, sim_.current_process());
}

// --- shared memory --------------------------------------------------------------------------

int SimProcessHost::shm_create(std::size_t bytes) {
  const int fd = next_fd_++;
  const std::size_t words = (bytes + 7) / 8;
  shm_[fd] = std::make_unique<std::int64_t[]>(words);  // zero-filled
  return fd;
}

void* SimProcessHost::shm_map(int fd) {
  auto it = shm_.find(fd);
  return it == shm_.end() ? nullptr : it->second.get();
}

// --- the program ----------------------------------------------------------------------------

void SimProcessHost::set_program(std::string_view path, std::vector<std::string> child_args) {
  (void)child_args;
  path_ = std::string(path);
}

void SimProcessHost::set_program_source(std::string_view source) {
  source_ = std::string(source);
}

bool SimProcessHost::is_spawned_child() const {
  return current().spawned;
}

const std::string& SimProcessHost::child_payload() const {
  return current().payload;
}

}  // namespace interleave::run::sim
