// Built-in modules written in C++: sys, time, os, math, random and _thread (Lock, RLock, thread
// start/join: the primitives the Python-level threading and queue modules are built on). Every
// clock read, sleep, output and thread start goes through the Driver; every blocking operation
// follows driver.h's yield protocol (read epoch, try, else fill the Wait and return blocked, the
// CALL re-executing on resume). Natives run on the executing thread.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "support/py_random.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/prelude.h"
#include "vm/runtime.h"
#include "vm/seq.h"
#include "vm/traceback.h"

namespace interleave::vm {

namespace {

#define NATIVE(name)                                                         \
  Value name([[maybe_unused]] Thread& t, [[maybe_unused]] const Value* args, \
             [[maybe_unused]] int nargs, [[maybe_unused]] Tuple* kwnames)

Value none(Thread& t) {
  return t.interp().none;
}

void set(Thread& t, Module* m, const char* name, Value v) {
  dict_set_str(t, m->dict, t.interp().intern(name), v);
}

// "#N": the waitable's number in this interpreter (see Interpreter::wait_labels).
std::string wait_label(Thread& t, const void* p) {
  Interpreter& in = t.interp();
  std::lock_guard<std::mutex> lock(in.mutex);
  auto [it, added] = in.wait_labels.try_emplace(p, in.wait_labels.size() + 1);
  (void)added;
  return "#" + std::to_string(it->second);
}

Thread* thread_by_ident(Thread& t, std::uint64_t ident) {
  Interpreter& in = t.interp();
  std::lock_guard<std::mutex> lock(in.mutex);
  for (auto& th : in.threads) {
    if (th->ident() == ident) return th.get();
  }
  return nullptr;
}

// Seconds (int or float) -> nanoseconds deadline from now; false with an exception on bad input.
bool deadline_after(Thread& t, Value seconds, std::int64_t* deadline) {
  double s;
  if (!to_double(t, seconds, &s)) return false;
  if (std::isnan(s)) {
    t.raise(t.interp().exc.ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  std::int64_t now = t.driver().monotonic_ns();
  double ns = s * 1e9;
  if (ns > 9e18) ns = 9e18;
  *deadline = now + static_cast<std::int64_t>(ns);
  return true;
}

// --- sys -----------------------------------------------------------------------------------------

NATIVE(sys_exit) {
  (void)kwnames;
  Interpreter& in = t.interp();
  Tuple* a = nargs > 0 ? make_tuple(t, args, 1) : in.empty_tuple;
  return t.raise(Value::object(make_exception(t, in.exc.SystemExit, a)));
}

NATIVE(sys_getswitchinterval) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_float(t, t.driver().switch_interval());
}

NATIVE(sys_setswitchinterval) {
  (void)kwnames;
  if (!check_nargs(t, "setswitchinterval", nargs, 1, 1)) return Value();
  double s;
  if (!to_double(t, args[0], &s)) return Value();
  if (s <= 0)
    return t.raise(t.interp().exc.ValueError, "switch interval must be strictly positive");
  t.driver().set_switch_interval(s);
  return none(t);
}

NATIVE(sys_getrecursionlimit) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.interp().recursion_limit);
}

NATIVE(sys_setrecursionlimit) {
  (void)kwnames;
  if (!check_nargs(t, "setrecursionlimit", nargs, 1, 1)) return Value();
  std::int64_t n;
  if (!to_index(t, args[0], &n)) return Value();
  if (n < 1)
    return t.raise(t.interp().exc.ValueError, "recursion limit must be greater or equal than 1");
  // Frames live on the heap, so a large limit is safe; cap it to keep memory bounded.
  if (n > 1000000) n = 1000000;
  t.interp().recursion_limit = static_cast<int>(n);
  return none(t);
}

NATIVE(stream_write) {
  (void)kwnames;
  if (!check_nargs(t, "write", nargs - 1, 1, 1)) return Value();
  if (!is_str(args[1])) {
    return t.raise_fmt(t.interp().exc.TypeError, "write() argument must be str, not %s",
                       type_name(t, args[1]));
  }
  Value fd = get_attr(t, args[0], t.interp().intern("_fd"));
  if (fd.is_null()) return fd;
  t.driver().write(static_cast<int>(int_value(fd)), as_str(args[1])->view());
  return make_int(t, as_str(args[1])->chars);
}

NATIVE(stream_flush) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return none(t);
}

NATIVE(sys_exc_info) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  Value e = t.handled;
  Value items[3];
  if (e.is_null()) {
    items[0] = items[1] = items[2] = none(t);
  } else {
    items[0] = Value::object(type_of(t, e));
    items[1] = e;
    items[2] = none(t);
  }
  return Value::object(make_tuple(t, items, 3));
}

Module* init_sys(Thread& t) {
  Interpreter& in = t.interp();
  Module* m = make_module(t, "sys");
  add_function(t, m->dict, "exit", sys_exit);
  add_function(t, m->dict, "getswitchinterval", sys_getswitchinterval);
  add_function(t, m->dict, "setswitchinterval", sys_setswitchinterval);
  add_function(t, m->dict, "getrecursionlimit", sys_getrecursionlimit);
  add_function(t, m->dict, "setrecursionlimit", sys_setrecursionlimit);
  add_function(t, m->dict, "exc_info", sys_exc_info);
  List* argv = make_list(t, 0);
  for (const std::string& a : in.config().argv) list_append(t, argv, str_value(t, a));
  if (argv->size == 0) list_append(t, argv, str_value(t, in.main_filename));
  set(t, m, "argv", Value::object(argv));
  set(t, m, "version", str_value(t, "3.11.7 (Interleave)"));
  Value vi[5] = {Value::small(3), Value::small(11), Value::small(7), str_value(t, "final"),
                 Value::small(0)};
  set(t, m, "version_info", Value::object(make_tuple(t, vi, 5)));
  set(t, m, "platform", str_value(t, "interleave"));
  set(t, m, "maxsize", make_int(t, INT64_MAX));
  set(t, m, "modules", Value::object(in.modules));
  set(t, m, "byteorder", str_value(t, "little"));
  // sys.stdout / sys.stderr: instances of a small class whose write() goes to the driver.
  Type* stream = make_type(t, "TextIOWrapper", in.types.object, Layout::Instance, false);
  stream->module = Value::object(in.intern("_io"));
  add_method(t, stream, "write", stream_write);
  add_method(t, stream, "flush", stream_flush);
  for (int fd : {1, 2}) {
    Instance* s = in.make<Instance>(&t, stream);
    s->dict = make_dict(t);
    dict_set_str(t, s->dict, in.intern("_fd"), Value::small(fd));
    set(t, m, fd == 1 ? "stdout" : "stderr", Value::object(s));
    set(t, m, fd == 1 ? "__stdout__" : "__stderr__", Value::object(s));
  }
  return m;
}

// --- time ----------------------------------------------------------------------------------------

NATIVE(time_time) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_float(t, static_cast<double>(t.driver().wall_ns()) / 1e9);
}

NATIVE(time_time_ns) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.driver().wall_ns());
}

NATIVE(time_monotonic) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_float(t, static_cast<double>(t.driver().monotonic_ns()) / 1e9);
}

NATIVE(time_monotonic_ns) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.driver().monotonic_ns());
}

NATIVE(time_process_time) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_float(t, static_cast<double>(t.driver().cpu_ns()) / 1e9);
}

NATIVE(time_sleep) {
  (void)kwnames;
  if (!check_nargs(t, "sleep", nargs, 1, 1)) return Value();
  std::uint64_t epoch = t.driver().epoch();
  std::int64_t deadline;
  if (t.retrying()) {
    deadline = t.retry_deadline();
  } else {
    double s;
    if (!to_double(t, args[0], &s)) return Value();
    if (s < 0) return t.raise(t.interp().exc.ValueError, "sleep length must be non-negative");
    if (!deadline_after(t, args[0], &deadline)) return Value();
    // sleep(0) still yields once, as CPython releases the GIL.
    return t.block(WaitKind::Sleep, nullptr, deadline, epoch, nullptr, "time.sleep()");
  }
  if (t.driver().monotonic_ns() >= deadline) return none(t);
  return t.block(WaitKind::Sleep, nullptr, deadline, epoch, nullptr, "time.sleep()");
}

// time.__getattr__ (PEP 562): the calendar half, in Python (_time_calendar), is compiled when a
// program first asks for one of its names, not at every `import time`.
NATIVE(time_getattr) {
  (void)kwnames;
  if (!check_nargs(t, "__getattr__", nargs, 1, 1)) return Value();
  Interpreter& in = t.interp();
  if (is_str(args[0]) && as_str(args[0])->view().substr(0, 1) != "_") {
    Value calendar = in.import_module(t, "_time_calendar");
    if (calendar.is_null()) return Value();
    Value v = get_attr_opt(t, calendar, as_str(args[0]));
    if (!v.is_null() || t.has_exception()) return v;
  }
  return t.raise_fmt(in.exc.AttributeError, "module 'time' has no attribute '%s'",
                     is_str(args[0]) ? as_str(args[0])->data() : "?");
}

Module* init_time(Thread& t) {
  Module* m = make_module(t, "time");
  add_function(t, m->dict, "time", time_time);
  add_function(t, m->dict, "time_ns", time_time_ns);
  add_function(t, m->dict, "monotonic", time_monotonic);
  add_function(t, m->dict, "monotonic_ns", time_monotonic_ns);
  add_function(t, m->dict, "perf_counter", time_monotonic);
  add_function(t, m->dict, "perf_counter_ns", time_monotonic_ns);
  add_function(t, m->dict, "process_time", time_process_time);
  add_function(t, m->dict, "sleep", time_sleep);
  add_function(t, m->dict, "__getattr__", time_getattr);
  return m;
}

// --- os ------------------------------------------------------------------------------------------

NATIVE(os_getpid) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.interp().pid);
}

NATIVE(os_getppid) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.interp().ppid);
}

NATIVE(os_cpu_count) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, t.interp().cpu_count);
}

NATIVE(os_exit) {
  (void)kwnames;
  if (!check_nargs(t, "_exit", nargs, 1, 1)) return Value();
  std::int64_t code;
  if (!to_index(t, args[0], &code)) return Value();
  t.exit_code_ = static_cast<int>(code & 0xff);
  t.hard_exit = true;
  return t.raise(Value::object(make_exception(t, t.interp().exc.SystemExit, nullptr)));
}

NATIVE(os_abort) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  t.exit_code_ = 134;  // 128 + SIGABRT, as a shell reports an aborted process
  t.hard_exit = true;
  return t.raise(Value::object(make_exception(t, t.interp().exc.SystemExit, nullptr)));
}

// os.getenv(key, default=None): from os.environ, which a program sees empty (it has no process
// environment of its own in the page or the simulator; docs/language.md).
NATIVE(os_getenv) {
  (void)kwnames;
  if (!check_nargs(t, "getenv", nargs, 1, 2)) return Value();
  if (!is_str(args[0])) {
    return t.raise_fmt(t.interp().exc.TypeError, "str expected, not %s", type_name(t, args[0]));
  }
  Value os = dict_get_str(t.interp().modules, t.interp().intern("os"));
  Value environ = os.is_null() ? Value()
                               : dict_get_str(static_cast<Module*>(os.as_object())->dict,
                                              t.interp().intern("environ"));
  if (!environ.is_null() && layout_of(environ) == Layout::Dict) {
    Value v = dict_get_str(as_dict(environ), as_str(args[0]));
    if (!v.is_null()) return v;
  }
  return nargs == 2 ? args[1] : t.interp().none;
}

Module* init_os(Thread& t) {
  Module* m = make_module(t, "os");
  add_function(t, m->dict, "getenv", os_getenv);
  set(t, m, "environ", Value::object(make_dict(t)));
  add_function(t, m->dict, "getpid", os_getpid);
  add_function(t, m->dict, "getppid", os_getppid);
  add_function(t, m->dict, "cpu_count", os_cpu_count);
  add_function(t, m->dict, "_exit", os_exit);
  add_function(t, m->dict, "abort", os_abort);
  set(t, m, "name", str_value(t, "posix"));
  set(t, m, "sep", str_value(t, "/"));
  set(t, m, "linesep", str_value(t, "\n"));
  return m;
}

// --- math ----------------------------------------------------------------------------------------

template <double (*Fn)(double)>
Value math1(Thread& t, const Value* args, int nargs, bool domain_check) {
  if (!check_nargs(t, "math function", nargs, 1, 1)) return Value();
  double x;
  if (!to_double(t, args[0], &x)) return Value();
  double r = Fn(x);
  if (domain_check && std::isnan(r) && !std::isnan(x)) {
    return t.raise(t.interp().exc.ValueError, "math domain error");
  }
  return make_float(t, r);
}

#define MATH1(name, fn)                     \
  NATIVE(math_##name) {                     \
    (void)kwnames;                          \
    return math1<fn>(t, args, nargs, true); \
  }
double sqrt_(double x) {
  return std::sqrt(x);
}
double exp_(double x) {
  return std::exp(x);
}
double sin_(double x) {
  return std::sin(x);
}
double cos_(double x) {
  return std::cos(x);
}
double tan_(double x) {
  return std::tan(x);
}
double asin_(double x) {
  return std::asin(x);
}
double acos_(double x) {
  return std::acos(x);
}
double atan_(double x) {
  return std::atan(x);
}
double log2_(double x) {
  return std::log2(x);
}
double log10_(double x) {
  return std::log10(x);
}
double fabs_(double x) {
  return std::fabs(x);
}
double sinh_(double x) {
  return std::sinh(x);
}
double cosh_(double x) {
  return std::cosh(x);
}
double tanh_(double x) {
  return std::tanh(x);
}
double asinh_(double x) {
  return std::asinh(x);
}
double acosh_(double x) {
  return std::acosh(x);
}
double atanh_(double x) {
  return std::atanh(x);
}
double expm1_(double x) {
  return std::expm1(x);
}
double log1p_(double x) {
  return std::log1p(x);
}
double degrees_(double x) {
  return x * (180.0 / 3.141592653589793);
}
double radians_(double x) {
  return x * (3.141592653589793 / 180.0);
}
MATH1(sqrt, sqrt_)
MATH1(exp, exp_)
MATH1(sin, sin_)
MATH1(cos, cos_)
MATH1(tan, tan_)
MATH1(asin, asin_)
MATH1(acos, acos_)
MATH1(atan, atan_)
MATH1(log2, log2_)
MATH1(log10, log10_)
MATH1(fabs, fabs_)
MATH1(sinh, sinh_)
MATH1(cosh, cosh_)
MATH1(tanh, tanh_)
MATH1(asinh, asinh_)
MATH1(acosh, acosh_)
MATH1(atanh, atanh_)
MATH1(expm1, expm1_)
MATH1(log1p, log1p_)
MATH1(degrees, degrees_)
MATH1(radians, radians_)

NATIVE(math_isfinite) {
  (void)kwnames;
  double x;
  if (!check_nargs(t, "isfinite", nargs, 1, 1) || !to_double(t, args[0], &x)) return Value();
  return make_bool(t, std::isfinite(x));
}

NATIVE(math_copysign) {
  (void)kwnames;
  double a, b;
  if (!check_nargs(t, "copysign", nargs, 2, 2) || !to_double(t, args[0], &a) ||
      !to_double(t, args[1], &b)) {
    return Value();
  }
  return make_float(t, std::copysign(a, b));
}

NATIVE(math_fmod) {
  (void)kwnames;
  double a, b;
  if (!check_nargs(t, "fmod", nargs, 2, 2) || !to_double(t, args[0], &a) ||
      !to_double(t, args[1], &b)) {
    return Value();
  }
  if (b == 0 && !std::isnan(a)) return t.raise(t.interp().exc.ValueError, "math domain error");
  return make_float(t, std::fmod(a, b));
}

NATIVE(math_modf) {
  (void)kwnames;
  double x;
  if (!check_nargs(t, "modf", nargs, 1, 1) || !to_double(t, args[0], &x)) return Value();
  double whole;
  double frac = std::modf(x, &whole);
  RootScope roots(t);
  Value pair[2] = {make_float(t, frac), Value()};
  roots.add(pair[0]);
  pair[1] = make_float(t, whole);
  return Value::object(make_tuple(t, pair, 2));
}

NATIVE(math_frexp) {
  (void)kwnames;
  double x;
  if (!check_nargs(t, "frexp", nargs, 1, 1) || !to_double(t, args[0], &x)) return Value();
  int e = 0;
  double m = std::isfinite(x) ? std::frexp(x, &e) : x;
  Value pair[2] = {make_float(t, m), Value::small(e)};
  return Value::object(make_tuple(t, pair, 2));
}

NATIVE(math_ldexp) {
  (void)kwnames;
  double x;
  std::int64_t e;
  if (!check_nargs(t, "ldexp", nargs, 2, 2) || !to_double(t, args[0], &x) ||
      !to_index(t, args[1], &e)) {
    return Value();
  }
  if (e > 100000) e = 100000;
  if (e < -100000) e = -100000;
  double r = std::ldexp(x, static_cast<int>(e));
  if (std::isinf(r) && std::isfinite(x)) {
    return t.raise(t.interp().exc.OverflowError, "math range error");
  }
  return make_float(t, r);
}

NATIVE(math_dist) {
  (void)kwnames;
  if (!check_nargs(t, "dist", nargs, 2, 2)) return Value();
  List* p = list_from_iterable(t, args[0]);
  if (p == nullptr) return Value();
  RootScope roots(t);
  roots.add(Value::object(p));
  List* q = list_from_iterable(t, args[1]);
  if (q == nullptr) return Value();
  if (p->size != q->size) {
    return t.raise(t.interp().exc.ValueError,
                   "both points must have the same number of dimensions");
  }
  double acc = 0;
  for (std::int64_t i = 0; i < p->size; ++i) {
    double a, b;
    if (!to_double(t, p->items[i], &a) || !to_double(t, q->items[i], &b)) return Value();
    acc = std::hypot(acc, a - b);
  }
  return make_float(t, acc);
}
NATIVE(math_log) {
  (void)kwnames;
  if (!check_nargs(t, "log", nargs, 1, 2)) return Value();
  double x;
  if (!to_double(t, args[0], &x)) return Value();
  if (x <= 0) return t.raise(t.interp().exc.ValueError, "math domain error");
  double r = std::log(x);
  if (nargs == 2) {
    double b;
    if (!to_double(t, args[1], &b)) return Value();
    if (b <= 0 || b == 1) return t.raise(t.interp().exc.ValueError, "math domain error");
    r /= std::log(b);
  }
  return make_float(t, r);
}

Value int_round_fn(Thread& t, const Value* args, int nargs, int mode) {
  if (!check_nargs(t, mode == 0 ? "floor" : mode == 1 ? "ceil" : "trunc", nargs, 1, 1))
    return Value();
  if (is_int(args[0])) return make_int(t, int_value(args[0]));
  Layout l = layout_of(args[0]);
  if (l == Layout::Instance || l == Layout::Exception) {
    // The object's own __floor__ / __ceil__ / __trunc__ (floor and ceil fall back to __float__).
    Interpreter& in = t.interp();
    Str* method = in.intern(mode == 0 ? "__floor__" : mode == 1 ? "__ceil__" : "__trunc__");
    bool found = false;
    Value r = call_special(t, args[0], method, nullptr, 0, &found);
    if (found) return r;
    if (mode == 2) {
      return t.raise_fmt(in.exc.TypeError, "type %s doesn't define __trunc__ method",
                         type_name(t, args[0]));
    }
  }
  double x;
  if (!to_double(t, args[0], &x)) return Value();
  double r = mode == 0 ? std::floor(x) : mode == 1 ? std::ceil(x) : std::trunc(x);
  if (std::isinf(r))
    return t.raise(t.interp().exc.OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(r))
    return t.raise(t.interp().exc.ValueError, "cannot convert float NaN to integer");
  if (std::fabs(r) >= 9.2233720368547758e18) {
    return t.raise(t.interp().exc.OverflowError, "integer overflow: Interleave's int holds 64 bits");
  }
  return make_int(t, static_cast<std::int64_t>(r));
}
NATIVE(math_floor) {
  (void)kwnames;
  return int_round_fn(t, args, nargs, 0);
}
NATIVE(math_ceil) {
  (void)kwnames;
  return int_round_fn(t, args, nargs, 1);
}
NATIVE(math_trunc) {
  (void)kwnames;
  return int_round_fn(t, args, nargs, 2);
}

NATIVE(math_pow) {
  (void)kwnames;
  if (!check_nargs(t, "pow", nargs, 2, 2)) return Value();
  double a, b;
  if (!to_double(t, args[0], &a) || !to_double(t, args[1], &b)) return Value();
  return make_float(t, std::pow(a, b));
}

NATIVE(math_atan2) {
  (void)kwnames;
  if (!check_nargs(t, "atan2", nargs, 2, 2)) return Value();
  double a, b;
  if (!to_double(t, args[0], &a) || !to_double(t, args[1], &b)) return Value();
  return make_float(t, std::atan2(a, b));
}

NATIVE(math_hypot) {
  (void)kwnames;
  double acc = 0;
  for (int i = 0; i < nargs; ++i) {
    double x;
    if (!to_double(t, args[i], &x)) return Value();
    acc = std::hypot(acc, x);
  }
  return make_float(t, acc);
}

std::int64_t gcd64(std::int64_t a, std::int64_t b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    std::int64_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

NATIVE(math_gcd) {
  (void)kwnames;
  std::int64_t g = 0;
  for (int i = 0; i < nargs; ++i) {
    std::int64_t x;
    if (!to_index(t, args[i], &x)) return Value();
    g = gcd64(g, x);
  }
  return make_int(t, g);
}

Value int_overflow(Thread& t) {
  return t.raise(t.interp().exc.OverflowError,
                 "integer overflow: Interleave's int holds 64 bits (arbitrary precision is not "
                 "supported)");
}

NATIVE(math_lcm) {
  (void)kwnames;
  std::int64_t l = 1;
  for (int i = 0; i < nargs; ++i) {
    std::int64_t x;
    if (!to_index(t, args[i], &x)) return Value();
    if (x == 0 || l == 0) {
      l = 0;
      continue;
    }
    std::int64_t g = gcd64(l, x);
    std::int64_t step = (x < 0 ? -x : x) / g;
    if (__builtin_mul_overflow(l, step, &l)) return int_overflow(t);
  }
  return make_int(t, l);
}

NATIVE(math_isqrt) {
  (void)kwnames;
  std::int64_t n;
  if (!check_nargs(t, "isqrt", nargs, 1, 1) || !to_index(t, args[0], &n)) return Value();
  if (n < 0) return t.raise(t.interp().exc.ValueError, "isqrt() argument must be nonnegative");
  auto r = static_cast<std::int64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && (r > 3037000499 || r * r > n)) --r;
  while (r + 1 <= 3037000499 && (r + 1) * (r + 1) <= n) ++r;
  return make_int(t, r);
}

// comb(n, k) and perm(n, k) by the multiplicative formula, exact while the result fits.
Value comb_perm(Thread& t, const Value* args, int nargs, bool comb) {
  const char* fname = comb ? "comb" : "perm";
  if (!check_nargs(t, fname, nargs, comb ? 2 : 1, 2)) return Value();
  std::int64_t n, k;
  if (!to_index(t, args[0], &n)) return Value();
  if (nargs == 1 || args[1] == t.interp().none) {
    k = n;
  } else if (!to_index(t, args[1], &k)) {
    return Value();
  }
  if (n < 0) return t.raise(t.interp().exc.ValueError, "n must be a non-negative integer");
  if (k < 0) return t.raise(t.interp().exc.ValueError, "k must be a non-negative integer");
  if (k > n) return make_int(t, 0);
  if (comb && k > n - k) k = n - k;
  std::int64_t r = 1;
  for (std::int64_t i = 0; i < k; ++i) {
    if (comb) {
      // r * (n - i) / (i + 1) stays exact: r * (n - i) is divisible by i + 1.
      std::int64_t g = gcd64(r, i + 1);
      std::int64_t num = r / g, div = (i + 1) / g;
      std::int64_t factor = (n - i) / div;
      if (__builtin_mul_overflow(num, factor, &r)) return int_overflow(t);
    } else if (__builtin_mul_overflow(r, n - i, &r)) {
      return int_overflow(t);
    }
  }
  return make_int(t, r);
}
NATIVE(math_comb) {
  (void)kwnames;
  return comb_perm(t, args, nargs, true);
}
NATIVE(math_perm) {
  (void)kwnames;
  return comb_perm(t, args, nargs, false);
}

NATIVE(math_prod) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"start", nullptr};
  if (!check_kwargs(t, "prod", kw, allowed)) return Value();
  if (kw.npos != 1) {
    return t.raise_fmt(t.interp().exc.TypeError, "prod() takes exactly 1 positional argument (%d "
                       "given)", kw.npos);
  }
  Value acc = kw.get("start").is_null() ? Value::small(1) : kw.get("start");
  RootScope roots(t);
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  roots.add(it);
  for (;;) {
    roots.add(acc);
    Value x = iter_next(t, it);
    if (x.is_null()) return t.has_exception() ? Value() : acc;
    roots.add(x);
    acc = binary_op(t, kMul, acc, x);
    if (acc.is_null()) return acc;
  }
}

NATIVE(math_factorial) {
  (void)kwnames;
  if (!check_nargs(t, "factorial", nargs, 1, 1)) return Value();
  std::int64_t n;
  if (!to_index(t, args[0], &n)) return Value();
  if (n < 0)
    return t.raise(t.interp().exc.ValueError, "factorial() not defined for negative values");
  std::int64_t r = 1;
  for (std::int64_t i = 2; i <= n; ++i) {
    if (__builtin_mul_overflow(r, i, &r)) {
      return t.raise(t.interp().exc.OverflowError,
                     "integer overflow: Interleave's int holds 64 bits (arbitrary precision is "
                     "not supported)");
    }
  }
  return make_int(t, r);
}

NATIVE(math_isclose) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  if (kw.npos != 2)
    return t.raise(t.interp().exc.TypeError, "isclose() takes exactly 2 positional arguments");
  double a, b, rel = 1e-9, abs_tol = 0;
  if (!to_double(t, args[0], &a) || !to_double(t, args[1], &b)) return Value();
  Value r = kw.get("rel_tol");
  if (!r.is_null() && !to_double(t, r, &rel)) return Value();
  Value at = kw.get("abs_tol");
  if (!at.is_null() && !to_double(t, at, &abs_tol)) return Value();
  if (a == b) return t.interp().true_;
  if (std::isinf(a) || std::isinf(b)) return t.interp().false_;
  double diff = std::fabs(b - a);
  return make_bool(t, diff <= std::fabs(rel * b) || diff <= std::fabs(rel * a) || diff <= abs_tol);
}

NATIVE(math_isnan) {
  (void)kwnames;
  double x;
  if (!check_nargs(t, "isnan", nargs, 1, 1) || !to_double(t, args[0], &x)) return Value();
  return make_bool(t, std::isnan(x));
}

NATIVE(math_isinf) {
  (void)kwnames;
  double x;
  if (!check_nargs(t, "isinf", nargs, 1, 1) || !to_double(t, args[0], &x)) return Value();
  return make_bool(t, std::isinf(x));
}

NATIVE(math_fsum) {
  (void)kwnames;
  if (!check_nargs(t, "fsum", nargs, 1, 1)) return Value();
  List* l = list_from_iterable(t, args[0]);
  if (l == nullptr) return Value();
  // Neumaier compensated summation.
  double sum = 0, c = 0;
  for (std::int64_t i = 0; i < l->size; ++i) {
    double x;
    if (!to_double(t, l->items[i], &x)) return Value();
    double s = sum + x;
    if (std::fabs(sum) >= std::fabs(x)) {
      c += (sum - s) + x;
    } else {
      c += (x - s) + sum;
    }
    sum = s;
  }
  return make_float(t, sum + c);
}

Module* init_math(Thread& t) {
  Module* m = make_module(t, "math");
  struct F {
    const char* name;
    NativeFn fn;
  };
  const F fns[] = {{"sqrt", math_sqrt},       {"exp", math_exp},
                   {"sin", math_sin},         {"cos", math_cos},
                   {"tan", math_tan},         {"asin", math_asin},
                   {"acos", math_acos},       {"atan", math_atan},
                   {"log2", math_log2},       {"log10", math_log10},
                   {"fabs", math_fabs},       {"log", math_log},
                   {"floor", math_floor},     {"ceil", math_ceil},
                   {"trunc", math_trunc},     {"pow", math_pow},
                   {"atan2", math_atan2},     {"hypot", math_hypot},
                   {"gcd", math_gcd},         {"factorial", math_factorial},
                   {"isclose", math_isclose}, {"isnan", math_isnan},
                   {"isinf", math_isinf},     {"fsum", math_fsum},
                   {"sinh", math_sinh},       {"cosh", math_cosh},
                   {"tanh", math_tanh},       {"asinh", math_asinh},
                   {"acosh", math_acosh},     {"atanh", math_atanh},
                   {"expm1", math_expm1},     {"log1p", math_log1p},
                   {"degrees", math_degrees}, {"radians", math_radians},
                   {"isfinite", math_isfinite}, {"copysign", math_copysign},
                   {"fmod", math_fmod},       {"modf", math_modf},
                   {"frexp", math_frexp},     {"ldexp", math_ldexp},
                   {"dist", math_dist},       {"lcm", math_lcm},
                   {"isqrt", math_isqrt},     {"comb", math_comb},
                   {"perm", math_perm},       {"prod", math_prod}};
  for (const F& f : fns) add_function(t, m->dict, f.name, f.fn);
  set(t, m, "pi", make_float(t, 3.141592653589793));
  set(t, m, "e", make_float(t, 2.718281828459045));
  set(t, m, "tau", make_float(t, 6.283185307179586));
  set(t, m, "inf", make_float(t, HUGE_VAL));
  set(t, m, "nan", make_float(t, std::nan("")));
  return m;
}

// --- random --------------------------------------------------------------------------------------

struct RandomState : NativeState {
  support::PyRandom rng;
};

// The interpreter's one generator, locked for one call (threads share it with the GIL off):
// `locked_rng(t)->random()`.
class LockedRng {
 public:
  explicit LockedRng(Thread& t)
      : lock_(t.interp().random_state, t.interp().free_threaded()),
        rng_(&static_cast<RandomState*>(t.interp().random_state)->rng) {}
  support::PyRandom* operator->() { return rng_; }

 private:
  ObjectLock lock_;
  support::PyRandom* rng_;
};

LockedRng locked_rng(Thread& t) {
  return LockedRng(t);
}

NATIVE(random_seed) {
  (void)kwnames;
  if (nargs == 0 || args[0] == t.interp().none) {
    locked_rng(t)->seed_entropy(static_cast<std::uint64_t>(t.driver().wall_ns()));
    return none(t);
  }
  std::int64_t n;
  if (is_int(args[0])) {
    n = int_value(args[0]);
  } else if (is_str(args[0])) {
    n = hash_str(as_str(args[0]));
  } else {
    std::int64_t h;
    if (!hash_value(t, args[0], &h)) return Value();
    n = h;
  }
  locked_rng(t)->seed(n);  // PyRandom::seed takes the magnitude, as CPython's seed(abs(n))
  return none(t);
}

NATIVE(random_random) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_float(t, locked_rng(t)->random());
}

NATIVE(random_uniform) {
  (void)kwnames;
  if (!check_nargs(t, "uniform", nargs, 2, 2)) return Value();
  double a, b;
  if (!to_double(t, args[0], &a) || !to_double(t, args[1], &b)) return Value();
  return make_float(t, locked_rng(t)->uniform(a, b));
}

Value randrange_impl(Thread& t, std::int64_t start, std::int64_t stop, std::int64_t step) {
  Interpreter& in = t.interp();
  std::int64_t width;
  if (__builtin_sub_overflow(stop, start, &width)) {
    return t.raise(in.exc.OverflowError,
                   "integer overflow: Interleave's int holds 64 bits (arbitrary precision is not "
                   "supported)");
  }
  if (step == 1) {
    if (width <= 0) {
      return t.raise_fmt(in.exc.ValueError, "empty range in randrange(%lld, %lld)",
                         static_cast<long long>(start), static_cast<long long>(stop));
    }
    return make_int(t, start + static_cast<std::int64_t>(
                                   locked_rng(t)->randbelow(static_cast<std::uint64_t>(width))));
  }
  if (step == 0) return t.raise(in.exc.ValueError, "zero step for randrange()");
  // ceil(width / step) without overflow (zero or less when the signs differ: empty)
  std::int64_t n = width / step;
  if (width % step != 0 && (width < 0) == (step < 0)) ++n;
  if (n <= 0) return t.raise(in.exc.ValueError, "empty range for randrange()");
  return make_int(t, start + step * static_cast<std::int64_t>(
                                        locked_rng(t)->randbelow(static_cast<std::uint64_t>(n))));
}

NATIVE(random_randrange) {
  (void)kwnames;
  if (!check_nargs(t, "randrange", nargs, 1, 3)) return Value();
  std::int64_t a[3] = {0, 0, 1};
  for (int i = 0; i < nargs; ++i) {
    if (!to_index(t, args[i], &a[i])) return Value();
  }
  if (nargs == 1) return randrange_impl(t, 0, a[0], 1);
  return randrange_impl(t, a[0], a[1], nargs == 3 ? a[2] : 1);
}

NATIVE(random_randint) {
  (void)kwnames;
  if (!check_nargs(t, "randint", nargs, 2, 2)) return Value();
  std::int64_t a, b;
  if (!to_index(t, args[0], &a) || !to_index(t, args[1], &b)) return Value();
  return randrange_impl(t, a, b + 1, 1);
}

// choice, shuffle and sample on a list hold the list's lock for the whole step (with the GIL
// off, other threads may be changing it): the length read and the items picked agree. The
// generator's lock is taken inside it (list -> generator, never the other way round).
NATIVE(random_choice) {
  (void)kwnames;
  if (!check_nargs(t, "choice", nargs, 1, 1)) return Value();
  if (layout_of(args[0]) == Layout::List) {
    List* l = as_list(args[0]);
    ObjectLock lock(l, t.interp().free_threaded());
    if (l->size == 0) {
      return t.raise(t.interp().exc.IndexError, "Cannot choose from an empty sequence");
    }
    return l->items[locked_rng(t)->randbelow(static_cast<std::uint64_t>(l->size))];
  }
  List* l = list_from_iterable(t, args[0]);
  if (l == nullptr) return Value();
  if (l->size == 0)
    return t.raise(t.interp().exc.IndexError, "Cannot choose from an empty sequence");
  return l->items[locked_rng(t)->randbelow(static_cast<std::uint64_t>(l->size))];
}

NATIVE(random_shuffle) {
  (void)kwnames;
  if (!check_nargs(t, "shuffle", nargs, 1, 1)) return Value();
  if (layout_of(args[0]) != Layout::List) {
    return t.raise(t.interp().exc.TypeError, "shuffle() argument must be a list");
  }
  List* l = as_list(args[0]);
  ObjectLock lock(l, t.interp().free_threaded());
  for (std::int64_t i = l->size - 1; i > 0; --i) {
    auto j = static_cast<std::int64_t>(locked_rng(t)->randbelow(static_cast<std::uint64_t>(i + 1)));
    std::swap(l->items[i], l->items[j]);
  }
  return none(t);
}

// sample(population, k): CPython's two algorithms (a pool for small populations, a set of
// picked indices for large ones), so the same seed picks the same items.
NATIVE(random_sample) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"k", "counts", nullptr};
  if (!check_kwargs(t, "sample", kw, allowed)) return Value();
  Value kv = kw.npos > 1 ? args[1] : kw.get("k");
  if (kw.npos < 1 || kw.npos > 2 || kv.is_null()) {
    return t.raise_fmt(t.interp().exc.TypeError,
                       "Random.sample() missing 1 required positional argument: '%s'",
                       kw.npos < 1 ? "population" : "k");
  }
  if (!kw.get("counts").is_null()) {
    return t.raise(t.interp().exc.TypeError, "random.sample(counts=...) is not supported");
  }
  Layout pl = layout_of(args[0]);
  if (pl == Layout::Set || pl == Layout::Dict) {
    return t.raise(t.interp().exc.TypeError,
                   "Population must be a sequence.  For dicts or sets, use sorted(d).");
  }
  std::int64_t k;
  if (!to_index(t, kv, &k)) return Value();
  List* pool = list_from_iterable(t, args[0]);  // a snapshot: taken under the list's lock
  if (pool == nullptr) return Value();
  RootScope roots(t);
  roots.add(Value::object(pool));
  support::Result<std::vector<std::int64_t>> picks = locked_rng(t)->sample_indices(pool->size, k);
  if (!picks) return raise_support_error(t, picks.error());
  List* out = make_list(t, k);
  for (std::int64_t i = 0; i < k; ++i) out->items[i] = pool->items[(*picks)[i]];
  return Value::object(out);
}

// choices(population, weights=None, *, cum_weights=None, k=1).
NATIVE(random_choices) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"weights", "cum_weights", "k", nullptr};
  if (!check_kwargs(t, "choices", kw, allowed)) return Value();
  Interpreter& in = t.interp();
  if (kw.npos < 1 || kw.npos > 2) {
    return t.raise_fmt(in.exc.TypeError, "Random.choices() takes from 2 to 3 positional "
                       "arguments but %d were given", kw.npos + 1);
  }
  Value weights = kw.npos > 1 ? args[1] : kw.get("weights");
  Value cum = kw.get("cum_weights");
  if (weights == in.none) weights = Value();
  if (cum == in.none) cum = Value();
  std::int64_t k = 1;
  if (!kw.get("k").is_null() && !to_index(t, kw.get("k"), &k)) return Value();
  List* pool = list_from_iterable(t, args[0]);
  if (pool == nullptr) return Value();
  RootScope roots(t);
  roots.add(Value::object(pool));
  if (!weights.is_null() && !cum.is_null()) {
    return t.raise(in.exc.TypeError, "Cannot specify both weights and cumulative weights");
  }
  std::vector<double> cumulative;
  Value source = !cum.is_null() ? cum : weights;
  if (!source.is_null()) {
    List* w = list_from_iterable(t, source);
    if (w == nullptr) return Value();
    double acc = 0;
    for (std::int64_t i = 0; i < w->size; ++i) {
      double x;
      if (!to_double(t, w->items[i], &x)) return Value();
      acc = cum.is_null() ? acc + x : x;
      cumulative.push_back(acc);
    }
    if (cumulative.empty() && pool->size == 0) {
      return t.raise(in.exc.IndexError, "list index out of range");
    }
    if (cumulative.size() != static_cast<std::size_t>(pool->size)) {
      return t.raise(in.exc.ValueError, "The number of weights does not match the population");
    }
  }
  if (k < 0) k = 0;
  support::Result<std::vector<std::int64_t>> picks =
      locked_rng(t)->choices_indices(pool->size, k, cumulative);
  if (!picks) return raise_support_error(t, picks.error());
  List* out = make_list(t, k);
  for (std::int64_t i = 0; i < k; ++i) out->items[i] = pool->items[(*picks)[i]];
  return Value::object(out);
}

NATIVE(random_getrandbits) {
  (void)kwnames;
  if (!check_nargs(t, "getrandbits", nargs, 1, 1)) return Value();
  std::int64_t k;
  if (!to_index(t, args[0], &k)) return Value();
  if (k < 0) return t.raise(t.interp().exc.ValueError, "number of bits must be non-negative");
  if (k > 63) {
    return t.raise(t.interp().exc.OverflowError,
                   "integer overflow: Interleave's int holds 64 bits (arbitrary precision is not "
                   "supported)");
  }
  return make_int(t, static_cast<std::int64_t>(locked_rng(t)->getrandbits(static_cast<int>(k))));
}

NATIVE(random_gauss) {
  (void)kwnames;
  double mu = 0, sigma = 1;
  if (nargs > 0 && !to_double(t, args[0], &mu)) return Value();
  if (nargs > 1 && !to_double(t, args[1], &sigma)) return Value();
  return make_float(t, locked_rng(t)->gauss(mu, sigma));
}

Module* init_random(Thread& t) {
  Module* m = make_module(t, "random");
  add_function(t, m->dict, "seed", random_seed);
  add_function(t, m->dict, "random", random_random);
  add_function(t, m->dict, "uniform", random_uniform);
  add_function(t, m->dict, "randrange", random_randrange);
  add_function(t, m->dict, "randint", random_randint);
  add_function(t, m->dict, "choice", random_choice);
  add_function(t, m->dict, "shuffle", random_shuffle);
  add_function(t, m->dict, "sample", random_sample);
  add_function(t, m->dict, "gauss", random_gauss);
  add_function(t, m->dict, "choices", random_choices);
  add_function(t, m->dict, "getrandbits", random_getrandbits);
  return m;
}

// --- _thread -------------------------------------------------------------------------------------

LockObject* self_lock(const Value* args) {
  return static_cast<LockObject*>(args[0].as_object());
}

// acquire(blocking=True, timeout=-1) for Lock and RLock.
Value lock_acquire_impl(Thread& t, const Value* args, int nargs, Tuple* kwnames, bool rlock) {
  Interpreter& in = t.interp();
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Value bv = kw.npos > 1 ? args[1] : kw.get("blocking");
  Value tv = kw.npos > 2 ? args[2] : kw.get("timeout");
  bool blocking = true;
  if (!bv.is_null()) {
    int r = truthy(t, bv);
    if (r < 0) return Value();
    blocking = r == 1;
  }
  double timeout = -1;
  if (!tv.is_null() && tv != in.none && !to_double(t, tv, &timeout)) return Value();
  if (!blocking && timeout != -1) {
    return t.raise(in.exc.ValueError, "can't specify a timeout for a non-blocking call");
  }
  if (timeout < 0 && timeout != -1) {
    return t.raise(in.exc.ValueError, "timeout value must be positive");
  }
  std::uint64_t epoch = t.driver().epoch();
  LockObject* l = self_lock(args);
  std::uint64_t owner = 0;  // read under the lock: for the wait report
  {
    ObjectLock guard(l, in.free_threaded());
    owner = l->owner;
    if (rlock) {
      if (l->count > 0 && l->owner == t.ident()) {
        ++l->count;
        return in.true_;
      }
      if (l->count == 0) {
        l->count = 1;
        l->owner = t.ident();
        return in.true_;
      }
    } else if (!l->locked) {
      l->locked = true;
      l->owner = t.ident();
      return in.true_;
    }
  }
  if (!blocking) return in.false_;
  std::int64_t deadline = -1;
  if (t.retrying()) {
    deadline = t.retry_deadline();
  } else if (timeout >= 0) {
    if (!deadline_after(t, make_float(t, timeout), &deadline)) return Value();
  }
  if (deadline >= 0 && t.driver().monotonic_ns() >= deadline) return in.false_;
  Thread* holder = thread_by_ident(t, owner);
  return t.block(rlock ? WaitKind::RLock : WaitKind::Lock, l, deadline, epoch, holder,
                 std::string(rlock ? "RLock " : "Lock ") + wait_label(t, l));
}

NATIVE(lock_acquire) {
  return lock_acquire_impl(t, args, nargs, kwnames, false);
}
NATIVE(rlock_acquire) {
  return lock_acquire_impl(t, args, nargs, kwnames, true);
}

NATIVE(lock_enter) {
  (void)kwnames;
  (void)nargs;
  return lock_acquire_impl(t, args, 1, nullptr, false);
}
NATIVE(rlock_enter) {
  (void)kwnames;
  (void)nargs;
  return lock_acquire_impl(t, args, 1, nullptr, true);
}

NATIVE(lock_release) {
  (void)kwnames;
  (void)nargs;
  Interpreter& in = t.interp();
  LockObject* l = self_lock(args);
  {
    ObjectLock guard(l, in.free_threaded());
    if (!l->locked) return t.raise(in.exc.RuntimeError, "release unlocked lock");
    l->locked = false;
    l->owner = 0;
  }
  t.driver().notify(l);
  return in.none;
}

NATIVE(rlock_release) {
  (void)kwnames;
  (void)nargs;
  Interpreter& in = t.interp();
  LockObject* l = self_lock(args);
  bool freed = false;
  {
    ObjectLock guard(l, in.free_threaded());
    if (l->count == 0 || l->owner != t.ident()) {
      return t.raise(in.exc.RuntimeError, "cannot release un-acquired lock");
    }
    if (--l->count == 0) {
      l->owner = 0;
      freed = true;
    }
  }
  if (freed) t.driver().notify(l);
  return in.none;
}

NATIVE(lock_exit) {
  (void)nargs;
  return lock_release(t, args, 1, kwnames);
}
NATIVE(rlock_exit) {
  (void)nargs;
  return rlock_release(t, args, 1, kwnames);
}

NATIVE(lock_locked) {
  (void)kwnames;
  (void)nargs;
  LockObject* l = self_lock(args);
  ObjectLock guard(l, t.interp().free_threaded());
  return make_bool(t, l->type->layout == Layout::RLock ? l->count > 0 : l->locked);
}

NATIVE(rlock_is_owned) {
  (void)kwnames;
  (void)nargs;
  LockObject* l = self_lock(args);
  ObjectLock guard(l, t.interp().free_threaded());
  return make_bool(t, l->count > 0 && l->owner == t.ident());
}

// Condition support: release completely, remembering the recursion count.
NATIVE(rlock_release_save) {
  (void)kwnames;
  (void)nargs;
  Interpreter& in = t.interp();
  LockObject* l = self_lock(args);
  std::int64_t count;
  std::uint64_t owner;
  {
    ObjectLock guard(l, in.free_threaded());
    count = l->count;
    owner = l->owner;
    if (count == 0) return t.raise(in.exc.RuntimeError, "cannot release un-acquired lock");
    l->count = 0;
    l->owner = 0;
  }
  Value state[2] = {make_int(t, count), make_int(t, static_cast<std::int64_t>(owner))};
  t.driver().notify(l);
  return Value::object(make_tuple(t, state, 2));
}

NATIVE(rlock_acquire_restore) {
  (void)kwnames;
  if (!check_nargs(t, "_acquire_restore", nargs - 1, 1, 1)) return Value();
  Value r = lock_acquire_impl(t, args, 1, nullptr, true);
  if (r.is_null() || r.is_blocked()) return r;
  LockObject* l = self_lock(args);
  ObjectLock guard(l, t.interp().free_threaded());
  l->count = int_value(as_tuple(args[1])->items()[0]);
  return t.interp().none;
}

NATIVE(thread_allocate_lock) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return Value::object(t.interp().make<LockObject>(&t, t.interp().types.lock));
}

NATIVE(thread_rlock) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return Value::object(t.interp().make<LockObject>(&t, t.interp().types.rlock));
}

NATIVE(thread_get_ident) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return make_int(t, static_cast<std::int64_t>(t.ident()));
}

Thread* handle_thread(Thread& t, Value h) {
  std::int64_t i = int_value(h);
  Interpreter& in = t.interp();
  std::lock_guard<std::mutex> lock(in.mutex);
  if (i < 0 || i >= static_cast<std::int64_t>(in.threads.size())) return nullptr;
  return in.threads[static_cast<std::size_t>(i)].get();
}

// _start(thread_object, name, daemon) -> handle
NATIVE(thread_start) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (!check_nargs(t, "_start", nargs, 3, 3)) return Value();
  Value bootstrap = get_attr(t, args[0], names(t)._bootstrap);
  if (bootstrap.is_null()) return bootstrap;
  std::string name(as_str(args[1])->view());
  int daemon = truthy(t, args[2]);
  Thread* th = in.new_thread(bootstrap, args[0], name, daemon == 1);
  if (!t.driver().start_thread(*th)) {
    th->finished_ = true;
    return t.raise(in.exc.RuntimeError, "can't start new thread");
  }
  std::int64_t index;
  {
    std::lock_guard<std::mutex> lock(in.mutex);
    index = static_cast<std::int64_t>(in.threads.size()) - 1;
    for (std::size_t i = 0; i < in.threads.size(); ++i) {
      if (in.threads[i].get() == th) index = static_cast<std::int64_t>(i);
    }
  }
  return make_int(t, index);
}

NATIVE(thread_ident) {
  (void)kwnames;
  (void)nargs;
  Thread* th = handle_thread(t, args[0]);
  return make_int(t, th == nullptr ? 0 : static_cast<std::int64_t>(th->ident()));
}

NATIVE(thread_is_alive) {
  (void)kwnames;
  (void)nargs;
  Thread* th = handle_thread(t, args[0]);
  return make_bool(t, th != nullptr && !th->finished_);
}

NATIVE(thread_set_name) {
  (void)kwnames;
  (void)nargs;
  Thread* th = handle_thread(t, args[0]);
  if (th != nullptr && is_str(args[1])) th->set_name(std::string(as_str(args[1])->view()));
  return none(t);
}

// _join(handle, timeout) -> True when the thread finished.
NATIVE(thread_join) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (!check_nargs(t, "_join", nargs, 2, 2)) return Value();
  std::uint64_t epoch = t.driver().epoch();
  Thread* th = handle_thread(t, args[0]);
  if (th == nullptr || th->finished_) return in.true_;
  std::int64_t deadline = -1;
  if (t.retrying()) {
    deadline = t.retry_deadline();
  } else if (args[1] != in.none) {
    double s;
    if (!to_double(t, args[1], &s)) return Value();
    if (s < 0) s = 0;
    if (!deadline_after(t, make_float(t, s), &deadline)) return Value();
  }
  if (deadline >= 0 && t.driver().monotonic_ns() >= deadline) return in.false_;
  return t.block(WaitKind::Join, th, deadline, epoch, th, "join of " + th->name());
}

NATIVE(thread_print_exception) {
  (void)kwnames;
  if (!check_nargs(t, "_print_exception", nargs, 2, 2)) return Value();
  std::string text;
  if (args[0] != t.interp().none) {
    text = "Exception in thread ";
    if (!str_into(t, args[0], text)) return Value();
    text += ":\n";
  }
  text += format_exception(t, args[1]);
  t.driver().write(2, text);
  return none(t);
}

NATIVE(thread_main_ident) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  Thread* m = t.interp().main_thread;
  return make_int(t, m == nullptr ? 0 : static_cast<std::int64_t>(m->ident()));
}

Module* init_thread(Thread& t) {
  Interpreter& in = t.interp();
  Module* m = make_module(t, "_thread");
  add_function(t, m->dict, "allocate_lock", thread_allocate_lock);
  add_function(t, m->dict, "RLock", thread_rlock);
  add_function(t, m->dict, "get_ident", thread_get_ident);
  add_function(t, m->dict, "_start", thread_start);
  add_function(t, m->dict, "_ident", thread_ident);
  add_function(t, m->dict, "_is_alive", thread_is_alive);
  add_function(t, m->dict, "_set_name", thread_set_name);
  add_function(t, m->dict, "_join", thread_join);
  add_function(t, m->dict, "_print_exception", thread_print_exception);
  add_function(t, m->dict, "_main_ident", thread_main_ident);
  set(t, m, "LockType", Value::object(in.types.lock));
  // threading.local: instances whose attributes live in a dict per thread (attr.cpp).
  // CPython's type is named "_thread._local" in reprs and messages and "_local" as __name__.
  Type* local = make_type(t, "_thread._local", in.types.object, Layout::Instance, false);
  local->qualname = in.intern("_local");
  local->thread_local_attrs = true;
  local->module = Value::object(in.intern("_thread"));
  set(t, m, "_local", Value::object(local));
  set(t, m, "TIMEOUT_MAX", make_float(t, 9223372036.0));
  Types& ty = in.types;
  add_method(t, ty.lock, "acquire", lock_acquire);
  add_method(t, ty.lock, "release", lock_release);
  add_method(t, ty.lock, "locked", lock_locked);
  add_method(t, ty.lock, "__enter__", lock_enter);
  add_method(t, ty.lock, "__exit__", lock_exit);
  add_method(t, ty.lock, "acquire_lock", lock_acquire);
  add_method(t, ty.lock, "release_lock", lock_release);
  add_method(t, ty.rlock, "acquire", rlock_acquire);
  add_method(t, ty.rlock, "release", rlock_release);
  add_method(t, ty.rlock, "__enter__", rlock_enter);
  add_method(t, ty.rlock, "__exit__", rlock_exit);
  add_method(t, ty.rlock, "_is_owned", rlock_is_owned);
  add_method(t, ty.rlock, "_release_save", rlock_release_save);
  add_method(t, ty.rlock, "_acquire_restore", rlock_acquire_restore);
  add_method(t, ty.rlock, "locked", lock_locked);
  return m;
}

// Modules written in Python (threading, queue): compiled from the prelude and run nested.
Module* init_python_module(Thread& t, const char* name, std::string_view source) {
  Interpreter& in = t.interp();
  Module* m = make_module(t, name);
  dict_set_str(t, in.modules, in.intern(name), Value::object(m));
  if (!run_prelude(t, m, name, source)) {
    dict_del(t, in.modules, Value::object(in.intern(name)));
    return nullptr;
  }
  return m;
}

Module* init_time_calendar(Thread& t) {
  return init_python_module(t, "_time_calendar", kTimeCalendarSource);
}

Module* init_threading(Thread& t) {
  return init_python_module(t, "threading", kThreadingSource);
}
Module* init_queue(Thread& t) {
  return init_python_module(t, "queue", kQueueSource);
}
// `concurrent` is a package with one module in it; importing concurrent.futures sets the
// package's attribute (Interpreter::import_module).
Module* init_concurrent(Thread& t) {
  return make_module(t, "concurrent");
}
Module* init_futures(Thread& t) {
  return init_python_module(t, "concurrent.futures", kFuturesSource);
}
Module* init_consume(Thread& t) {
  return init_python_module(t, "_consume", kConsumeSource);
}
Module* init_operator(Thread& t) {
  return init_python_module(t, "operator", kOperatorSource);
}

// collections._caller_module(): the __name__ of the module whose code called the Python function
// that calls this (namedtuple's __module__, as CPython reads it from sys._getframe(1)).
NATIVE(collections_caller_module) {
  if (!check_nargs(t, "_caller_module", nargs, 0, 0)) return Value();
  Frame* f = t.frame != nullptr ? t.frame->back : nullptr;
  Value name = f != nullptr ? dict_get_str(f->globals, names(t).__name__) : Value();
  return name.is_null() ? str_value(t, "__main__") : name;
}

Module* init_functools(Thread& t) {
  return init_python_module(t, "functools", kFunctoolsSource);
}
Module* init_itertools(Thread& t) {
  return init_python_module(t, "itertools", kItertoolsSource);
}
Module* init_logging(Thread& t) {
  return init_python_module(t, "logging", kLoggingSource);
}
Module* init_dataclasses(Thread& t) {
  return init_python_module(t, "dataclasses", kDataclassesSource);
}
Module* init_typing(Thread& t) {
  return init_python_module(t, "typing", kTypingSource);
}
Module* init_future(Thread& t) {
  return init_python_module(t, "__future__", kFutureSource);
}
Module* init_contextlib(Thread& t) {
  return init_python_module(t, "contextlib", kContextlibSource);
}

Module* init_collections(Thread& t) {
  Module* m = init_python_module(t, "collections", kCollectionsSource);
  if (m != nullptr) add_function(t, m->dict, "_caller_module", collections_caller_module);
  return m;
}

}  // namespace

void install_modules(Thread& t) {
  Interpreter& in = t.interp();
  in.module_inits["sys"] = init_sys;
  in.module_inits["time"] = init_time;
  in.module_inits["_time_calendar"] = init_time_calendar;
  in.module_inits["os"] = init_os;
  in.module_inits["math"] = init_math;
  in.module_inits["random"] = init_random;
  in.module_inits["_thread"] = init_thread;
  in.module_inits["threading"] = init_threading;
  in.module_inits["queue"] = init_queue;
  in.module_inits["concurrent"] = init_concurrent;
  in.module_inits["concurrent.futures"] = init_futures;
  in.module_inits["_consume"] = init_consume;
  in.module_inits["operator"] = init_operator;
  in.module_inits["collections"] = init_collections;
  in.module_inits["functools"] = init_functools;
  in.module_inits["itertools"] = init_itertools;
  in.module_inits["logging"] = init_logging;
  in.module_inits["dataclasses"] = init_dataclasses;
  in.module_inits["typing"] = init_typing;
  in.module_inits["__future__"] = init_future;
  in.module_inits["contextlib"] = init_contextlib;
  auto* rs = in.make<RandomState>(&t, in.types.native);
  rs->destroy = [](NativeState* n) { static_cast<RandomState*>(n)->~RandomState(); };
  if (in.config().seed >= 0) {
    rs->rng.seed(in.config().seed);
  } else {
    rs->rng.seed_entropy(static_cast<std::uint64_t>(in.driver().wall_ns()));
  }
  in.random_state = rs;
}

}  // namespace interleave::vm
