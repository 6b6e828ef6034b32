// The methods of `object` that a class overrides and reaches again through `object.X(self, ...)`
// or `super().X(...)`: __getattribute__, __setattr__, __delattr__ (the lookup, assignment and
// deletion without the class's hooks), __new__ (a static method, as in CPython) and
// __init_subclass__; and what class creation and instantiation do with a class's own __new__,
// __init_subclass__ and descriptors' __set_name__. Natives run on the executing thread.
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

bool applies_to(Thread& t, Value self, const char* method) {
  if (layout_of(self) != Layout::Type) return true;
  t.raise_fmt(t.interp().exc.TypeError, "can't apply this %s to type object", method);
  return false;
}

Value object_getattribute(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  if (!no_kwargs(t, "__getattribute__", kwnames) ||
      !check_nargs(t, "__getattribute__", nargs - 1, 1, 1)) {
    return Value();
  }
  Str* name = attr_name(t, args[1]);
  if (name == nullptr) return Value();
  Value v = generic_getattr(t, args[0], name);
  if (v.is_null() && !t.has_exception()) return attr_error(t, args[0], name);
  return v;
}

Value object_setattr(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  if (!no_kwargs(t, "__setattr__", kwnames) || !check_nargs(t, "__setattr__", nargs - 1, 2, 2)) {
    return Value();
  }
  Str* name = attr_name(t, args[1]);
  if (name == nullptr || !applies_to(t, args[0], "__setattr__")) return Value();
  if (!generic_setattr(t, args[0], name, args[2])) return Value();
  return t.interp().none;
}

Value object_delattr(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  if (!no_kwargs(t, "__delattr__", kwnames) || !check_nargs(t, "__delattr__", nargs - 1, 1, 1)) {
    return Value();
  }
  Str* name = attr_name(t, args[1]);
  if (name == nullptr || !applies_to(t, args[0], "__delattr__")) return Value();
  if (!generic_delattr(t, args[0], name)) return Value();
  return t.interp().none;
}

// object.__new__(cls, ...): a new, uninitialised instance of the class `cls`.
Value object_new(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  Interpreter& in = t.interp();
  if (nargs < 1) return t.raise(in.exc.TypeError, "object.__new__(): not enough arguments");
  if (layout_of(args[0]) != Layout::Type) {
    return t.raise_fmt(in.exc.TypeError, "object.__new__(X): X is not a type object (%s)",
                       type_name(t, args[0]));
  }
  Type* type = as_type(args[0]);
  if (type->builtin && type->layout != Layout::Instance && type->layout != Layout::Exception) {
    return t.raise_fmt(in.exc.TypeError,
                       "object.__new__(%s) is not safe, use %s.__new__()", type->name->data(),
                       type->name->data());
  }
  // CPython's object_new: extra arguments are an error when the class overrides __new__ (they
  // were meant for it) or has no __init__ to take them.
  if (nargs > 1 && type->layout != Layout::Exception) {
    if (!user_new(t, type).is_null()) {
      return t.raise(in.exc.TypeError,
                     "object.__new__() takes exactly one argument (the type to instantiate)");
    }
    Value init = type_lookup(type, names(t).__init__);
    if (!init.is_null() && layout_of(init) == Layout::Builtin &&
        static_cast<Builtin*>(init.as_object())->owner == in.types.object) {
      return t.raise_fmt(in.exc.TypeError, "%s() takes no arguments", type->name->data());
    }
  }
  if (type->layout == Layout::Exception) {
    int npos = nargs - 1 - (kwnames == nullptr ? 0 : static_cast<int>(kwnames->size));
    return Value::object(make_exception(t, type, make_tuple(t, args + 1, npos)));
  }
  return Value::object(in.make<Instance>(&t, type));
}

// object.__init_subclass__(cls): does nothing, and takes no keyword arguments.
Value object_init_subclass(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  (void)args;
  if (kwnames != nullptr && kwnames->size > 0) {
    return t.raise_fmt(t.interp().exc.TypeError,
                       "%s.__init_subclass__() takes no keyword arguments",
                       as_type(args[0])->name->data());
  }
  if (!check_nargs(t, "__init_subclass__", nargs - 1, 0, 0)) return Value();
  return t.interp().none;
}

MethodWrapper* wrap(Thread& t, Type* kind, Value func) {
  MethodWrapper* m = t.interp().make<MethodWrapper>(&t, kind);
  m->func = func;
  return m;
}

}  // namespace

void install_object_methods(Thread& t) {
  Interpreter& in = t.interp();
  Type* object = in.types.object;
  add_method(t, object, "__getattribute__", object_getattribute);
  add_method(t, object, "__setattr__", object_setattr);
  add_method(t, object, "__delattr__", object_delattr);
  add_method(t, object, "__init_subclass__", object_init_subclass);
  Builtin* make = make_builtin(t, "__new__", object_new);
  RootScope roots(t);
  roots.add(Value::object(make));
  dict_set_str(t, object->dict, names(t).__new__,
               Value::object(wrap(t, in.types.staticmethod, Value::object(make))));
}

Value user_new(Thread& t, Type* type) {
  Value v = type_lookup(type, names(t).__new__);
  if (v.is_null()) return Value();
  if (layout_of(v) == Layout::StaticMethod) v = static_cast<MethodWrapper*>(v.as_object())->func;
  if (v.is_null() || (layout_of(v) == Layout::Builtin &&
                      static_cast<Builtin*>(v.as_object())->fn == object_new)) {
    return Value();
  }
  return v;
}

void wrap_implicit_methods(Thread& t, Dict* ns) {
  Interpreter& in = t.interp();
  const Names& n = names(t);
  Value new_fn = dict_get_str(ns, n.__new__);
  if (!new_fn.is_null() && layout_of(new_fn) == Layout::Function) {
    dict_set_str(t, ns, n.__new__, Value::object(wrap(t, in.types.staticmethod, new_fn)));
  }
  for (Str* name : {n.__init_subclass__, in.intern("__class_getitem__")}) {
    Value method = dict_get_str(ns, name);
    if (!method.is_null() && layout_of(method) == Layout::Function) {
      dict_set_str(t, ns, name, Value::object(wrap(t, in.types.classmethod, method)));
    }
  }
}

bool finish_class(Thread& t, Type* type, const Value* kwargs, Tuple* kwnames) {
  const Names& n = names(t);
  RootScope roots(t);
  // __set_name__(owner, name) of every attribute whose type defines it, in definition order.
  // The names and values are collected first: a __set_name__ may change the class's dict.
  std::vector<std::pair<Value, Value>> named;
  Dict* ns = type->dict;
  DictTable* tb = load_acquire(ns->table);
  for (std::uint32_t i = 0; tb != nullptr && i < load_acquire(tb->used); ++i) {
    Value key = tb->entries()[i].key;
    Value value = tb->entries()[i].value;
    if (key.is_null() || value.is_null() || layout_of(value) != Layout::Instance) continue;
    if (type_lookup(value.as_object()->type, n.__set_name__).is_null()) continue;
    named.emplace_back(key, value);
    roots.add(key);
    roots.add(value);
  }
  for (const auto& [key, value] : named) {
    Value args[2] = {Value::object(type), key};
    bool found = false;
    if (call_special(t, value, n.__set_name__, args, 2, &found).is_null() && found) return false;
  }
  // The parent's __init_subclass__, bound to the new class (CPython: super(type, type)).
  if (type->base == nullptr) return true;
  Value hook = type_lookup(type->base, n.__init_subclass__);
  if (hook.is_null()) return true;
  Value bound = bind_attr(t, hook, Value::object(type), type);
  if (bound.is_null()) return false;
  roots.add(bound);
  int nkw = kwnames == nullptr ? 0 : static_cast<int>(kwnames->size);
  return !t.call(bound, kwargs, nkw, nkw == 0 ? nullptr : kwnames).is_null();
}

}  // namespace interleave::vm
