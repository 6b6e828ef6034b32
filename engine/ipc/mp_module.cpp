// The `_mp` natives behind multiprocessing: process start (fork, spawn with a pickled payload),
// join through the host's exit notifications, framed channels whose waits are driver.h yields on
// the host's wait objects, and shared-memory words (SharedWord: lock-free across processes).
// One host per OS process (g_host); natives run on the executing Python thread.
#include "ipc/mp_module.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "ipc/heap_snapshot.h"
#include "ipc/pickle.h"
#include "ipc/tracer.h"
#include "lang/parser.h"
#include "vm/builtins.h"
#include "vm/compiler.h"
#include "vm/dict.h"
#include "vm/prelude.h"
#include "vm/runtime.h"

namespace interleave::ipc {

using namespace vm;

namespace {

ProcessHost* g_host = nullptr;
constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;  // one pickled message
Interpreter::ModuleInit g_os_init = nullptr;

// The run's tracer (null: not recording) and this process's message counter (flow ids). Every
// frame starts with the 8-byte flow id of its message (0 when not recording).
std::atomic<Tracer*> g_tracer{nullptr};
std::atomic<std::uint32_t> g_flows{0};
constexpr std::size_t kFlowBytes = 8;

std::string_view channel_arg(const Value* args, int nargs, int i) {
  if (nargs > i && is_str(args[i])) return as_str(args[i])->view();
  return {};
}

// Frames taken by poll() before recv() asked for them (Connections only).
std::mutex g_peek_mu;
std::map<int, std::deque<std::string>> g_peeked;

#define NATIVE(name)                                                         \
  Value name([[maybe_unused]] Thread& t, [[maybe_unused]] const Value* args, \
             [[maybe_unused]] int nargs, [[maybe_unused]] Tuple* kwnames)

ProcessHost& host() {
  return *g_host;
}

bool arg_int(Thread& t, Value v, int* out) {
  std::int64_t i;
  if (!to_index(t, v, &i)) return false;
  *out = static_cast<int>(i);
  return true;
}

// Deadline for a blocking call: -1 (none) for timeout None, else now + timeout; on a retry the
// deadline computed by the first attempt.
bool call_deadline(Thread& t, Value timeout, std::int64_t* deadline) {
  if (t.retrying()) {
    *deadline = t.retry_deadline();
    return true;
  }
  if (timeout == t.interp().none) {
    *deadline = -1;
    return true;
  }
  double s;
  if (!to_double(t, timeout, &s)) return false;
  if (s < 0) s = 0;
  *deadline = t.driver().monotonic_ns() + static_cast<std::int64_t>(s * 1e9);
  return true;
}

NATIVE(mp_set_pickling_error) {
  if (nargs == 1 && layout_of(args[0]) == Layout::Type) set_pickling_error_type(as_type(args[0]));
  return t.interp().none;
}

NATIVE(mp_cpu_count) {
  return make_int(t, host().cpu_count());
}

NATIVE(mp_default_method) {
  return str_value(t, host().start_method());
}

// multiprocessing's start method (None until one was chosen): a snapshot fork child's.
Value start_method_global(Thread& t) {
  Interpreter& in = t.interp();
  const Value mp = dict_get_str(in.modules, in.intern("multiprocessing"));
  if (mp.is_null() || layout_of(mp) != Layout::Module) return in.none;
  const Value m = dict_get_str(static_cast<Module*>(mp.as_object())->dict, in.intern("_start_method"));
  return m.is_null() ? in.none : m;
}

// A fork emulated by a heap snapshot of __main__, the Process being started (Process.start's
// `self`, the caller's frame) and the start method (ProcessHost::forks_by_snapshot).
std::int64_t fork_by_snapshot(Thread& t, bool daemon, std::string* error) {
  Frame* f = t.frame;
  if (f == nullptr || f->code == nullptr || f->code->varnames.empty() ||
      f->code->varnames[0]->view() != "self") {
    *error = "[Errno 38] fork is emulated for Process.start() only";
    return -1;
  }
  const Value process = f->slots()[0];
  const Value method = start_method_global(t);
  const std::string source = host().child_program_source();
  const std::string path = host().child_program_path();
  bool failed = false;
  std::int64_t pid = host().fork_by_snapshot(
      [&](std::string* out) {
        if (write_heap_snapshot(t, {source, path}, {process, method}, out)) return true;
        failed = true;
        return false;
      },
      daemon, error);
  if (failed) {  // the TypeError's text, as an OSError (the host's interface carries a message)
    const Value exc = t.take_exception();
    if (!str_into(t, exc, *error)) t.take_exception();
    return -1;
  }
  return pid;
}

NATIVE(mp_fork) {
  if (!check_nargs(t, "fork", nargs, 1, 2)) return Value();
  std::string error;
  std::int64_t pid = host().forks_by_snapshot()
                         ? fork_by_snapshot(t, truthy(t, args[0]) == 1, &error)
                         : host().fork_process(truthy(t, args[0]) == 1, &error);
  if (pid < 0) return t.raise(t.interp().exc.OSError, error);
  if (pid == 0) {
    Interpreter& in = t.interp();
    in.ppid = in.pid;
    in.pid = host().pid();
    // Only the forking thread exists here (CPython's threading._after_fork): the others are over,
    // so that joins and threading._shutdown() at the child's exit do not wait for them.
    for (auto& th : in.threads) {
      if (th.get() != &t) th->finished_ = true;
    }
    // A GIL drop request copied from the parent came from a thread that does not exist here:
    // honouring it would wait forever for a new holder (forced switching).
    t.driver().eval_breaker().fetch_and(~breaker::kGilDropRequest);
    {
      std::lock_guard<std::mutex> lock(g_peek_mu);
      g_peeked.clear();
    }
    g_flows.store(0);
    if (Tracer* tr = g_tracer.load()) tr->forked(in.pid);
  } else if (Tracer* tr = g_tracer.load()) {
    tr->child_started(pid, channel_arg(args, nargs, 1));
  }
  return make_int(t, pid);
}

NATIVE(mp_spawn) {
  if (!check_nargs(t, "spawn", nargs, 2, 3)) return Value();
  std::string payload;
  std::vector<int> inherit;
  if (!pickle(t, args[0], true, &payload, &inherit)) return Value();
  std::string error;
  std::int64_t pid = host().spawn_process(payload, inherit, truthy(t, args[1]) == 1, &error);
  if (pid < 0) return t.raise(t.interp().exc.OSError, error);
  if (Tracer* tr = g_tracer.load()) tr->child_started(pid, channel_arg(args, nargs, 2));
  return make_int(t, pid);
}

// wait(pid, timeout) -> exitcode, or None when the timeout passed first.
NATIVE(mp_wait) {
  if (!check_nargs(t, "wait", nargs, 2, 2)) return Value();
  std::int64_t pid;
  if (!to_index(t, args[0], &pid)) return Value();
  std::uint64_t epoch = t.driver().epoch();
  int code = 0;
  const void* object = nullptr;
  if (host().child_exited(pid, &code, &object)) return make_int(t, code);
  std::int64_t deadline;
  if (!call_deadline(t, args[1], &deadline)) return Value();
  if (deadline >= 0 && t.driver().monotonic_ns() >= deadline) return t.interp().none;
  return t.block(WaitKind::Process, object, deadline, epoch, nullptr,
                 "join of process " + std::to_string(pid));
}

NATIVE(mp_signal) {
  if (!check_nargs(t, "signal", nargs, 2, 2)) return Value();
  std::int64_t pid;
  if (!to_index(t, args[0], &pid)) return Value();
  host().signal_child(pid, truthy(t, args[1]) == 1);
  return t.interp().none;
}

// The process ends with `code`: at once, or (ProcessHost::exits_by_unwinding) as the VM's
// os._exit ends it, unwinding this thread without handlers so that the driver ends the run.
Value exit_process(Thread& t, int code) {
  if (!host().exits_by_unwinding()) host().exit_now(code);
  t.exit_code_ = code;
  t.hard_exit = true;
  return t.raise(Value::object(make_exception(t, t.interp().exc.SystemExit, nullptr)));
}

NATIVE(mp_exit) {
  std::int64_t code = 0;
  if (nargs >= 1 && !to_index(t, args[0], &code)) return Value();
  if (Tracer* tr = g_tracer.load()) tr->exiting(static_cast<int>(code & 0xff));
  return exit_process(t, static_cast<int>(code & 0xff));
}

// os.abort(): SIGABRT's exit code (-6), as exit_process ends it where the host unwinds.
NATIVE(mp_abort) {
  if (host().exits_by_unwinding()) return exit_process(t, -6);
  host().abort_now();
  return Value();
}

NATIVE(mp_channel) {
  if (!check_nargs(t, "channel", nargs, 1, 1)) return Value();
  int a, b;
  if (!host().make_channel(truthy(t, args[0]) == 1, &a, &b)) {
    return t.raise(t.interp().exc.OSError, "[Errno 24] Too many open files");
  }
  Value items[2] = {make_int(t, a), make_int(t, b)};
  return Value::object(make_tuple(t, items, 2));
}

// send(fd, obj, channel=None): `channel` names the message in traces ("Queue", "Pipe", ...).
NATIVE(mp_send) {
  if (!check_nargs(t, "send", nargs, 2, 3)) return Value();
  int fd;
  if (!arg_int(t, args[0], &fd)) return Value();
  std::string bytes(kFlowBytes, '\0');
  if (!pickle(t, args[1], false, &bytes)) return Value();
  const std::size_t size = bytes.size() - kFlowBytes;
  if (size > kMaxMessageBytes) {
    return t.raise_fmt(t.interp().exc.ValueError,
                       "message of %zu bytes is too large to send to another process "
                       "(Interleave's limit is %zu bytes)",
                       size, kMaxMessageBytes);
  }
  if (Tracer* tr = g_tracer.load()) {
    const std::uint64_t flow =
        (static_cast<std::uint64_t>(host().pid()) << 32) | (g_flows.fetch_add(1) + 1);
    std::memcpy(bytes.data(), &flow, kFlowBytes);
    tr->sent(flow, size, channel_arg(args, nargs, 2));
  }
  host().send(fd, std::move(bytes));
  return t.interp().none;
}

std::int32_t* lock_word(Thread& t, Value shm) {
  if (shm == t.interp().none) return nullptr;
  auto* base = static_cast<char*>(host().shm_map(static_cast<int>(int_value(shm))));
  if (base == nullptr) return nullptr;  // a host whose regions live elsewhere reads one at a time
  return reinterpret_cast<std::int32_t*>(base + 16);
}

// How long a recv may wait for a frame on its own thread, the GIL held, before the host's I/O
// thread takes the wait over: only while that holds up no one (no other live Python thread in
// this process, no trace that would show the wait as running), and only briefly, so that a stop
// request is still seen within its 200 ms.
std::int64_t inline_wait_ns(Thread& t, std::int64_t deadline) {
  constexpr std::int64_t kInlineWaitNs = 10'000'000;
  if (g_tracer.load() != nullptr) return 0;
  Interpreter& in = t.interp();
  {
    std::lock_guard<std::mutex> lock(in.mutex);
    for (const auto& th : in.threads) {
      if (th.get() != &t && th.get() != in.boot && !th->finished_.load()) return 0;
    }
  }
  if (deadline < 0) return kInlineWaitNs;
  return std::clamp<std::int64_t>(deadline - t.driver().monotonic_ns(), 0, kInlineWaitNs);
}

// recv(fd, queue_shm_or_None, timeout, channel=None) -> (obj,), or None when the timeout passed
// first. `channel` names the message in traces.
NATIVE(mp_recv) {
  if (!check_nargs(t, "recv", nargs, 3, 4)) return Value();
  int fd;
  if (!arg_int(t, args[0], &fd)) return Value();
  std::string frame;
  bool have = false;
  {
    std::lock_guard<std::mutex> lock(g_peek_mu);
    auto it = g_peeked.find(fd);
    if (it != g_peeked.end() && !it->second.empty()) {
      frame = std::move(it->second.front());
      it->second.pop_front();
      have = true;
    }
  }
  if (!have) {
    std::uint64_t epoch = t.driver().epoch();
    const void* object = nullptr;
    std::int64_t deadline;
    if (!call_deadline(t, args[2], &deadline)) return Value();
    ProcessHost::Recv r = host().try_recv_waiting(fd, lock_word(t, args[1]), &frame, &object,
                                                  inline_wait_ns(t, deadline));
    if (r == ProcessHost::Recv::Eof) return t.raise(t.interp().exc.EOFError, "");
    if (r == ProcessHost::Recv::Empty) {
      if (deadline >= 0 && t.driver().monotonic_ns() >= deadline) return t.interp().none;
      return t.block(WaitKind::Pipe, object, deadline, epoch, nullptr,
                     "recv() / get() from another process");
    }
  }
  if (frame.size() < kFlowBytes) return t.raise(t.interp().exc.EOFError, "");
  std::uint64_t flow;
  std::memcpy(&flow, frame.data(), kFlowBytes);
  if (Tracer* tr = g_tracer.load(); tr != nullptr && flow != 0) {
    tr->received(flow, frame.size() - kFlowBytes, channel_arg(args, nargs, 3));
  }
  Value v = unpickle(t, std::string_view(frame).substr(kFlowBytes));
  if (v.is_null()) return v;
  return Value::object(make_tuple(t, &v, 1));
}

// poll(fd, shm, timeout) -> True when a frame (or EOF) is there; the frame stays for recv().
NATIVE(mp_poll) {
  if (!check_nargs(t, "poll", nargs, 3, 3)) return Value();
  int fd;
  if (!arg_int(t, args[0], &fd)) return Value();
  {
    std::lock_guard<std::mutex> lock(g_peek_mu);
    auto it = g_peeked.find(fd);
    if (it != g_peeked.end() && !it->second.empty()) return t.interp().true_;
  }
  std::uint64_t epoch = t.driver().epoch();
  const void* object = nullptr;
  std::string frame;
  ProcessHost::Recv r = host().try_recv(fd, lock_word(t, args[1]), &frame, &object);
  if (r == ProcessHost::Recv::Eof) return t.interp().true_;
  if (r == ProcessHost::Recv::Got) {
    std::lock_guard<std::mutex> lock(g_peek_mu);
    g_peeked[fd].push_back(std::move(frame));
    return t.interp().true_;
  }
  std::int64_t deadline;
  if (!call_deadline(t, args[2], &deadline)) return Value();
  if (deadline >= 0 && t.driver().monotonic_ns() >= deadline) return t.interp().false_;
  return t.block(WaitKind::Pipe, object, deadline, epoch, nullptr, "Connection.poll()");
}

NATIVE(mp_close) {
  int fd;
  if (nargs != 1 || !arg_int(t, args[0], &fd)) return Value();
  host().close_fd(fd);
  return t.interp().none;
}

NATIVE(mp_shm) {
  std::int64_t n;
  if (nargs != 1 || !to_index(t, args[0], &n)) return Value();
  int fd = host().shm_create(static_cast<std::size_t>(n < 8 ? 8 : n));
  if (fd < 0) return t.raise(t.interp().exc.OSError, "cannot create shared memory");
  return make_int(t, fd);
}

// Runs one operation on a shared-memory word through the host. True with *result; false with
// *ret what the native returns: an exception, or the block of a host that answers later.
bool word_op(Thread& t, Value fd, Value off, ProcessHost::WordOp op, std::int64_t arg,
             std::int64_t* result, Value* ret) {
  std::int64_t f, o;
  if (!to_index(t, fd, &f) || !to_index(t, off, &o)) {
    *ret = Value();
    return false;
  }
  const std::uint64_t epoch = t.driver().epoch();
  const void* object = nullptr;
  switch (host().shm_word(&t, static_cast<int>(f), static_cast<std::size_t>(o), op, arg, result,
                          &object)) {
    case ProcessHost::Word::Done:
      return true;
    case ProcessHost::Word::Later:
      *ret = t.block(WaitKind::Pipe, object, -1, epoch, nullptr, "shared memory of another process");
      return false;
    case ProcessHost::Word::Unmapped:
      break;
  }
  *ret = t.raise(t.interp().exc.OSError, "shared memory is not mapped");
  return false;
}

bool is_float_kind(Value kind) {
  return is_str(kind) && as_str(kind)->view() == "d";
}

// The 8 bytes a shared word of kind `kind` ('i' or 'd') holds for `value`; false with an
// exception when the value does not fit the kind.
bool word_bits(Thread& t, Value kind, Value value, std::int64_t* bits) {
  if (is_float_kind(kind)) {
    double d;
    if (!to_double(t, value, &d)) return false;
    std::memcpy(bits, &d, 8);
    return true;
  }
  if (!is_int(value)) {
    t.raise_fmt(t.interp().exc.TypeError, "int expected instead of %s", type_name(t, value));
    return false;
  }
  *bits = int_value(value);
  return true;
}

Value word_value(Thread& t, Value kind, std::int64_t bits) {
  if (is_float_kind(kind)) {
    double d;
    std::memcpy(&d, &bits, 8);
    return make_float(t, d);
  }
  return make_int(t, bits);
}

NATIVE(mp_shm_get) {
  if (!check_nargs(t, "shm_get", nargs, 3, 3)) return Value();
  std::int64_t bits = 0;
  Value ret;
  if (!word_op(t, args[0], args[1], ProcessHost::WordOp::Load, 0, &bits, &ret)) return ret;
  return word_value(t, args[2], bits);
}

NATIVE(mp_shm_set) {
  if (!check_nargs(t, "shm_set", nargs, 4, 4)) return Value();
  std::int64_t bits;
  if (!word_bits(t, args[2], args[3], &bits)) return Value();
  std::int64_t unused = 0;
  Value ret;
  if (!word_op(t, args[0], args[1], ProcessHost::WordOp::Store, bits, &unused, &ret)) return ret;
  return t.interp().none;
}

// shm_blocks(region): whether the region's word operations may block (the host answers Later), so
// that they cannot run inside a callback from a built-in (a property getter).
NATIVE(mp_shm_blocks) {
  int fd;
  if (nargs != 1 || !arg_int(t, args[0], &fd)) return Value();
  return host().shm_words_block(fd) ? t.interp().true_ : t.interp().false_;
}

// shm_value(kind, value): `value` as a shared word of `kind` would hold it (what shm_set then
// shm_get return), for a word cached in this process.
NATIVE(mp_shm_value) {
  if (!check_nargs(t, "shm_value", nargs, 2, 2)) return Value();
  std::int64_t bits;
  if (!word_bits(t, args[0], args[1], &bits)) return Value();
  return word_value(t, args[0], bits);
}

NATIVE(mp_shm_add) {
  if (!check_nargs(t, "shm_add", nargs, 3, 3)) return Value();
  std::int64_t delta;
  if (!to_index(t, args[2], &delta)) return Value();
  std::int64_t now = 0;
  Value ret;
  if (!word_op(t, args[0], args[1], ProcessHost::WordOp::Add, delta, &now, &ret)) return ret;
  return make_int(t, now);
}

NATIVE(mp_sem_try) {
  if (!check_nargs(t, "sem_try", nargs, 1, 1)) return Value();
  std::int64_t took = 0;
  Value ret;
  if (!word_op(t, args[0], Value::small(0), ProcessHost::WordOp::TakeIfPositive, 0, &took, &ret)) {
    return ret;
  }
  return took != 0 ? t.interp().true_ : t.interp().false_;
}

NATIVE(mp_sem_release) {
  if (!check_nargs(t, "sem_release", nargs, 2, 2)) return Value();
  std::int64_t max;
  if (!to_index(t, args[1], &max)) return Value();
  std::int64_t gave = 0;
  Value ret;
  if (!word_op(t, args[0], Value::small(0), ProcessHost::WordOp::GiveBelow, max, &gave, &ret)) {
    return ret;
  }
  return gave != 0 ? t.interp().true_ : t.interp().false_;
}

// A spawned child: compiles and runs the program as __mp_main__ (nested, like an import), and
// aliases it as __main__ so that globals pickled as __main__.f resolve.
NATIVE(mp_run_main_as_mp_main) {
  Interpreter& in = t.interp();
  auto src = std::make_shared<const std::string>(host().child_program_source());
  const std::string& filename = host().child_program_path();
  lang::ParseResult parsed = lang::parse(*src, filename);
  if (!parsed.ok()) return t.raise(in.exc.SyntaxError, "invalid syntax in the program");
  CompileResult compiled = compile_module(t, *parsed.module, src, filename);
  if (compiled.error) return t.raise(in.exc.SyntaxError, compiled.error->msg);
  Module* m = make_module(t, "__mp_main__");
  dict_set_str(t, in.modules, in.intern("__mp_main__"), Value::object(m));
  dict_set_str(t, m->dict, in.intern("__name__"), Value::object(in.intern("__mp_main__")));
  dict_set_str(t, m->dict, in.intern("__file__"), str_value(t, filename));
  Frame* f = t.alloc_frame(compiled.code);
  f->globals = m->dict;
  f->locals_dict = m->dict;
  f->flags = kFrameBoundary;
  f->back = t.frame;
  t.frame = f;
  ++t.depth;
  ++t.native_depth;
  RunStatus status;
  Value r = t.eval(INT64_MAX, true, &status);
  --t.native_depth;
  if (r.is_null()) return r;
  dict_set_str(t, in.modules, in.intern("__main__"), Value::object(m));
  return in.none;
}

NATIVE(mp_set_name) {
  if (nargs == 1 && is_str(args[0])) {
    if (Tracer* tr = g_tracer.load()) tr->named(as_str(args[0])->view());
  }
  return t.interp().none;
}

NATIVE(mp_child_payload) {
  if (host().snapshot_fork_child()) {  // (method, Process) restored from the parent's heap
    RestoredHeap heap;
    if (!restore_heap_snapshot(t, {host().child_program_source(), host().child_program_path()},
                               host().child_payload(), &heap)) {
      return Value();
    }
    if (heap.roots.size() != 2) return t.raise(t.interp().exc.RuntimeError, "bad fork snapshot");
    RootScope roots(t);
    roots.add(heap.roots[0]);
    roots.add(heap.roots[1]);
    const Value items[2] = {heap.roots[1], heap.roots[0]};
    return Value::object(make_tuple(t, items, 2));
  }
  return unpickle(t, host().child_payload());
}

NATIVE(mp_os_exit) {
  if (!check_nargs(t, "_exit", nargs, 1, 1)) return Value();
  std::int64_t code;
  if (!to_index(t, args[0], &code)) return Value();
  return exit_process(t, static_cast<int>(code & 0xff));
}

Module* init_mp(Thread& t) {
  Module* m = make_module(t, "_mp");
  Dict* d = m->dict;
  add_function(t, d, "_set_pickling_error", mp_set_pickling_error);
  add_function(t, d, "cpu_count", mp_cpu_count);
  add_function(t, d, "default_method", mp_default_method);
  add_function(t, d, "fork", mp_fork);
  add_function(t, d, "spawn", mp_spawn);
  add_function(t, d, "wait", mp_wait);
  add_function(t, d, "signal", mp_signal);
  add_function(t, d, "exit", mp_exit);
  add_function(t, d, "abort", mp_abort);
  add_function(t, d, "channel", mp_channel);
  add_function(t, d, "send", mp_send);
  add_function(t, d, "recv", mp_recv);
  add_function(t, d, "poll", mp_poll);
  add_function(t, d, "close", mp_close);
  add_function(t, d, "shm", mp_shm);
  add_function(t, d, "shm_get", mp_shm_get);
  add_function(t, d, "shm_set", mp_shm_set);
  add_function(t, d, "shm_add", mp_shm_add);
  add_function(t, d, "shm_blocks", mp_shm_blocks);
  add_function(t, d, "shm_value", mp_shm_value);
  add_function(t, d, "sem_try", mp_sem_try);
  add_function(t, d, "sem_release", mp_sem_release);
  add_function(t, d, "run_main_as_mp_main", mp_run_main_as_mp_main);
  add_function(t, d, "child_payload", mp_child_payload);
  add_function(t, d, "set_name", mp_set_name);
  return m;
}

Module* init_multiprocessing(Thread& t) {
  Interpreter& in = t.interp();
  Module* m = make_module(t, "multiprocessing");
  dict_set_str(t, in.modules, in.intern("multiprocessing"), Value::object(m));
  if (!run_prelude(t, m, "multiprocessing", kMultiprocessingSource)) {
    dict_del(t, in.modules, Value::object(in.intern("multiprocessing")));
    return nullptr;
  }
  return m;
}

// os with _exit and abort that end the OS process at once, as CPython's do.
Module* init_os(Thread& t) {
  Module* m = g_os_init(t);
  if (m == nullptr) return m;
  add_function(t, m->dict, "_exit", mp_os_exit);
  add_function(t, m->dict, "abort", mp_abort);
  return m;
}

}  // namespace

void install_multiprocessing(Interpreter& interp, ProcessHost& h) {
  g_host = &h;
  interp.module_inits["_mp"] = init_mp;
  interp.module_inits["multiprocessing"] = init_multiprocessing;
  auto os = interp.module_inits.find("os");
  if (os != interp.module_inits.end() && os->second != init_os) {
    g_os_init = os->second;
    os->second = init_os;
  }
  Driver* driver = &interp.driver();
  h.set_notifier([driver](const void* object) { driver->notify(object); });
}

void set_tracer(Tracer* tracer) {
  g_tracer.store(tracer);
}

void uninstall_multiprocessing(ProcessHost& h) {
  h.set_notifier(nullptr);
  // The run is over: frames it took by poll() go with it, so that a later run in this OS process
  // or Wasm instance (the page's run worker, a reused process worker) never receives them.
  std::lock_guard<std::mutex> lock(g_peek_mu);
  g_peeked.clear();
}

}  // namespace interleave::ipc
