// Numbers, comparison, truth and hashing: CPython's semantics for int (64-bit here: overflow raises
// OverflowError), float, bool, str, tuple, list, set and user classes with special methods, and
// CPython's exact messages for unsupported operand types. Runs on the executing thread only.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "support/py_hash.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

const Names& names(Thread& t) {
  return *t.interp().names;
}

Value make_int(Thread& t, std::int64_t v) {
  if (Value::fits_small(v)) return Value::small(v);
  IntObject* o = t.interp().make<IntObject>(&t, t.interp().types.int_);
  o->value = v;
  return Value::object(o);
}

Value make_float(Thread& t, double v) {
  FloatObject* o = t.interp().make<FloatObject>(&t, t.interp().types.float_);
  o->value = v;
  return Value::object(o);
}

std::int64_t int_value(Value v) {
  if (v.is_small()) return v.as_small();
  Object* o = v.as_object();
  if (o->type->layout == Layout::Bool) return static_cast<BoolObject*>(o)->value ? 1 : 0;
  return static_cast<IntObject*>(o)->value;
}

double float_value(Value v) {
  return static_cast<FloatObject*>(v.as_object())->value;
}

namespace {

// int or bool
bool is_integral(Value v) {
  if (v.is_small()) return true;
  Layout l = v.as_object()->type->layout;
  return l == Layout::Int || l == Layout::Bool;
}
bool is_float(Value v) {
  return !v.is_small() && v.as_object()->type->layout == Layout::Float;
}

Value overflow(Thread& t) {
  return t.raise(t.interp().exc.OverflowError,
                 "integer overflow: Interleave's int holds 64 bits (arbitrary precision is not "
                 "supported)");
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

Value int_binary(Thread& t, int op, std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  switch (op) {
    case kAdd:
      if (__builtin_add_overflow(a, b, &r)) return overflow(t);
      return make_int(t, r);
    case kSub:
      if (__builtin_sub_overflow(a, b, &r)) return overflow(t);
      return make_int(t, r);
    case kMul:
      if (__builtin_mul_overflow(a, b, &r)) return overflow(t);
      return make_int(t, r);
    case kFloorDiv:
      if (b == 0)
        return t.raise(t.interp().exc.ZeroDivisionError, "integer division or modulo by zero");
      if (a == INT64_MIN && b == -1) return overflow(t);
      return make_int(t, floor_div(a, b));
    case kMod:
      if (b == 0) return t.raise(t.interp().exc.ZeroDivisionError, "integer modulo by zero");
      if (b == -1) return Value::small(0);
      return make_int(t, floor_mod(a, b));
    case kTrueDiv:
      if (b == 0) return t.raise(t.interp().exc.ZeroDivisionError, "division by zero");
      return make_float(t, static_cast<double>(a) / static_cast<double>(b));
    case kPow: {
      if (b < 0) {
        if (a == 0) {
          return t.raise(t.interp().exc.ZeroDivisionError,
                         "0.0 cannot be raised to a negative power");
        }
        return make_float(t, std::pow(static_cast<double>(a), static_cast<double>(b)));
      }
      std::int64_t result = 1, base = a;
      std::int64_t e = b;
      while (e > 0) {
        if (e & 1) {
          if (__builtin_mul_overflow(result, base, &result)) return overflow(t);
        }
        e >>= 1;
        if (e > 0 && __builtin_mul_overflow(base, base, &base)) return overflow(t);
      }
      return make_int(t, result);
    }
    case kLShift:
      if (b < 0) return t.raise(t.interp().exc.ValueError, "negative shift count");
      if (a == 0) return Value::small(0);
      if (b >= 64) return overflow(t);
      r = static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b);
      if ((r >> b) != a) return overflow(t);
      return make_int(t, r);
    case kRShift:
      if (b < 0) return t.raise(t.interp().exc.ValueError, "negative shift count");
      if (b >= 63) return Value::small(a < 0 ? -1 : 0);
      return make_int(t, a >> b);
    case kAnd:
      return make_int(t, a & b);
    case kOr:
      return make_int(t, a | b);
    case kXor:
      return make_int(t, a ^ b);
    default:
      return Value();
  }
}

Value float_binary(Thread& t, int op, double a, double b) {
  switch (op) {
    case kAdd:
      return make_float(t, a + b);
    case kSub:
      return make_float(t, a - b);
    case kMul:
      return make_float(t, a * b);
    case kTrueDiv:
      if (b == 0) return t.raise(t.interp().exc.ZeroDivisionError, "float division by zero");
      return make_float(t, a / b);
    case kFloorDiv: {
      if (b == 0) return t.raise(t.interp().exc.ZeroDivisionError, "float floor division by zero");
      double mod = std::fmod(a, b);
      double div = (a - mod) / b;
      if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
      double floordiv = std::floor(div);
      if (div - floordiv > 0.5) floordiv += 1.0;
      if (div == 0) floordiv = std::copysign(0.0, a / b);
      return make_float(t, floordiv);
    }
    case kMod: {
      if (b == 0) return t.raise(t.interp().exc.ZeroDivisionError, "float modulo");
      double mod = std::fmod(a, b);
      if (mod != 0) {
        if ((b < 0) != (mod < 0)) mod += b;
      } else {
        mod = std::copysign(0.0, b);
      }
      return make_float(t, mod);
    }
    case kPow:
      if (a == 0 && b < 0) {
        return t.raise(t.interp().exc.ZeroDivisionError,
                       "0.0 cannot be raised to a negative power");
      }
      return make_float(t, std::pow(a, b));
    default:
      return t.interp().notimpl;
  }
}

Value seq_repeat(Thread& t, Value seq, std::int64_t n) {
  if (n < 0) n = 0;
  Layout l = layout_of(seq);
  if (l == Layout::Str) {
    Str* s = as_str(seq);
    if (n == 0 || s->length == 0) return Value::object(t.interp().empty_str);
    std::int64_t total = 0;
    if (__builtin_mul_overflow(static_cast<std::int64_t>(s->length), n, &total)) {
      return t.raise(t.interp().exc.OverflowError, "repeated string is too long");  // CPython's
    }
    if (total >= (std::int64_t{1} << 32) || t.interp().would_exceed(total)) {
      return t.raise(t.interp().exc.MemoryError, "");
    }
    // Written in place by doubling copies, in bounded chunks with a stop check between them.
    Interpreter& in = t.interp();
    auto size = static_cast<std::size_t>(total);
    Str* out = in.make<Str>(&t, in.types.str, size + 1);
    out->length = static_cast<std::uint32_t>(size);
    out->chars = static_cast<std::uint32_t>(static_cast<std::int64_t>(s->chars) * n);
    out->ascii = s->ascii;
    char* data = out->data();
    std::memcpy(data, s->data(), s->length);
    constexpr std::size_t kChunk = std::size_t{16} << 20;
    for (std::size_t done = s->length; done < size;) {
      std::size_t add = std::min({done, size - done, kChunk});
      std::memcpy(data + done, data, add);
      done += add;
      if (add == kChunk && t.stop_requested()) return Value();
    }
    data[size] = '\0';
    return Value::object(out);
  }
  if (l == Layout::List) {
    List* src = as_list(seq);
    std::vector<Value> items;
    {
      ObjectLock lock(src, t.interp().free_threaded());
      items.assign(src->items, src->items + src->size);
    }
    std::int64_t size = static_cast<std::int64_t>(items.size());
    std::int64_t total = 0;
    if (__builtin_mul_overflow(size, n, &total) ||
        total > (std::int64_t{1} << 40) / static_cast<std::int64_t>(sizeof(Value)) ||
        t.interp().would_exceed(total * static_cast<std::int64_t>(sizeof(Value)))) {
      return t.raise(t.interp().exc.MemoryError, "");
    }
    // Filled in chunks with a stop check between them (the pages are touched here); the size is
    // set once every item is written, so a list abandoned half-way is never traced.
    List* out = make_list(t, 0);
    if (total > 0) t.interp().grow_list(out, total);
    for (std::int64_t i = 0; i < total; ++i) {
      out->items[i] = items[static_cast<std::size_t>(i % size)];
      if ((i & 0xfffff) == 0xfffff && t.stop_requested()) return Value();
    }
    store_relaxed(out->size, total);
    return Value::object(out);
  }
  Tuple* src = as_tuple(seq);
  std::int64_t total;
  if (__builtin_mul_overflow(src->size, n, &total) || total > (INT64_MAX >> 3)) {
    return t.raise(t.interp().exc.MemoryError, "");
  }
  if (t.interp().would_exceed(total * 8)) return t.raise(t.interp().exc.MemoryError, "");
  if (total == 0) return Value::object(t.interp().empty_tuple);
  Tuple* out = make_tuple(t, total);
  for (std::int64_t i = 0; i < total; ++i) out->items()[i] = src->items()[i % src->size];
  return Value::object(out);
}

// The set operators, by CPython's algorithms (set.h), so that results iterate in its order.
Value set_binary(Thread& t, int op, Set* a, Set* b) {
  Set* out = nullptr;
  switch (op) {
    case kOr: {
      out = set_copy(t, a);
      RootScope roots(t);
      roots.add(Value::object(out));
      if (!set_update(t, out, Value::object(b))) return Value();
      break;
    }
    case kAnd:
      out = set_intersection(t, a, Value::object(b));
      break;
    case kSub:
      out = set_difference(t, a, Value::object(b));
      break;
    case kXor:
      out = set_symmetric_difference(t, a, Value::object(b));
      break;
    default:
      return t.interp().notimpl;
  }
  return out == nullptr ? Value() : Value::object(out);
}

// A binary operator's special methods, indexed by BinaryOp: forward, reflected and in place.
struct BinaryOpNames {
  Str* Names::*forward;
  Str* Names::*reflected;
  Str* Names::*inplace;
};
constexpr BinaryOpNames kBinaryOpNames[kInplace] = {
    {&Names::__add__, &Names::__radd__, &Names::__iadd__},                 // kAdd
    {&Names::__and__, &Names::__rand__, &Names::__iand__},                 // kAnd
    {&Names::__floordiv__, &Names::__rfloordiv__, &Names::__ifloordiv__},  // kFloorDiv
    {&Names::__lshift__, &Names::__rlshift__, &Names::__ilshift__},        // kLShift
    {&Names::__matmul__, &Names::__rmatmul__, &Names::__imatmul__},        // kMatMul
    {&Names::__mul__, &Names::__rmul__, &Names::__imul__},                 // kMul
    {&Names::__mod__, &Names::__rmod__, &Names::__imod__},                 // kMod
    {&Names::__or__, &Names::__ror__, &Names::__ior__},                    // kOr
    {&Names::__pow__, &Names::__rpow__, &Names::__ipow__},                 // kPow
    {&Names::__rshift__, &Names::__rrshift__, &Names::__irshift__},        // kRShift
    {&Names::__sub__, &Names::__rsub__, &Names::__isub__},                 // kSub
    {&Names::__truediv__, &Names::__rtruediv__, &Names::__itruediv__},     // kTrueDiv
    {&Names::__xor__, &Names::__rxor__, &Names::__ixor__},                 // kXor
};
static_assert(kXor + 1 == kInplace, "kBinaryOpNames has one row per BinaryOp");

}  // namespace

const char* binary_op_symbol(int op) {
  static const char* symbols[] = {
      "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
      "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="};
  return op >= 0 && op < 26 ? symbols[op] : "?";
}

Value binary_op(Thread& t, int op_full, Value a, Value b) {
  int op = op_full >= kInplace ? op_full - kInplace : op_full;
  Interpreter& in = t.interp();
  if (is_integral(a) && is_integral(b)) {
    if (layout_of(a) == Layout::Bool && layout_of(b) == Layout::Bool &&
        (op == kAnd || op == kOr || op == kXor)) {
      bool x = int_value(a) != 0, y = int_value(b) != 0;
      bool r = op == kAnd ? (x && y) : op == kOr ? (x || y) : (x != y);
      return make_bool(t, r);
    }
    if (op != kMatMul) return int_binary(t, op, int_value(a), int_value(b));
  }
  if ((is_float(a) || is_integral(a)) && (is_float(b) || is_integral(b)) && op != kMatMul) {
    double x = is_float(a) ? float_value(a) : static_cast<double>(int_value(a));
    double y = is_float(b) ? float_value(b) : static_cast<double>(int_value(b));
    Value r = float_binary(t, op, x, y);
    if (r != in.notimpl) return r;
  }
  Layout la = layout_of(a), lb = layout_of(b);
  const char* concat_type = nullptr;
  switch (la) {
    case Layout::Str:
      if (op == kAdd) {
        if (lb != Layout::Str) {
          concat_type = "str";
          break;
        }
        Str* x = as_str(a);
        Str* y = as_str(b);
        if (x->length == 0) return b;
        if (y->length == 0) return a;
        std::string s;
        s.reserve(x->length + y->length);
        s.append(x->view());
        s.append(y->view());
        return Value::object(make_str(t, s));
      }
      if (op == kMul && is_integral(b)) return seq_repeat(t, a, int_value(b));
      if (op == kMod) return percent_format(t, as_str(a), b);
      break;
    case Layout::List:
      if (op == kAdd) {
        List* x = as_list(a);
        if (op_full == kAdd + kInplace) {
          // list += iterable extends in place (list.__iadd__).
          List* items = list_from_iterable(t, b);
          if (items == nullptr) return Value();
          ObjectLock lock(x, in.free_threaded());
          std::int64_t n = x->size;
          std::int64_t add = items->size;
          List* grown = x;
          if (n + add > grown->capacity) in.grow_list(grown, n + add + 1);
          for (std::int64_t i = 0; i < add; ++i) grown->items[n + i] = items->items[i];
          store_relaxed(grown->size, n + add);
          return a;
        }
        if (lb != Layout::List) {
          concat_type = "list";
          break;
        }
        List* y = as_list(b);
        // Both locks, lower address first (another thread may be adding them the other way).
        ObjectLock lock_lo(x < y ? x : y, in.free_threaded());
        ObjectLock lock_hi(x < y ? y : x, in.free_threaded() && y != x);
        List* out = make_list(t, x->size + y->size);
        for (std::int64_t i = 0; i < x->size; ++i) out->items[i] = x->items[i];
        for (std::int64_t i = 0; i < y->size; ++i) out->items[x->size + i] = y->items[i];
        return Value::object(out);
      }
      if (op == kMul && is_integral(b)) return seq_repeat(t, a, int_value(b));
      break;
    case Layout::Tuple:
      if (op == kAdd) {
        if (lb != Layout::Tuple) {
          concat_type = "tuple";
          break;
        }
        Tuple* x = as_tuple(a);
        Tuple* y = as_tuple(b);
        Tuple* out = make_tuple(t, x->size + y->size);
        for (std::int64_t i = 0; i < x->size; ++i) out->items()[i] = x->items()[i];
        for (std::int64_t i = 0; i < y->size; ++i) out->items()[x->size + i] = y->items()[i];
        return Value::object(out);
      }
      if (op == kMul && is_integral(b)) return seq_repeat(t, a, int_value(b));
      break;
    case Layout::Set:
      if (lb == Layout::Set) {
        if (op_full >= kInplace && (op == kOr || op == kAnd || op == kSub || op == kXor) &&
            as_dict(a)->type != in.types.frozenset) {
          // a |= b and friends change a in place, as CPython's set_ior etc. do.
          Set* x = as_dict(a);
          bool ok = op == kOr    ? set_update(t, x, b)
                    : op == kAnd ? set_intersection_update(t, x, b)
                    : op == kSub ? set_difference_update(t, x, b)
                                 : set_symmetric_difference_update(t, x, b);
          return ok ? a : Value();
        }
        Value r = set_binary(t, op, as_dict(a), as_dict(b));
        if (r != in.notimpl) return r;
      }
      break;
    case Layout::Dict:
      if (op == kOr && lb == Layout::Dict) {
        if (op_full == kOr + kInplace) {
          if (!dict_update(t, as_dict(a), as_dict(b))) return Value();
          return a;
        }
        Dict* out = dict_copy(t, as_dict(a));
        if (!dict_update(t, out, as_dict(b))) return Value();
        return Value::object(out);
      }
      break;
    default:
      break;
  }
  if (is_integral(a) && op == kMul &&
      (lb == Layout::Str || lb == Layout::List || lb == Layout::Tuple)) {
    return seq_repeat(t, b, int_value(a));
  }
  if (concat_type != nullptr && la != Layout::Instance) {
    return t.raise_fmt(in.exc.TypeError, "can only concatenate %s (not \"%s\") to %s", concat_type,
                       type_name(t, b), concat_type);
  }
  // User-defined special methods.
  if (la == Layout::Instance || la == Layout::Exception) {
    bool found = false;
    if (op_full >= kInplace) {
      Value r = call_special(t, a, names(t).*kBinaryOpNames[op].inplace, &b, 1, &found);
      if (found && (r.is_null() || r != in.notimpl)) return r;
    }
    Value r = call_special(t, a, names(t).*kBinaryOpNames[op].forward, &b, 1, &found);
    if (found && (r.is_null() || r != in.notimpl)) return r;
  }
  if (lb == Layout::Instance || lb == Layout::Exception) {
    bool found = false;
    Value r = call_special(t, b, names(t).*kBinaryOpNames[op].reflected, &a, 1, &found);
    if (found && (r.is_null() || r != in.notimpl)) return r;
  }
  auto is_seq = [](Layout l) {
    return l == Layout::Str || l == Layout::List || l == Layout::Tuple;
  };
  if (op == kMul && (is_seq(la) || is_seq(lb))) {
    // A count given by __index__ (`[0] * Idx(3)`), after its own __mul__/__rmul__.
    Value n = index_of(t, is_seq(la) ? b : a);
    if (!n.is_null()) return seq_repeat(t, is_seq(la) ? a : b, int_value(n));
    if (t.has_exception()) return n;
  }
  if (op == kMul && (is_seq(la) || is_seq(lb)) && la != Layout::Instance &&
      lb != Layout::Instance) {
    return t.raise_fmt(in.exc.TypeError, "can't multiply sequence by non-int of type '%s'",
                       type_name(t, is_seq(la) ? b : a));
  }
  if (op == kPow) {
    return t.raise_fmt(in.exc.TypeError,
                       "unsupported operand type(s) for %s or pow(): '%s' and '%s'",
                       binary_op_symbol(op_full), type_name(t, a), type_name(t, b));
  }
  return t.raise_fmt(in.exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                     binary_op_symbol(op_full), type_name(t, a), type_name(t, b));
}

Value unary_negative(Thread& t, Value v) {
  if (is_integral(v)) {
    std::int64_t x = int_value(v);
    if (x == INT64_MIN) return overflow(t);
    return make_int(t, -x);
  }
  if (is_float(v)) return make_float(t, -float_value(v));
  bool found = false;
  Value r = call_special(t, v, names(t).__neg__, nullptr, 0, &found);
  if (found) return r;
  return t.raise_fmt(t.interp().exc.TypeError, "bad operand type for unary -: '%s'",
                     type_name(t, v));
}

Value unary_positive(Thread& t, Value v) {
  if (is_integral(v)) return make_int(t, int_value(v));
  if (is_float(v)) return v;
  bool found = false;
  Value r = call_special(t, v, names(t).__pos__, nullptr, 0, &found);
  if (found) return r;
  return t.raise_fmt(t.interp().exc.TypeError, "bad operand type for unary +: '%s'",
                     type_name(t, v));
}

Value unary_invert(Thread& t, Value v) {
  if (is_integral(v)) return make_int(t, ~int_value(v));
  bool found = false;
  Value r = call_special(t, v, names(t).__invert__, nullptr, 0, &found);
  if (found) return r;
  return t.raise_fmt(t.interp().exc.TypeError, "bad operand type for unary ~: '%s'",
                     type_name(t, v));
}

// --- comparison ----------------------------------------------------------------------------------

const char* compare_op_symbol(int op) {
  static const char* symbols[] = {"<", "<=", "==", "!=", ">", ">="};
  return op >= 0 && op < 6 ? symbols[op] : "?";
}

namespace {

int swapped_op(int op) {
  static const int swapped[] = {kGt, kGe, kEq, kNe, kLt, kLe};
  return swapped[op];
}

template <class T>
bool apply_cmp(int op, const T& a, const T& b) {
  switch (op) {
    case kLt:
      return a < b;
    case kLe:
      return a <= b;
    case kEq:
      return a == b;
    case kNe:
      return a != b;
    case kGt:
      return a > b;
    default:
      return a >= b;
  }
}

int cmp_bytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// Compares two sequences of values lexicographically.
Value seq_compare(Thread& t, int op, const Value* a, std::int64_t na, const Value* b,
                  std::int64_t nb) {
  std::int64_t i = 0;
  for (; i < na && i < nb; ++i) {
    if (a[i] == b[i]) continue;
    int e = equal(t, a[i], b[i]);
    if (e < 0) return Value();
    if (!e) break;
  }
  if (i >= na || i >= nb) return make_bool(t, apply_cmp(op, na, nb));
  if (op == kEq) return t.interp().false_;
  if (op == kNe) return t.interp().true_;
  return rich_compare(t, op, a[i], b[i]);
}

Str* const* compare_names(Thread& t) {
  const Names& n = names(t);
  static thread_local Str* table[6];
  table[kLt] = n.__lt__;
  table[kLe] = n.__le__;
  table[kEq] = n.__eq__;
  table[kNe] = n.__ne__;
  table[kGt] = n.__gt__;
  table[kGe] = n.__ge__;
  return table;
}

}  // namespace

Value rich_compare(Thread& t, int op, Value a, Value b) {
  Interpreter& in = t.interp();
  if (is_integral(a) && is_integral(b))
    return make_bool(t, apply_cmp(op, int_value(a), int_value(b)));
  if ((is_float(a) || is_integral(a)) && (is_float(b) || is_integral(b))) {
    double x = is_float(a) ? float_value(a) : static_cast<double>(int_value(a));
    double y = is_float(b) ? float_value(b) : static_cast<double>(int_value(b));
    return make_bool(t, apply_cmp(op, x, y));
  }
  Layout la = layout_of(a), lb = layout_of(b);
  // set and frozenset compare with each other (the same table layout).
  if (la == lb && (type_of(t, a) == type_of(t, b) || la == Layout::Set)) {
    switch (la) {
      case Layout::Str:
        return make_bool(t, apply_cmp(op, cmp_bytes(as_str(a)->view(), as_str(b)->view()), 0));
      case Layout::Tuple:
        return seq_compare(t, op, as_tuple(a)->items(), as_tuple(a)->size, as_tuple(b)->items(),
                           as_tuple(b)->size);
      case Layout::List:
        return seq_compare(t, op, as_list(a)->items, as_list(a)->size, as_list(b)->items,
                           as_list(b)->size);
      case Layout::Dict:
        if (op == kEq || op == kNe) {
          Dict* x = as_dict(a);
          Dict* y = as_dict(b);
          bool eq = dict_len(x) == dict_len(y);
          std::uint32_t pos = 0;
          while (eq) {
            DictEntry* e = dict_next(x, &pos);
            if (e == nullptr) break;
            bool err = false;
            Value other = dict_get(t, y, e->key, &err);
            if (err) return Value();
            if (other.is_null()) {
              eq = false;
              break;
            }
            int r = equal(t, e->value, other);
            if (r < 0) return Value();
            eq = r == 1;
          }
          return make_bool(t, op == kEq ? eq : !eq);
        }
        break;
      case Layout::Set: {
        Set* x = as_dict(a);
        Set* y = as_dict(b);
        auto subset = [&](Set* p, Set* q) -> int {
          if (p->count > q->count) return 0;
          std::uint32_t pos = 0;
          while (DictEntry* e = dict_next(p, &pos)) {
            int c = set_contains(t, q, e->key);
            if (c <= 0) return c;
          }
          return 1;
        };
        int r;
        switch (op) {
          case kEq:
            r = x->count == y->count ? subset(x, y) : 0;
            break;
          case kNe:
            r = x->count == y->count ? subset(x, y) : 0;
            if (r >= 0) r = !r;
            break;
          case kLe:
            r = subset(x, y);
            break;
          case kGe:
            r = subset(y, x);
            break;
          case kLt:
            r = x->count < y->count ? subset(x, y) : 0;
            break;
          default:
            r = y->count < x->count ? subset(y, x) : 0;
            break;
        }
        if (r < 0) return Value();
        return make_bool(t, r == 1);
      }
      case Layout::Range:
        if (op == kEq || op == kNe) {
          auto* x = static_cast<Range*>(a.as_object());
          auto* y = static_cast<Range*>(b.as_object());
          bool eq = x->start == y->start && x->stop == y->stop && x->step == y->step;
          return make_bool(t, op == kEq ? eq : !eq);
        }
        break;
      default:
        break;
    }
  }
  // User special methods: the reflected operation of b is tried first when b's type is a subtype.
  bool a_user = la == Layout::Instance || la == Layout::Exception;
  bool b_user = lb == Layout::Instance || lb == Layout::Exception;
  if (a_user) {
    bool found = false;
    Value r = call_special(t, a, compare_names(t)[op], &b, 1, &found);
    if (found && (r.is_null() || r != in.notimpl)) return r;
  }
  if (b_user) {
    bool found = false;
    Value r = call_special(t, b, compare_names(t)[swapped_op(op)], &a, 1, &found);
    if (found && (r.is_null() || r != in.notimpl)) return r;
  }
  if (op == kEq) return make_bool(t, a == b);
  if (op == kNe) {
    if (a_user) {
      bool found = false;
      Value r = call_special(t, a, names(t).__eq__, &b, 1, &found);
      if (found) {
        if (r.is_null()) return r;
        if (r != in.notimpl) {
          int tr = truthy(t, r);
          if (tr < 0) return Value();
          return make_bool(t, !tr);
        }
      }
    }
    return make_bool(t, a != b);
  }
  return t.raise_fmt(in.exc.TypeError, "'%s' not supported between instances of '%s' and '%s'",
                     compare_op_symbol(op), type_name(t, a), type_name(t, b));
}

int equal(Thread& t, Value a, Value b) {
  if (a == b) return 1;
  if (a.is_small() && b.is_small()) return 0;
  Value r = rich_compare(t, kEq, a, b);
  if (r.is_null()) return -1;
  return truthy(t, r);
}

int less_than(Thread& t, Value a, Value b) {
  if (a.is_small() && b.is_small()) return a.as_small() < b.as_small() ? 1 : 0;
  Value r = rich_compare(t, kLt, a, b);
  if (r.is_null()) return -1;
  return truthy(t, r);
}

int contains(Thread& t, Value container, Value item) {
  Interpreter& in = t.interp();
  switch (layout_of(container)) {
    case Layout::Str: {
      if (!is_str(item)) {
        t.raise_fmt(in.exc.TypeError, "'in <string>' requires string as left operand, not %s",
                    type_name(t, item));
        return -1;
      }
      return as_str(container)->view().find(as_str(item)->view()) != std::string_view::npos;
    }
    case Layout::List: {
      List* l = as_list(container);
      for (std::int64_t i = 0;; ++i) {
        Value x = list_item(t, l, i);
        if (x.is_null()) return 0;
        int r = equal(t, x, item);
        if (r != 0) return r;
      }
    }
    case Layout::Tuple: {
      Tuple* tu = as_tuple(container);
      for (std::int64_t i = 0; i < tu->size; ++i) {
        int r = equal(t, tu->items()[i], item);
        if (r != 0) return r;
      }
      return 0;
    }
    case Layout::Dict:
      return dict_contains(t, as_dict(container), item);
    case Layout::Set:
      return set_contains(t, as_dict(container), item);
    case Layout::DictView: {
      auto* v = static_cast<DictView*>(container.as_object());
      if (v->kind == ViewKind::Keys) return dict_contains(t, v->dict, item);
      break;
    }
    case Layout::Range: {
      auto* r = static_cast<Range*>(container.as_object());
      if (!is_integral(item)) break;
      std::int64_t x = int_value(item);
      if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return 0;
      return (x - r->start) % r->step == 0;
    }
    case Layout::Instance: {
      bool found = false;
      Value r = call_special(t, container, names(t).__contains__, &item, 1, &found);
      if (found) return r.is_null() ? -1 : truthy(t, r);
      break;
    }
    default:
      break;
  }
  Value it = get_iter(t, container);
  if (it.is_null()) {
    t.take_exception();
    t.raise_fmt(in.exc.TypeError, "argument of type '%s' is not iterable", type_name(t, container));
    return -1;
  }
  for (;;) {
    Value x = iter_next(t, it);
    if (x.is_null()) return t.has_exception() ? -1 : 0;
    int r = equal(t, x, item);
    if (r != 0) return r;
  }
}

int truthy(Thread& t, Value v) {
  if (v.is_small()) return v.as_small() != 0;
  Object* o = v.as_object();
  switch (o->type->layout) {
    case Layout::None:
      return 0;
    case Layout::Bool:
      return static_cast<BoolObject*>(o)->value;
    case Layout::Int:
      return static_cast<IntObject*>(o)->value != 0;
    case Layout::Float:
      return static_cast<FloatObject*>(o)->value != 0;
    case Layout::Str:
      return static_cast<Str*>(o)->length != 0;
    case Layout::Tuple:
      return static_cast<Tuple*>(o)->size != 0;
    case Layout::List:
      return list_len(static_cast<List*>(o)) != 0;
    case Layout::Dict:
    case Layout::Set:
      return dict_len(static_cast<Dict*>(o)) != 0;
    case Layout::DictView:
      return dict_len(static_cast<DictView*>(o)->dict) != 0;
    case Layout::Range: {
      auto* r = static_cast<Range*>(o);
      return r->step > 0 ? r->start < r->stop : r->start > r->stop;
    }
    case Layout::Instance:
    case Layout::Exception: {
      bool found = false;
      Value r = call_special(t, v, names(t).__bool__, nullptr, 0, &found);
      if (found) {
        if (r.is_null()) return -1;
        if (layout_of(r) != Layout::Bool) {
          t.raise_fmt(t.interp().exc.TypeError, "__bool__ should return bool, returned %s",
                      type_name(t, r));
          return -1;
        }
        return int_value(r) != 0;
      }
      r = call_special(t, v, names(t).__len__, nullptr, 0, &found);
      if (found) {
        if (r.is_null()) return -1;
        return int_value(r) != 0;
      }
      return 1;
    }
    default:
      return 1;
  }
}

// --- hashing -------------------------------------------------------------------------------------

std::int64_t hash_int(std::int64_t v) {
  // CPython: hash(n) = n mod (2**61 - 1), with sign; hash(-1) == -2.
  constexpr std::int64_t kModulus = (std::int64_t{1} << 61) - 1;
  std::int64_t r;
  if (v >= 0) {
    r = v % kModulus;
  } else {
    r = -((-(v + 1) % kModulus) + 1);
    if (-r == kModulus) r = 0;
  }
  return r == -1 ? -2 : r;
}

// CPython's _Py_HashDouble (equal to hash_int for integral values), so that sets of floats lay out
// as in CPython. NaN hashes as 0 here (CPython 3.10+ hashes it by identity).
std::int64_t hash_double(double d) {
  return support::float_hash(d, 0);
}

bool hash_value(Thread& t, Value v, std::int64_t* out) {
  if (v.is_small()) {
    *out = hash_int(v.as_small());
    return true;
  }
  Object* o = v.as_object();
  switch (o->type->layout) {
    case Layout::Str:
      *out = hash_str(static_cast<Str*>(o));
      return true;
    case Layout::Int:
    case Layout::Bool:
      *out = hash_int(int_value(v));
      return true;
    case Layout::Float:
      *out = hash_double(float_value(v));
      return true;
    case Layout::Tuple: {
      auto* tu = static_cast<Tuple*>(o);
      if (std::int64_t cached = load_relaxed(tu->hash); cached != -1) {  // racing threads agree
        *out = cached;
        return true;
      }
      // CPython's xxHash-based tuple hash.
      std::uint64_t acc = 2870177450012600261ull;
      for (std::int64_t i = 0; i < tu->size; ++i) {
        std::int64_t h;
        if (!hash_value(t, tu->items()[i], &h)) return false;
        acc += static_cast<std::uint64_t>(h) * 14029467366897019727ull;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ull;
      }
      acc += static_cast<std::uint64_t>(tu->size) ^ (2870177450012600261ull ^ 3527539ull);
      auto h = static_cast<std::int64_t>(acc);
      if (h == -1) h = 1546275796;
      store_relaxed(tu->hash, h);
      *out = h;
      return true;
    }
    case Layout::Set:
      if (o->type == t.interp().types.frozenset) {
        *out = set_frozen_hash(static_cast<Set*>(o));
        return true;
      }
      [[fallthrough]];
    case Layout::List:
    case Layout::Dict:
      t.raise_fmt(t.interp().exc.TypeError, "unhashable type: '%s'", type_name(t, v));
      return false;
    case Layout::Instance:
    case Layout::Exception: {
      Value h = type_lookup(o->type, names(t).__hash__);
      if (!h.is_null()) {
        if (h == t.interp().none) {
          t.raise_fmt(t.interp().exc.TypeError, "unhashable type: '%s'", type_name(t, v));
          return false;
        }
        if (layout_of(h) == Layout::Function) {
          Value r = t.call(h, &v, 1);
          if (r.is_null()) return false;
          if (!is_integral(r)) {
            t.raise(t.interp().exc.TypeError, "__hash__ method should return an integer");
            return false;
          }
          *out = hash_int(int_value(r));
          return true;
        }
      } else if (!type_lookup(o->type, names(t).__eq__).is_null() &&
                 layout_of(type_lookup(o->type, names(t).__eq__)) == Layout::Function) {
        // A class that defines __eq__ without __hash__ is unhashable (CPython sets it to None).
        t.raise_fmt(t.interp().exc.TypeError, "unhashable type: '%s'", type_name(t, v));
        return false;
      }
      [[fallthrough]];
    }
    default: {
      auto p = static_cast<std::uint64_t>(v.bits());
      *out = static_cast<std::int64_t>((p >> 4) | (p << 60)) & 0x7fffffffffffffff;
      return true;
    }
  }
}

Value index_of(Thread& t, Value v) {
  if (is_integral(v)) return v;
  Layout l = layout_of(v);
  if (l != Layout::Instance && l != Layout::Exception) return Value();
  bool found = false;
  Value r = call_special(t, v, names(t).__index__, nullptr, 0, &found);
  if (r.is_null() || is_integral(r)) return r;
  return t.raise_fmt(t.interp().exc.TypeError, "__index__ returned non-int (type %s)",
                     type_name(t, r));
}

bool to_index(Thread& t, Value v, std::int64_t* out) {
  if (is_integral(v)) {
    *out = int_value(v);
    return true;
  }
  Value i = index_of(t, v);
  if (!i.is_null()) {
    *out = int_value(i);
    return true;
  }
  if (t.has_exception()) return false;
  t.raise_fmt(t.interp().exc.TypeError, "'%s' object cannot be interpreted as an integer",
              type_name(t, v));
  return false;
}

bool to_double(Thread& t, Value v, double* out, bool raise) {
  if (is_float(v)) {
    *out = float_value(v);
    return true;
  }
  if (is_integral(v)) {
    *out = static_cast<double>(int_value(v));
    return true;
  }
  if (raise && (layout_of(v) == Layout::Instance || layout_of(v) == Layout::Exception)) {
    // CPython's PyFloat_AsDouble: __float__ (which must return a float), else __index__.
    bool found = false;
    Value r = call_special(t, v, names(t).__float__, nullptr, 0, &found);
    if (found) {
      if (r.is_null()) return false;
      if (is_float(r)) {
        *out = float_value(r);
        return true;
      }
      t.raise_fmt(t.interp().exc.TypeError, "%s.__float__ returned non-float (type %s)",
                  type_name(t, v), type_name(t, r));
      return false;
    }
    Value n = index_of(t, v);
    if (!n.is_null()) {
      *out = static_cast<double>(int_value(n));
      return true;
    }
    if (t.has_exception()) return false;
  }
  if (raise) {
    t.raise_fmt(t.interp().exc.TypeError, "must be real number, not %s", type_name(t, v));
  }
  return false;
}

}  // namespace interleave::vm
