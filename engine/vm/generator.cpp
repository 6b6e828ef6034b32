// The generator protocol (generator.h): send, throw and close as CPython 3.11's genobject.c
// behaves, `yield from` delegation, and closing the generators only a for loop holds.
// Executing thread only (a generator is claimed through Generator::running while it runs).
#include "vm/generator.h"

#include <cstdlib>
#include <string>

#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/seq.h"
#include "vm/traceback.h"

namespace interleave::vm {

namespace {

bool claim(Generator* g) {
  return !__atomic_exchange_n(&g->running, true, __ATOMIC_ACQUIRE);
}
void release(Generator* g) {
  __atomic_store_n(&g->running, false, __ATOMIC_RELEASE);
}

// Runs g's frame from where it is paused. g is claimed and its frame's stack is ready; an
// exception set on the thread is raised at the paused instruction (throw, close).
Value resume(Thread& t, Generator* g, bool* done) {
  Interpreter& in = t.interp();
  Frame* f = g->frame;
  f->back = t.frame;
  f->flags |= kFrameBoundary;
  t.frame = f;
  ++t.depth;
  ++t.native_depth;
  RunStatus status;
  Value v = t.eval(INT64_MAX, true, &status);
  --t.native_depth;
  // Returned or raised: the frame is gone (before another thread may claim the generator).
  if (status != RunStatus::Yielded) g->frame = nullptr;
  release(g);
  if (status == RunStatus::Yielded) return v;
  if (!v.is_null()) {
    *done = true;
    return v;  // the return value, for StopIteration.value
  }
  if (t.has_exception() && isinstance(t, t.exc, in.exc.StopIteration)) {
    t.take_exception();
    t.raise(in.exc.RuntimeError, "generator raised StopIteration");
  }
  return Value();
}

// StopIteration's value: its first argument, or None.
Value stop_iteration_value(Thread& t, Value stop) {
  Tuple* args = as_exc(stop)->args;
  return args != nullptr && args->size > 0 ? args->items()[0] : t.interp().none;
}

// The iterator a `yield from` paused in f delegates to (the top of its stack), or null. The
// compiler marks the YIELD_VALUE of a `yield from` with oparg 1.
Value delegate_of(Frame* f) {
  if (f->ip == 0) return Value();
  std::uint32_t prev = f->code->instructions[f->ip - 1];
  if (op_of(prev) != Op::YIELD_VALUE || arg_of(prev) != 1) return Value();
  return f->sp[-1];
}

// Ends the `yield from` paused in f with `result`: the delegate's slot takes the result and
// execution goes on after the SEND loop (the JUMP_BACKWARD after the yield goes to the SEND,
// whose jump target is the loop's end).
void finish_delegation(Frame* f, Value result) {
  const std::vector<std::uint32_t>& ins = f->code->instructions;
  std::uint32_t send_at = arg_of(ins[f->ip]);
  f->sp[-1] = result;
  f->ip = arg_of(ins[send_at]);
}

// Closes the delegate of a `yield from` when its delegator is closed: close() of a generator, the
// close method of any other iterator that has one. None, or null with an exception set.
Value close_delegate(Thread& t, Value sub) {
  if (layout_of(sub) == Layout::Generator) return generator_close(t, static_cast<Generator*>(sub.as_object()));
  Value method = get_attr_opt(t, sub, t.interp().intern("close"));
  if (method.is_null()) return t.has_exception() ? Value() : t.interp().none;
  return t.call(method, nullptr, 0);
}

// Prints an exception nobody can catch, as CPython's PyErr_WriteUnraisable does.
void report_unraisable(Thread& t, Value where, Value e) {
  Value r = repr(t, where);
  std::string text = "Exception ignored in: ";
  text += r.is_null() ? std::string("<generator>") : std::string(as_str(r)->view());
  t.take_exception();
  text += "\n";
  text += format_exception(t, e);
  t.driver().write(2, text);
}

}  // namespace

namespace {

// Claims g and hands `value` to its paused yield. g's frame, ready to run; null when g is finished
// (released, no exception) or cannot take the value (released, exception set).
Frame* claim_with_value(Thread& t, Generator* g, Value value) {
  Interpreter& in = t.interp();
  // Claimed atomically: with the GIL off two threads may resume one generator at once.
  if (!claim(g)) {
    t.raise(in.exc.ValueError, "generator already executing");
    return nullptr;
  }
  Frame* f = g->frame;
  if (f == nullptr) {  // finished by the thread that had it
    release(g);
    return nullptr;
  }
  if (f->ip > 0) {
    *f->sp++ = value;
  } else if (value != in.none) {
    release(g);
    t.raise(in.exc.TypeError, "can't send non-None value to a just-started generator");
    return nullptr;
  }
  return f;
}

}  // namespace

Value generator_send(Thread& t, Generator* g, Value value, bool* done) {
  *done = false;
  if (claim_with_value(t, g, value) == nullptr) {
    *done = !t.has_exception();
    return Value();
  }
  return resume(t, g, done);
}

Frame* generator_enter(Thread& t, Generator* g, Value value) {
  Frame* f = claim_with_value(t, g, value);
  if (f == nullptr) return nullptr;
  f->back = t.frame;
  f->flags &= ~kFrameBoundary;
  t.frame = f;
  ++t.depth;
  return f;
}

void generator_leave(Generator* g) {
  release(g);
}

void generator_left_raising(Thread& t, Generator* g) {
  release(g);
  Interpreter& in = t.interp();
  if (isinstance(t, t.exc, in.exc.StopIteration)) {
    t.take_exception();
    t.raise(in.exc.RuntimeError, "generator raised StopIteration");
  }
}

Value generator_throw(Thread& t, Generator* g, Value exc, bool* done) {
  Interpreter& in = t.interp();
  *done = false;
  if (!claim(g)) return t.raise(in.exc.ValueError, "generator already executing");
  Frame* f = g->frame;
  if (f == nullptr) {  // finished: the exception is raised in the caller
    release(g);
    t.exc = exc;
    return Value();
  }
  if (f->ip == 0) {
    // Never started: raised at its first line, which ends it (no handler can be active yet).
    g->frame = nullptr;
    f->generator = nullptr;
    release(g);
    t.exc = exc;
    t.add_traceback(f->code, 0);
    std::free(f);
    return Value();
  }
  Value sub = delegate_of(f);
  if (!sub.is_null()) {
    if (isinstance(t, exc, in.exc.GeneratorExit)) {
      // The delegate is closed first; an error from that is raised here instead.
      if (close_delegate(t, sub).is_null()) exc = t.take_exception();
    } else {
      Value r;
      bool sub_done = false;
      bool forwarded = true;
      if (layout_of(sub) == Layout::Generator) {
        r = generator_throw(t, static_cast<Generator*>(sub.as_object()), exc, &sub_done);
      } else {
        Value method = get_attr_opt(t, sub, in.intern("throw"));
        if (method.is_null()) {
          forwarded = false;  // no throw method: raised here (a pending lookup error too)
          if (t.has_exception()) exc = t.take_exception();
        } else {
          r = t.call(method, &exc, 1);
        }
      }
      if (forwarded) {
        if (!r.is_null() && !sub_done) {  // the delegate yielded: so does g
          release(g);
          return r;
        }
        if (sub_done || isinstance(t, t.exc, in.exc.StopIteration)) {
          Value result = sub_done ? r : stop_iteration_value(t, t.take_exception());
          finish_delegation(f, result.is_null() ? in.none : result);
          return resume(t, g, done);
        }
        exc = t.take_exception();  // the delegate's exception goes on in g
      }
    }
  }
  // Set as it is: CPython chains a thrown exception only to one the generator itself is
  // handling, never to the caller's (so `t.raise`, which would, is not used here).
  t.exc = exc;
  return resume(t, g, done);
}

Value generator_close(Thread& t, Generator* g) {
  Interpreter& in = t.interp();
  if (g->frame == nullptr) return in.none;
  Value exit = Value::object(make_exception(t, in.exc.GeneratorExit, in.empty_tuple));
  bool done = false;
  Value r = generator_throw(t, g, exit, &done);
  if (!r.is_null()) {
    if (done) return in.none;
    return t.raise(in.exc.RuntimeError, "generator ignored GeneratorExit");
  }
  if (isinstance(t, t.exc, in.exc.GeneratorExit) || isinstance(t, t.exc, in.exc.StopIteration)) {
    t.take_exception();
    return in.none;
  }
  return Value();
}

Value yield_from_send(Thread& t, Value receiver, Value value, bool* done) {
  Interpreter& in = t.interp();
  *done = false;
  Value r;
  if (layout_of(receiver) == Layout::Generator) {
    r = generator_send(t, static_cast<Generator*>(receiver.as_object()), value, done);
    if (*done) return r.is_null() ? (t.has_exception() ? Value() : in.none) : r;
    return r;
  }
  if (value == in.none) {
    r = iter_next(t, receiver);
    if (!r.is_null()) return r;
    if (!t.has_exception()) {
      *done = true;
      return in.none;
    }
  } else {
    Value method = get_attr(t, receiver, in.intern("send"));
    if (method.is_null()) return Value();
    r = t.call(method, &value, 1);
    if (!r.is_null()) return r;
  }
  if (isinstance(t, t.exc, in.exc.StopIteration)) {
    *done = true;
    return stop_iteration_value(t, t.take_exception());
  }
  return Value();
}

void Thread::claim_for_loop(Value result, Frame* caller, std::uint32_t next) {
  if (fresh_generator == nullptr) return;
  if (result.is_object() && result.as_object() == fresh_generator &&
      fresh_generator_caller == caller && next == encode(Op::GET_ITER, kLoopIterable)) {
    fresh_generator->loop_owned = true;
  }
  fresh_generator = nullptr;
}

void close_loop_owned(Thread& t, Value v) {
  if (!v.is_object() || v.as_object()->type->layout != Layout::Generator) return;
  auto* g = static_cast<Generator*>(v.as_object());
  if (!g->loop_owned || g->frame == nullptr || t.hard_exit) return;
  g->loop_owned = false;
  Value pending = t.take_exception();
  Value r = generator_close(t, g);
  if (t.hard_exit) return;  // stopping: the stop's exception unwinds the thread
  if (r.is_null() && t.has_exception()) report_unraisable(t, v, t.exc);
  t.exc = pending;
}

}  // namespace interleave::vm
