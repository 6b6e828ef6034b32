// vm::Thread: the ThreadHandle drivers run. run() resumes the interpreter loop where it stopped and
// turns its outcome into a Stop; the end of the main module runs threading._shutdown (joining the
// non-daemon threads, as CPython does) before the thread reports Finished or Exited. Also raising
// exceptions (with __context__ chaining) and printing uncaught ones. A Thread is used only by the
// OS thread its driver runs it on.
#include <cstdarg>
#include <cstdio>

#include "vm/dict.h"
#include "vm/names.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/traceback.h"

namespace interleave::vm {

Thread::Thread(Interpreter& interp, bool is_main)
    : nested_budget(interp.driver().nested_budget()),
      nested_budget_left(nested_budget),
      interp_(interp),
      is_main_(is_main) {
  static std::atomic<std::uint64_t> next_ident{1};
  // Looks like CPython's pthread-based idents, and unique within the process.
  ident_ = 139700000000000ull + (next_ident.fetch_add(1) * 4096ull * 2048ull);
}

Thread::~Thread() {
  while (frame != nullptr) {
    Frame* f = frame;
    frame = f->back;
    if ((f->flags & kFrameGenerator) == 0) std::free(f);
  }
  for (Frame*& head : free_frames_) {
    while (head != nullptr) {
      Frame* next = head->back;
      std::free(head);
      head = next;
    }
  }
}

std::string Thread::name() const {
  std::lock_guard<std::mutex> lock(name_mutex_);
  return name_;
}

void Thread::set_name(std::string name) {
  std::lock_guard<std::mutex> lock(name_mutex_);
  name_ = std::move(name);
}

Driver& Thread::driver() const {
  return interp_.driver();
}

Value Thread::block(WaitKind kind, const void* object, std::int64_t deadline_ns,
                    std::uint64_t epoch, const ThreadHandle* holder, std::string what) {
  wait_.kind = kind;
  wait_.object = object;
  wait_.deadline_ns = deadline_ns;
  wait_.epoch = epoch;
  wait_.holder = holder;
  wait_.what = std::move(what);
  return Value::blocked();
}

// --- exceptions ----------------------------------------------------------------------------------

Value Thread::raise(Value e) {
  if (!e.is_null() && layout_of(e) == Layout::Exception && !handled.is_null() && handled != e) {
    ExceptionObject* x = as_exc(e);
    // Avoid a cycle in the context chain (CPython does the same).
    Value c = handled;
    bool cycle = false;
    for (int i = 0; i < 100 && !c.is_null(); ++i) {
      if (c == e) {
        cycle = true;
        break;
      }
      c = as_exc(c)->context;
    }
    if (!cycle) x->context = handled;
  }
  exc = e;
  return Value();
}

Value Thread::raise(Type* type, std::string_view message) {
  Value arg = str_value(*this, message);
  Tuple* args = message.empty() && type == interp_.exc.MemoryError ? interp_.empty_tuple
                                                                   : make_tuple(*this, &arg, 1);
  return raise(Value::object(make_exception(*this, type, args)));
}

Value Thread::raise_fmt(Type* type, const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return raise(type, buf);
}

void Thread::raise_unbound_cell(Code* code, std::uint32_t index) {
  std::size_t ncell = code->cellvars.size();
  Str* name = index < ncell ? code->cellvars[index] : code->freevars[index - ncell];
  if (index < ncell) {
    raise_fmt(interp_.exc.UnboundLocalError,
              "cannot access local variable '%s' where it is not associated with a value",
              name->data());
  } else {
    raise_fmt(interp_.exc.NameError,
              "cannot access free variable '%s' where it is not associated with a value in "
              "enclosing scope",
              name->data());
  }
}

void Thread::add_traceback(Code* code, std::uint32_t index) {
  if (exc.is_null() || layout_of(exc) != Layout::Exception) return;
  as_exc(exc)->traceback.push_back(TracebackEntry{code, index});
}

int exception_matches(Thread& t, Value e, Value type) {
  Interpreter& in = t.interp();
  if (layout_of(type) == Layout::Tuple) {
    Tuple* tu = as_tuple(type);
    for (std::int64_t i = 0; i < tu->size; ++i) {
      int r = exception_matches(t, e, tu->items()[i]);
      if (r != 0) return r;
    }
    return 0;
  }
  if (layout_of(type) != Layout::Type || !is_subtype(as_type(type), in.exc.BaseException)) {
    t.raise(in.exc.TypeError,
            "catching classes that do not inherit from BaseException is not allowed");
    return -1;
  }
  return is_subtype(type_of(t, e), as_type(type)) ? 1 : 0;
}

void Thread::do_raise(Value e, Value cause, bool has_cause) {
  Interpreter& in = interp_;
  Value instance;
  if (layout_of(e) == Layout::Type && is_subtype(as_type(e), in.exc.BaseException)) {
    instance = call(e, nullptr, 0);
    if (instance.is_null()) return;
  } else if (layout_of(e) == Layout::Exception) {
    instance = e;
  } else {
    raise(in.exc.TypeError, "exceptions must derive from BaseException");
    return;
  }
  if (has_cause) {
    Value c;
    if (cause == in.none) {
      c = Value();
    } else if (layout_of(cause) == Layout::Type &&
               is_subtype(as_type(cause), in.exc.BaseException)) {
      c = call(cause, nullptr, 0);
      if (c.is_null()) return;
    } else if (layout_of(cause) == Layout::Exception) {
      c = cause;
    } else {
      raise(in.exc.TypeError, "exception causes must derive from BaseException");
      return;
    }
    as_exc(instance)->cause = c;
    as_exc(instance)->suppress_context = true;
  }
  raise(instance);
}

// --- safepoints ----------------------------------------------------------------------------------

bool thread_switched_out_nested(Interpreter& in) {
  std::lock_guard<std::mutex> lock(in.mutex);
  for (const auto& th : in.threads) {
    if (th->in_nested_safepoint.load(std::memory_order_acquire) && !th->finished_.load()) {
      return true;
    }
  }
  return false;
}

bool Thread::handle_breaker(bool budget_spent) {
  Interpreter& in = interp_;
  std::atomic<std::uint32_t>& breaker = in.driver().eval_breaker();
  std::uint32_t bits = breaker.load(std::memory_order_acquire);
  if ((bits & breaker::kStopRequest) != 0) return true;  // ending: no collection first
  if ((bits & breaker::kGcRequest) != 0 && in.driver().serialises_run() && native_depth == 0) {
    breaker.fetch_and(~breaker::kGcRequest, std::memory_order_acq_rel);
    // A thread that handed the GIL over inside a nested loop has values in C++ locals: the
    // collection waits (the allocator asks again at its next allocation past the threshold).
    if (!thread_switched_out_nested(in)) in.collect();
    bits &= ~breaker::kGcRequest;
  }
  if (in.memory_error_pending.exchange(false)) {
    raise(in.exc.MemoryError, "");
    return false;
  }
  return budget_spent || bits != 0;
}

bool Thread::stop_requested() {
  Interpreter& in = interp_;
  std::uint32_t bits = in.driver().eval_breaker().load(std::memory_order_relaxed);
  if ((bits & breaker::kStopRequest) != 0) {
    if (!hard_exit || !has_exception()) {
      hard_exit = true;
      raise(Value::object(make_exception(*this, in.exc.SystemExit, nullptr)));
    }
    return true;
  }
  if (in.heap_bytes() > in.heap_limit()) {
    raise(in.exc.MemoryError, "");
    return true;
  }
  return false;
}

bool Thread::nested_safepoint(std::int64_t& budget) {
  Interpreter& in = interp_;
  if (stop_requested()) return true;
  const std::uint32_t bits = in.driver().eval_breaker().load(std::memory_order_relaxed);
  if (budget <= 0 || (bits & breaker::kGilDropRequest) != 0) {
    budget = nested_budget;
    in_nested_safepoint.store(true, std::memory_order_release);
    in.driver().nested_safepoint(*this);
    in_nested_safepoint.store(false, std::memory_order_release);
    // The run may have ended while this thread waited for the GIL.
    if (stop_requested()) return true;
  }
  return false;
}

bool Thread::nested_block() {
  Interpreter& in = interp_;
  if (stop_requested()) return false;
  in_nested_safepoint.store(true, std::memory_order_release);
  const bool woken = in.driver().nested_block(*this);
  in_nested_safepoint.store(false, std::memory_order_release);
  if (stop_requested()) return false;
  if (!woken) return false;
  retrying_ = true;
  return true;
}

// --- running -------------------------------------------------------------------------------------

namespace {

// Prints an uncaught exception through the driver (fd 2).
void report(Thread& t, Value e, const char* header) {
  std::string text = header;
  text += format_exception(t, e);
  t.driver().write(2, text);
}

}  // namespace

void Thread::set_cost_table(const std::int64_t* ns_per_op_class) {
  if (ns_per_op_class == nullptr) {
    op_costs_ = nullptr;
    return;
  }
  constexpr auto kOps = static_cast<std::size_t>(Op::kCount);
  // 256 entries: the dispatch loop indexes by the instruction's low byte, never out of range.
  if (!op_cost_storage_) op_cost_storage_ = std::make_unique<std::int64_t[]>(256);
  for (std::size_t i = 0; i < 256; ++i) {
    OpClass cls = i < kOps ? op_class_of(kOpNames[i]) : OpClass::Other;
    op_cost_storage_[i] = ns_per_op_class[static_cast<int>(cls)];
  }
  op_costs_ = op_cost_storage_.get();
}

Stop Thread::run(std::int64_t budget) {
  Interpreter& in = interp_;
  char here = 0;
  if (native_depth == 0) stack_anchor = reinterpret_cast<std::uintptr_t>(&here);
  executed_ = 0;
  run_cost_ns_ = 0;
  if (blocked_) {
    blocked_ = false;
    retrying_ = true;
  }
  for (;;) {
    if (frame == nullptr) {
      if (!started_) {
        started_ = true;
        // A started thread: call its entry (threading's _bootstrap) as the bottom frame.
        Value buf[2] = {Value(), Value()};
        Value result;
        CallResult r = invoke(entry, buf + 1, 0, nullptr, &result, kFrameThreadTop);
        if (r == CallResult::Error) {
          report(*this, take_exception(), "");
        }
        if (r != CallResult::Frame) {
          finished_ = true;
          driver().notify(this);
          return Stop::Finished;
        }
        continue;
      }
      finished_ = true;
      driver().notify(this);
      return Stop::Finished;
    }
    RunStatus status;
    Value v = eval(budget, false, &status);
    switch (status) {
      case RunStatus::Budget:
        return Stop::Budget;
      case RunStatus::Blocked:
        blocked_ = true;
        return Stop::Blocked;
      case RunStatus::Yielded:
        // A generator frame at the bottom cannot happen (generators run nested).
        return Stop::Finished;
      case RunStatus::Returned:
      case RunStatus::Raised:
        break;
    }
    (void)v;
    bool raised = status == RunStatus::Raised;
    Value e = raised ? take_exception() : Value();
    if (hard_exit) {
      // os._exit / os.abort: the whole process ends now, without joining threads.
      finished_ = true;
      return Stop::Exited;
    }
    if (!is_main_) {
      if (raised && !isinstance(*this, e, in.exc.SystemExit)) {
        report(*this, e, ("Exception in thread " + name() + ":\n").c_str());
      }
      finished_ = true;
      driver().notify(this);
      return Stop::Finished;
    }
    // Main thread.
    if (phase == 0) {
      if (raised) {
        exit_exception = e;
        if (isinstance(*this, e, in.exc.SystemExit)) {
          ExceptionObject* x = as_exc(e);
          Value code = x->args->size == 0   ? in.none
                       : x->args->size == 1 ? x->args->items()[0]
                                            : Value::object(x->args);
          if (code == in.none) {
            exit_code_ = 0;
          } else if (is_int(code)) {
            exit_code_ = static_cast<int>(int_value(code) & 0xff);
          } else {
            std::string s;
            if (!str_into(*this, code, s)) {
              take_exception();
            }
            driver().write(2, s + "\n");
            exit_code_ = 1;
          }
        } else {
          report(*this, e, "");
          exit_code_ = 1;
        }
      }
      phase = 1;
      // threading._shutdown(): join every non-daemon thread, as CPython's finalisation does.
      Value threading = dict_get_str(in.modules, in.intern("threading"));
      if (!threading.is_null()) {
        Value shutdown = get_attr_opt(*this, threading, in.names->_shutdown);
        if (!shutdown.is_null()) {
          Value buf[2] = {Value(), Value()};
          Value result;
          CallResult r = invoke(shutdown, buf + 1, 0, nullptr, &result, kFrameThreadTop);
          if (r == CallResult::Frame) continue;
          if (r == CallResult::Error) take_exception();
        }
        take_exception();
      }
    } else if (raised) {
      report(*this, e, "");
    }
    phase = 2;
    finished_ = true;
    driver().notify(this);
    if (!exit_exception.is_null() && isinstance(*this, exit_exception, in.exc.SystemExit)) {
      return Stop::Exited;
    }
    return Stop::Finished;
  }
}

}  // namespace interleave::vm
