// The interpreter state: one Interpreter per Python process (its heap, built-in types, modules,
// threads), one Thread per Python thread (its heap-allocated frame stack, pending exception and
// Wait), and Frame, the activation record that lives in malloc'd memory so that Python calls never
// recurse on the C++ stack. A Thread is touched only by the OS thread its driver runs it on; the
// Interpreter's tables are read by all threads and written only at safepoints or under locks.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/driver.h"
#include "vm/object.h"
#include "vm/value.h"

namespace interleave::vm {

class Interpreter;

inline constexpr std::uint32_t kFrameInit = 1;       // __init__ frame: return `init_self`
inline constexpr std::uint32_t kFrameBoundary = 2;   // a native called into Python: stop here
inline constexpr std::uint32_t kFrameGenerator = 4;  // owned by a Generator, not the thread
inline constexpr std::uint32_t kFrameThreadTop = 8;  // bottom frame of a started thread

struct Frame {
  Frame* back = nullptr;
  Code* code = nullptr;
  Function* func = nullptr;
  Dict* globals = nullptr;
  Dict* locals_dict = nullptr;  // module and class bodies: the namespace for *_NAME opcodes
  Value* sp = nullptr;          // valid whenever the frame is not executing
  std::uint32_t ip = 0;         // next instruction
  std::uint32_t flags = 0;
  Value init_self;
  Generator* generator = nullptr;
  std::uint32_t capacity = 0;  // slots allocated (frames are reused by size)
  Value* slots() { return reinterpret_cast<Value*>(this + 1); }
  Value* stack_base() { return slots() + code->nlocalsplus(); }
};

struct Config {
  std::int64_t heap_limit = std::int64_t{1} << 30;  // bytes; MemoryError past it
  int recursion_limit = 1000;
  // Bytes allocated between collections; 0: adaptive (twice the live heap, at least 4 MiB).
  // Tests set it small to make the collector run at nearly every safepoint.
  std::int64_t gc_interval = 0;
  bool free_threaded = false;  // GIL off: list/dict/set take their per-object locks
  std::vector<std::string> argv;
  std::int64_t seed = -1;  // random's initial seed; -1: from the clock
};

// The built-in types, created once per interpreter.
struct Types {
  Type *object, *type, *none, *notimpl, *ellipsis, *bool_, *int_, *float_, *str, *tuple, *list,
      *dict, *set, *range, *slice, *cell, *code, *function, *builtin, *method, *module, *generator,
      *property, *staticmethod, *classmethod, *super, *dict_keys, *dict_values, *dict_items,
      *list_iter, *tuple_iter, *str_iter, *range_iter, *dict_keyiter, *dict_valueiter,
      *dict_itemiter, *set_iter, *enumerate, *zip, *map, *filter, *reversed, *callable_iter, *lock,
      *rlock, *native, *frozenset;
};

#define INTERLEAVE_EXCEPTIONS(X)                                                                   \
  X(BaseException, BaseException)                                                                  \
  X(Exception, BaseException) X(SystemExit, BaseException) X(KeyboardInterrupt, BaseException)     \
      X(GeneratorExit, BaseException) X(ArithmeticError, Exception)                                \
          X(ZeroDivisionError, ArithmeticError) X(OverflowError, ArithmeticError) X(               \
              AssertionError, Exception) X(AttributeError, Exception) X(LookupError, Exception)    \
              X(IndexError, LookupError) X(KeyError, LookupError) X(NameError, Exception)          \
                  X(UnboundLocalError, NameError) X(RuntimeError, Exception) X(                    \
                      RecursionError, RuntimeError) X(NotImplementedError, RuntimeError)           \
                      X(TypeError, Exception) X(ValueError, Exception) X(StopIteration, Exception) \
                          X(MemoryError, Exception) X(OSError, Exception) X(TimeoutError, OSError) \
                              X(ImportError, Exception) X(ModuleNotFoundError, ImportError)        \
                                  X(EOFError, Exception) X(UnicodeError, ValueError)               \
                                      X(SyntaxError, Exception)

struct ExceptionTypes {
#define INTERLEAVE_EXC_FIELD(name, base) Type* name;
  INTERLEAVE_EXCEPTIONS(INTERLEAVE_EXC_FIELD)
#undef INTERLEAVE_EXC_FIELD
};

enum class CallResult : std::uint8_t { Value, Frame, Error, Blocked };
enum class RunStatus : std::uint8_t { Returned, Yielded, Raised, Budget, Blocked };

// True while a live thread of `in` is inside Driver::nested_safepoint or nested_block, where the
// natives under its nested loop hold values the collector cannot see: nobody collects then.
bool thread_switched_out_nested(Interpreter& in);

class Thread final : public ThreadHandle {
 public:
  Thread(Interpreter& interp, bool is_main);
  ~Thread() override;

  // ThreadHandle
  Stop run(std::int64_t budget) override;
  const Wait& wait() const override { return wait_; }
  int exit_code() const override { return exit_code_; }
  std::string name() const override;
  void set_name(std::string name);  // Thread.name = ...: any thread
  std::uint64_t ident() const override { return ident_; }
  bool daemon() const override { return daemon_; }
  bool is_main() const override { return is_main_; }
  void collect_garbage() override;
  // The simulator's cost accounting (driver.h): a per-opcode table expanded once from the
  // per-class one; counted only while a table is set, so real runs pay one predicted branch.
  void set_cost_table(const std::int64_t* ns_per_op_class) override;
  std::int64_t executed() const override { return executed_; }
  std::int64_t run_cost_ns() const override { return run_cost_ns_; }
  void set_exact_budget(bool on) override { exact_budget_ = on; }

  Interpreter& interp() const { return interp_; }
  Driver& driver() const;

  // --- exceptions -------------------------------------------------------------------------
  // Each returns a null Value so that natives can `return t.raise(...)`.
  Value raise(Value exc);
  Value raise(Type* type, std::string_view message);
  Value raise_fmt(Type* type, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  bool has_exception() const { return !exc.is_null(); }
  Value take_exception() {
    Value e = exc;
    exc = Value();
    return e;
  }

  // --- blocking (the yield protocol of driver.h) --------------------------------------------
  // True when this call is a retry of a call that blocked; `wait_` then holds its old Wait.
  bool retrying() const { return retrying_; }
  // Fills the Wait and returns Value::blocked(). `epoch` must have been read before the attempt.
  Value block(WaitKind kind, const void* object, std::int64_t deadline_ns, std::uint64_t epoch,
              const ThreadHandle* holder, std::string what);
  // The deadline of the blocked call being retried, or -1.
  std::int64_t retry_deadline() const { return retrying_ ? wait_.deadline_ns : -1; }

  // --- calling back into Python from natives (bounded nesting) --------------------------------
  // Calls `callable` and runs any Python frames to completion on this thread. Null on exception.
  Value call(Value callable, const Value* args, int nargs, Tuple* kwnames = nullptr);

  // Public state, used by the interpreter loop and natives.
  Frame* frame = nullptr;            // innermost frame
  int depth = 0;                     // Python frames on the stack
  int native_depth = 0;              // nested interpreter loops (GC waits until it is 0)
  // Where this OS thread's C++ stack stood when the driver last entered run() at the top level:
  // nested loops stop with RecursionError before they use more than kNestedStackBytes below it
  // (a sanitizer build's frames are large enough to overflow the stack within 200 nestings).
  std::uintptr_t stack_anchor = 0;
  static constexpr std::uintptr_t kNestedStackBytes = 2u << 20;
  std::int64_t nested_budget = INT64_MAX;  // Driver::nested_budget(), read at construction
  std::int64_t nested_budget_left = INT64_MAX;  // what nested loops have left of it
  Value exc;                         // exception being propagated
  Value handled;                     // the exception being handled (sys.exc_info), for __context__
  Value pyobj;                       // the threading.Thread object, if any
  Value entry;                       // callable the thread starts with (started threads)
  std::vector<Value> roots;          // temporaries of natives that call back into Python
  // The generator the last call made and the frame that made the call (cleared by CALL before
  // each generic call): a for loop may claim it (Generator::loop_owned). Never dereferenced
  // unless it is the call's own result.
  Generator* fresh_generator = nullptr;
  Frame* fresh_generator_caller = nullptr;
  // After a call in `caller` returned `result`, with `next` the instruction after the call:
  // `for x in gen(...)` (GET_ITER 1 next) claims a generator the call itself made there, so the
  // loop is its only holder and closes it when it exits early. Clears fresh_generator.
  void claim_for_loop(Value result, Frame* caller, std::uint32_t next);
  std::vector<Object*> allocations;  // objects allocated by this thread since the last sweep
  std::string name_;  // under name_mutex_ once started: any thread may rename, drivers read it
  mutable std::mutex name_mutex_;
  bool daemon_ = false;
  std::atomic<bool> finished_{false};  // read by joiners on other threads
  // Inside Driver::nested_safepoint, where the GIL may be with another thread: while any live
  // thread is, nobody collects (the natives under its nested loop hold values the collector
  // cannot see). Per thread, so that a fork child, where the others are finished, collects.
  std::atomic<bool> in_nested_safepoint{false};
  // A call blocked inside a nested loop: waits through Driver::nested_block (counted as being in a
  // nested safepoint meanwhile). True: woken, retry the call (retrying() is set). False with an
  // exception set: the run is ending. False without one: this driver cannot wait there.
  bool nested_block();
  bool started_ = false;
  std::uint64_t ident_ = 0;
  int exit_code_ = 0;
  std::uint64_t native_id_ = 0;

  // The interpreter loop (interpreter.cpp) and its helpers.
  CallResult invoke(Value callable, Value* args, int nargs, Tuple* kwnames, Value* result,
                    std::uint32_t frame_flags);
  Value eval(std::int64_t budget, bool nested, RunStatus* status);
  bool handle_breaker(bool budget_spent);  // true: return to the driver now
  // Called by nested interpreter loops at backward jumps and calls, and by natives that loop for
  // long without running Python code (every kPollEvery steps, see poll()): true with an exception
  // set when the thread must unwind now, either because the driver asked every thread to stop
  // (then it unwinds like os._exit, past every handler, and the driver ends the run) or because
  // the heap is over its limit (MemoryError; a nested loop cannot reach a collection).
  bool stop_requested();
  // The nested loop's safepoint (eval with nested = true, at backward jumps and calls, when the
  // budget is spent or the eval breaker is set): lets the driver switch threads on a drop request
  // or a spent budget (Driver::nested_safepoint), then answers stop_requested(). Refills `budget`.
  bool nested_safepoint(std::int64_t& budget);
  static constexpr std::uint32_t kPollEvery = 1024;
  bool poll() { return (++poll_counter_ % kPollEvery) == 0 && stop_requested(); }
  std::uint32_t poll_counter_ = 0;
  void raise_unbound_cell(Code* code, std::uint32_t index);
  void add_traceback(Code* code, std::uint32_t index);
  void do_raise(Value exc, Value cause, bool has_cause);
  void set_blocked_wait(const Wait& w) { wait_ = w; }
  bool hard_exit = false;  // os._exit / os.abort: unwind without handlers, end the process
  int phase = 0;           // main thread: 0 running, 1 shutting down (joining threads), 2 done
  Value exit_exception;    // the exception that ended the main module, if any

  // Frames.
  // Allocates a frame for `code` (not linked in); free_frame returns it to a free list. Frames
  // come in four size classes (32..256 slots) kept per thread, so calls and returns do not reach
  // malloc; larger frames are allocated exactly. Local slots start null (unbound), except the
  // first `caller_fills` ones, which the caller must write before the frame is used or freed
  // (the exact-arity call copies its arguments there: no zeroing first).
  static int frame_class(std::uint32_t slots) {
    return slots <= 32 ? 0 : slots <= 64 ? 1 : slots <= 128 ? 2 : slots <= 256 ? 3 : -1;
  }
  Frame* alloc_frame(Code* code, std::int32_t caller_fills = 0) {
    auto need = static_cast<std::uint32_t>(code->nlocalsplus() + code->stacksize);
    int cls = frame_class(need);
    if (cls >= 0 && free_frames_[cls] != nullptr) {
      Frame* f = free_frames_[cls];
      free_frames_[cls] = f->back;
      --free_counts_[cls];
      return init_frame(f, code, caller_fills);
    }
    return alloc_frame_slow(code, need, caller_fills);
  }
  void free_frame(Frame* f) {
    int cls = frame_class(f->capacity);
    if (cls >= 0 && f->capacity == (32u << cls) && free_counts_[cls] < 256) {
      f->back = free_frames_[cls];
      free_frames_[cls] = f;
      ++free_counts_[cls];
      return;
    }
    free_frame_slow(f);
  }
  static Frame* init_frame(Frame* f, Code* code, std::int32_t caller_fills) {
    f->back = nullptr;
    f->code = code;
    f->func = nullptr;
    f->globals = nullptr;
    f->locals_dict = nullptr;
    f->ip = 0;
    f->flags = 0;
    f->init_self = Value();
    f->generator = nullptr;
    Value* s = f->slots();
    std::int32_t n = code->nlocalsplus();
    for (std::int32_t i = caller_fills; i < n; ++i) s[i] = Value();
    f->sp = s + n;
    return f;
  }
  Frame* alloc_frame_slow(Code* code, std::uint32_t need, std::int32_t caller_fills);
  void free_frame_slow(Frame* f);
  Frame* free_frames_[4] = {nullptr, nullptr, nullptr, nullptr};
  int free_counts_[4] = {0, 0, 0, 0};

  // Cost accounting (set_cost_table): null when off; else ns per opcode, indexed by Op.
  const std::int64_t* op_costs_ = nullptr;
  std::unique_ptr<std::int64_t[]> op_cost_storage_;
  std::int64_t executed_ = 0;     // instructions of the current / last run()
  std::int64_t run_cost_ns_ = 0;  // their cost
  bool exact_budget_ = false;     // set_exact_budget: stop at any instruction (counted runs)

 private:
  friend class Interpreter;
  friend bool thread_switched_out_nested(Interpreter& in);
  Interpreter& interp_;
  bool is_main_;
  Wait wait_;
  bool retrying_ = false;
  bool blocked_ = false;
};

// Binds call arguments into a new (unlinked) frame for `func`; null with an exception set.
Frame* bind_arguments(Thread& t, Function* func, const Value* args, int nargs, Tuple* kwnames);

// Root scope for natives that call back into Python while holding fresh objects in C++ locals.
class RootScope {
 public:
  explicit RootScope(Thread& t) : t_(t), mark_(t.roots.size()) {}
  ~RootScope() { t_.roots.resize(mark_); }
  Value add(Value v) {
    t_.roots.push_back(v);
    return v;
  }
  RootScope(const RootScope&) = delete;
  RootScope& operator=(const RootScope&) = delete;

 private:
  Thread& t_;
  std::size_t mark_;
};

class Interpreter {
 public:
  Interpreter(Driver& driver, Config config);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Compiles `source` as __main__ and returns the main thread, ready to run(). On a syntax error
  // returns null and fills `syntax_error_text` with CPython's report.
  Thread* load_main(std::string_view source, std::string_view filename,
                    std::string* syntax_error_text);

  // Creates a thread that will call `entry()` (threading's bootstrap), not yet started.
  Thread* new_thread(Value entry, Value pyobj, std::string name, bool daemon);

  // Stop-the-world collection: no thread may be inside run() (or all are at safepoints).
  void collect();

  // --- allocation (gc.cpp) -----------------------------------------------------------------
  // Allocates `size` bytes (at least sizeof(T)) and constructs a T with the given type. Never
  // returns null: past the heap limit it sets memory_error_pending and a GC request instead.
  template <class T>
  T* make(Thread* t, Type* type, std::size_t extra = 0) {
    void* mem = allocate_raw(t, sizeof(T) + extra);
    T* o = new (mem) T();
    o->type = type;
    o->alloc_size = static_cast<std::uint32_t>(sizeof(T) + extra);
    register_object(t, o);
    return o;
  }
  // Accounts non-object memory (list storage, dict tables) against the heap limit.
  void account(std::int64_t delta);
  // True when `bytes` more would certainly exceed the heap limit.
  bool would_exceed(std::int64_t bytes) const {
    return heap_bytes_.load(std::memory_order_relaxed) + bytes > config_.heap_limit;
  }
  // Frees a container's old storage (dict tables, list items). In free-threaded mode other
  // threads may still be reading it without a lock, so it is kept until the next stop-the-world
  // collection (quiescent-state reclamation); otherwise it is freed at once.
  void retire(void* storage);
  // Grows a list's item storage to `capacity` (realloc, or copy + retire when free-threaded).
  void grow_list(List* l, std::int64_t capacity);
  std::int64_t heap_bytes() const { return heap_bytes_.load(std::memory_order_relaxed); }
  std::int64_t heap_limit() const { return config_.heap_limit; }
  std::size_t object_count() const { return object_count_; }

  // --- strings ------------------------------------------------------------------------------
  Str* intern(std::string_view s);

  Driver& driver() { return driver_; }
  const Config& config() const { return config_; }
  Config& config() { return config_; }
  bool free_threaded() const { return config_.free_threaded; }

  Types types{};
  ExceptionTypes exc{};
  Value none, true_, false_, notimpl, ellipsis;
  std::unique_ptr<struct Names> names;
  Str* empty_str = nullptr;
  Tuple* empty_tuple = nullptr;
  Dict* builtins = nullptr;
  Dict* modules = nullptr;  // sys.modules
  Module* main_module = nullptr;
  // Bumped (after the change) whenever any type's dict changes or a class is created: inline
  // caches of type lookups hold the epoch they were filled at, read before the lookup.
  std::atomic<std::uint64_t> type_epoch{1};
  std::vector<std::unique_ptr<Thread>> threads;
  Thread* main_thread = nullptr;
  std::shared_ptr<const std::string> main_source;
  std::string main_filename;
  int recursion_limit = 1000;
  std::uint64_t next_thread_number = 1;  // "Thread-N"
  std::atomic<bool> memory_error_pending{false};
  std::int64_t start_cpu_ns = 0;
  std::int64_t pid = 0, ppid = 0, cpu_count = 1;  // os.getpid() etc. (set by the embedder)
  NativeState* random_state = nullptr;            // the random module's generator
  std::mutex mutex;        // threads vector, intern table, allocation lists in free-threaded mode
  // Labels of waitables in wait reports and traces ("Lock #3"): numbered in the order they are
  // first waited on, so that a simulated run reports the same text every time (an address would
  // not). Guarded by `mutex`.
  std::unordered_map<const void*, std::uint64_t> wait_labels;
  Thread* boot = nullptr;  // a thread object used while bootstrapping (not runnable)

  // Built-in modules by name, created on first import.
  using ModuleInit = Module* (*)(Thread& t);
  std::unordered_map<std::string, ModuleInit> module_inits;
  Value import_module(Thread& t, std::string_view name);

  void visit_roots(void (*visit)(void*, Value), void* ctx);

 private:
  void* allocate_raw(Thread* t, std::size_t size);
  void register_object(Thread* t, Object* o);
  void sweep();
  void free_all();
  void bootstrap();

  Driver& driver_;
  Config config_;
  std::atomic<std::int64_t> heap_bytes_{0};
  std::int64_t next_gc_ = 4 << 20;
  std::size_t object_count_ = 0;
  std::mutex alloc_mutex_;        // objects_ (allocations made outside any thread), retired_
  std::vector<void*> retired_;    // storage to free at the next collection (free-threaded)
  std::vector<Object*> objects_;  // every live object (after the last sweep) + boot allocations
  std::unordered_map<std::string_view, Str*> interned_;
  friend class Thread;
};

}  // namespace interleave::vm
