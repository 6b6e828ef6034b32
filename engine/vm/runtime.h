// The core operations every part of the VM uses: constructing values, type queries, arithmetic,
// comparison, truth, repr/str, hashing, attribute access, iteration and calls. Each takes the
// calling Thread (for allocation and exceptions) and returns null / -1 with the exception set on
// the thread on failure. Called only by the thread that is executing (holding the GIL, if any).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/result.h"
#include "vm/interp.h"

namespace interleave::vm {

// --- construction ------------------------------------------------------------------------------
Value make_int(Thread& t, std::int64_t v);
Value make_float(Thread& t, double v);
inline Value make_bool(Thread& t, bool b);
Str* make_str(Thread& t, std::string_view utf8);
Value str_value(Thread& t, std::string_view utf8);
Tuple* make_tuple(Thread& t, std::int64_t n);  // items are None
Tuple* make_tuple(Thread& t, const Value* items, std::int64_t n);
List* make_list(Thread& t, std::int64_t n);  // items are None
Dict* make_dict(Thread& t);
Set* make_set(Thread& t);
Builtin* make_builtin(Thread& t, const char* name, NativeFn fn, Value self = Value(),
                      Type* owner = nullptr);
ExceptionObject* make_exception(Thread& t, Type* type, Tuple* args);
Module* make_module(Thread& t, std::string_view name);
Type* make_type(Thread& t, std::string_view name, Type* base, Layout layout, bool builtin);

// --- type queries ------------------------------------------------------------------------------
inline Type* type_of(Thread& t, Value v);
bool is_subtype(const Type* a, const Type* b);
inline bool isinstance(Thread& t, Value v, const Type* type);
inline Layout layout_of(Value v) {
  return v.is_small() ? Layout::Int : v.as_object()->type->layout;
}
inline bool is_int(Value v) {
  return v.is_small() || layout_of(v) == Layout::Int;
}
inline bool is_str(Value v) {
  return !v.is_small() && layout_of(v) == Layout::Str;
}
inline Str* as_str(Value v) {
  return static_cast<Str*>(v.as_object());
}
inline Tuple* as_tuple(Value v) {
  return static_cast<Tuple*>(v.as_object());
}
inline List* as_list(Value v) {
  return static_cast<List*>(v.as_object());
}
inline Dict* as_dict(Value v) {
  return static_cast<Dict*>(v.as_object());
}
inline Type* as_type(Value v) {
  return static_cast<Type*>(v.as_object());
}
inline ExceptionObject* as_exc(Value v) {
  return static_cast<ExceptionObject*>(v.as_object());
}
std::int64_t int_value(Value v);  // v must be an int (or bool)
double float_value(Value v);      // v must be a float
// int/bool -> int64, or the int a user object's __index__ returns; TypeError "'x' object cannot
// be interpreted as an integer" otherwise.
bool to_index(Thread& t, Value v, std::int64_t* out);
// v itself when an int or bool; what a user object's __index__ returns (TypeError when that is no
// int); null without an exception when v has no __index__.
Value index_of(Thread& t, Value v);
// int/float/bool -> double; false with TypeError otherwise.
bool to_double(Thread& t, Value v, double* out, bool raise = true);
const char* type_name(Thread& t, Value v);
std::string type_name_str(Type* type);
Value type_lookup(const Type* type, Str* name);  // null when absent (no exception)

// --- arithmetic and comparison ------------------------------------------------------------------
// CPython's BINARY_OP argument numbering (0-12, +13 for the in-place forms).
enum BinaryOp : int {
  kAdd,
  kAnd,
  kFloorDiv,
  kLShift,
  kMatMul,
  kMul,
  kMod,
  kOr,
  kPow,
  kRShift,
  kSub,
  kTrueDiv,
  kXor,
  kInplace = 13
};
const char* binary_op_symbol(int op);  // "+", "+=", ...
Value binary_op(Thread& t, int op, Value a, Value b);
enum CompareOp : int { kLt, kLe, kEq, kNe, kGt, kGe };
const char* compare_op_symbol(int op);
Value rich_compare(Thread& t, int op, Value a, Value b);
int equal(Thread& t, Value a, Value b);      // 1, 0, or -1 on exception
int less_than(Thread& t, Value a, Value b);  // for sort/min/max
int contains(Thread& t, Value container, Value item);
int truthy(Thread& t, Value v);
Value unary_negative(Thread& t, Value v);
Value unary_positive(Thread& t, Value v);
Value unary_invert(Thread& t, Value v);

// --- text --------------------------------------------------------------------------------------
Value repr(Thread& t, Value v);  // a Str
Value to_str(Thread& t, Value v);
bool repr_into(Thread& t, Value v, std::string& out);
bool str_into(Thread& t, Value v, std::string& out);
std::string format_float(double d);  // CPython float repr
std::string str_repr(std::string_view s);
Value percent_format(Thread& t, Str* fmt, Value args);  // str % args

std::size_t str_byte_offset(const Str* s, std::int64_t index);
// Python-level exception class check: is `exc` an instance of `type` (or a tuple of types)?
int exception_matches(Thread& t, Value exc, Value type_or_tuple);
Value format_value(Thread& t, Value v, std::string_view spec);  // format(v, spec)

// Raises the Python exception a support::Error names; returns null.
Value raise_support_error(Thread& t, const support::Error& e);

// --- hashing -----------------------------------------------------------------------------------
bool hash_value(Thread& t, Value v, std::int64_t* out);
std::int64_t hash_str(Str* s);
std::int64_t hash_int(std::int64_t v);
std::int64_t hash_double(double d);

// --- attributes --------------------------------------------------------------------------------
Value get_attr(Thread& t, Value obj, Str* name);
// Like get_attr but returns null without an exception when the attribute is missing (an
// AttributeError raised by a hook or property is cleared, as CPython's _PyObject_LookupAttr).
Value get_attr_opt(Thread& t, Value obj, Str* name);
bool set_attr(Thread& t, Value obj, Str* name, Value v);
bool del_attr(Thread& t, Value obj, Str* name);
Value attr_error(Thread& t, Value obj, Str* name);
// Binds a class attribute found on `type` to `obj` (functions -> bound methods, properties,
// descriptors' __get__...).
Value bind_attr(Thread& t, Value attr, Value obj, Type* type);
// object.__getattribute__, object.__setattr__, object.__delattr__: the lookup, assignment and
// deletion without a class's hooks (generic_getattr: null without an exception when missing).
Value generic_getattr(Thread& t, Value obj, Str* name);
bool generic_setattr(Thread& t, Value obj, Str* name, Value v);
bool generic_delattr(Thread& t, Value obj, Str* name);
// The kHook* bits of `type` at the current type epoch (cached in Type::hooks; the check is inline,
// the lookups that refill the word are not).
std::uint32_t refill_type_hooks(Thread& t, Type* type);
inline std::uint32_t type_hooks(Thread& t, Type* type) {
  const std::uint64_t word = type->hooks.load(std::memory_order_relaxed);
  const auto epoch = static_cast<std::uint32_t>(t.interp().type_epoch.load());
  if ((word & kHooksKnown) != 0 && static_cast<std::uint32_t>(word >> 32) == epoch) {
    return static_cast<std::uint32_t>(word) & ~kHooksKnown;
  }
  return refill_type_hooks(t, type);
}
// A user-defined descriptor's method (`__get__`, `__set__`, `__delete__`) looked up on the type of
// the class attribute `attr`; null when `attr` is no user instance or lacks it.
Value descriptor_method(Thread& t, Value attr, Str* which);
// A property, or an instance of a class defining __set__ or __delete__: it takes precedence over
// the instance dict.
bool is_data_descriptor(Thread& t, Value attr);
inline bool class_attr_is_data_descriptor(Thread& t, Type* type, Str* name) {
  Value attr = type_lookup(type, name);
  return !attr.is_null() && is_data_descriptor(t, attr);
}

// --- items -------------------------------------------------------------------------------------
Value get_item(Thread& t, Value obj, Value key);
bool set_item(Thread& t, Value obj, Value key, Value v);
bool del_item(Thread& t, Value obj, Value key);

// --- iteration ---------------------------------------------------------------------------------
Value get_iter(Thread& t, Value v);
// The next item, or null: with an exception set on failure, without one when exhausted.
Value iter_next(Thread& t, Value it);
// Collects an iterable into a new list (null on exception).
List* list_from_iterable(Thread& t, Value iterable);

// --- calls -------------------------------------------------------------------------------------
// Calls anything callable with positional args (and kwnames naming the trailing ones).
inline Value call(Thread& t, Value callable, const Value* args, int nargs,
                  Tuple* kwnames = nullptr) {
  return t.call(callable, args, nargs, kwnames);
}
// Calls a method looked up on the type of `self` (special methods): null/no exception if absent.
Value call_special(Thread& t, Value self, Str* name, const Value* args, int nargs, bool* found);
bool is_callable(Thread& t, Value v);
std::string callable_name(Thread& t, Value callable);  // "f" / "list.append" for messages
std::string function_str(Thread& t, Value callable);   // "__main__.f()" / "len()" for messages

// --- argument parsing for natives --------------------------------------------------------------
// Rejects any keyword argument: "f() takes no keyword arguments".
bool no_kwargs(Thread& t, const char* fname, Tuple* kwnames);
bool check_nargs(Thread& t, const char* fname, int nargs, int min, int max);
// Splits args into positional and a keyword lookup; returns null when absent.
struct KwArgs {
  const Value* args;
  int npos;
  Tuple* kwnames;
  Value get(std::string_view name) const;
};
KwArgs split_kwargs(const Value* args, int nargs, Tuple* kwnames);
// Checks every keyword is one of `allowed` (null-terminated): "f() got an unexpected keyword
// argument 'x'".
bool check_kwargs(Thread& t, const char* fname, const KwArgs& kw, const char* const* allowed);

// --- interned names used by the VM -------------------------------------------------------------
struct Names;
const Names& names(Thread& t);

// --- inline definitions ------------------------------------------------------------------------
inline Type* type_of(Thread& t, Value v) {
  return v.is_small() ? t.interp().types.int_ : v.as_object()->type;
}
inline bool isinstance(Thread& t, Value v, const Type* type) {
  return is_subtype(type_of(t, v), type);
}
inline Value make_bool(Thread& t, bool b) {
  return b ? t.interp().true_ : t.interp().false_;
}

}  // namespace interleave::vm
