// The browser's process host (see web_process_host.h): records out, router messages in.
#include "web_process_host.h"

#include <emscripten.h>
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <emscripten/threading.h>
#endif

#include <chrono>
#include <cstring>
#include <thread>
#include <utility>

#include "run/coop_driver.h"

namespace interleave::web {

namespace {

#if defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kThreads = true;
#else
constexpr bool kThreads = false;
#endif

// Shared memory in SharedArrayBuffers, on the worker's JS thread (public/process-memory.js): 0
// when the page is not cross-origin isolated (no SharedArrayBuffer).
EM_JS(int, js_shm_create, (int id, int bytes), {
  return self.interleaveMemory ? self.interleaveMemory.create(id, bytes) : 0;
});
EM_JS(int, js_shm_mapped, (int id), {
  return self.interleaveMemory ? self.interleaveMemory.mapped(id) : 0;
});
EM_JS(int, js_shm_word, (int id, int offset, int op, int lo, int hi, void* out), {
  return self.interleaveMemory ? self.interleaveMemory.engineWord(id, offset, op, lo, hi, out, wasmMemory) : 0;
});

#if defined(__EMSCRIPTEN_PTHREADS__)

struct JsCall {  // arguments of a call proxied to the JS thread
  int id = 0, offset = 0, op = 0, lo = 0, hi = 0;
  std::int64_t* out = nullptr;
};

int shm_create_on_js_thread(JsCall* c) {
  return js_shm_create(c->id, c->offset);
}

int shm_word_on_js_thread(JsCall* c) {
  return js_shm_word(c->id, c->offset, c->op, c->lo, c->hi, c->out);
}
#endif

EM_JS(double, js_shared_clock_ms, (), { return performance.timeOrigin + performance.now(); });

void put_i32(std::string* out, std::int32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);  // wasm is little-endian, as the router's DataView reads
  out->append(b, 4);
}

}  // namespace

double shared_clock_ms() {
  return js_shared_clock_ms();
}

WebProcessHost::WebProcessHost(Identity identity, std::function<void()> kick)
    : id_(std::move(identity)), kick_(std::move(kick)) {
  // A fork child's payload is its parent's heap snapshot (fork_by_snapshot); any other child and
  // the program itself start as spawn does.
  if (id_.child && id_.payload.compare(0, kForkMark.size(), kForkMark) == 0) {
    id_.payload.erase(0, kForkMark.size());
    id_.start_method = "fork";
  } else {
    id_.start_method = "spawn";
  }
}

// The real driver's stop-the-world guard (mt: run_source hands over RealDriver::run_at_safepoint):
// the snapshot is written while every other Python thread of this process is outside the
// interpreter, so with the GIL off none mutates the heap under the writer. st has one OS thread:
// the cooperative driver sets no guard and the writer is the only thread running.
void WebProcessHost::set_fork_guard(ForkGuard guard) {
  std::lock_guard<std::mutex> lock(guard_mu_);
  guard_ = std::move(guard);
}

bool WebProcessHost::push(Out kind, std::int32_t a, std::int32_t b, std::int32_t c,
                          std::string_view bytes, bool last) {
  if (exiting_ && !last) return false;  // the process is ending: nothing after its exit record
  const auto size = static_cast<std::int32_t>(13 + bytes.size());
  put_i32(&outgoing_, size);
  outgoing_.push_back(static_cast<char>(kind));
  put_i32(&outgoing_, a);
  put_i32(&outgoing_, b);
  put_i32(&outgoing_, c);
  outgoing_.append(bytes);
  if (kicked_ || !kick_) return false;
  kicked_ = true;
  return true;
}

void WebProcessHost::post(Out kind, std::int32_t a, std::int32_t b, std::int32_t c,
                          std::string_view bytes) {
  bool kick;
  {
    std::lock_guard<std::mutex> lock(mu_);
    kick = push(kind, a, b, c, bytes);
  }
  if (kick) kick_();
}

std::string WebProcessHost::take_outgoing() {
  std::lock_guard<std::mutex> lock(mu_);
  kicked_ = false;
  std::string out;
  out.swap(outgoing_);
  return out;
}

void WebProcessHost::output(int fd, std::string_view text) {
  post(Out::Output, fd == 2 ? 2 : 1, 0, 0, text);
}

void WebProcessHost::set_notifier(std::function<void(const void*)> notify) {
  std::lock_guard<std::mutex> lock(notify_mu_);
  notify_ = std::move(notify);
}

void WebProcessHost::notify(const void* object) {
  std::lock_guard<std::mutex> lock(notify_mu_);
  if (notify_) notify_(object);
}

int WebProcessHost::cpu_count() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void WebProcessHost::deliver(In kind, std::int32_t a, std::int32_t b, std::string_view bytes) {
  const void* wake = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    switch (kind) {
      case In::Frame:
      case In::Eof: {
        auto it = readers_.find(a);
        if (it == readers_.end()) break;  // closed meanwhile: the frame is dropped, as natively
        Reader& r = *it->second;
        r.asked = false;
        if (kind == In::Frame) {
          r.frames.emplace_back(bytes);
        } else {
          r.eof = true;
        }
        wake = &r;
        break;
      }
      case In::Exited: {
        auto it = children_.find(a);
        if (it == children_.end()) break;
        it->second->done = true;
        it->second->code = b;
        it->second->seen.ended = true;
        it->second->seen.ended_ms = shared_clock_ms();
        it->second->seen.exitcode = b;
        wake = it->second.get();
        break;
      }
      case In::Word: {
        auto it = calls_by_token_.find(a);
        if (it == calls_by_token_.end() || bytes.size() < 8) break;
        std::memcpy(&it->second->result, bytes.data(), 8);
        it->second->answered = true;
        wake = it->second;
        break;
      }
      case In::Report:
        // Bounded: past kReportBytesMax the later reports are dropped (the merge names no such
        // child's lanes but its life, as for a child that sent nothing).
        if (!id_.child && report_bytes_ + bytes.size() <= kReportBytesMax) {
          report_bytes_ += bytes.size();
          reports_.emplace_back(bytes);
        }
        break;
    }
  }
  if (wake != nullptr) notify(wake);
}

// --- processes ------------------------------------------------------------------------------

std::int64_t WebProcessHost::new_child_pid(std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  if (next_child_ >= kPidStride) {
    *error = "[Errno 11] Resource temporarily unavailable (Interleave's limit of processes "
             "started by one process)";
    return -1;
  }
  const std::int64_t pid = (id_.index + 1) * kPidStride + next_child_++;
  auto child = std::make_unique<Child>();
  child->seen.pid = pid;
  child->seen.started_ms = shared_clock_ms();
  children_[pid] = std::move(child);
  return pid;
}

std::int64_t WebProcessHost::fork_process(bool daemon, std::string* error) {
  (void)daemon;  // never called: _mp.fork takes fork_by_snapshot (forks_by_snapshot)
  *error = "[Errno 38] the browser forks only by heap snapshot (Process.start)";
  return -1;
}

// The snapshot is written inside guard_ when one is set (see set_fork_guard), then goes
// to the router as a Spawn record flagged kSpawnFork: the child worker restores it instead of
// re-running the program, and holds every channel end this process holds, as after fork().
std::int64_t WebProcessHost::fork_by_snapshot(const std::function<bool(std::string*)>& write,
                                              bool daemon, std::string* error) {
  std::string bytes(kForkMark);
  bool ok = false;
  {
    ForkGuard guard;
    {
      std::lock_guard<std::mutex> lock(guard_mu_);
      guard = guard_;
    }
    const auto take = [&] { ok = write(&bytes); };
    if (guard) {
      guard(take);
    } else {
      take();
    }
  }
  if (!ok) return -1;  // the writer left the reason on the Python thread
  const std::int64_t pid = new_child_pid(error);
  if (pid < 0) return -1;
  post(Out::Spawn, static_cast<std::int32_t>(pid), (daemon ? 1 : 0) | kSpawnFork | traced_flag(),
       0, bytes);
  spawned(pid);
  return pid;
}

std::int64_t WebProcessHost::spawn_process(std::string_view payload,
                                           const std::vector<int>& inherit, bool daemon,
                                           std::string* error) {
  const std::int64_t pid = new_child_pid(error);
  if (pid < 0) return -1;
  std::string bytes;
  for (const int fd : inherit) put_i32(&bytes, fd);
  bytes.append(payload);
  post(Out::Spawn, static_cast<std::int32_t>(pid), (daemon ? 1 : 0) | traced_flag(),
       static_cast<std::int32_t>(inherit.size()), bytes);
  spawned(pid);
  return pid;
}

bool WebProcessHost::child_exited(std::int64_t pid, int* exitcode, const void** wait_object) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = children_.find(pid);
  if (it == children_.end()) {
    *exitcode = 0;
    return true;
  }
  *wait_object = it->second.get();
  if (!it->second->done) return false;
  *exitcode = it->second->code;
  return true;
}

void WebProcessHost::signal_child(std::int64_t pid, bool kill) {
  post(Out::Signal, static_cast<std::int32_t>(pid), kill ? 1 : 0);
}

void WebProcessHost::end_process(int code) {
  bool kick = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (id_.child && !kThreads) {
      exit_code_ = code;  // ended() sends it, after the report the run's end makes
    } else {
      kick = push(Out::Exit, code, 0, 0, {});
      exit_sent_ = true;
    }
    exiting_ = true;
  }
  if (kick) kick_();
  if constexpr (kThreads) {
    // The router terminates this worker once it reads the exit record; until then this thread
    // (and only it) waits, as a process in _exit() would.
    for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } else {
    throw run::CoopExit{code};
  }
}

void WebProcessHost::ended(int status, std::string_view report) {
  bool kick = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (exit_sent_) return;
    exit_sent_ = true;
    if (!report.empty()) kick = push(Out::Report, 0, 0, 0, report, true);
    kick = push(Out::Exit, exit_code_.value_or(status), 0, 0, {}, true) || kick;
  }
  if (kick) kick_();
}

// The start's moment: after the Spawn record went out (mt: posting may wait for the JS thread),
// right before multiprocessing's tracer records the start on this same thread (the merge's
// anchor for a real driver's run: run/process_merge.h).
void WebProcessHost::spawned(std::int64_t pid) {
  const double now = shared_clock_ms();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = children_.find(pid);
  if (it != children_.end()) it->second->seen.spawned_ms = now;
}

double WebProcessHost::shutdown_ms() const {
  std::lock_guard<std::mutex> lock(mu_);
  return shutdown_ms_;
}

void WebProcessHost::note_child_name(std::int64_t pid, std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = children_.find(pid);
  if (it != children_.end()) it->second->seen.name = std::string(name);
}

void WebProcessHost::note_name(std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  name_ = std::string(name);
}

std::string WebProcessHost::name() const {
  std::lock_guard<std::mutex> lock(mu_);
  return name_;
}

std::vector<WebProcessHost::ChildRecord> WebProcessHost::children_seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ChildRecord> out;
  for (const auto& [pid, child] : children_) out.push_back(child->seen);
  return out;
}

std::vector<std::string> WebProcessHost::take_reports() {
  std::lock_guard<std::mutex> lock(mu_);
  report_bytes_ = 0;
  return std::exchange(reports_, {});
}

void WebProcessHost::set_trace_children(bool on) {
  std::lock_guard<std::mutex> lock(mu_);
  trace_children_ = on;
}

std::int32_t WebProcessHost::traced_flag() {
  std::lock_guard<std::mutex> lock(mu_);
  return trace_children_ ? kSpawnTraced : 0;
}

void WebProcessHost::exit_now(int code) {
  end_process(code);
}

// An mt child: exit_now on its pthread could only block (the worker ends when the router reads
// the exit record, so its report would never go out); _mp.exit and os._exit unwind instead, and
// the run's end sends the report and the exit record (ended()), as in st.
bool WebProcessHost::exits_by_unwinding() const {
  return kThreads && id_.child;
}

void WebProcessHost::abort_now() {
  end_process(-6);  // SIGABRT, as the parent's exitcode says
}

void WebProcessHost::shutdown(bool wait_for_children, double max_wait_seconds) {
  (void)max_wait_seconds;  // the router applies the run's time limit
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutdown_ms_ = shared_clock_ms();  // this process's clock anchor (see the header)
  }
  post(Out::Shutdown, wait_for_children ? 1 : 0);
}

// --- channels -------------------------------------------------------------------------------

bool WebProcessHost::make_channel(bool duplex, int* a, int* b) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (next_id_ + 2 >= kIdStride) return false;
    *a = static_cast<int>((id_.index + 1) * kIdStride + next_id_++);
    *b = static_cast<int>((id_.index + 1) * kIdStride + next_id_++);
  }
  post(Out::Channel, *a, *b, duplex ? 1 : 0);
  return true;
}

void WebProcessHost::send(int fd, std::string bytes) {
  post(Out::Send, fd, 0, 0, bytes);
}

ipc::ProcessHost::Recv WebProcessHost::try_recv(int fd, std::int32_t* lock_word, std::string* out,
                                                 const void** wait_object) {
  (void)lock_word;  // the router hands each frame to one reader: no read lock is needed
  bool ask = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = readers_[fd];
    if (!slot) slot = std::make_unique<Reader>();
    Reader& r = *slot;
    if (!r.frames.empty()) {
      *out = std::move(r.frames.front());
      r.frames.pop_front();
      return Recv::Got;
    }
    if (r.eof) return Recv::Eof;
    *wait_object = &r;
    if (!r.asked) {
      r.asked = true;
      ask = true;
    }
  }
  if (ask) post(Out::Want, fd);
  return Recv::Empty;
}

void WebProcessHost::close_fd(int fd) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = readers_.find(fd);
    // A frame asked for is still on its way: keep the reader so that it lands somewhere.
    if (it != readers_.end() && !it->second->asked) readers_.erase(it);
  }
  post(Out::Close, fd);
}

// --- shared memory: regions in the router ---------------------------------------------------

int WebProcessHost::shm_create(std::size_t bytes) {
  int id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (next_id_ + 1 >= kIdStride || bytes > (std::size_t{1} << 30)) return -1;
    id = static_cast<int>((id_.index + 1) * kIdStride + next_id_++);
  }
  // A SharedArrayBuffer on this worker's JS thread (public/process-memory.js) when the page is
  // isolated; it reaches the router with the Shm record below, and every later child at its start.
#if defined(__EMSCRIPTEN_PTHREADS__)
  JsCall call;
  call.id = id;
  call.offset = static_cast<int>(bytes);
  emscripten_sync_run_in_main_runtime_thread(EM_FUNC_SIG_II, shm_create_on_js_thread, &call);
#else
  js_shm_create(id, static_cast<int>(bytes));  // this is the JS thread
#endif
  post(Out::Shm, id, static_cast<std::int32_t>(bytes));
  return id;
}

void* WebProcessHost::shm_map(int fd) {
  (void)fd;
  return nullptr;  // never in this process's memory: shm_word goes to the router
}

ipc::ProcessHost::Word WebProcessHost::shm_word(const void* caller, int fd, std::size_t offset,
                                                WordOp op, std::int64_t arg,
                                                std::int64_t* result, const void** wait_object) {
#if defined(__EMSCRIPTEN_PTHREADS__)
  // An isolated page: one Atomics operation on the region's SharedArrayBuffer, by this worker's
  // JS thread, synchronously (mt: proxied to it, always free as the program runs on pthreads).
  {
    alignas(8) std::int64_t answer = 0;
    const auto bits = static_cast<std::uint64_t>(arg);
    JsCall call;
    call.id = fd;
    call.offset = static_cast<int>(offset);
    call.op = static_cast<int>(op);
    call.lo = static_cast<int>(bits & 0xffffffffu);
    call.hi = static_cast<int>(bits >> 32);
    call.out = &answer;
    const int mapped =
        emscripten_sync_run_in_main_runtime_thread(EM_FUNC_SIG_II, shm_word_on_js_thread, &call);
    if (mapped != 0) {
      *result = answer;
      return Word::Done;
    }
  }
#else
  {  // st in an isolated page (a child process there): this is the JS thread, call it directly
    alignas(8) std::int64_t answer = 0;
    const auto bits = static_cast<std::uint64_t>(arg);
    if (js_shm_word(fd, static_cast<int>(offset), static_cast<int>(op),
                    static_cast<int>(bits & 0xffffffffu), static_cast<int>(bits >> 32),
                    &answer) != 0) {
      *result = answer;
      return Word::Done;
    }
  }
#endif
  // The region lives in the router only (a page that is not isolated). A store needs no answer:
  // it goes out in order with this process's records (a later operation of this process, such as
  // the release of the lock guarding it, reaches the router after it), so it is Done at once.
  std::string bytes(1, static_cast<char>(op));
  char v[8];
  std::memcpy(v, &arg, 8);
  bytes.append(v, 8);
  if (op == WordOp::Store) {
    post(Out::Word, fd, static_cast<std::int32_t>(offset), kNoAnswer, bytes);
    *result = 0;
    return Word::Done;
  }
  // Any other operation: a round trip, Later.
  std::int32_t token;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = calls_[caller];
    if (slot) {  // the same thread calls again: its answer, or wait on
      *wait_object = slot.get();
      if (!slot->answered) return Word::Later;
      *result = slot->result;
      calls_by_token_.erase(slot->token);
      calls_.erase(caller);
      return Word::Done;
    }
    slot = std::make_unique<WordCall>();
    slot->token = token = next_token_++;
    if (next_token_ == INT32_MAX) next_token_ = 1;
    calls_by_token_[token] = slot.get();
    *wait_object = slot.get();
  }
  post(Out::Word, fd, static_cast<std::int32_t>(offset), token, bytes);
  return Word::Later;
}

bool WebProcessHost::shm_words_block(int fd) const {
#if defined(__EMSCRIPTEN_PTHREADS__)
  (void)fd;
  return false;  // mt runs only in an isolated page: every region is a SharedArrayBuffer here
#else
  return js_shm_mapped(fd) == 0;  // st: this is the JS thread
#endif
}

// --- the program ----------------------------------------------------------------------------

void WebProcessHost::set_program(std::string_view path, std::vector<std::string> child_args) {
  (void)child_args;  // the router starts children with the run's settings
  std::lock_guard<std::mutex> lock(mu_);
  if (!id_.child) id_.program_path = std::string(path);
}

void WebProcessHost::set_program_source(std::string_view source) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!id_.child) id_.program_source = std::string(source);
}

}  // namespace interleave::web
