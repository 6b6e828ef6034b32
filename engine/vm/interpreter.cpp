// The interpreter loop. Frames live in malloc'd memory linked through Frame::back, so a Python call
// pushes a frame and continues in the same C++ loop; only natives calling back into Python
// (Thread::call) nest a loop, with a boundary frame. The loop is resumable: at RESUME and backward
// jumps it checks the budget and the eval breaker and returns, and a native that would block
// returns Value::blocked() so the loop yields with ip still on the CALL, which re-executes on
// resume. Dispatch is computed goto under GCC/Clang, a switch otherwise. Runs on the thread's
// driver OS thread only.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/generator.h"
#include "vm/inline_cache.h"
#include "vm/interp.h"
#include "vm/names.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

// --- frames --------------------------------------------------------------------------------------

Frame* Thread::alloc_frame_slow(Code* code, std::uint32_t need, std::int32_t caller_fills) {
  int cls = frame_class(need);
  std::uint32_t cap = cls >= 0 ? (32u << cls) : need;
  auto* f = static_cast<Frame*>(std::malloc(sizeof(Frame) + sizeof(Value) * cap));
  if (f == nullptr) throw std::bad_alloc();
  f->capacity = cap;
  return init_frame(f, code, caller_fills);
}

void Thread::free_frame_slow(Frame* f) {
  std::free(f);
}

namespace {

// A call that must wait inside a nested loop, under a driver that cannot wait there
// (Driver::nested_block): the cooperative driver and the simulator.
constexpr const char* kNestedBlockMessage =
    "a blocking call inside a callback from a built-in (list(), sum(), sorted()'s key, __repr__, "
    "next() on a generator...) is not supported by Interleave in this mode; a for loop over the "
    "generator works";

[[noreturn]] void unreachable() {
  std::abort();
}

std::string plural(std::int64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

}  // namespace

// Binds arguments to a new frame for `func` (CPython's argument rules and messages).
Frame* bind_arguments(Thread& t, Function* func, const Value* args, int nargs, Tuple* kwnames) {
  Interpreter& in = t.interp();
  Code* code = func->code;
  Frame* f = t.alloc_frame(code);
  f->func = func;
  f->globals = func->globals;
  Value* locals = f->slots();
  int nkw = kwnames == nullptr ? 0 : static_cast<int>(kwnames->size);
  int npos = nargs - nkw;
  int argcount = code->argcount;
  int total_named = argcount + code->kwonlyargcount;
  const char* fname = func->qualname->data();
  auto fail = [&](Frame* frame) -> Frame* {
    t.free_frame(frame);
    return nullptr;
  };
  // Positional.
  int ncopy = npos < argcount ? npos : argcount;
  for (int i = 0; i < ncopy; ++i) locals[i] = args[i];
  int var_index = total_named;
  if (code->code_flags & kCoVarargs) {
    Tuple* rest =
        npos > argcount ? make_tuple(t, args + argcount, npos - argcount) : in.empty_tuple;
    locals[var_index] = Value::object(rest);
  } else if (npos > argcount) {
    int ndef = func->defaults == nullptr ? 0 : static_cast<int>(func->defaults->size);
    std::string takes;
    if (ndef > 0) {
      takes = "from " + std::to_string(argcount - ndef) + " to " + std::to_string(argcount) +
              " positional arguments";
    } else {
      takes = plural(argcount, "positional argument");
    }
    int kwonly_given = 0;
    for (int k = 0; k < nkw; ++k) {
      Str* kn = as_str(kwnames->items()[k]);
      for (int j = argcount; j < total_named; ++j) {
        if (code->varnames[j] == kn) ++kwonly_given;
      }
    }
    std::string given = std::to_string(npos) + (npos == 1 ? " was" : " were");
    if (kwonly_given > 0) {
      given = std::to_string(npos) + " positional argument" + (npos == 1 ? "" : "s") + " (and " +
              plural(kwonly_given, "keyword-only argument") + ") were";
      t.raise_fmt(in.exc.TypeError, "%s() takes %s but %s given", fname, takes.c_str(),
                  given.c_str());
    } else {
      t.raise_fmt(in.exc.TypeError, "%s() takes %s but %s given", fname, takes.c_str(),
                  given.c_str());
    }
    return fail(f);
  }
  Dict* varkw = nullptr;
  int kw_index = var_index + ((code->code_flags & kCoVarargs) ? 1 : 0);
  if (code->code_flags & kCoVarkeywords) {
    varkw = make_dict(t);
    locals[kw_index] = Value::object(varkw);
  }
  // Keywords.
  for (int k = 0; k < nkw; ++k) {
    Str* kn = as_str(kwnames->items()[k]);
    Value v = args[npos + k];
    int found = -1;
    for (int j = code->posonlyargcount; j < total_named; ++j) {
      if (code->varnames[j] == kn || code->varnames[j]->view() == kn->view()) {
        found = j;
        break;
      }
    }
    if (found < 0) {
      if (varkw != nullptr) {
        dict_set_str(t, varkw, kn, v);
        continue;
      }
      bool posonly = false;
      for (int j = 0; j < code->posonlyargcount; ++j) {
        if (code->varnames[j]->view() == kn->view()) posonly = true;
      }
      if (posonly) {
        t.raise_fmt(in.exc.TypeError,
                    "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                    fname, kn->data());
      } else {
        t.raise_fmt(in.exc.TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                    kn->data());
      }
      return fail(f);
    }
    if (!locals[found].is_null()) {
      t.raise_fmt(in.exc.TypeError, "%s() got multiple values for argument '%s'", fname,
                  kn->data());
      return fail(f);
    }
    locals[found] = v;
  }
  // Defaults and missing arguments.
  if (npos < argcount) {
    int ndef = func->defaults == nullptr ? 0 : static_cast<int>(func->defaults->size);
    int first_default = argcount - ndef;
    std::vector<std::string> missing;
    for (int i = npos; i < argcount; ++i) {
      if (!locals[i].is_null()) continue;
      if (i >= first_default) {
        locals[i] = func->defaults->items()[i - first_default];
      } else {
        missing.emplace_back(code->varnames[i]->view());
      }
    }
    if (!missing.empty()) {
      t.raise_fmt(
          in.exc.TypeError, "%s() missing %s: %s", fname,
          plural(static_cast<std::int64_t>(missing.size()), "required positional argument").c_str(),
          name_list(missing).c_str());
      return fail(f);
    }
  }
  if (code->kwonlyargcount > 0) {
    std::vector<std::string> missing;
    for (int i = argcount; i < total_named; ++i) {
      if (!locals[i].is_null()) continue;
      Value d =
          func->kwdefaults == nullptr ? Value() : dict_get_str(func->kwdefaults, code->varnames[i]);
      if (!d.is_null()) {
        locals[i] = d;
      } else {
        missing.emplace_back(code->varnames[i]->view());
      }
    }
    if (!missing.empty()) {
      t.raise_fmt(
          in.exc.TypeError, "%s() missing %s: %s", fname,
          plural(static_cast<std::int64_t>(missing.size()), "required keyword-only argument")
              .c_str(),
          name_list(missing).c_str());
      return fail(f);
    }
  }
  // Cells and free variables.
  std::size_t nvars = code->varnames.size();
  for (std::size_t i = 0; i < code->cellvars.size(); ++i) {
    Cell* c = in.make<Cell>(&t, in.types.cell);
    std::int32_t a = code->cell_args[i];
    if (a >= 0) {
      c->value = locals[a];
      locals[a] = Value();
    }
    locals[nvars + i] = Value::object(c);
  }
  if (!code->freevars.empty() && func->closure != nullptr) {
    std::size_t base = nvars + code->cellvars.size();
    for (std::size_t i = 0; i < code->freevars.size(); ++i) {
      locals[base + i] = func->closure->items()[i];
    }
  }
  return f;
}

// Creates a generator object around a bound frame.
Value make_generator(Thread& t, Function* func, Frame* f) {
  Interpreter& in = t.interp();
  Generator* g = in.make<Generator>(&t, in.types.generator);
  g->frame = f;
  f->generator = g;
  f->flags |= kFrameGenerator;
  g->name = func->name;
  g->qualname = func->qualname;
  // A for loop right after the CALL that made it may claim it (CALL, Generator::loop_owned).
  t.fresh_generator = g;
  t.fresh_generator_caller = t.frame;
  return Value::object(g);
}

// Exception unwinding drops the stack values in [low, high): a generator only a for loop held is
// closed (close_loop_owned). True when a stop request arrived meanwhile: unwind again, past every
// handler.
// `kept` is left open (a comprehension's `.0`, see the caller).
bool drop_stack(Thread& t, Value* low, Value* high, Value kept = Value()) {
  if (t.hard_exit) return false;
  for (Value* p = high; p-- > low;) {
    if (*p != kept) close_loop_owned(t, *p);
  }
  return t.hard_exit;
}

namespace {

// A method called through its type (`str.upper(x)`): x must be an instance of the method's type,
// as CPython's method descriptors check. False with CPython's TypeError raised.
bool unbound_self_fits(Thread& t, const Builtin* b, const Value* args, int nargs, Tuple* kwnames) {
  Interpreter& in = t.interp();
  const int npos = nargs - (kwnames == nullptr ? 0 : static_cast<int>(kwnames->size));
  if (npos < 1) {
    t.raise_fmt(in.exc.TypeError, "unbound method %s.%s() needs an argument",
                b->owner->name->data(), b->name);
    return false;
  }
  if (isinstance(t, args[0], b->owner)) return true;
  t.raise_fmt(in.exc.TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
              b->name, b->owner->name->data(), type_name(t, args[0]));
  return false;
}

}  // namespace

namespace {

// Whether a built-in that iterates an argument (Builtin/Type::consumes) was given a generator
// there: then its Python equivalent from _consume runs instead.
bool generator_to_consume(std::int8_t consumes, const Value* args, int nargs, Tuple* kwnames) {
  if (consumes == kConsumesNothing) return false;
  const int npos = nargs - (kwnames == nullptr ? 0 : static_cast<int>(kwnames->size));
  int index = consumes;
  if (consumes == kConsumesOnlyArg) {
    if (npos != 1) return false;
    index = 0;
  }
  return index < npos && args[index].is_object() &&
         args[index].as_object()->type->layout == Layout::Generator;
}

// _consume's equivalent of the built-in `name`; null with an exception set if it cannot load,
// null without one while another thread is still running the module's body (its first import in
// two threads at once: with the GIL off, or the GIL handed over inside that body): the built-in
// then iterates natively.
Value consuming_equivalent(Thread& t, const char* name) {
  Interpreter& in = t.interp();
  Value m = in.import_module(t, "_consume");
  if (m.is_null()) return m;
  return dict_get_str(static_cast<Module*>(m.as_object())->dict,
                      in.intern(std::string("_") + name));
}

}  // namespace

// The shared call path. args[-1] must be writable scratch (it may receive `self`). For Python
// functions, links a new frame and returns CallResult::Frame (the loop continues in it).
CallResult Thread::invoke(Value callable, Value* args, int nargs, Tuple* kwnames, Value* result,
                          std::uint32_t frame_flags) {
  Interpreter& in = interp_;
  for (int hops = 0; hops < 4; ++hops) {
    if (callable.is_small()) break;
    Object* o = callable.as_object();
    switch (o->type->layout) {
      case Layout::Function: {
        auto* func = static_cast<Function*>(o);
        if (depth >= in.recursion_limit) {
          raise(in.exc.RecursionError, "maximum recursion depth exceeded");
          return CallResult::Error;
        }
        Frame* f = bind_arguments(*this, func, args, nargs, kwnames);
        if (f == nullptr) return CallResult::Error;
        if (func->code->code_flags & kCoGenerator) {
          *result = make_generator(*this, func, f);
          return CallResult::Value;
        }
        f->flags |= frame_flags;
        f->back = frame;
        frame = f;
        ++depth;
        return CallResult::Frame;
      }
      case Layout::BoundMethod: {
        auto* m = static_cast<BoundMethod*>(o);
        args[-1] = m->self;
        --args;
        ++nargs;
        callable = m->func;
        continue;
      }
      case Layout::Builtin: {
        auto* b = static_cast<Builtin*>(o);
        if (!b->self.is_null()) {
          args[-1] = b->self;
          --args;
          ++nargs;
        } else if (b->check_self && !unbound_self_fits(*this, b, args, nargs, kwnames)) {
          return CallResult::Error;
        }
        if (generator_to_consume(b->consumes, args, nargs, kwnames)) {
          const Value equivalent = consuming_equivalent(*this, b->name);
          if (has_exception()) return CallResult::Error;
          if (!equivalent.is_null()) {
            callable = equivalent;
            continue;
          }
        }
        Value r = b->fn(*this, args, nargs, kwnames);
        if (r.is_blocked()) return CallResult::Blocked;
        if (r.is_null()) {
          if (!has_exception())
            raise(in.exc.RuntimeError, "internal error: a built-in returned no value");
          return CallResult::Error;
        }
        *result = r;
        return CallResult::Value;
      }
      case Layout::Type: {
        auto* type = static_cast<Type*>(o);
        if (generator_to_consume(type->consumes, args, nargs, kwnames)) {
          const Value equivalent = consuming_equivalent(*this, type->name->data());
          if (has_exception()) return CallResult::Error;
          if (!equivalent.is_null()) {
            callable = equivalent;
            continue;
          }
        }
        if (type->construct != nullptr) {
          args[-1] = callable;
          Value r = type->construct(*this, args - 1, nargs + 1, kwnames);
          if (r.is_blocked()) return CallResult::Blocked;
          if (r.is_null()) return CallResult::Error;
          *result = r;
          return CallResult::Value;
        }
        // A user class: allocate (or call its own __new__), then run __init__.
        Value self;
        const bool own_new = (type_hooks(*this, type) & kHookNew) != 0;
        if (own_new) {
          // __new__(cls, *args, **kw); __init__ runs only on an instance of the class.
          args[-1] = callable;
          self = call(user_new(*this, type), args - 1, nargs + 1, kwnames);
          if (self.is_null()) return CallResult::Error;
          if (!is_subtype(type_of(*this, self), type)) {
            *result = self;
            return CallResult::Value;
          }
        } else if (type->layout == Layout::Exception) {
          int npos = nargs - (kwnames == nullptr ? 0 : static_cast<int>(kwnames->size));
          self = Value::object(make_exception(*this, type, make_tuple(*this, args, npos)));
        } else {
          self = Value::object(in.make<Instance>(this, type));
        }
        Value init = type_lookup(type, in.names->__init__);
        if (!init.is_null() && layout_of(init) == Layout::Function) {
          args[-1] = self;
          CallResult r =
              invoke(init, args - 1, nargs + 1, kwnames, result, frame_flags | kFrameInit);
          if (r == CallResult::Frame) frame->init_self = self;
          if (r == CallResult::Value) {
            if (*result != in.none) {
              raise_fmt(in.exc.TypeError, "__init__() should return None, not '%s'",
                        type_name(*this, *result));
              return CallResult::Error;
            }
            *result = self;
          }
          return r;
        }
        if (!init.is_null() && layout_of(init) == Layout::Builtin &&
            static_cast<Builtin*>(init.as_object())->owner != in.types.object) {
          args[-1] = self;
          Value r =
              static_cast<Builtin*>(init.as_object())->fn(*this, args - 1, nargs + 1, kwnames);
          if (r.is_null()) return CallResult::Error;
          *result = self;
          return CallResult::Value;
        }
        if (nargs > 0 && type->layout != Layout::Exception && !own_new) {
          raise_fmt(in.exc.TypeError, "%s() takes no arguments", type->name->data());
          return CallResult::Error;
        }
        *result = self;
        return CallResult::Value;
      }
      case Layout::Instance:
      case Layout::Exception: {
        Value call = type_lookup(o->type, in.names->__call__);
        if (call.is_null()) break;
        args[-1] = callable;
        --args;
        ++nargs;
        callable = call;
        continue;
      }
      case Layout::StaticMethod:
      case Layout::ClassMethod:
        break;
      default:
        break;
    }
    break;
  }
  raise_fmt(in.exc.TypeError, "'%s' object is not callable", type_name(*this, callable));
  return CallResult::Error;
}

Value Thread::call(Value callable, const Value* args, int nargs, Tuple* kwnames) {
  // Copy into a buffer with a scratch slot in front (invoke may write self there).
  Value local[10];
  std::vector<Value> heap;
  Value* buf = local;
  if (nargs + 2 > 10) {
    heap.resize(static_cast<std::size_t>(nargs) + 2);
    buf = heap.data();
  }
  for (int i = 0; i < nargs; ++i) buf[i + 1] = args[i];
  RootScope scope(*this);
  scope.add(callable);
  for (int i = 0; i < nargs; ++i) scope.add(args[i]);
  Value result;
  CallResult r;
  // A built-in called from here that must wait (map(q.get, ...), a key= that is lock.acquire)
  // waits where it is if the driver can (Driver::nested_block), then is called again.
  bool waited = false;
  while ((r = invoke(callable, buf + 1, nargs, kwnames, &result, kFrameBoundary)) ==
         CallResult::Blocked) {
    if (!nested_block()) {
      retrying_ = false;
      if (!has_exception()) raise(interp_.exc.RuntimeError, kNestedBlockMessage);
      return Value();
    }
    waited = true;
  }
  if (waited) retrying_ = false;
  switch (r) {
    case CallResult::Value:
      return result;
    case CallResult::Error:
      return Value();
    case CallResult::Blocked:
    case CallResult::Frame:
      break;
  }
  char here = 0;
  const auto now = reinterpret_cast<std::uintptr_t>(&here);
  // The stack check applies when both addresses are on this thread's stack (a sanitizer's fake
  // stack frame is elsewhere: the difference is then implausible and ignored).
  const bool stack_deep = stack_anchor > now && stack_anchor - now > kNestedStackBytes &&
                          stack_anchor - now < (std::uintptr_t{1} << 30);
  if (native_depth >= 200 || stack_deep) {
    // Unwind the pushed frame: too deep a nesting of natives and Python.
    Frame* f = frame;
    frame = f->back;
    --depth;
    free_frame(f);
    return raise(interp_.exc.RecursionError, "maximum recursion depth exceeded");
  }
  ++native_depth;
  RunStatus status;
  Value v = eval(INT64_MAX, true, &status);
  --native_depth;
  if (status == RunStatus::Blocked) {
    return raise(interp_.exc.RuntimeError, "blocking inside a nested call is not supported");
  }
  return v;
}

// Joins the str values of an f-string.
Value concat_strings(Thread& t, const Value* parts, std::uint32_t n) {
  std::string out;
  for (std::uint32_t i = 0; i < n; ++i) out += as_str(parts[i])->view();
  return str_value(t, out);
}

// f(*args, **kwargs): flattens the tuple and dict into one argument vector and calls.
CallResult call_with_containers(Thread& t, Value callable, Value argtuple, Value kwargs,
                                Value* result) {
  Interpreter& in = t.interp();
  Tuple* at = as_tuple(argtuple);
  Tuple* kwn = nullptr;
  std::vector<Value> buf(1 + static_cast<std::size_t>(at->size));
  for (std::int64_t i = 0; i < at->size; ++i) buf[1 + i] = at->items()[i];
  RootScope roots(t);
  if (!kwargs.is_null() && dict_len(as_dict(kwargs)) > 0) {
    Dict* kd = as_dict(kwargs);
    kwn = make_tuple(t, dict_len(kd));
    roots.add(Value::object(kwn));
    std::uint32_t pos = 0;
    std::int64_t k = 0;
    // Bounded by the tuple: another thread may grow or shrink a shared dict meanwhile.
    while (k < kwn->size) {
      DictEntry* e = dict_next(kd, &pos);
      if (e == nullptr) break;
      Value key = e->key, value = e->value;
      if (key.is_null() || value.is_null()) continue;
      if (!is_str(key)) {
        t.raise(in.exc.TypeError, "keywords must be strings");
        return CallResult::Error;
      }
      kwn->items()[k++] = key;
      buf.push_back(value);
    }
    kwn->size = k;
  }
  return t.invoke(callable, buf.data() + 1, static_cast<int>(buf.size() - 1), kwn, result, 0);
}

namespace {

// x * y into *r when the product is a small int. wasm32 has no 64-bit overflow check: clang makes
// the checked multiplication a call to a 128-bit one (__multi3). Factors of 31 bits, the usual
// case, cannot overflow a small int, so there they skip it; elsewhere the code is unchanged.
inline bool mul_small(std::int64_t x, std::int64_t y, std::int64_t* r) {
#if defined(__wasm32__)
  constexpr std::int64_t kMax = INT32_MAX;  // |x|, |y| <= 2^31 - 1: |x * y| < 2^62 - 1
  if (x >= -kMax && x <= kMax && y >= -kMax && y <= kMax) {
    *r = x * y;
    return true;
  }
#endif
  return !__builtin_mul_overflow(x, y, r) && Value::fits_small(*r);
}

}  // namespace

// --- the loop ------------------------------------------------------------------------------------

#if defined(__GNUC__) || defined(__clang__)
#define INTERLEAVE_COMPUTED_GOTO 1
// Labels as values (&&label, goto *p) are a GNU extension that both GCC and Clang (em++ too)
// support; -Wpedantic would reject them, so it is silenced for the loop only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif

Value Thread::eval(std::int64_t budget, bool nested, RunStatus* status) {
  Interpreter& in = interp_;
  const Names& nm = *in.names;
  std::atomic<std::uint32_t>& breaker = in.driver().eval_breaker();
  Frame* f = frame;
  Code* code = f->code;
  const std::uint32_t* first = code->instructions.data();
  const std::uint32_t* ip = first + f->ip;
  Value* sp = f->sp;
  Value* locals = f->slots();
  Value* consts = code->consts.data();
  Value none = in.none;
  std::uint32_t word = 0;
  std::uint32_t oparg = 0;
  Tuple* kwnames = nullptr;
  bool reraise = false;

#define LOAD_FRAME()                   \
  do {                                 \
    f = frame;                         \
    code = f->code;                    \
    first = code->instructions.data(); \
    ip = first + f->ip;                \
    sp = f->sp;                        \
    locals = f->slots();               \
    consts = code->consts.data();      \
  } while (0)
#define SAVE_FRAME()                                \
  do {                                              \
    f->ip = static_cast<std::uint32_t>(ip - first); \
    f->sp = sp;                                     \
  } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-static_cast<std::ptrdiff_t>(n)])
#define GOTO_ERROR() goto error
#define CHECK(v)                   \
  do {                             \
    if ((v).is_null()) goto error; \
  } while (0)

  // The simulator's accounting (set_cost_table). With computed gotos real runs pay nothing: while
  // a table is set every opcode dispatches first to its counting stub (count_NAME), which adds
  // its cost and jumps on to the opcode. Without them it is one predictable branch per
  // instruction.
  const std::int64_t* const costs = op_costs_;
#define COUNT_COST()                    \
  do {                                  \
    ++executed_;                        \
    run_cost_ns_ += costs[word & 0xff]; \
  } while (0)
  // set_exact_budget (the simulator, GIL off): stop before this instruction once the budget is
  // spent, wherever it is (the frame is consistent at every boundary but KW_NAMES -> CALL).
  const std::int64_t exact_limit = exact_budget_ && !nested ? budget : INT64_MAX;
  // A nested loop's budget only paces Driver::nested_safepoint (the legacy GIL's ticks); it
  // carries over from one nested loop to the next (a generator resumed by sum() runs a few
  // instructions per loop), as Python 2's tick counter did.
  if (nested) budget = nested_budget_left;
#define EXACT_STOP()                                      \
  do {                                                    \
    if (executed_ >= exact_limit && kwnames == nullptr) { \
      --ip;                                               \
      SAVE_FRAME();                                       \
      *status = RunStatus::Budget;                        \
      return Value();                                     \
    }                                                     \
  } while (0)

#ifdef INTERLEAVE_COMPUTED_GOTO
  static void* const kTargets[] = {
#define X(name, kind) &&op_##name,
#include "vm/opcodes.def"
#undef X
  };
  // Counted runs: each opcode has its own counting stub, which adds the opcode's cost (a constant
  // index) and goes on with a direct jump: no second indirect jump, shared by every opcode and
  // poorly predicted, as one common stub needed. Exact-budget runs share one stub that also
  // checks the budget. Real runs (kTargets) never reach a stub.
  static void* const kCountingTargets[] = {
#define X(name, kind) &&count_##name,
#include "vm/opcodes.def"
#undef X
  };
  static void* const kExactTargets[] = {
#define X(name, kind) &&count_exact,
#include "vm/opcodes.def"
#undef X
  };
  void* const* const targets =
      costs == nullptr ? kTargets : exact_limit != INT64_MAX ? kExactTargets : kCountingTargets;
  // The operand is decoded at the target, not before the jump: only `word` is live across the
  // dispatch, which in WebAssembly is one shared br_table where V8 keeps every value live there in
  // a register or a stack slot (one spill and reload fewer per instruction).
#define DISPATCH()              \
  do {                          \
    word = *ip++;               \
    goto* targets[word & 0xff]; \
  } while (0)
#define TARGET(name) \
  op_##name:         \
  oparg = word >> 8;
#else
#define DISPATCH() goto dispatch
#define TARGET(name) case Op::name:
#endif

  // Entry: a thread resuming after a block re-executes its CALL with `retrying_` set.
  if (has_exception()) goto error;

#ifdef INTERLEAVE_COMPUTED_GOTO
  DISPATCH();
#define X(name, kind)                                       \
  count_##name : ++executed_;                               \
  run_cost_ns_ += costs[static_cast<std::size_t>(Op::name)]; \
  goto op_##name;
#include "vm/opcodes.def"
#undef X
count_exact:
  EXACT_STOP();
  COUNT_COST();
  goto* kTargets[word & 0xff];
#else
dispatch:
  word = *ip++;
  oparg = word >> 8;
  if (costs != nullptr) {
    EXACT_STOP();
    COUNT_COST();
  }
  switch (static_cast<Op>(word & 0xff)) {
#endif

  TARGET(NOP) {
    DISPATCH();
  }
  TARGET(RESUME) {
    budget -= 8;
    if (budget <= 0 || breaker.load(std::memory_order_relaxed) != 0) {
      SAVE_FRAME();
      if (nested) {
        // A native called into Python: it cannot return to the driver, but it must stop, and
        // the driver may hand the GIL to another thread here.
        if (nested_safepoint(budget)) goto error;
      } else {
        if (handle_breaker(budget <= 0)) {
          *status = RunStatus::Budget;
          return Value();
        }
        if (has_exception()) goto error;
      }
    }
    DISPATCH();
  }
  TARGET(POP_TOP) {
    Value v = POP();
    if (oparg != 0) {  // a for loop's iterator, dropped by break or return
      SAVE_FRAME();
      close_loop_owned(*this, v);
      if (has_exception()) goto error;
    }
    DISPATCH();
  }
  TARGET(PUSH_NULL) {
    PUSH(Value());
    DISPATCH();
  }
  TARGET(COPY) {
    Value v = PEEK(oparg);
    PUSH(v);
    DISPATCH();
  }
  TARGET(SWAP) {
    Value v = TOP();
    TOP() = PEEK(oparg);
    PEEK(oparg) = v;
    DISPATCH();
  }
  TARGET(LOAD_CONST) {
    PUSH(consts[oparg]);
    DISPATCH();
  }
  TARGET(LOAD_FAST) {
    Value v = locals[oparg];
    if (v.is_null()) {
      raise_fmt(in.exc.UnboundLocalError,
                "cannot access local variable '%s' where it is not associated with a value",
                code->varnames[oparg]->data());
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    locals[oparg] = POP();
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    if (locals[oparg].is_null()) {
      raise_fmt(in.exc.UnboundLocalError,
                "cannot access local variable '%s' where it is not associated with a value",
                code->varnames[oparg]->data());
      goto error;
    }
    locals[oparg] = Value();
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    // Cells are shared by closures that may run on several threads at once: atomic access.
    auto* cell = static_cast<Cell*>(locals[code->varnames.size() + oparg].as_object());
    Value v = load_relaxed(cell->value);
    if (v.is_null()) {
      raise_unbound_cell(code, oparg);
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_CLASSDEREF) {
    std::size_t ncell = code->cellvars.size();
    Str* name = oparg < ncell ? code->cellvars[oparg] : code->freevars[oparg - ncell];
    if (f->locals_dict != nullptr) {
      Value v = dict_get_str(f->locals_dict, name);
      if (!v.is_null()) {
        PUSH(v);
        DISPATCH();
      }
    }
    auto* cell = static_cast<Cell*>(locals[code->varnames.size() + oparg].as_object());
    if (cell->value.is_null()) {
      raise_unbound_cell(code, oparg);
      goto error;
    }
    PUSH(cell->value);
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    store_relaxed(static_cast<Cell*>(locals[code->varnames.size() + oparg].as_object())->value,
                  POP());
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    auto* cell = static_cast<Cell*>(locals[code->varnames.size() + oparg].as_object());
    if (cell->value.is_null()) {
      raise_unbound_cell(code, oparg);
      goto error;
    }
    cell->value = Value();
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) {
    PUSH(locals[code->varnames.size() + oparg]);
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    Str* name = code->names[oparg];
    Value v;
    if (f->locals_dict != nullptr) v = dict_get_str(f->locals_dict, name);
    if (v.is_null()) v = dict_get_str(f->globals, name);
    if (v.is_null()) v = dict_get_str(in.builtins, name);
    if (v.is_null()) {
      raise_fmt(in.exc.NameError, "name '%s' is not defined", name->data());
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    Dict* d = f->locals_dict != nullptr ? f->locals_dict : f->globals;
    dict_set_str(*this, d, code->names[oparg], POP());
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    Dict* d = f->locals_dict != nullptr ? f->locals_dict : f->globals;
    if (dict_del(*this, d, Value::object(code->names[oparg])) != 1) {
      raise_fmt(in.exc.NameError, "name '%s' is not defined", code->names[oparg]->data());
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    // Inline cache: the entry index in globals (tagged 1) or builtins (tagged 2), validated by
    // checking the key is still there (a lock-free read of the table: dict.h). Builtins hits also
    // remember the globals' key version: no new global can shadow them. Word 0 is written last.
    Str* name = code->names[oparg >> 1];
    std::uint64_t* cache = &code->caches[kCacheWords * static_cast<std::size_t>(ip - first - 1)];
    Value v;
    Dict* g = f->globals;
    std::uint64_t c0 = load_acquire(cache[0]);
    if (c0 != 0) {
      std::uint64_t ix = c0 >> 2;
      Dict* d = (c0 & 3) == 1 ? g : in.builtins;
      DictTable* tb = load_acquire(d->table);
      if (tb != nullptr && ix < load_acquire(tb->used) &&
          tb->entries()[ix].key == Value::object(name) &&
          ((c0 & 3) == 1 || (load_relaxed(cache[1]) == reinterpret_cast<std::uintptr_t>(g) &&
                             load_relaxed(cache[2]) == load_acquire(g->keys_version)))) {
        v = tb->entries()[ix].value;
      }
    }
    if (v.is_null()) {
      std::uint32_t version = load_acquire(g->keys_version);
      DictTable* tb = load_acquire(g->table);
      std::int64_t ix = dict_find_str_in(tb, name);
      if (ix >= 0) v = tb->entries()[ix].value;
      if (!v.is_null()) {
        store_release(cache[0], (static_cast<std::uint64_t>(ix) << 2) | 1);
      } else {
        tb = load_acquire(in.builtins->table);
        ix = dict_find_str_in(tb, name);
        if (ix >= 0) v = tb->entries()[ix].value;
        if (!v.is_null()) {
          store_relaxed(cache[1], static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(g)));
          store_relaxed(cache[2], static_cast<std::uint64_t>(version));
          store_release(cache[0], (static_cast<std::uint64_t>(ix) << 2) | 2);
        }
      }
      if (v.is_null()) {
        raise_fmt(in.exc.NameError, "name '%s' is not defined", name->data());
        goto error;
      }
    }
    if (oparg & 1) PUSH(Value());
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    dict_set_str(*this, f->globals, code->names[oparg], POP());
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    if (dict_del(*this, f->globals, Value::object(code->names[oparg])) != 1) {
      raise_fmt(in.exc.NameError, "name '%s' is not defined", code->names[oparg]->data());
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_ATTR) {
    Value obj = TOP();
    Str* name = code->names[oparg];
    // Fast path: an instance attribute in its dict. The cache (a seqlock, inline_cache.h) holds
    // (entry index << 32 | type epoch, type): the type had no property for the name at that
    // epoch; the entry is validated by its key in the instance dict's current table.
    if (obj.is_object() && obj.as_object()->type->layout == Layout::Instance &&
        !obj.as_object()->type->thread_local_attrs) {  // threading.local: get_attr
      auto* inst = static_cast<Instance*>(obj.as_object());
      std::uint64_t* cache = &code->caches[kCacheWords * static_cast<std::size_t>(ip - first - 1)];
      Dict* d = load_acquire(inst->dict);
      if (d != nullptr) {
        DictTable* tb = load_acquire(d->table);
        CacheWords cw;
        if (tb != nullptr && cache_read(cache, &cw) && cw.w0 != 0 &&
            cw.w1 == reinterpret_cast<std::uintptr_t>(inst->type) &&
            static_cast<std::uint32_t>(cw.w0) == static_cast<std::uint32_t>(in.type_epoch.load())) {
          std::uint64_t ix = cw.w0 >> 32;
          if (ix < load_acquire(tb->used) && tb->entries()[ix].key == Value::object(name)) {
            Value v = tb->entries()[ix].value;
            if (!v.is_null()) {
              TOP() = v;
              DISPATCH();
            }
          }
        }
        auto epoch = static_cast<std::uint32_t>(in.type_epoch.load());
        std::int64_t ix = dict_find_str_in(tb, name);
        if (ix >= 0) {
          Value v = tb->entries()[ix].value;
          // Cached only for a class without __getattribute__ whose attribute of this name is
          // no data descriptor (a property or a class with __set__/__delete__): a cache hit
          // then needs no check (both change the type epoch).
          if (!v.is_null() && (type_hooks(*this, inst->type) & kHookGetattribute) == 0 &&
              !class_attr_is_data_descriptor(*this, inst->type, name)) {
            cache_write(cache, (static_cast<std::uint64_t>(ix) << 32) | epoch,
                        reinterpret_cast<std::uintptr_t>(inst->type), 0);
            TOP() = v;
            DISPATCH();
          }
        }
      }
    }
    SAVE_FRAME();
    Value v = get_attr(*this, obj, name);
    CHECK(v);
    TOP() = v;
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    Value obj = POP();
    Value v = POP();
    if (obj.is_object() && obj.as_object()->type->layout == Layout::Instance &&
        !in.free_threaded() && !obj.as_object()->type->thread_local_attrs) {
      // Cached (GIL held: no other thread runs): this type has no property for the name, and
      // the entry index in the instance dict. Free-threaded stores take the dict's lock instead.
      auto* inst = static_cast<Instance*>(obj.as_object());
      Str* name = code->names[oparg];
      std::uint64_t* cache = &code->caches[kCacheWords * static_cast<std::size_t>(ip - first - 1)];
      Dict* d = inst->dict;
      std::uint64_t epoch = static_cast<std::uint32_t>(in.type_epoch.load());
      if (d != nullptr && d->table != nullptr &&
          cache[1] == reinterpret_cast<std::uintptr_t>(inst->type) &&
          static_cast<std::uint32_t>(cache[0]) == epoch) {
        std::uint64_t ix = cache[0] >> 32;
        DictTable* tb = d->table;
        if (ix < tb->used && tb->entries()[ix].key == Value::object(name)) {
          tb->entries()[ix].value.set(v, /*shared=*/false);  // GIL held: no lock-free reader
          DISPATCH();
        }
      }
      // Cached only for a class without __setattr__ whose attribute of this name is no data
      // descriptor (and not for `__class__`); a cache hit needs no check (both change the type
      // epoch).
      if ((type_hooks(*this, inst->type) & kHookSetattr) == 0 && name != in.names->__class__ &&
          !class_attr_is_data_descriptor(*this, inst->type, name)) {
        if (d == nullptr) d = inst->dict = make_dict(*this);
        dict_set_str(*this, d, name, v);
        std::int64_t ix = dict_find_str(d, name);
        cache_write(cache, (static_cast<std::uint64_t>(ix) << 32) | epoch,
                    reinterpret_cast<std::uintptr_t>(inst->type), 0);
        DISPATCH();
      }
    }
    SAVE_FRAME();
    if (!set_attr(*this, obj, code->names[oparg], v)) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    Value obj = POP();
    SAVE_FRAME();
    if (!del_attr(*this, obj, code->names[oparg])) goto error;
    DISPATCH();
  }
  TARGET(LOAD_METHOD) {
    Value obj = TOP();
    Str* name = code->names[oparg];
    Type* type = type_of(*this, obj);
    Layout l = type->layout;
    if (l != Layout::Type && l != Layout::Module && l != Layout::Super &&
        !type->thread_local_attrs) {
      // The cache (a seqlock, inline_cache.h): (type epoch, type, attribute found on it).
      std::uint64_t* cache = &code->caches[kCacheWords * static_cast<std::size_t>(ip - first - 1)];
      Value attr;
      CacheWords cw;
      auto epoch = static_cast<std::uint32_t>(in.type_epoch.load());
      if (cache_read(cache, &cw) && cw.w1 == reinterpret_cast<std::uintptr_t>(type) &&
          static_cast<std::uint32_t>(cw.w0) == epoch) {
        attr = Value::object(reinterpret_cast<Object*>(static_cast<std::uintptr_t>(cw.w2)));
      } else {
        attr = type_lookup(type, name);
        if ((l == Layout::Instance || l == Layout::Exception) &&
            (type_hooks(*this, type) & kHookGetattribute) != 0) {
          attr = Value();  // never cached: every read goes through the class's __getattribute__
        } else if (attr.is_object()) {
          cache_write(cache, epoch, reinterpret_cast<std::uintptr_t>(type), attr.bits());
        }
      }
      if (!attr.is_null() && attr.is_object()) {
        Layout al = attr.as_object()->type->layout;
        bool in_dict = false;
        if (l == Layout::Instance || l == Layout::Exception) {
          Dict* d = load_acquire(static_cast<Instance*>(obj.as_object())->dict);
          in_dict = d != nullptr && dict_find_str(d, name) >= 0;
        }
        if (!in_dict &&
            (al == Layout::Function ||
             (al == Layout::Builtin && static_cast<Builtin*>(attr.as_object())->owner != nullptr &&
              static_cast<Builtin*>(attr.as_object())->self.is_null()))) {
          TOP() = attr;
          PUSH(obj);
          DISPATCH();
        }
      }
    }
    SAVE_FRAME();
    Value v = get_attr(*this, obj, name);
    CHECK(v);
    TOP() = Value();
    PUSH(v);
    DISPATCH();
  }
  TARGET(BINARY_OP) {
    Value b = POP();
    Value a = TOP();
    if (a.is_small() && b.is_small()) {
      std::int64_t x = a.as_small(), y = b.as_small(), r;
      switch (oparg) {
        case kAdd:
        case kAdd + kInplace:
          r = x + y;
          if (Value::fits_small(r)) {
            TOP() = Value::small(r);
            DISPATCH();
          }
          break;
        case kSub:
        case kSub + kInplace:
          r = x - y;
          if (Value::fits_small(r)) {
            TOP() = Value::small(r);
            DISPATCH();
          }
          break;
        case kMul:
        case kMul + kInplace:
          if (mul_small(x, y, &r)) {
            TOP() = Value::small(r);
            DISPATCH();
          }
          break;
        default:
          break;
      }
    }
    SAVE_FRAME();
    Value r = binary_op(*this, static_cast<int>(oparg), a, b);
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    Value b = POP();
    Value a = TOP();
    if (a.is_small() && b.is_small()) {
      std::int64_t x = a.as_small(), y = b.as_small();
      bool r;
      switch (oparg) {
        case kLt:
          r = x < y;
          break;
        case kLe:
          r = x <= y;
          break;
        case kEq:
          r = x == y;
          break;
        case kNe:
          r = x != y;
          break;
        case kGt:
          r = x > y;
          break;
        default:
          r = x >= y;
          break;
      }
      TOP() = r ? in.true_ : in.false_;
      DISPATCH();
    }
    SAVE_FRAME();
    Value r = rich_compare(*this, static_cast<int>(oparg), a, b);
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(IS_OP) {
    Value b = POP();
    Value a = TOP();
    TOP() = ((a == b) != (oparg != 0)) ? in.true_ : in.false_;
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    Value container = POP();
    Value item = TOP();
    SAVE_FRAME();
    int r = contains(*this, container, item);
    if (r < 0) goto error;
    TOP() = ((r == 1) != (oparg != 0)) ? in.true_ : in.false_;
    DISPATCH();
  }
  TARGET(UNARY_NEGATIVE) {
    SAVE_FRAME();
    Value r = unary_negative(*this, TOP());
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(UNARY_POSITIVE) {
    SAVE_FRAME();
    Value r = unary_positive(*this, TOP());
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(UNARY_INVERT) {
    SAVE_FRAME();
    Value r = unary_invert(*this, TOP());
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    Value v = TOP();
    int r;
    if (v == in.true_) {
      r = 1;
    } else if (v == in.false_) {
      r = 0;
    } else {
      SAVE_FRAME();
      r = truthy(*this, v);
      if (r < 0) goto error;
    }
    TOP() = r ? in.false_ : in.true_;
    DISPATCH();
  }
  TARGET(BINARY_SUBSCR) {
    Value key = POP();
    Value obj = TOP();
    if (key.is_small() && obj.is_object() && obj.as_object()->type == in.types.list &&
        !in.free_threaded()) {
      List* l = as_list(obj);
      std::int64_t i = key.as_small();
      if (i < 0) i += l->size;
      if (i >= 0 && i < l->size) {
        TOP() = l->items[i];
        DISPATCH();
      }
    }
    SAVE_FRAME();
    Value r = get_item(*this, obj, key);
    CHECK(r);
    TOP() = r;
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    Value key = POP();
    Value obj = POP();
    Value v = POP();
    SAVE_FRAME();
    if (!set_item(*this, obj, key, v)) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    Value key = POP();
    Value obj = POP();
    SAVE_FRAME();
    if (!del_item(*this, obj, key)) goto error;
    DISPATCH();
  }
  TARGET(BUILD_TUPLE) {
    Tuple* t = make_tuple(*this, sp - oparg, oparg);
    sp -= oparg;
    PUSH(Value::object(t));
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    List* l = make_list(*this, oparg);
    for (std::uint32_t i = 0; i < oparg; ++i)
      l->items[i] = sp[-static_cast<int>(oparg) + static_cast<int>(i)];
    sp -= oparg;
    PUSH(Value::object(l));
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    Set* s = make_set(*this);
    SAVE_FRAME();
    for (std::uint32_t i = 0; i < oparg; ++i) {
      if (!set_add(*this, s, sp[-static_cast<int>(oparg) + static_cast<int>(i)])) goto error;
    }
    sp -= oparg;
    PUSH(Value::object(s));
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    Dict* d = make_dict(*this);
    SAVE_FRAME();
    for (std::uint32_t i = 0; i < oparg; ++i) {
      Value k = sp[-2 * static_cast<int>(oparg) + 2 * static_cast<int>(i)];
      Value v = sp[-2 * static_cast<int>(oparg) + 2 * static_cast<int>(i) + 1];
      if (!dict_set(*this, d, k, v)) goto error;
    }
    sp -= 2 * oparg;
    PUSH(Value::object(d));
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    Slice* s = in.make<Slice>(this, in.types.slice);
    s->step = oparg == 3 ? POP() : none;
    s->stop = POP();
    s->start = TOP();
    TOP() = Value::object(s);
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    Value s = concat_strings(*this, sp - oparg, oparg);
    sp -= oparg;
    PUSH(s);
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    Value v = POP();
    list_append(*this, as_list(PEEK(oparg)), v);
    DISPATCH();
  }
  TARGET(SET_ADD) {
    Value v = POP();
    SAVE_FRAME();
    if (!set_add(*this, as_dict(PEEK(oparg)), v)) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    Value v = POP();
    Value k = POP();
    SAVE_FRAME();
    if (!dict_set(*this, as_dict(PEEK(oparg)), k, v)) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    Value iterable = POP();
    SAVE_FRAME();
    List* items = list_from_iterable(*this, iterable);
    if (items == nullptr) {
      if (isinstance(*this, exc, in.exc.TypeError) && layout_of(iterable) != Layout::Instance) {
        take_exception();
        raise_fmt(in.exc.TypeError, "Value after * must be an iterable, not %s",
                  type_name(*this, iterable));
      }
      goto error;
    }
    List* l = as_list(PEEK(oparg));
    for (std::int64_t i = 0; i < items->size; ++i) list_append(*this, l, items->items[i]);
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    Value iterable = POP();
    SAVE_FRAME();
    if (!set_update(*this, as_dict(PEEK(oparg)), iterable)) goto error;
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    Value other = POP();
    SAVE_FRAME();
    if (layout_of(other) != Layout::Dict) {
      // A user mapping (keys() and __getitem__): `{**m}`.
      Dict* m = mapping_to_dict(*this, other);
      if (m == nullptr) {
        if (!has_exception()) {
          raise_fmt(in.exc.TypeError, "'%s' object is not a mapping", type_name(*this, other));
        }
        goto error;
      }
      other = Value::object(m);
    }
    if (!dict_update(*this, as_dict(PEEK(oparg)), as_dict(other))) goto error;
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    Value other = POP();
    SAVE_FRAME();
    if (layout_of(other) != Layout::Dict) {
      // A user mapping (keys() and __getitem__): `f(**m)`.
      Dict* m = mapping_to_dict(*this, other);
      if (m == nullptr) {
        if (!has_exception()) {
          raise_fmt(in.exc.TypeError, "%s argument after ** must be a mapping, not %s",
                    function_str(*this, PEEK(oparg + 2)).c_str(), type_name(*this, other));
        }
        goto error;
      }
      other = Value::object(m);
    }
    Dict* dst = as_dict(PEEK(oparg));
    std::uint32_t pos = 0;
    while (DictEntry* e = dict_next(as_dict(other), &pos)) {
      bool err = false;
      if (!dict_get(*this, dst, e->key, &err).is_null()) {
        raise_fmt(in.exc.TypeError, "%s got multiple values for keyword argument '%s'",
                  function_str(*this, PEEK(oparg + 2)).c_str(),
                  is_str(e->key) ? as_str(e->key)->data() : "?");
        goto error;
      }
      if (!dict_insert(*this, dst, e->key, e->hash, e->value)) goto error;
    }
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    List* l = as_list(TOP());
    TOP() = Value::object(make_tuple(*this, l->items, l->size));
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    Value seq = POP();
    SAVE_FRAME();
    const Value* items = nullptr;
    std::int64_t n = 0;
    List* tmp = nullptr;
    if (layout_of(seq) == Layout::Tuple) {
      items = as_tuple(seq)->items();
      n = as_tuple(seq)->size;
    } else if (layout_of(seq) == Layout::List) {
      tmp = list_from_iterable(*this, seq);  // a copy taken under the list's lock
      items = tmp->items;
      n = tmp->size;
    } else {
      Value it = get_iter(*this, seq);
      if (it.is_null()) {
        take_exception();
        raise_fmt(in.exc.TypeError, "cannot unpack non-iterable %s object", type_name(*this, seq));
        goto error;
      }
      tmp = make_list(*this, 0);
      for (;;) {
        Value x = iter_next(*this, it);
        if (x.is_null()) {
          if (has_exception()) goto error;
          break;
        }
        list_append(*this, tmp, x);
        if (tmp->size > oparg) break;
      }
      items = tmp->items;
      n = tmp->size;
    }
    if (n != oparg) {
      if (n < oparg) {
        raise_fmt(in.exc.ValueError, "not enough values to unpack (expected %u, got %lld)", oparg,
                  static_cast<long long>(n));
      } else if (tmp != nullptr) {
        raise_fmt(in.exc.ValueError, "too many values to unpack (expected %u)", oparg);
      } else {
        raise_fmt(in.exc.ValueError, "too many values to unpack (expected %u)", oparg);
      }
      goto error;
    }
    for (std::int64_t i = n; i-- > 0;) PUSH(items[i]);
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    Value seq = POP();
    SAVE_FRAME();
    std::uint32_t before = oparg & 0xff, after = oparg >> 8;
    List* l = list_from_iterable(*this, seq);
    if (l == nullptr) {
      take_exception();
      raise_fmt(in.exc.TypeError, "cannot unpack non-iterable %s object", type_name(*this, seq));
      goto error;
    }
    if (l->size < before + after) {
      raise_fmt(in.exc.ValueError, "not enough values to unpack (expected at least %u, got %lld)",
                before + after, static_cast<long long>(l->size));
      goto error;
    }
    for (std::uint32_t i = 0; i < after; ++i) PUSH(l->items[l->size - 1 - i]);
    std::int64_t mid = l->size - before - after;
    List* star = make_list(*this, mid);
    for (std::int64_t i = 0; i < mid; ++i) star->items[i] = l->items[before + i];
    PUSH(Value::object(star));
    for (std::uint32_t i = before; i-- > 0;) PUSH(l->items[i]);
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    Value spec = (oparg & kFormatSpec) ? POP() : Value();
    Value v = TOP();
    SAVE_FRAME();
    std::uint32_t conv = oparg & 3;
    if (conv == kFormatStr) {
      v = to_str(*this, v);
    } else if (conv == kFormatRepr || conv == kFormatAscii) {
      v = repr(*this, v);
    }
    CHECK(v);
    if (!spec.is_null() || !is_str(v)) {
      v = format_value(*this, v, spec.is_null() ? std::string_view() : as_str(spec)->view());
      CHECK(v);
    }
    TOP() = v;
    DISPATCH();
  }
  TARGET(JUMP_FORWARD) {
    ip = first + oparg;
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    budget -= (ip - first) - oparg;
    ip = first + oparg;
    if (budget <= 0 || breaker.load(std::memory_order_relaxed) != 0) {
      SAVE_FRAME();
      if (nested) {
        if (nested_safepoint(budget)) goto error;
      } else {
        if (handle_breaker(budget <= 0)) {
          *status = RunStatus::Budget;
          return Value();
        }
        if (has_exception()) goto error;
      }
    }
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    Value v = POP();
    if (v == in.false_) {
      ip = first + oparg;
    } else if (v != in.true_) {
      SAVE_FRAME();
      int r = truthy(*this, v);
      if (r < 0) goto error;
      if (!r) ip = first + oparg;
    }
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    Value v = POP();
    if (v == in.true_) {
      ip = first + oparg;
    } else if (v != in.false_) {
      SAVE_FRAME();
      int r = truthy(*this, v);
      if (r < 0) goto error;
      if (r) ip = first + oparg;
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_FALSE_OR_POP) {
    SAVE_FRAME();
    int r = truthy(*this, TOP());
    if (r < 0) goto error;
    if (!r) {
      ip = first + oparg;
    } else {
      --sp;
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_TRUE_OR_POP) {
    SAVE_FRAME();
    int r = truthy(*this, TOP());
    if (r < 0) goto error;
    if (r) {
      ip = first + oparg;
    } else {
      --sp;
    }
    DISPATCH();
  }
  TARGET(GET_ITER) {
    SAVE_FRAME();
    Value it = get_iter(*this, TOP());
    CHECK(it);
    TOP() = it;
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    Value itv = TOP();
    // Fast paths for list and range iterators (with the GIL off, iter_next locks the iterator).
    if (itv.is_object() && itv.as_object()->type->layout == Layout::Iterator) {
      auto* it = static_cast<Iterator*>(itv.as_object());
      if (it->kind == IterKind::Range && !in.free_threaded()) {
        if (it->step > 0 ? it->index < it->stop : it->index > it->stop) {
          std::int64_t v = it->index;
          if (__builtin_add_overflow(it->index, it->step, &it->index)) it->index = it->stop;
          PUSH(Value::fits_small(v) ? Value::small(v) : make_int(*this, v));
          DISPATCH();
        }
        --sp;
        ip = first + oparg;
        DISPATCH();
      }
      if (it->kind == IterKind::List && !in.free_threaded()) {
        if (!it->source.is_null() && it->index < as_list(it->source)->size) {
          PUSH(as_list(it->source)->items[it->index++]);
          DISPATCH();
        }
        it->source = Value();
        --sp;
        ip = first + oparg;
        DISPATCH();
      }
    }
    SAVE_FRAME();
    if (itv.is_object() && itv.as_object()->type->layout == Layout::Generator) {
      // Run in this loop (generator.h): the frame's yield pushes the next item here, its return
      // ends the loop (YIELD_VALUE, RETURN_VALUE).
      if (generator_enter(*this, static_cast<Generator*>(itv.as_object()), none) == nullptr) {
        if (has_exception()) goto error;
        --sp;
        ip = first + oparg;
        DISPATCH();
      }
      LOAD_FRAME();
      DISPATCH();
    }
    Value v = iter_next(*this, itv);
    if (v.is_null()) {
      if (has_exception()) goto error;
      --sp;
      ip = first + oparg;
      DISPATCH();
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(SEND) {
    // `yield from`: [receiver, value] -> [receiver, yielded], or [result] and a jump to the end.
    Value receiver = PEEK(2);
    if (receiver.is_object() && receiver.as_object()->type->layout == Layout::Generator) {
      // A generator runs in this loop (as in FOR_ITER); the value goes into its frame.
      Value value = POP();
      SAVE_FRAME();
      if (generator_enter(*this, static_cast<Generator*>(receiver.as_object()), value) ==
          nullptr) {
        if (has_exception()) goto error;
        TOP() = none;  // finished already: the result of `yield from` is None
        ip = first + oparg;
        DISPATCH();
      }
      LOAD_FRAME();
      DISPATCH();
    }
    SAVE_FRAME();
    bool done = false;
    Value r = yield_from_send(*this, PEEK(2), TOP(), &done);
    CHECK(r);
    if (done) {
      --sp;
      ip = first + oparg;
    }
    TOP() = r;
    DISPATCH();
  }
  TARGET(KW_NAMES) {
    kwnames = as_tuple(consts[oparg]);
    DISPATCH();
  }
  TARGET(CALL) {
    int nargs = static_cast<int>(oparg);
    Value* args = sp - nargs;
    Value callable;
    if (args[-2].is_null()) {
      callable = args[-1];
    } else {
      callable = args[-2];
      --args;
      ++nargs;
    }
    Tuple* kw = kwnames;
    kwnames = nullptr;
    Value* base = sp - oparg - 2;
    // Fast path: a plain Python function with exact positional arguments.
    if (callable.is_object() && callable.as_object()->type->layout == Layout::Function &&
        kw == nullptr) {
      auto* func = static_cast<Function*>(callable.as_object());
      Code* c = func->code;
      if (c->argcount == nargs && c->fast_call) {
        if (depth >= in.recursion_limit) {
          SAVE_FRAME();
          raise(in.exc.RecursionError, "maximum recursion depth exceeded");
          goto error;
        }
        Frame* nf = alloc_frame(c, nargs);  // the arguments fill slots [0, nargs)
        nf->func = func;
        nf->globals = func->globals;
        Value* nl = nf->slots();
        for (int i = 0; i < nargs; ++i) nl[i] = args[i];
        sp = base;
        SAVE_FRAME();
        nf->back = f;
        frame = nf;
        ++depth;
        LOAD_FRAME();
        DISPATCH();
      }
    }
    SAVE_FRAME();
    f->sp = sp;
    Value result;
    fresh_generator = nullptr;
    CallResult r = invoke(callable, args, nargs, kw, &result, 0);
    switch (r) {
      case CallResult::Value:
        retrying_ = false;
        sp = base;
        claim_for_loop(result, f, *ip);
        PUSH(result);
        DISPATCH();
      case CallResult::Frame:
        retrying_ = false;
        // The caller's stack is popped; the callee's return value lands at `base`.
        f->sp = base;
        LOAD_FRAME();
        DISPATCH();
      case CallResult::Error:
        retrying_ = false;
        goto error;
      case CallResult::Blocked: {
        // Re-execute this CALL (and its KW_NAMES) when resumed. invoke may have written a bound
        // method's self into args[-1], which in the NULL form is the callable's own slot
        // (`self.release = lock.release`; `self.release()` blocking): put the callable back.
        if (base[0].is_null()) {
          base[1] = callable;
        } else {
          base[0] = callable;
        }
        --ip;
        if (kw != nullptr && ip > first && op_of(ip[-1]) == Op::KW_NAMES) --ip;
        SAVE_FRAME();
        if (nested) {
          if (nested_block()) DISPATCH();  // waited where it is (real driver): call again
          ++ip;
          if (!has_exception()) raise(in.exc.RuntimeError, kNestedBlockMessage);
          goto error;
        }
        *status = RunStatus::Blocked;
        return Value();
      }
    }
    unreachable();
  }
  TARGET(CALL_FUNCTION_EX) {
    Value kwargs = (oparg & 1) ? POP() : Value();
    Value argtuple = POP();
    Value callable = POP();
    --sp;  // the NULL
    Value* base = sp;
    // Keep the pieces reachable on the stack while the call runs.
    PUSH(callable);
    PUSH(argtuple);
    PUSH(kwargs.is_null() ? none : kwargs);
    SAVE_FRAME();
    Value result;
    fresh_generator = nullptr;
    CallResult r = call_with_containers(*this, callable, argtuple, kwargs, &result);
    switch (r) {
      case CallResult::Value:
        retrying_ = false;
        sp = base;
        claim_for_loop(result, f, *ip);
        PUSH(result);
        DISPATCH();
      case CallResult::Frame:
        retrying_ = false;
        f->sp = base;
        LOAD_FRAME();
        DISPATCH();
      case CallResult::Error:
        retrying_ = false;
        sp = base;
        goto error;
      case CallResult::Blocked:
        // Put the operands back as they were and re-execute this instruction on resume.
        sp = base;
        PUSH(Value());
        PUSH(callable);
        PUSH(argtuple);
        if (oparg & 1) PUSH(kwargs);
        --ip;
        SAVE_FRAME();
        if (nested) {
          if (nested_block()) DISPATCH();  // waited where it is (real driver): call again
          ++ip;
          sp = base;
          if (!has_exception()) raise(in.exc.RuntimeError, kNestedBlockMessage);
          goto error;
        }
        *status = RunStatus::Blocked;
        return Value();
    }
    unreachable();
  }
  TARGET(MAKE_FUNCTION) {
    Code* c = static_cast<Code*>(POP().as_object());
    Function* fn = in.make<Function>(this, in.types.function);
    fn->code = c;
    fn->globals = f->globals;
    fn->name = c->name;
    fn->qualname = c->qualname;
    fn->doc = c->consts.empty() || (c->code_flags & kCoClassBody) ? none : c->consts[0];
    if (!is_str(fn->doc)) fn->doc = none;
    Value modname = dict_get_str(f->globals, nm.__name__);
    fn->module = modname.is_null() ? none : modname;
    if (oparg & kMakeClosure) fn->closure = as_tuple(POP());
    if (oparg & kMakeKwDefaults) fn->kwdefaults = as_dict(POP());
    if (oparg & kMakeDefaults) fn->defaults = as_tuple(POP());
    PUSH(Value::object(fn));
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {
    if (code->code_flags & kCoComprehension) {  // its outermost iterable, `.0`
      SAVE_FRAME();
      close_loop_owned(*this, locals[0]);
      if (has_exception()) goto error;
    }
    Value v = POP();
    std::uint32_t flags = f->flags;
    if (flags & kFrameInit) {
      if (v != none) {
        SAVE_FRAME();
        raise_fmt(in.exc.TypeError, "__init__() should return None, not '%s'", type_name(*this, v));
        goto error;
      }
      v = f->init_self;
    }
    Frame* done = f;
    frame = f->back;
    --depth;
    Generator* g = done->generator;
    if (flags & kFrameGenerator) {
      g->frame = nullptr;
      done->generator = nullptr;
    }
    free_frame(done);
    if (flags & (kFrameBoundary | kFrameThreadTop)) {
      if (nested) nested_budget_left = budget;
      *status = RunStatus::Returned;
      return v;
    }
    LOAD_FRAME();
    if (flags & kFrameGenerator) {
      // Resumed by the FOR_ITER or SEND just before ip: the loop ends, or `yield from` has its
      // result in place of the receiver; either way execution goes on at that opcode's target.
      generator_leave(g);
      const std::uint32_t resumer = ip[-1];
      if (op_of(resumer) == Op::FOR_ITER) {
        --sp;
      } else {
        TOP() = v;
      }
      ip = first + arg_of(resumer);
      DISPATCH();
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(YIELD_VALUE) {
    Value v = POP();
    SAVE_FRAME();
    frame = f->back;
    f->back = nullptr;
    --depth;
    if ((f->flags & kFrameBoundary) == 0) {
      // Resumed in this loop by the caller's FOR_ITER (the value is its next item) or SEND
      // ([receiver, yielded]).
      generator_leave(f->generator);
      LOAD_FRAME();
      PUSH(v);
      DISPATCH();
    }
    if (nested) nested_budget_left = budget;
    *status = RunStatus::Yielded;
    return v;
  }
  TARGET(RAISE_VARARGS) {
    SAVE_FRAME();
    if (oparg == 0) {
      if (handled.is_null()) {
        raise(in.exc.RuntimeError, "No active exception to reraise");
        goto error;
      }
      exc = handled;
      reraise = true;
      goto error;
    }
    Value cause = oparg == 2 ? POP() : Value();
    Value e = POP();
    do_raise(e, cause, oparg == 2);
    goto error;
  }
  TARGET(RERAISE) {
    exc = POP();
    reraise = true;
    goto error;
  }
  TARGET(PUSH_EXC_INFO) {
    Value e = TOP();
    TOP() = handled.is_null() ? none : handled;
    PUSH(e);
    handled = e;
    DISPATCH();
  }
  TARGET(POP_EXCEPT) {
    Value prev = POP();
    handled = prev == none ? Value() : prev;
    DISPATCH();
  }
  TARGET(CHECK_EXC_MATCH) {
    Value type = POP();
    SAVE_FRAME();
    int r = exception_matches(*this, TOP(), type);
    if (r < 0) goto error;
    PUSH(r ? in.true_ : in.false_);
    DISPATCH();
  }
  TARGET(BEFORE_WITH) {
    Value mgr = TOP();
    SAVE_FRAME();
    Type* type = type_of(*this, mgr);
    Value enter = type_lookup(type, nm.__enter__);
    Value exit_fn = type_lookup(type, nm.__exit__);
    if (enter.is_null() || exit_fn.is_null()) {
      raise_fmt(in.exc.TypeError, "'%s' object does not support the context manager protocol",
                type_name(*this, mgr));
      goto error;
    }
    Value bound_exit = bind_attr(*this, exit_fn, mgr, type);
    CHECK(bound_exit);
    // Stack: [mgr] -> [exit, mgr(as self arg)] and call enter(mgr).
    TOP() = bound_exit;
    Value* base = sp;
    PUSH(enter);  // scratch slot for invoke
    PUSH(mgr);
    Value result;
    CallResult r = invoke(enter, sp - 1, 1, nullptr, &result, 0);
    switch (r) {
      case CallResult::Value:
        retrying_ = false;
        sp = base;
        PUSH(result);
        DISPATCH();
      case CallResult::Frame:
        retrying_ = false;
        f->sp = base;
        LOAD_FRAME();
        DISPATCH();
      case CallResult::Error:
        retrying_ = false;
        sp = base;
        TOP() = mgr;
        goto error;
      case CallResult::Blocked:
        sp = base;
        TOP() = mgr;
        --ip;
        SAVE_FRAME();
        if (nested) {
          if (nested_block()) DISPATCH();  // waited where it is (real driver): call again
          ++ip;
          if (!has_exception()) raise(in.exc.RuntimeError, kNestedBlockMessage);
          goto error;
        }
        *status = RunStatus::Blocked;
        return Value();
    }
    unreachable();
  }
  TARGET(WITH_EXCEPT_START) {
    // Stack: [exit, prev, exc] -> call exit(type(exc), exc, None); push the result.
    Value e = TOP();
    Value exit_fn = PEEK(3);
    Value* base = sp;
    PUSH(Value());  // scratch
    PUSH(Value::object(type_of(*this, e)));
    PUSH(e);
    PUSH(none);
    SAVE_FRAME();
    Value result;
    CallResult r = invoke(exit_fn, sp - 3, 3, nullptr, &result, 0);
    switch (r) {
      case CallResult::Value:
        sp = base;
        PUSH(result);
        DISPATCH();
      case CallResult::Frame:
        f->sp = base;
        LOAD_FRAME();
        DISPATCH();
      case CallResult::Error:
        sp = base;
        goto error;
      case CallResult::Blocked:
        sp = base;
        raise(in.exc.RuntimeError, "__exit__ blocked while handling an exception");
        goto error;
    }
    unreachable();
  }
  TARGET(LOAD_BUILD_CLASS) {
    PUSH(dict_get_str(in.builtins, in.intern("__build_class__")));
    DISPATCH();
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(Value::object(in.exc.AssertionError));
    DISPATCH();
  }
  TARGET(IMPORT_NAME) {
    SAVE_FRAME();
    Value m = in.import_module(*this, code->names[oparg]->view());
    CHECK(m);
    PUSH(m);
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    Value m = TOP();
    SAVE_FRAME();
    Value v = get_attr_opt(*this, m, code->names[oparg]);
    if (v.is_null() && !has_exception() && layout_of(m) == Layout::Module) {
      // `from concurrent import futures`: a submodule not imported yet is imported, as CPython's
      // _handle_fromlist does.
      const std::string sub = std::string(static_cast<Module*>(m.as_object())->name->view()) + '.' +
                              std::string(code->names[oparg]->view());
      if (in.module_inits.contains(sub)) {
        v = in.import_module(*this, sub);
        CHECK(v);
      }
    }
    if (v.is_null()) {
      if (has_exception()) goto error;
      raise_fmt(in.exc.ImportError, "cannot import name '%s' from '%s' (unknown location)",
                code->names[oparg]->data(), static_cast<Module*>(m.as_object())->name->data());
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(IMPORT_STAR) {
    Value m = POP();
    Dict* d = f->locals_dict != nullptr ? f->locals_dict : f->globals;
    std::uint32_t pos = 0;
    while (DictEntry* e = dict_next(static_cast<Module*>(m.as_object())->dict, &pos)) {
      if (is_str(e->key) && as_str(e->key)->length > 0 && as_str(e->key)->data()[0] != '_') {
        dict_insert(*this, d, e->key, e->hash, e->value);
      }
    }
    DISPATCH();
  }

#ifndef INTERLEAVE_COMPUTED_GOTO
  case Op::kCount:
    unreachable();
}
#endif

error :
    // An exception is set in `exc`; find a handler in this frame or unwind to the caller.
    for (;;) {
  auto index = static_cast<std::uint32_t>(ip - first - 1);
  if (!reraise) add_traceback(code, index);
  reraise = false;
  const ExceptionTableEntry* handler = nullptr;
  for (const ExceptionTableEntry& e : code->exception_table) {
    if (hard_exit) break;
    if (index >= e.start && index < e.end) {
      handler = &e;
      break;
    }
  }
  if (handler != nullptr) {
    Value* keep = f->stack_base() + handler->depth;
    if (drop_stack(*this, keep, sp)) goto error;  // a stop request while closing: no handler now
    sp = keep;
    PUSH(exc);
    exc = Value();
    ip = first + handler->target;
    kwnames = nullptr;
    DISPATCH();
  }
  // No handler: pop the frame. A comprehension's `.0` (also on its stack, as the loop's
  // iterator) is a local: CPython's traceback keeps it alive until the exception is dropped,
  // which close() does at once with its GeneratorExit (a generator expression being closed).
  {
    bool comprehension = (code->code_flags & kCoComprehension) != 0;
    bool keep = comprehension && !isinstance(*this, exc, in.exc.GeneratorExit);
    if (drop_stack(*this, f->stack_base(), sp, keep ? locals[0] : Value())) goto error;
    if (comprehension && !keep && drop_stack(*this, locals, locals + 1)) goto error;
  }
  std::uint32_t flags = f->flags;
  Frame* done = f;
  frame = f->back;
  --depth;
  Generator* g = done->generator;
  if (flags & kFrameGenerator) {
    g->frame = nullptr;
    done->generator = nullptr;
  }
  free_frame(done);
  if (flags & (kFrameBoundary | kFrameThreadTop)) {
    if (nested) nested_budget_left = budget;
    *status = RunStatus::Raised;
    return Value();
  }
  if (flags & kFrameGenerator) generator_left_raising(*this, g);  // resumed in this loop
  LOAD_FRAME();
}
}

#ifdef INTERLEAVE_COMPUTED_GOTO
#pragma GCC diagnostic pop
#endif

}  // namespace interleave::vm
