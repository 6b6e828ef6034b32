// The builtins module: print, len, the constructors of the built-in types, min/max/sum/sorted,
// isinstance, getattr and friends, super(), __build_class__ (class creation with the __class__
// cell), and the exception classes. CPython 3.11's argument handling and messages. Natives run on
// the executing thread.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

void add_method(Thread& t, Type* type, const char* name, NativeFn fn) {
  Builtin* b = make_builtin(t, name, fn, Value(), type);
  dict_set_str(t, type->dict, t.interp().intern(name), Value::object(b));
}

void add_function(Thread& t, Dict* d, const char* name, NativeFn fn) {
  Builtin* b = make_builtin(t, name, fn);
  dict_set_str(t, d, t.interp().intern(name), Value::object(b));
}

namespace {

#define NATIVE(name)                                                         \
  Value name([[maybe_unused]] Thread& t, [[maybe_unused]] const Value* args, \
             [[maybe_unused]] int nargs, [[maybe_unused]] Tuple* kwnames)
#define UNUSED_ARGS() \
  (void)t;            \
  (void)args;         \
  (void)nargs;        \
  (void)kwnames

// --- sorting -------------------------------------------------------------------------------------

struct SortItem {
  Value key;
  Value value;
};

bool merge_sort(Thread& t, std::vector<SortItem>& v, SortItem* tmp, std::size_t lo, std::size_t hi,
                bool reverse) {
  if (hi - lo < 2) return true;
  std::size_t mid = (lo + hi) / 2;
  if (!merge_sort(t, v, tmp, lo, mid, reverse) || !merge_sort(t, v, tmp, mid, hi, reverse)) {
    return false;
  }
  std::size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    // Stable: take from the right only when strictly less (reverse keeps stability too).
    int less = reverse ? less_than(t, v[i].key, v[j].key) : less_than(t, v[j].key, v[i].key);
    if (less < 0 || t.poll()) return false;
    if (less) {
      tmp[k++] = v[j++];
    } else {
      tmp[k++] = v[i++];
    }
  }
  while (i < mid) tmp[k++] = v[i++];
  while (j < hi) tmp[k++] = v[j++];
  for (std::size_t x = lo; x < hi; ++x) v[x] = tmp[x];
  return true;
}

}  // namespace

Str* attr_name(Thread& t, Value v) {
  if (!is_str(v)) {
    t.raise_fmt(t.interp().exc.TypeError, "attribute name must be string, not '%s'",
                type_name(t, v));
    return nullptr;
  }
  return t.interp().intern(as_str(v)->view());
}

bool sort_values(Thread& t, Value* items, std::int64_t n, Value key, bool reverse) {
  // Memory is touched step by step (no up-front zero fill), so a stop request or the heap limit
  // is noticed within a few thousand steps even for millions of items.
  std::vector<SortItem> v;
  v.reserve(static_cast<std::size_t>(n));
  RootScope roots(t);
  for (std::int64_t i = 0; i < n; ++i) {
    if (key.is_null() || key == t.interp().none) {
      if (t.poll()) return false;
      v.push_back(SortItem{items[i], items[i]});
    } else {
      Value k = t.call(key, &items[i], 1);
      if (k.is_null() || t.poll()) return false;
      roots.add(k);
      v.push_back(SortItem{k, items[i]});
    }
  }
  std::unique_ptr<SortItem, decltype(&std::free)> tmp(
      static_cast<SortItem*>(std::malloc(sizeof(SortItem) * (v.empty() ? 1 : v.size()))),
      &std::free);
  if (tmp == nullptr) throw std::bad_alloc();
  if (!merge_sort(t, v, tmp.get(), 0, v.size(), reverse)) return false;
  // Sorted: written back in full (a stop request now waits for the copy, one pass).
  for (std::int64_t i = 0; i < n; ++i) items[i] = v[i].value;
  return true;
}

namespace {

// --- output --------------------------------------------------------------------------------------

NATIVE(builtin_print) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"sep", "end", "file", "flush", nullptr};
  if (!check_kwargs(t, "print", kw, allowed)) return Value();
  Interpreter& in = t.interp();
  std::string sep = " ", end = "\n";
  Value s = kw.get("sep");
  if (!s.is_null() && s != in.none) {
    if (!is_str(s)) {
      return t.raise_fmt(in.exc.TypeError, "sep must be None or a string, not %s", type_name(t, s));
    }
    sep = as_str(s)->view();
  }
  Value e = kw.get("end");
  if (!e.is_null() && e != in.none) {
    if (!is_str(e)) {
      return t.raise_fmt(in.exc.TypeError, "end must be None or a string, not %s", type_name(t, e));
    }
    end = as_str(e)->view();
  }
  std::string out;
  for (int i = 0; i < kw.npos; ++i) {
    if (i > 0) out += sep;
    if (!str_into(t, args[i], out)) return Value();
  }
  out += end;
  int fd = 1;
  Value file = kw.get("file");
  if (!file.is_null() && file != in.none) {
    Value fdv = get_attr_opt(t, file, in.intern("_fd"));
    if (fdv.is_null()) {
      if (t.has_exception()) return Value();
      // Any object with write(): call it.
      Value w = get_attr(t, file, names(t).write);
      if (w.is_null()) return w;
      Value text = str_value(t, out);
      if (t.call(w, &text, 1).is_null()) return Value();
      return in.none;
    }
    fd = static_cast<int>(int_value(fdv));
  }
  t.driver().write(fd, out);
  return in.none;
}

NATIVE(builtin_input) {
  (void)kwnames;
  if (nargs > 0) {
    std::string prompt;
    if (!str_into(t, args[0], prompt)) return Value();
    t.driver().write(1, prompt);
  }
  // No stdin is attached to a program: like reading an empty line.
  return Value::object(t.interp().empty_str);
}

// --- basic functions -----------------------------------------------------------------------------

NATIVE(builtin_len) {
  if (!no_kwargs(t, "len", kwnames) || !check_nargs(t, "len", nargs, 1, 1)) return Value();
  Value v = args[0];
  switch (layout_of(v)) {
    case Layout::Str:
      return Value::small(as_str(v)->chars);
    case Layout::List:
      return Value::small(list_len(as_list(v)));
    case Layout::Tuple:
      return Value::small(as_tuple(v)->size);
    case Layout::Dict:
    case Layout::Set:
      return Value::small(dict_len(as_dict(v)));
    case Layout::DictView:
      return Value::small(dict_len(static_cast<DictView*>(v.as_object())->dict));
    case Layout::Range:
    {
      const std::int64_t n = range_length(static_cast<Range*>(v.as_object()));
      return n < 0 ? range_too_long(t) : make_int(t, n);
    }
    case Layout::Instance:
    case Layout::Exception: {
      bool found = false;
      Value r = call_special(t, v, names(t).__len__, nullptr, 0, &found);
      if (found) {
        if (r.is_null()) return r;
        if (!is_int(r)) {
          // CPython takes any object with __index__ (a bool too) as the length.
          Value n = index_of(t, r);
          if (n.is_null()) {
            if (t.has_exception()) return n;
            return t.raise_fmt(t.interp().exc.TypeError,
                               "'%s' object cannot be interpreted as an integer", type_name(t, r));
          }
          r = make_int(t, int_value(n));
        }
        if (int_value(r) < 0)
          return t.raise(t.interp().exc.ValueError, "__len__() should return >= 0");
        return r;
      }
      break;
    }
    default:
      break;
  }
  return t.raise_fmt(t.interp().exc.TypeError, "object of type '%s' has no len()", type_name(t, v));
}

NATIVE(builtin_repr) {
  if (!no_kwargs(t, "repr", kwnames) || !check_nargs(t, "repr", nargs, 1, 1)) return Value();
  return repr(t, args[0]);
}

NATIVE(builtin_ascii) {
  if (!check_nargs(t, "ascii", nargs, 1, 1)) return Value();
  (void)kwnames;
  return repr(t, args[0]);
}

NATIVE(builtin_format) {
  (void)kwnames;
  if (!check_nargs(t, "format", nargs, 1, 2)) return Value();
  std::string_view spec;
  if (nargs == 2) {
    if (!is_str(args[1]))
      return t.raise(t.interp().exc.TypeError, "format() argument 2 must be str");
    spec = as_str(args[1])->view();
  }
  return format_value(t, args[0], spec);
}

// bin(), oct(), hex(): the integer in base 2, 8 or 16 with its prefix ('-0b101').
Value int_in_base(Thread& t, const Value* args, int nargs, const char* fname,
                  std::string_view spec) {
  if (!check_nargs(t, fname, nargs, 1, 1)) return Value();
  std::int64_t n;
  if (!to_index(t, args[0], &n)) return Value();
  return format_value(t, make_int(t, n), spec);
}
NATIVE(builtin_bin) {
  (void)kwnames;
  return int_in_base(t, args, nargs, "bin", "#b");
}
NATIVE(builtin_oct) {
  (void)kwnames;
  return int_in_base(t, args, nargs, "oct", "#o");
}
NATIVE(builtin_hex) {
  (void)kwnames;
  return int_in_base(t, args, nargs, "hex", "#x");
}

NATIVE(builtin_abs) {
  if (!no_kwargs(t, "abs", kwnames) || !check_nargs(t, "abs", nargs, 1, 1)) return Value();
  Value v = args[0];
  if (is_int(v) || layout_of(v) == Layout::Bool) {
    std::int64_t x = int_value(v);
    if (x == INT64_MIN) {
      return t.raise(t.interp().exc.OverflowError,
                     "integer overflow: Interleave's int holds 64 bits (arbitrary precision is "
                     "not supported)");
    }
    return make_int(t, x < 0 ? -x : x);
  }
  if (layout_of(v) == Layout::Float) return make_float(t, std::fabs(float_value(v)));
  bool found = false;
  Value r = call_special(t, v, names(t).__abs__, nullptr, 0, &found);
  if (found) return r;
  return t.raise_fmt(t.interp().exc.TypeError, "bad operand type for abs(): '%s'", type_name(t, v));
}

Value min_max(Thread& t, const Value* args, int nargs, Tuple* kwnames, bool is_max) {
  const char* fname = is_max ? "max" : "min";
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"key", "default", nullptr};
  if (!check_kwargs(t, fname, kw, allowed)) return Value();
  Interpreter& in = t.interp();
  if (kw.npos == 0) {
    return t.raise_fmt(in.exc.TypeError, "%s expected at least 1 argument, got 0", fname);
  }
  Value key = kw.get("key");
  Value dflt = kw.get("default");
  RootScope roots(t);
  List* items;
  if (kw.npos == 1) {
    items = list_from_iterable(t, args[0]);
    if (items == nullptr) return Value();
  } else {
    if (!dflt.is_null()) {
      return t.raise_fmt(in.exc.TypeError,
                         "Cannot specify a default for %s() with multiple positional arguments",
                         fname);
    }
    items = make_list(t, kw.npos);
    for (int i = 0; i < kw.npos; ++i) items->items[i] = args[i];
  }
  roots.add(Value::object(items));
  if (items->size == 0) {
    if (!dflt.is_null()) return dflt;
    return t.raise_fmt(in.exc.ValueError, "%s() arg is an empty sequence", fname);
  }
  Value best = items->items[0];
  Value best_key = best;
  if (!key.is_null() && key != in.none) {
    best_key = t.call(key, &best, 1);
    if (best_key.is_null()) return best_key;
    roots.add(best_key);
  }
  for (std::int64_t i = 1; i < items->size; ++i) {
    Value v = items->items[i];
    Value k = v;
    if (!key.is_null() && key != in.none) {
      k = t.call(key, &v, 1);
      if (k.is_null()) return k;
      roots.add(k);
    }
    int better = is_max ? less_than(t, best_key, k) : less_than(t, k, best_key);
    if (better < 0) return Value();
    if (better) {
      best = v;
      best_key = k;
    }
  }
  return best;
}

NATIVE(builtin_max) {
  return min_max(t, args, nargs, kwnames, true);
}
NATIVE(builtin_min) {
  return min_max(t, args, nargs, kwnames, false);
}

NATIVE(builtin_sum) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"start", nullptr};
  if (!check_kwargs(t, "sum", kw, allowed)) return Value();
  if (kw.npos < 1 || kw.npos > 2) {
    return t.raise_fmt(t.interp().exc.TypeError, "sum() takes at most 2 arguments (%d given)",
                       kw.npos);
  }
  Value acc =
      kw.npos == 2 ? args[1] : (kw.get("start").is_null() ? Value::small(0) : kw.get("start"));
  if (is_str(acc)) {
    return t.raise(t.interp().exc.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  }
  RootScope roots(t);
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  roots.add(it);
  for (;;) {
    Value x = iter_next(t, it);
    if (x.is_null()) return t.has_exception() ? Value() : acc;
    if (acc.is_small() && x.is_small()) {
      std::int64_t r = acc.as_small() + x.as_small();
      if (Value::fits_small(r)) {
        acc = Value::small(r);
        continue;
      }
    }
    acc = binary_op(t, kAdd, acc, x);
    if (acc.is_null()) return acc;
    roots.add(acc);
  }
}

NATIVE(builtin_sorted) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"key", "reverse", nullptr};
  if (!check_kwargs(t, "sorted", kw, allowed)) return Value();
  if (kw.npos != 1) {
    return t.raise_fmt(t.interp().exc.TypeError, "sorted expected 1 argument, got %d", kw.npos);
  }
  List* l = list_from_iterable(t, args[0]);
  if (l == nullptr) return Value();
  RootScope roots(t);
  roots.add(Value::object(l));
  Value rev = kw.get("reverse");
  bool reverse = false;
  if (!rev.is_null()) {
    int r = truthy(t, rev);
    if (r < 0) return Value();
    reverse = r == 1;
  }
  if (!sort_values(t, l->items, l->size, kw.get("key"), reverse)) return Value();
  return Value::object(l);
}

NATIVE(builtin_any) {
  (void)kwnames;
  if (!check_nargs(t, "any", nargs, 1, 1)) return Value();
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  RootScope roots(t);
  roots.add(it);
  for (;;) {
    Value x = iter_next(t, it);
    if (x.is_null()) return t.has_exception() ? Value() : t.interp().false_;
    int r = truthy(t, x);
    if (r < 0) return Value();
    if (r) return t.interp().true_;
  }
}

NATIVE(builtin_all) {
  (void)kwnames;
  if (!check_nargs(t, "all", nargs, 1, 1)) return Value();
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  RootScope roots(t);
  roots.add(it);
  for (;;) {
    Value x = iter_next(t, it);
    if (x.is_null()) return t.has_exception() ? Value() : t.interp().true_;
    int r = truthy(t, x);
    if (r < 0) return Value();
    if (!r) return t.interp().false_;
  }
}

bool class_check(Thread& t, Value cls, const char* fname) {
  if (layout_of(cls) == Layout::Type) return true;
  if (layout_of(cls) == Layout::Tuple) {
    Tuple* tu = as_tuple(cls);
    for (std::int64_t i = 0; i < tu->size; ++i) {
      if (!class_check(t, tu->items()[i], fname)) return false;
    }
    return true;
  }
  t.raise_fmt(t.interp().exc.TypeError, "%s() arg 2 must be a type, a tuple of types, or a union",
              fname);
  return false;
}

bool matches_class(Type* type, Value cls) {
  if (layout_of(cls) == Layout::Tuple) {
    Tuple* tu = as_tuple(cls);
    for (std::int64_t i = 0; i < tu->size; ++i) {
      if (matches_class(type, tu->items()[i])) return true;
    }
    return false;
  }
  return is_subtype(type, as_type(cls));
}

NATIVE(builtin_isinstance) {
  if (!no_kwargs(t, "isinstance", kwnames) || !check_nargs(t, "isinstance", nargs, 2, 2)) {
    return Value();
  }
  if (!class_check(t, args[1], "isinstance")) return Value();
  return make_bool(t, matches_class(type_of(t, args[0]), args[1]));
}

NATIVE(builtin_issubclass) {
  if (!no_kwargs(t, "issubclass", kwnames) || !check_nargs(t, "issubclass", nargs, 2, 2)) {
    return Value();
  }
  if (layout_of(args[0]) != Layout::Type) {
    return t.raise(t.interp().exc.TypeError, "issubclass() arg 1 must be a class");
  }
  if (!class_check(t, args[1], "issubclass")) return Value();
  return make_bool(t, matches_class(as_type(args[0]), args[1]));
}

NATIVE(builtin_id) {
  (void)kwnames;
  if (!check_nargs(t, "id", nargs, 1, 1)) return Value();
  if (args[0].is_small()) return make_int(t, static_cast<std::int64_t>(args[0].bits() >> 1));
  return make_int(t,
                  static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(args[0].as_object())));
}

NATIVE(builtin_hash) {
  (void)kwnames;
  if (!check_nargs(t, "hash", nargs, 1, 1)) return Value();
  std::int64_t h;
  if (!hash_value(t, args[0], &h)) return Value();
  return make_int(t, h);
}

NATIVE(builtin_callable) {
  (void)kwnames;
  if (!check_nargs(t, "callable", nargs, 1, 1)) return Value();
  return make_bool(t, is_callable(t, args[0]));
}

double round_half_even(double x, std::int64_t ndigits) {
  // Correctly rounded like CPython: go through the shortest decimal string at that precision.
  char buf[512];
  if (ndigits > 300) return x;
  if (ndigits >= 0) {
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
    return std::strtod(buf, nullptr);
  }
  double p = std::pow(10.0, static_cast<double>(-ndigits));
  double y = x / p;
  double r = std::nearbyint(y);
  return r * p;
}

NATIVE(builtin_round) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Interpreter& in = t.interp();
  if (kw.npos < 1 || kw.npos > 2) {
    return t.raise_fmt(in.exc.TypeError, "round() takes at most 2 arguments (%d given)", kw.npos);
  }
  Value x = args[0];
  Value nd = kw.npos == 2 ? args[1] : kw.get("ndigits");
  bool has_nd = !nd.is_null() && nd != in.none;
  std::int64_t ndigits = 0;
  if (has_nd && !to_index(t, nd, &ndigits)) return Value();
  if (is_int(x) || layout_of(x) == Layout::Bool) {
    std::int64_t v = int_value(x);
    if (!has_nd || ndigits >= 0) return make_int(t, v);
    if (ndigits < -18) return Value::small(0);
    std::int64_t p = 1;
    for (std::int64_t i = 0; i < -ndigits; ++i) p *= 10;
    std::int64_t q = v / p, r = v % p;
    if (r < 0) {
      r += p;
      q -= 1;
    }
    if (2 * r > p || (2 * r == p && (q & 1))) ++q;
    std::int64_t rounded;
    if (__builtin_mul_overflow(q, p, &rounded)) {
      return t.raise(in.exc.OverflowError, "integer overflow: Interleave's int holds 64 bits");
    }
    return make_int(t, rounded);
  }
  if (layout_of(x) == Layout::Float) {
    double d = float_value(x);
    if (!has_nd) {
      if (std::isnan(d)) return t.raise(in.exc.ValueError, "cannot convert float NaN to integer");
      if (std::isinf(d))
        return t.raise(in.exc.OverflowError, "cannot convert float infinity to integer");
      double r = std::nearbyint(d);
      if (std::fabs(r) >= 9.2233720368547758e18) {
        return t.raise(in.exc.OverflowError, "integer overflow: Interleave's int holds 64 bits");
      }
      return make_int(t, static_cast<std::int64_t>(r));
    }
    if (std::isnan(d) || std::isinf(d)) return x;
    return make_float(t, round_half_even(d, ndigits));
  }
  bool found = false;
  Value r = call_special(t, x, names(t).__round__, has_nd ? &nd : nullptr, has_nd ? 1 : 0, &found);
  if (found) return r;
  return t.raise_fmt(in.exc.TypeError, "type %s doesn't define __round__ method", type_name(t, x));
}

NATIVE(builtin_divmod) {
  (void)kwnames;
  if (!check_nargs(t, "divmod", nargs, 2, 2)) return Value();
  Interpreter& in = t.interp();
  auto is_user = [](Value v) {
    return layout_of(v) == Layout::Instance || layout_of(v) == Layout::Exception;
  };
  if (is_user(args[0]) || is_user(args[1])) {
    // __divmod__, then the other operand's __rdivmod__ (NotImplemented passes on).
    bool found = false;
    if (is_user(args[0])) {
      Value r = call_special(t, args[0], names(t).__divmod__, &args[1], 1, &found);
      if (found && (r.is_null() || r != in.notimpl)) return r;
    }
    if (is_user(args[1])) {
      Value r = call_special(t, args[1], names(t).__rdivmod__, &args[0], 1, &found);
      if (found && (r.is_null() || r != in.notimpl)) return r;
    }
    return t.raise_fmt(in.exc.TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                       type_name(t, args[0]), type_name(t, args[1]));
  }
  Value q = binary_op(t, kFloorDiv, args[0], args[1]);
  if (q.is_null()) return q;
  RootScope roots(t);
  roots.add(q);
  Value r = binary_op(t, kMod, args[0], args[1]);
  if (r.is_null()) return r;
  Value pair[2] = {q, r};
  return Value::object(make_tuple(t, pair, 2));
}

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// The inverse of x modulo mod (x < mod), or none when gcd(x, mod) != 1. Extended Euclid over
// signed 128-bit coefficients, so every modulus of the 64-bit range works.
std::optional<std::uint64_t> mod_inverse(std::uint64_t x, std::uint64_t mod) {
  Int128 old_r = x, r = mod, old_s = 1, s = 0;
  while (r != 0) {
    Int128 q = old_r / r;
    Int128 next_r = old_r - q * r;
    old_r = r;
    r = next_r;
    Int128 next_s = old_s - q * s;
    old_s = s;
    s = next_s;
  }
  if (old_r != 1) return std::nullopt;
  Int128 inv = old_s % static_cast<Int128>(mod);
  if (inv < 0) inv += mod;
  return static_cast<std::uint64_t>(inv);
}

NATIVE(builtin_pow) {
  (void)kwnames;
  if (!check_nargs(t, "pow", nargs, 2, 3)) return Value();
  if (nargs == 3 && args[2] != t.interp().none) {
    if (layout_of(args[0]) == Layout::Instance || layout_of(args[0]) == Layout::Exception) {
      // Three-argument pow of an object: its own __pow__(exp, mod).
      bool found = false;
      Value r = call_special(t, args[0], names(t).__pow__, &args[1], 2, &found);
      if (found && (r.is_null() || r != t.interp().notimpl)) return r;
      return t.raise_fmt(t.interp().exc.TypeError,
                         "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                         type_name(t, args[0]), type_name(t, args[1]), type_name(t, args[2]));
    }
    for (int i = 0; i < 3; ++i) {
      if (!is_int(args[i]) && layout_of(args[i]) != Layout::Bool) {
        return t.raise(t.interp().exc.TypeError,
                       "pow() 3rd argument not allowed unless all arguments are integers");
      }
    }
    std::int64_t b, e, m;
    if (!to_index(t, args[0], &b) || !to_index(t, args[1], &e) || !to_index(t, args[2], &m)) {
      return Value();
    }
    if (m == 0) return t.raise(t.interp().exc.ValueError, "pow() 3rd argument cannot be 0");
    // Unsigned: |m| may be 2**63, and b + |m| may not fit int64.
    const std::uint64_t mod =
        m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
    auto mulmod = [mod](std::uint64_t x, std::uint64_t y) {
      return static_cast<std::uint64_t>(static_cast<UInt128>(x) * y % mod);
    };
    std::uint64_t result = 1 % mod;
    const std::uint64_t magnitude =
        (b < 0 ? 0 - static_cast<std::uint64_t>(b) : static_cast<std::uint64_t>(b)) % mod;
    std::uint64_t base = b < 0 && magnitude != 0 ? mod - magnitude : magnitude;
    if (e < 0) {
      // CPython 3.8+: pow(b, -e, m) is pow(inverse of b mod m, e, m).
      std::optional<std::uint64_t> inverse = mod_inverse(base, mod);
      if (!inverse) {
        return t.raise(t.interp().exc.ValueError, "base is not invertible for the given modulus");
      }
      base = *inverse;
    }
    // |e| unsigned: -INT64_MIN does not fit int64.
    std::uint64_t exponent =
        e < 0 ? 0 - static_cast<std::uint64_t>(e) : static_cast<std::uint64_t>(e);
    while (exponent > 0) {
      if (exponent & 1) result = mulmod(result, base);
      base = mulmod(base, base);
      exponent >>= 1;
    }
    std::int64_t r = static_cast<std::int64_t>(result);
    if (m < 0 && r > 0) r += m;
    return make_int(t, r);
  }
  return binary_op(t, kPow, args[0], args[1]);
}

std::string utf8_encode(std::uint32_t c) {
  std::string s;
  if (c < 0x80) {
    s.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (c >> 6)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (c >> 12)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (c >> 18)));
    s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return s;
}

NATIVE(builtin_chr) {
  (void)kwnames;
  if (!check_nargs(t, "chr", nargs, 1, 1)) return Value();
  std::int64_t c;
  if (!to_index(t, args[0], &c)) return Value();
  if (c < 0 || c > 0x10FFFF)
    return t.raise(t.interp().exc.ValueError, "chr() arg not in range(0x110000)");
  return str_value(t, utf8_encode(static_cast<std::uint32_t>(c)));
}

NATIVE(builtin_ord) {
  (void)kwnames;
  if (!check_nargs(t, "ord", nargs, 1, 1)) return Value();
  if (!is_str(args[0])) {
    return t.raise_fmt(t.interp().exc.TypeError, "ord() expected string of length 1, but %s found",
                       type_name(t, args[0]));
  }
  Str* s = as_str(args[0]);
  if (s->chars != 1) {
    return t.raise_fmt(t.interp().exc.TypeError,
                       "ord() expected a character, but string of length %u found", s->chars);
  }
  auto* p = reinterpret_cast<const unsigned char*>(s->data());
  std::uint32_t c;
  if (p[0] < 0x80) {
    c = p[0];
  } else if (p[0] < 0xE0) {
    c = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  } else if (p[0] < 0xF0) {
    c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  } else {
    c = ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  }
  return make_int(t, c);
}

NATIVE(builtin_getattr) {
  (void)kwnames;
  if (!check_nargs(t, "getattr", nargs, 2, 3)) return Value();
  Str* name = attr_name(t, args[1]);
  if (name == nullptr) return Value();
  if (nargs == 2) return get_attr(t, args[0], name);
  Value v = get_attr_opt(t, args[0], name);
  if (v.is_null() && !t.has_exception()) return args[2];
  return v;
}

NATIVE(builtin_hasattr) {
  (void)kwnames;
  if (!check_nargs(t, "hasattr", nargs, 2, 2)) return Value();
  Str* name = attr_name(t, args[1]);
  if (name == nullptr) return Value();
  Value v = get_attr_opt(t, args[0], name);
  if (v.is_null() && t.has_exception()) {
    if (!isinstance(t, t.exc, t.interp().exc.AttributeError)) return Value();
    t.take_exception();
  }
  return make_bool(t, !v.is_null());
}

NATIVE(builtin_setattr) {
  (void)kwnames;
  if (!check_nargs(t, "setattr", nargs, 3, 3)) return Value();
  Str* name = attr_name(t, args[1]);
  if (name == nullptr) return Value();
  if (!set_attr(t, args[0], name, args[2])) return Value();
  return t.interp().none;
}

NATIVE(builtin_delattr) {
  (void)kwnames;
  if (!check_nargs(t, "delattr", nargs, 2, 2)) return Value();
  Str* name = attr_name(t, args[1]);
  if (name == nullptr) return Value();
  if (!del_attr(t, args[0], name)) return Value();
  return t.interp().none;
}

NATIVE(builtin_iter) {
  (void)kwnames;
  if (!check_nargs(t, "iter", nargs, 1, 2)) return Value();
  if (nargs == 2) {
    if (!is_callable(t, args[0]))
      return t.raise(t.interp().exc.TypeError, "iter(v, w): v must be callable");
    Iterator* it = make_iterator(t, t.interp().types.callable_iter, IterKind::Sentinel, args[0]);
    it->func = args[1];
    return Value::object(it);
  }
  return get_iter(t, args[0]);
}

NATIVE(builtin_next) {
  (void)kwnames;
  if (!check_nargs(t, "next", nargs, 1, 2)) return Value();
  Layout l = layout_of(args[0]);
  if (l != Layout::Iterator && l != Layout::Generator &&
      type_lookup(type_of(t, args[0]), names(t).__next__).is_null()) {
    return t.raise_fmt(t.interp().exc.TypeError, "'%s' object is not an iterator",
                       type_name(t, args[0]));
  }
  if (l == Layout::Generator) {
    bool done = false;
    Value v = generator_send(t, static_cast<Generator*>(args[0].as_object()), t.interp().none,
                             &done);
    if (!done) return v;
    if (nargs == 2) return args[1];
    return raise_stop_iteration(t, v);
  }
  Value v = iter_next(t, args[0]);
  if (v.is_null() && !t.has_exception()) {
    if (nargs == 2) return args[1];
    return t.raise(Value::object(make_exception(t, t.interp().exc.StopIteration, nullptr)));
  }
  return v;
}

NATIVE(builtin_vars) {
  (void)kwnames;
  if (nargs == 0) return Value::object(frame_locals(t, t.frame));
  return get_attr(t, args[0], names(t).__dict__);
}

NATIVE(builtin_globals) {
  UNUSED_ARGS();
  return Value::object(t.frame->globals);
}

// super(): reads the caller's __class__ cell and first argument, as CPython's zero-argument form.
NATIVE(builtin_super) {
  (void)kwnames;
  Interpreter& in = t.interp();
  Super* s = in.make<Super>(&t, in.types.super);
  if (nargs == 2) {
    if (layout_of(args[0]) != Layout::Type) {
      return t.raise(in.exc.TypeError, "super() argument 1 must be a type");
    }
    s->start_type = as_type(args[0]);
    s->obj = args[1];
    s->obj_type = layout_of(args[1]) == Layout::Type ? as_type(args[1]) : type_of(t, args[1]);
    return Value::object(s);
  }
  Frame* f = t.frame;
  if (f == nullptr || f->func == nullptr || f->code->argcount == 0) {
    return t.raise(in.exc.RuntimeError, "super(): no arguments");
  }
  Code* code = f->code;
  Value first = f->slots()[0];
  if (first.is_null() && !code->cell_args.empty()) {
    for (std::size_t i = 0; i < code->cell_args.size(); ++i) {
      if (code->cell_args[i] == 0) {
        first = static_cast<Cell*>(f->slots()[code->varnames.size() + i].as_object())->value;
      }
    }
  }
  Value cls;
  for (std::size_t i = 0; i < code->freevars.size(); ++i) {
    if (code->freevars[i] == in.names->__class__) {
      Value cell = f->slots()[code->varnames.size() + code->cellvars.size() + i];
      cls = static_cast<Cell*>(cell.as_object())->value;
    }
  }
  if (cls.is_null()) return t.raise(in.exc.RuntimeError, "super(): __class__ cell not found");
  if (first.is_null()) return t.raise(in.exc.RuntimeError, "super(): arg[0] deleted");
  s->start_type = as_type(cls);
  s->obj = first;
  s->obj_type = layout_of(first) == Layout::Type ? as_type(first) : type_of(t, first);
  if (!is_subtype(s->obj_type, s->start_type)) {
    return t.raise(in.exc.TypeError,
                   "super(type, obj): obj must be an instance or subtype of type");
  }
  return Value::object(s);
}

// "prog.py:5: RuntimeWarning: ..." on stderr, in the layout of CPython's warnings, at the line
// the calling frame executes.
void warn_no_finalizer(Thread& t, Str* class_name) {
  std::string text;
  Frame* f = t.frame;
  if (f != nullptr && f->code != nullptr && f->code->filename != nullptr) {
    const auto& positions = f->code->positions;
    std::uint32_t ip = f->ip > 0 ? f->ip - 1 : 0;
    int line = ip < positions.size() ? positions[ip].line : f->code->firstlineno;
    text += std::string(f->code->filename->view()) + ":" + std::to_string(line) + ": ";
  }
  text += "RuntimeWarning: class '" + std::string(class_name->view()) +
          "' defines __del__, which Interleave never calls (its collector runs no finalizers)\n";
  t.driver().write(2, text);
}

// __build_class__(func, name, *bases, **kw)
NATIVE(builtin_build_class) {
  Interpreter& in = t.interp();
  int nkw = kwnames == nullptr ? 0 : static_cast<int>(kwnames->size);
  int npos = nargs - nkw;
  if (npos < 2) return t.raise(in.exc.TypeError, "__build_class__: not enough arguments");
  auto* body = static_cast<Function*>(args[0].as_object());
  Str* name = as_str(args[1]);
  if (npos > 3) {
    return t.raise(in.exc.TypeError, "multiple inheritance is not supported by Interleave");
  }
  Type* base = in.types.object;
  if (npos == 3) {
    if (layout_of(args[2]) != Layout::Type) {
      return t.raise(in.exc.TypeError, "bases must be types");
    }
    base = as_type(args[2]);
    if (base->builtin && base->layout != Layout::Instance && base->layout != Layout::Exception) {
      return t.raise_fmt(in.exc.TypeError,
                         "subclassing the built-in type '%s' is not supported by Interleave",
                         base->name->data());
    }
  }
  for (int i = 0; i < nkw; ++i) {
    if (as_str(kwnames->items()[i])->view() == "metaclass") {
      return t.raise(in.exc.TypeError, "metaclasses are not supported by Interleave");
    }
  }
  const Value* class_kwargs = args + npos;
  RootScope roots(t);
  Dict* ns = make_dict(t);
  roots.add(Value::object(ns));
  // Run the class body with `ns` as its namespace (a nested run: class bodies never block).
  Frame* f = bind_arguments(t, body, nullptr, 0, nullptr);
  if (f == nullptr) return Value();
  f->locals_dict = ns;
  f->flags |= kFrameBoundary;
  f->back = t.frame;
  t.frame = f;
  ++t.depth;
  ++t.native_depth;
  RunStatus status;
  Value cell = t.eval(INT64_MAX, true, &status);
  --t.native_depth;
  if (cell.is_null()) return cell;
  roots.add(cell);
  Layout layout = base->layout == Layout::Exception ? Layout::Exception : Layout::Instance;
  Type* type = make_type(t, name->view(), base, layout, false);
  type->dict = ns;
  Value qual = dict_get_str(ns, names(t).__qualname__);
  if (!qual.is_null() && is_str(qual)) type->qualname = as_str(qual);
  dict_del(t, ns, Value::object(names(t).__qualname__));
  Value mod = dict_get_str(ns, names(t).__module__);
  if (!mod.is_null()) type->module = mod;
  Str* classcell = in.intern("__classcell__");
  dict_del(t, ns, Value::object(classcell));
  if (layout_of(cell) == Layout::Cell)
    static_cast<Cell*>(cell.as_object())->value = Value::object(type);
  // A class that defines __eq__ but not __hash__ is unhashable: CPython sets __hash__ to None.
  if (!dict_get_str(ns, names(t).__eq__).is_null() &&
      dict_get_str(ns, names(t).__hash__).is_null()) {
    dict_set_str(t, ns, names(t).__hash__, in.none);
  }
  // CPython calls __del__ when the last reference goes; this tracing collector runs no
  // finalizers, so rather than print less than CPython without a word, say so where the class is
  // defined (docs/language.md).
  if (!dict_get_str(ns, in.intern("__del__")).is_null()) warn_no_finalizer(t, name);
  // Every class has a __doc__, None without a docstring, as CPython's type_new gives it.
  if (dict_get_str(ns, names(t).__doc__).is_null()) dict_set_str(t, ns, names(t).__doc__, in.none);
  wrap_implicit_methods(t, ns);
  in.type_epoch.fetch_add(1);
  roots.add(Value::object(type));
  if (!finish_class(t, type, class_kwargs, kwnames)) return Value();
  return Value::object(type);
}

// --- constructors of built-in types (args[0] is the type) ---------------------------------------

constexpr const char* kIntLiteralTooBig =
    "int too large: Interleave's int holds 64 bits (arbitrary precision is not supported)";

// false: not a valid literal, or (*too_big set) a valid one past 64 bits.
bool parse_int(std::string_view s, int base, std::int64_t* out, bool* too_big) {
  *too_big = false;
  std::size_t i = 0, n = s.size();
  while (i < n && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  while (n > i && std::isspace(static_cast<unsigned char>(s[n - 1]))) --n;
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (base == 0 || base == 16 || base == 8 || base == 2) {
    if (i + 1 < n && s[i] == '0') {
      char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 1])));
      int b = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
      if (b != 0 && (base == 0 || base == b)) {
        base = b;
        i += 2;
        if (i < n && s[i] == '_') ++i;
      }
    }
    if (base == 0) base = 10;
  }
  if (i >= n) return false;
  std::uint64_t v = 0;
  bool prev_us = true;
  for (; i < n; ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev_us) return false;
      prev_us = true;
      continue;
    }
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      d = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    } else {
      return false;
    }
    if (d >= base) return false;
    prev_us = false;
    if (v > (UINT64_MAX - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) {
      *too_big = true;  // the rest must still be digits
      continue;
    }
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  if (prev_us) return false;
  if (*too_big || v > static_cast<std::uint64_t>(INT64_MAX) + (neg ? 1 : 0)) {
    *too_big = true;
    return false;
  }
  *out = neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
  return true;
}

NATIVE(construct_int) {
  Interpreter& in = t.interp();
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  if (kw.npos == 0) return Value::small(0);
  Value v = args[1];
  Value basev = kw.npos > 1 ? args[2] : kw.get("base");
  if (!basev.is_null()) {
    if (!is_str(v))
      return t.raise(in.exc.TypeError, "int() can't convert non-string with explicit base");
    std::int64_t base;
    if (!to_index(t, basev, &base)) return Value();
    if (base != 0 && (base < 2 || base > 36)) {
      return t.raise(in.exc.ValueError, "int() base must be >= 2 and <= 36, or 0");
    }
    std::int64_t r;
    bool too_big;
    if (!parse_int(as_str(v)->view(), static_cast<int>(base), &r, &too_big)) {
      if (too_big) return t.raise(in.exc.OverflowError, kIntLiteralTooBig);
      return t.raise_fmt(in.exc.ValueError, "invalid literal for int() with base %lld: %s",
                         static_cast<long long>(base), str_repr(as_str(v)->view()).c_str());
    }
    return make_int(t, r);
  }
  switch (layout_of(v)) {
    case Layout::Int:
      return v;
    case Layout::Bool:
      return Value::small(int_value(v));
    case Layout::Float: {
      double d = float_value(v);
      if (std::isnan(d)) return t.raise(in.exc.ValueError, "cannot convert float NaN to integer");
      if (std::isinf(d))
        return t.raise(in.exc.OverflowError, "cannot convert float infinity to integer");
      if (std::fabs(d) >= 9.2233720368547758e18) {
        return t.raise(in.exc.OverflowError, "integer overflow: Interleave's int holds 64 bits");
      }
      return make_int(t, static_cast<std::int64_t>(d));
    }
    case Layout::Str: {
      std::int64_t r;
      bool too_big;
      if (!parse_int(as_str(v)->view(), 10, &r, &too_big)) {
        if (too_big) return t.raise(in.exc.OverflowError, kIntLiteralTooBig);
        return t.raise_fmt(in.exc.ValueError, "invalid literal for int() with base 10: %s",
                           str_repr(as_str(v)->view()).c_str());
      }
      return make_int(t, r);
    }
    case Layout::Instance: {
      bool found = false;
      Value r = call_special(t, v, names(t).__int__, nullptr, 0, &found);
      if (found) {
        if (r.is_null() || is_int(r)) return r;
        if (layout_of(r) == Layout::Bool) return make_int(t, int_value(r));
        return t.raise_fmt(in.exc.TypeError, "__int__ returned non-int (type %s)",
                           type_name(t, r));
      }
      r = index_of(t, v);
      if (!r.is_null()) return make_int(t, int_value(r));
      if (t.has_exception()) return r;
      r = call_special(t, v, in.intern("__trunc__"), nullptr, 0, &found);
      if (found) return r;
      break;
    }
    default:
      break;
  }
  return t.raise_fmt(
      in.exc.TypeError,
      "int() argument must be a string, a bytes-like object or a real number, not '%s'",
      type_name(t, v));
}

NATIVE(construct_float) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (nargs == 1) return make_float(t, 0.0);
  Value v = args[1];
  switch (layout_of(v)) {
    case Layout::Float:
      return v;
    case Layout::Int:
    case Layout::Bool:
      return make_float(t, static_cast<double>(int_value(v)));
    case Layout::Str: {
      std::string s(as_str(v)->view());
      std::size_t a = 0, b = s.size();
      while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
      while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
      std::string body = s.substr(a, b - a);
      std::string clean;
      for (char c : body) {
        if (c != '_') clean.push_back(c);
      }
      std::string lower;
      for (char c : clean)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      std::string unsigned_part = lower;
      bool neg = false;
      if (!unsigned_part.empty() && (unsigned_part[0] == '-' || unsigned_part[0] == '+')) {
        neg = unsigned_part[0] == '-';
        unsigned_part = unsigned_part.substr(1);
      }
      if (unsigned_part == "inf" || unsigned_part == "infinity")
        return make_float(t, neg ? -HUGE_VAL : HUGE_VAL);
      if (unsigned_part == "nan") return make_float(t, std::nan(""));
      char* end = nullptr;
      double d = clean.empty() ? 0 : std::strtod(clean.c_str(), &end);
      bool hex = lower.find('x') != std::string::npos;
      if (clean.empty() || end == nullptr || *end != '\0' || hex) {
        return t.raise_fmt(in.exc.ValueError, "could not convert string to float: %s",
                           str_repr(as_str(v)->view()).c_str());
      }
      return make_float(t, d);
    }
    default: {
      bool found = false;
      Value r = call_special(t, v, names(t).__float__, nullptr, 0, &found);
      if (found) {
        if (r.is_null() || layout_of(r) == Layout::Float) return r;
        return t.raise_fmt(in.exc.TypeError, "%s.__float__ returned non-float (type %s)",
                           type_name(t, v), type_name(t, r));
      }
      Value n = index_of(t, v);
      if (!n.is_null()) return make_float(t, static_cast<double>(int_value(n)));
      if (t.has_exception()) return n;
      return t.raise_fmt(in.exc.TypeError,
                         "float() argument must be a string or a real number, not '%s'",
                         type_name(t, v));
    }
  }
}

NATIVE(construct_str) {
  if (kwnames != nullptr && kwnames->size > 0) {
    std::string_view key = as_str(kwnames->items()[0])->view();
    if (key != "encoding" && key != "errors") {
      return t.raise_fmt(t.interp().exc.TypeError, "'%s' is an invalid keyword argument for str()",
                         as_str(kwnames->items()[0])->data());
    }
    return t.raise(t.interp().exc.TypeError,
                   "str(encoding=..., errors=...) is not supported by Interleave (no bytes type)");
  }
  if (nargs == 1) return Value::object(t.interp().empty_str);
  return to_str(t, args[1]);
}

NATIVE(construct_bool) {
  (void)kwnames;
  if (nargs == 1) return t.interp().false_;
  int r = truthy(t, args[1]);
  if (r < 0) return Value();
  return make_bool(t, r == 1);
}

NATIVE(construct_list) {
  if (!no_kwargs(t, "list", kwnames)) return Value();
  if (nargs > 2)
    return t.raise_fmt(t.interp().exc.TypeError, "list expected at most 1 argument, got %d",
                       nargs - 1);
  if (nargs == 1) return Value::object(make_list(t, 0));
  List* l = list_from_iterable(t, args[1]);
  return l == nullptr ? Value() : Value::object(l);
}

NATIVE(construct_tuple) {
  (void)kwnames;
  if (nargs == 1) return Value::object(t.interp().empty_tuple);
  if (layout_of(args[1]) == Layout::Tuple) return args[1];
  List* l = list_from_iterable(t, args[1]);
  if (l == nullptr) return Value();
  return Value::object(make_tuple(t, l->items, l->size));
}

}  // namespace

Dict* mapping_to_dict(Thread& t, Value src) {
  Layout l = layout_of(src);
  if (l != Layout::Instance && l != Layout::Exception) return nullptr;
  Value keys_method = get_attr_opt(t, src, t.interp().intern("keys"));
  if (keys_method.is_null()) return nullptr;
  RootScope roots(t);
  roots.add(keys_method);
  Value keys = t.call(keys_method, nullptr, 0);
  if (keys.is_null()) return nullptr;
  roots.add(keys);
  Dict* out = make_dict(t);
  roots.add(Value::object(out));
  Value it = get_iter(t, keys);
  if (it.is_null()) return nullptr;
  roots.add(it);
  while (true) {
    Value key = iter_next(t, it);
    if (key.is_null()) return t.has_exception() ? nullptr : out;
    roots.add(key);
    Value value = get_item(t, src, key);
    if (value.is_null() || !dict_set(t, out, key, value)) return nullptr;
  }
}

namespace {

bool dict_fill(Thread& t, Dict* d, Value src) {
  if (layout_of(src) == Layout::Dict) return dict_update(t, d, as_dict(src));
  if (Dict* m = mapping_to_dict(t, src)) return dict_update(t, d, m);
  if (t.has_exception()) return false;
  RootScope roots(t);
  Value it = get_iter(t, src);
  if (it.is_null()) return false;
  roots.add(it);
  for (std::int64_t i = 0;; ++i) {
    Value item = iter_next(t, it);
    if (item.is_null()) return !t.has_exception();
    List* pair = list_from_iterable(t, item);
    if (pair == nullptr) {
      t.take_exception();
      t.raise_fmt(t.interp().exc.TypeError,
                  "cannot convert dictionary update sequence element #%lld to a sequence",
                  static_cast<long long>(i));
      return false;
    }
    if (pair->size != 2) {
      t.raise_fmt(t.interp().exc.ValueError,
                  "dictionary update sequence element #%lld has length %lld; 2 is required",
                  static_cast<long long>(i), static_cast<long long>(pair->size));
      return false;
    }
    if (!dict_set(t, d, pair->items[0], pair->items[1])) return false;
  }
}

NATIVE(construct_dict) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  Dict* d = make_dict(t);
  if (kw.npos > 1)
    return t.raise_fmt(t.interp().exc.TypeError, "dict expected at most 1 argument, got %d",
                       kw.npos);
  if (kw.npos == 1 && !dict_fill(t, d, args[1])) return Value();
  if (kwnames != nullptr) {
    for (std::int64_t i = 0; i < kwnames->size; ++i) {
      dict_set(t, d, kwnames->items()[i], args[1 + kw.npos + i]);
    }
  }
  return Value::object(d);
}

NATIVE(construct_set) {
  if (!no_kwargs(t, "set", kwnames)) return Value();
  Set* s = make_set(t);
  if (layout_of(args[0]) == Layout::Type) s->type = as_type(args[0]);  // set or frozenset
  if (nargs == 1) return Value::object(s);
  RootScope roots(t);
  roots.add(Value::object(s));
  if (!set_update(t, s, args[1])) return Value();  // CPython's table rules (vm/set.h)
  return Value::object(s);
}

NATIVE(construct_range) {
  if (!no_kwargs(t, "range", kwnames)) return Value();
  Interpreter& in = t.interp();
  int n = nargs - 1;
  if (n < 1 || n > 3) {
    if (n == 0) return t.raise(in.exc.TypeError, "range expected at least 1 argument, got 0");
    return t.raise_fmt(in.exc.TypeError, "range expected at most 3 arguments, got %d", n);
  }
  std::int64_t a[3];
  for (int i = 0; i < n; ++i) {
    if (!to_index(t, args[1 + i], &a[i])) return Value();
  }
  Range* r = in.make<Range>(&t, in.types.range);
  if (n == 1) {
    r->start = 0;
    r->stop = a[0];
    r->step = 1;
  } else {
    r->start = a[0];
    r->stop = a[1];
    r->step = n == 3 ? a[2] : 1;
    if (r->step == 0) return t.raise(in.exc.ValueError, "range() arg 3 must not be zero");
  }
  return Value::object(r);
}

NATIVE(construct_slice) {
  (void)kwnames;
  Interpreter& in = t.interp();
  Slice* s = in.make<Slice>(&t, in.types.slice);
  s->start = s->stop = s->step = in.none;
  if (nargs == 2) {
    s->stop = args[1];
  } else if (nargs >= 3) {
    s->start = args[1];
    s->stop = args[2];
    if (nargs >= 4) s->step = args[3];
  }
  return Value::object(s);
}

NATIVE(construct_type) {
  (void)kwnames;
  if (nargs == 2) return Value::object(type_of(t, args[1]));
  return t.raise(t.interp().exc.TypeError,
                 "type() with three arguments is not supported by Interleave");
}

NATIVE(construct_object) {
  (void)kwnames;
  if (nargs > 1) return t.raise(t.interp().exc.TypeError, "object() takes no arguments");
  return Value::object(t.interp().make<Instance>(&t, t.interp().types.object));
}

Value make_iter_obj(Thread& t, Type* type, IterKind kind, Value source, Value func) {
  Iterator* it = make_iterator(t, type, kind, source);
  it->func = func;
  return Value::object(it);
}

NATIVE(construct_enumerate) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  if (kw.npos < 1)
    return t.raise(t.interp().exc.TypeError,
                   "enumerate() missing required argument 'iterable' (pos 1)");
  Value it = get_iter(t, args[1]);
  if (it.is_null()) return it;
  std::int64_t start = 0;
  Value sv = kw.npos > 1 ? args[2] : kw.get("start");
  if (!sv.is_null() && !to_index(t, sv, &start)) return Value();
  Value r = make_iter_obj(t, t.interp().types.enumerate, IterKind::Enumerate, it, Value());
  static_cast<Iterator*>(r.as_object())->index = start;
  return r;
}

Value iter_tuple(Thread& t, const Value* args, int n) {
  Tuple* its = make_tuple(t, n);
  RootScope roots(t);
  roots.add(Value::object(its));
  for (int i = 0; i < n; ++i) {
    Value it = get_iter(t, args[i]);
    if (it.is_null()) return it;
    its->items()[i] = it;
  }
  return Value::object(its);
}

NATIVE(construct_zip) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  Value its = iter_tuple(t, args + 1, kw.npos);
  if (its.is_null()) return its;
  return make_iter_obj(t, t.interp().types.zip, IterKind::Zip, its, Value());
}

NATIVE(construct_map) {
  (void)kwnames;
  if (nargs < 3)
    return t.raise(t.interp().exc.TypeError, "map() must have at least two arguments.");
  Value its = iter_tuple(t, args + 2, nargs - 2);
  if (its.is_null()) return its;
  return make_iter_obj(t, t.interp().types.map, IterKind::Map, its, args[1]);
}

NATIVE(construct_filter) {
  (void)kwnames;
  if (nargs != 3)
    return t.raise_fmt(t.interp().exc.TypeError, "filter expected 2 arguments, got %d", nargs - 1);
  Value it = get_iter(t, args[2]);
  if (it.is_null()) return it;
  return make_iter_obj(t, t.interp().types.filter, IterKind::Filter, it, args[1]);
}

NATIVE(construct_reversed) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (nargs != 2)
    return t.raise_fmt(in.exc.TypeError, "reversed expected 1 argument, got %d", nargs - 1);
  Value v = args[1];
  std::int64_t n = 0;
  switch (layout_of(v)) {
    case Layout::List:
      n = list_len(as_list(v));
      break;
    case Layout::Tuple:
      n = as_tuple(v)->size;
      break;
    case Layout::Range:
      n = range_length(static_cast<Range*>(v.as_object()));
      if (n < 0) return range_too_long(t);
      break;
    case Layout::Str:
      n = as_str(v)->chars;
      break;
    case Layout::Dict: {
      List* keys = list_from_iterable(t, v);
      if (keys == nullptr) return Value();
      Value r =
          make_iter_obj(t, in.types.reversed, IterKind::Reversed, Value::object(keys), Value());
      static_cast<Iterator*>(r.as_object())->index = keys->size - 1;
      return r;
    }
    case Layout::Instance: {
      bool found = false;
      Value r = call_special(t, v, names(t).__reversed__, nullptr, 0, &found);
      if (found) return r;
      Value len = call_special(t, v, names(t).__len__, nullptr, 0, &found);
      if (!found)
        return t.raise_fmt(in.exc.TypeError, "'%s' object is not reversible", type_name(t, v));
      if (len.is_null()) return len;
      n = int_value(len);
      break;
    }
    default:
      return t.raise_fmt(in.exc.TypeError, "'%s' object is not reversible", type_name(t, v));
  }
  Value r = make_iter_obj(t, in.types.reversed, IterKind::Reversed, v, Value());
  static_cast<Iterator*>(r.as_object())->index = n - 1;
  return r;
}

NATIVE(construct_property) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  Interpreter& in = t.interp();
  Property* p = in.make<Property>(&t, in.types.property);
  p->getter = kw.npos > 0 ? args[1] : kw.get("fget");
  p->setter = kw.npos > 1 ? args[2] : kw.get("fset");
  p->deleter = kw.npos > 2 ? args[3] : kw.get("fdel");
  p->doc = kw.npos > 3 ? args[4] : kw.get("doc");
  return Value::object(p);
}

// property.getter/setter/deleter(f): a copy of the property with that one accessor replaced.
Value property_replacing(Thread& t, const char* method, const Value* args, int nargs,
                         Value Property::*accessor) {
  if (!check_nargs(t, method, nargs, 2, 2)) return Value();
  auto* old = static_cast<Property*>(args[0].as_object());
  Property* p = t.interp().make<Property>(&t, t.interp().types.property);
  p->getter = old->getter;
  p->setter = old->setter;
  p->deleter = old->deleter;
  p->doc = old->doc;
  p->*accessor = args[1];
  return Value::object(p);
}

NATIVE(property_setter) {
  (void)kwnames;
  return property_replacing(t, "setter", args, nargs, &Property::setter);
}

NATIVE(property_getter) {
  (void)kwnames;
  return property_replacing(t, "getter", args, nargs, &Property::getter);
}

NATIVE(property_deleter) {
  (void)kwnames;
  return property_replacing(t, "deleter", args, nargs, &Property::deleter);
}

NATIVE(construct_staticmethod) {
  (void)kwnames;
  if (!check_nargs(t, "staticmethod", nargs - 1, 1, 1)) return Value();
  MethodWrapper* m = t.interp().make<MethodWrapper>(&t, t.interp().types.staticmethod);
  m->func = args[1];
  return Value::object(m);
}

NATIVE(construct_classmethod) {
  (void)kwnames;
  if (!check_nargs(t, "classmethod", nargs - 1, 1, 1)) return Value();
  MethodWrapper* m = t.interp().make<MethodWrapper>(&t, t.interp().types.classmethod);
  m->func = args[1];
  return Value::object(m);
}

// --- object and BaseException methods ------------------------------------------------------------

NATIVE(object_init) {
  UNUSED_ARGS();
  return t.interp().none;
}

NATIVE(object_repr) {
  (void)kwnames;
  (void)nargs;
  char buf[64];
  std::snprintf(buf, sizeof buf, " object at %p>", static_cast<void*>(args[0].as_object()));
  Type* type = type_of(t, args[0]);
  std::string out = "<";
  if (is_str(type->module) && as_str(type->module)->view() != "builtins") {
    out += std::string(as_str(type->module)->view()) + ".";
  }
  out += std::string(type->qualname->view()) + buf;
  return str_value(t, out);
}

NATIVE(object_str) {
  (void)kwnames;
  (void)nargs;
  return repr(t, args[0]);
}

NATIVE(object_eq) {
  (void)kwnames;
  if (nargs != 2) return t.raise(t.interp().exc.TypeError, "expected 1 argument");
  return args[0] == args[1] ? t.interp().true_ : t.interp().notimpl;
}

// object.__ne__, as CPython's object_richcompare: the inverse of the class's own __eq__ (so a
// class defining only __eq__ gets a consistent !=), NotImplemented passed on.
NATIVE(object_ne) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (nargs != 2) return t.raise(in.exc.TypeError, "expected 1 argument");
  bool found = false;
  Value eq = call_special(t, args[0], names(t).__eq__, &args[1], 1, &found);
  if (!found) return args[0] != args[1] ? in.true_ : in.false_;
  if (eq.is_null() || eq == in.notimpl) return eq;
  int truth = truthy(t, eq);
  if (truth < 0) return Value();
  return truth != 0 ? in.false_ : in.true_;
}

NATIVE(object_hash) {
  (void)kwnames;
  (void)nargs;
  std::int64_t h;
  if (!hash_value(t, args[0], &h)) return Value();
  return make_int(t, h);
}

NATIVE(exception_init) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  if (layout_of(args[0]) == Layout::Exception) {
    as_exc(args[0])->args = make_tuple(t, args + 1, kw.npos - 1);
  }
  return t.interp().none;
}

NATIVE(exception_with_traceback) {
  UNUSED_ARGS();
  return args[0];
}

NATIVE(exception_str) {
  (void)kwnames;
  (void)nargs;
  ExceptionObject* e = as_exc(args[0]);
  if (e->args->size == 0) return Value::object(t.interp().empty_str);
  if (e->args->size == 1) return to_str(t, e->args->items()[0]);
  return repr(t, Value::object(e->args));
}

NATIVE(type_mro) {
  UNUSED_ARGS();
  Type* ty = as_type(args[0]);
  List* l = make_list(t, static_cast<std::int64_t>(ty->mro.size()));
  for (std::size_t i = 0; i < ty->mro.size(); ++i) l->items[i] = Value::object(ty->mro[i]);
  return Value::object(l);
}

}  // namespace

void install_builtins(Thread& t) {
  Interpreter& in = t.interp();
  Types& ty = in.types;
  Dict* b = in.builtins;
  auto fn = [&](const char* name, NativeFn f) { add_function(t, b, name, f); };
  fn("print", builtin_print);
  fn("input", builtin_input);
  fn("len", builtin_len);
  fn("repr", builtin_repr);
  fn("ascii", builtin_ascii);
  fn("format", builtin_format);
  fn("abs", builtin_abs);
  fn("bin", builtin_bin);
  fn("oct", builtin_oct);
  fn("hex", builtin_hex);
  fn("min", builtin_min);
  fn("max", builtin_max);
  fn("sum", builtin_sum);
  fn("sorted", builtin_sorted);
  fn("any", builtin_any);
  fn("all", builtin_all);
  fn("isinstance", builtin_isinstance);
  fn("issubclass", builtin_issubclass);
  fn("id", builtin_id);
  fn("hash", builtin_hash);
  fn("callable", builtin_callable);
  fn("round", builtin_round);
  fn("divmod", builtin_divmod);
  fn("pow", builtin_pow);
  fn("chr", builtin_chr);
  fn("ord", builtin_ord);
  fn("getattr", builtin_getattr);
  fn("hasattr", builtin_hasattr);
  fn("setattr", builtin_setattr);
  fn("delattr", builtin_delattr);
  fn("iter", builtin_iter);
  fn("next", builtin_next);
  fn("vars", builtin_vars);
  fn("globals", builtin_globals);
  fn("locals", builtin_locals);
  fn("dir", builtin_dir);
  fn("super", builtin_super);
  fn("__build_class__", builtin_build_class);

  auto type = [&](const char* name, Type* tp, NativeFn construct) {
    tp->construct = construct;
    dict_set_str(t, b, in.intern(name), Value::object(tp));
  };
  type("int", ty.int_, construct_int);
  type("float", ty.float_, construct_float);
  type("str", ty.str, construct_str);
  type("bool", ty.bool_, construct_bool);
  type("list", ty.list, construct_list);
  type("tuple", ty.tuple, construct_tuple);
  type("dict", ty.dict, construct_dict);
  type("set", ty.set, construct_set);
  type("frozenset", ty.frozenset, construct_set);
  type("range", ty.range, construct_range);
  type("slice", ty.slice, construct_slice);
  type("type", ty.type, construct_type);
  type("object", ty.object, construct_object);
  type("enumerate", ty.enumerate, construct_enumerate);
  type("zip", ty.zip, construct_zip);
  type("map", ty.map, construct_map);
  type("filter", ty.filter, construct_filter);
  type("reversed", ty.reversed, construct_reversed);
  type("property", ty.property, construct_property);
  type("staticmethod", ty.staticmethod, construct_staticmethod);
  type("classmethod", ty.classmethod, construct_classmethod);
  dict_set_str(t, b, in.intern("None"), in.none);
  dict_set_str(t, b, in.intern("NotImplemented"), in.notimpl);
  dict_set_str(t, b, in.intern("Ellipsis"), in.ellipsis);

  add_method(t, ty.object, "__init__", object_init);
  add_method(t, ty.object, "__eq__", object_eq);
  add_method(t, ty.object, "__ne__", object_ne);
  add_method(t, ty.object, "__hash__", object_hash);
  add_method(t, ty.object, "__repr__", object_repr);
  add_method(t, ty.object, "__str__", object_str);
  install_object_methods(t);
  add_method(t, ty.property, "setter", property_setter);
  add_method(t, ty.property, "getter", property_getter);
  add_method(t, ty.property, "deleter", property_deleter);
  add_method(t, ty.type, "mro", type_mro);
  add_method(t, in.exc.BaseException, "__init__", exception_init);
  add_method(t, in.exc.BaseException, "__str__", exception_str);
  add_method(t, in.exc.BaseException, "with_traceback", exception_with_traceback);

#define INTERLEAVE_EXC_BUILTIN(name, base) \
  dict_set_str(t, b, in.intern(#name), Value::object(in.exc.name));
  INTERLEAVE_EXCEPTIONS(INTERLEAVE_EXC_BUILTIN)
#undef INTERLEAVE_EXC_BUILTIN
  dict_set_str(t, b, in.intern("IOError"), Value::object(in.exc.OSError));
  dict_set_str(t, b, in.intern("EnvironmentError"), Value::object(in.exc.OSError));
  // The rest of CPython's built-in hierarchy that programs name in `except` clauses (a socket
  // example's ConnectionError, a worker's LookupError): the VM itself raises none of them.
  struct ExtraException {
    const char* name;
    const char* base;
  };
  static constexpr ExtraException kExtraExceptions[] = {
      {"ConnectionError", "OSError"},
      {"BrokenPipeError", "ConnectionError"},
      {"ConnectionAbortedError", "ConnectionError"},
      {"ConnectionRefusedError", "ConnectionError"},
      {"ConnectionResetError", "ConnectionError"},
      {"BlockingIOError", "OSError"},
      {"ChildProcessError", "OSError"},
      {"FileExistsError", "OSError"},
      {"FileNotFoundError", "OSError"},
      {"InterruptedError", "OSError"},
      {"IsADirectoryError", "OSError"},
      {"NotADirectoryError", "OSError"},
      {"PermissionError", "OSError"},
      {"ProcessLookupError", "OSError"},
      {"FloatingPointError", "ArithmeticError"},
      {"BufferError", "Exception"},
      {"ReferenceError", "Exception"},
      {"UnicodeEncodeError", "UnicodeError"},
      {"UnicodeDecodeError", "UnicodeError"},
      {"Warning", "Exception"},
      {"UserWarning", "Warning"},
      {"DeprecationWarning", "Warning"},
      {"RuntimeWarning", "Warning"},
  };
  for (const ExtraException& e : kExtraExceptions) {
    Type* base = static_cast<Type*>(dict_get_str(b, in.intern(e.base)).as_object());
    Type* exc_type = make_type(t, e.name, base, Layout::Exception, false);
    exc_type->builtin = true;
    dict_set_str(t, b, in.intern(e.name), Value::object(exc_type));
  }

  Module* bm = make_module(t, "builtins");
  bm->dict = b;
  dict_set_str(t, b, names(t).__name__, Value::object(in.intern("builtins")));
  dict_set_str(t, in.modules, in.intern("builtins"), Value::object(bm));

  install_type_methods(t);
  install_modules(t);

  // Built-ins that iterate an argument run a Python equivalent for a generator there
  // (kConsumesNothing, prelude_consume.cpp).
  auto consumes = [&](const char* name, std::int8_t which) {
    static_cast<Builtin*>(dict_get_str(b, t.interp().intern(name)).as_object())->consumes = which;
  };
  consumes("min", kConsumesOnlyArg);
  consumes("max", kConsumesOnlyArg);
  consumes("sum", 0);
  consumes("sorted", 0);
  consumes("any", 0);
  consumes("all", 0);
  for (Type* iterating : {ty.list, ty.tuple, ty.set, ty.frozenset, ty.dict}) iterating->consumes = 0;
  // "sep".join(gen): the method's self is argument 0, the iterable argument 1.
  static_cast<Builtin*>(dict_get_str(ty.str->dict, in.intern("join")).as_object())->consumes = 1;
}

}  // namespace interleave::vm
