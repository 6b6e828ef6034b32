// Object construction helpers, type relations (single-inheritance MRO), attribute lookup with
// CPython's precedence (a class's __getattribute__, data descriptors, instance dict, class
// attributes and non-data descriptors, then __getattr__), assignment and deletion (a class's
// __setattr__/__delattr__, descriptors' __set__/__delete__), binding of functions to instances,
// special-method calls and native argument checking.
// Executing thread only; type dict writes bump Interpreter::type_epoch for the inline caches and
// Type::hooks (any thread may refill a type's hooks word: it is one atomic word per epoch).
#include <cstring>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"

namespace interleave::vm {

// --- construction --------------------------------------------------------------------------------

Tuple* make_tuple(Thread& t, std::int64_t n) {
  Tuple* tu = t.interp().make<Tuple>(&t, t.interp().types.tuple, sizeof(Value) * n);
  tu->size = n;
  for (std::int64_t i = 0; i < n; ++i) tu->items()[i] = t.interp().none;
  return tu;
}

Tuple* make_tuple(Thread& t, const Value* items, std::int64_t n) {
  if (n == 0) return t.interp().empty_tuple;
  Tuple* tu = t.interp().make<Tuple>(&t, t.interp().types.tuple, sizeof(Value) * n);
  tu->size = n;
  for (std::int64_t i = 0; i < n; ++i) tu->items()[i] = items[i];
  return tu;
}

List* make_list(Thread& t, std::int64_t n) {
  List* l = t.interp().make<List>(&t, t.interp().types.list);
  if (n > 0) {
    l->items = static_cast<Value*>(std::malloc(sizeof(Value) * n));
    if (l->items == nullptr) throw std::bad_alloc();
    t.interp().account(static_cast<std::int64_t>(sizeof(Value)) * n);
    l->capacity = n;
    for (std::int64_t i = 0; i < n; ++i) l->items[i] = t.interp().none;
  }
  store_relaxed(l->size, n);
  return l;
}

Dict* make_dict(Thread& t) {
  return t.interp().make<Dict>(&t, t.interp().types.dict);
}
Set* make_set(Thread& t) {
  return t.interp().make<Dict>(&t, t.interp().types.set);
}

Builtin* make_builtin(Thread& t, const char* name, NativeFn fn, Value self, Type* owner) {
  Builtin* b = t.interp().make<Builtin>(&t, t.interp().types.builtin);
  b->name = name;
  b->fn = fn;
  b->self = self;
  b->owner = owner;
  return b;
}

ExceptionObject* make_exception(Thread& t, Type* type, Tuple* args) {
  auto* e = t.interp().make<ExceptionObject>(&t, type);
  e->args = args != nullptr ? args : t.interp().empty_tuple;
  e->context = Value();
  e->cause = Value();
  return e;
}

Module* make_module(Thread& t, std::string_view name) {
  Module* m = t.interp().make<Module>(&t, t.interp().types.module);
  m->name = t.interp().intern(name);
  m->dict = make_dict(t);
  dict_set_str(t, m->dict, names(t).__name__, Value::object(m->name));
  return m;
}

Type* make_type(Thread& t, std::string_view name, Type* base, Layout layout, bool builtin) {
  Interpreter& in = t.interp();
  Type* ty = in.make<Type>(&t, in.types.type);
  ty->name = in.intern(name);
  ty->qualname = ty->name;
  ty->base = base;
  ty->layout = layout;
  ty->builtin = builtin;
  ty->dict = make_dict(t);
  ty->mro.push_back(ty);
  if (base != nullptr) {
    ty->mro.insert(ty->mro.end(), base->mro.begin(), base->mro.end());
    ty->thread_local_attrs = base->thread_local_attrs;
  }
  ty->module = Value::object(in.intern("builtins"));
  return ty;
}

// --- instance dicts ------------------------------------------------------------------------------

namespace {

// The attribute dict of an instance as the executing thread sees it. A threading.local instance
// keeps, in its own dict, one dict per thread keyed by the thread's ident; every other instance
// has one dict. `create`: make the dict when missing (stores), else null when there is none.
Dict* instance_dict(Thread& t, Instance* inst, bool create) {
  if (!inst->type->thread_local_attrs) {
    if (create) return dict_in_slot(t, inst->dict);
    return load_acquire(inst->dict);
  }
  Dict* per_thread = dict_in_slot(t, inst->dict);
  Value key = make_int(t, static_cast<std::int64_t>(t.ident()));
  bool error = false;
  Value d = dict_get(t, per_thread, key, &error);
  if (error) return nullptr;
  if (!d.is_null() || !create) return d.is_null() ? nullptr : as_dict(d);
  RootScope roots(t);
  roots.add(key);
  Dict* fresh = make_dict(t);
  roots.add(Value::object(fresh));
  if (!dict_set(t, per_thread, key, Value::object(fresh))) return nullptr;
  return fresh;
}

}  // namespace

// --- types ---------------------------------------------------------------------------------------

bool is_subtype(const Type* a, const Type* b) {
  if (a == b) return true;
  for (const Type* m : a->mro) {
    if (m == b) return true;
  }
  return false;
}

Value type_lookup(const Type* type, Str* name) {
  for (const Type* m : type->mro) {
    Value v = dict_get_str(m->dict, name);
    if (!v.is_null()) return v;
  }
  return Value();
}

std::uint32_t refill_type_hooks(Thread& t, Type* type) {
  Interpreter& in = t.interp();
  auto epoch = static_cast<std::uint32_t>(in.type_epoch.load());
  // object's own methods are no hooks: only a class's (or an assigned function) is.
  auto defines = [&](Str* name) {
    Value v = type_lookup(type, name);
    return !v.is_null() && !(layout_of(v) == Layout::Builtin &&
                             static_cast<Builtin*>(v.as_object())->owner == in.types.object);
  };
  const Names& n = names(t);
  std::uint32_t bits = 0;
  if (defines(n.__getattribute__)) bits |= kHookGetattribute;
  if (defines(n.__setattr__)) bits |= kHookSetattr;
  if (defines(n.__delattr__)) bits |= kHookDelattr;
  if (!user_new(t, type).is_null()) bits |= kHookNew;
  // The epoch was read before the lookups: a class changed meanwhile has a newer epoch, so this
  // word is refilled at the next use (as the inline caches are).
  type->hooks.store((static_cast<std::uint64_t>(epoch) << 32) | kHooksKnown | bits,
                    std::memory_order_relaxed);
  return bits;
}

Value descriptor_method(Thread& t, Value attr, Str* which) {
  if (attr.is_null() || layout_of(attr) != Layout::Instance) return Value();
  (void)t;
  return type_lookup(attr.as_object()->type, which);
}

bool is_data_descriptor(Thread& t, Value attr) {
  if (attr.is_null()) return false;
  Layout l = layout_of(attr);
  if (l == Layout::Property) return true;
  if (l != Layout::Instance) return false;
  const Names& n = names(t);
  return !descriptor_method(t, attr, n.__set__).is_null() ||
         !descriptor_method(t, attr, n.__delete__).is_null();
}

// --- binding -------------------------------------------------------------------------------------

Value bind_attr(Thread& t, Value attr, Value obj, Type* type) {
  Interpreter& in = t.interp();
  if (attr.is_small()) return attr;
  Object* o = attr.as_object();
  switch (o->type->layout) {
    case Layout::Function: {
      BoundMethod* m = in.make<BoundMethod>(&t, in.types.method);
      m->func = attr;
      m->self = obj;
      return Value::object(m);
    }
    case Layout::Builtin: {
      auto* b = static_cast<Builtin*>(o);
      if (b->owner == nullptr || !b->self.is_null()) return attr;
      return Value::object(make_builtin(t, b->name, b->fn, obj, b->owner));
    }
    case Layout::Property: {
      auto* p = static_cast<Property*>(o);
      if (p->getter.is_null() || p->getter == in.none) {
        return t.raise(in.exc.AttributeError, "property has no getter");
      }
      return t.call(p->getter, &obj, 1);
    }
    case Layout::ClassMethod: {
      BoundMethod* m = in.make<BoundMethod>(&t, in.types.method);
      m->func = static_cast<MethodWrapper*>(o)->func;
      m->self = Value::object(type);
      return Value::object(m);
    }
    case Layout::StaticMethod:
      return static_cast<MethodWrapper*>(o)->func;
    case Layout::Instance: {
      // A descriptor: type(attr).__get__(attr, obj, type).
      Value get = type_lookup(o->type, names(t).__get__);
      if (get.is_null()) return attr;
      Value args[3] = {attr, obj, Value::object(type)};
      return t.call(get, args, 3);
    }
    default:
      return attr;
  }
}

Value attr_error(Thread& t, Value obj, Str* name) {
  Interpreter& in = t.interp();
  Layout l = layout_of(obj);
  if (l == Layout::Type) {
    return t.raise_fmt(in.exc.AttributeError, "type object '%s' has no attribute '%s'",
                       as_type(obj)->name->data(), name->data());
  }
  if (l == Layout::Module) {
    return t.raise_fmt(in.exc.AttributeError, "module '%s' has no attribute '%s'",
                       static_cast<Module*>(obj.as_object())->name->data(), name->data());
  }
  return t.raise_fmt(in.exc.AttributeError, "'%s' object has no attribute '%s'", type_name(t, obj),
                     name->data());
}

namespace {

Value special_attr(Thread& t, Value obj, Str* name) {
  Interpreter& in = t.interp();
  const Names& n = names(t);
  if (name == n.__class__) return Value::object(type_of(t, obj));
  if (obj.is_small()) return Value();
  Object* o = obj.as_object();
  switch (o->type->layout) {
    case Layout::Function: {
      auto* f = static_cast<Function*>(o);
      if (name == n.__name__) return Value::object(f->name);
      if (name == n.__qualname__) return Value::object(f->qualname);
      if (name == n.__module__) return f->module;
      if (name == n.__doc__) return f->doc.is_null() ? in.none : f->doc;
      if (name == n.__dict__) {
        return Value::object(dict_in_slot(t, f->dict));
      }
      if (Dict* fd = load_acquire(f->dict)) return dict_get_str(fd, name);
      return Value();
    }
    case Layout::Builtin: {
      auto* b = static_cast<Builtin*>(o);
      if (name == n.__name__ || name == n.__qualname__) return str_value(t, b->name);
      if (name == in.intern("__self__")) return b->self.is_null() ? in.none : b->self;
      return Value();
    }
    case Layout::BoundMethod: {
      auto* b = static_cast<BoundMethod*>(o);
      if (name == in.intern("__self__")) return b->self;
      if (name == in.intern("__func__")) return b->func;
      return get_attr_opt(t, b->func, name);
    }
    case Layout::Type: {
      auto* ty = static_cast<Type*>(o);
      if (name == n.__name__) {
        // A native type named with its module ("_thread._local") is called by its last part.
        std::string_view full = ty->name->view();
        bool dotted = full.find('.') != std::string_view::npos;
        if (dotted && !ty->module.is_null() && is_str(ty->module) &&
            full.starts_with(as_str(ty->module)->view()))
          return Value::object(ty->qualname);
        return Value::object(ty->name);
      }
      if (name == n.__qualname__) return Value::object(ty->qualname);
      if (name == n.__module__) return ty->module;
      if (!ty->builtin && name->view() == "__annotations__") {
        // A class's own annotations, never a base's: made empty on first use, as CPython 3.10+.
        Value own = dict_get_str(ty->dict, name);
        if (!own.is_null()) return own;
        Dict* empty = make_dict(t);
        dict_set_str(t, ty->dict, name, Value::object(empty));
        in.type_epoch.fetch_add(1);
        return Value::object(empty);
      }
      if (name == n.__mro__) {
        Tuple* tu = make_tuple(t, static_cast<std::int64_t>(ty->mro.size()));
        for (std::size_t i = 0; i < ty->mro.size(); ++i) tu->items()[i] = Value::object(ty->mro[i]);
        return Value::object(tu);
      }
      if (name == n.__bases__) {
        if (ty->base == nullptr) return Value::object(in.empty_tuple);
        Value b = Value::object(ty->base);
        return Value::object(make_tuple(t, &b, 1));
      }
      if (name == n.__dict__) return Value::object(ty->dict);
      if (name == n.__doc__) {
        Value d = dict_get_str(ty->dict, n.__doc__);
        return d.is_null() ? in.none : d;
      }
      return Value();
    }
    case Layout::Module: {
      auto* m = static_cast<Module*>(o);
      if (name == n.__dict__) return Value::object(m->dict);
      // PEP 562: a module's own __getattr__(name) answers for a name its dict lacks.
      Value hook = name == n.__getattr__ ? Value() : dict_get_str(m->dict, n.__getattr__);
      if (hook.is_null()) return Value();
      Value arg = Value::object(name);
      return call(t, hook, &arg, 1);
    }
    case Layout::Exception: {
      auto* e = static_cast<ExceptionObject*>(o);
      if (name == n.args) return Value::object(e->args);
      if (name == n.__context__) return e->context.is_null() ? in.none : e->context;
      if (name == n.__cause__) return e->cause.is_null() ? in.none : e->cause;
      if (name == n.__suppress_context__) return make_bool(t, e->suppress_context);
      if (name == n.__traceback__) return in.none;
      if (name == n.value && is_subtype(o->type, in.exc.StopIteration)) {
        return e->args->size > 0 ? e->args->items()[0] : in.none;
      }
      if (name == in.intern("code") && is_subtype(o->type, in.exc.SystemExit)) {
        return e->args->size == 0   ? in.none
               : e->args->size == 1 ? e->args->items()[0]
                                    : Value::object(e->args);
      }
      return Value();
    }
    case Layout::Generator: {
      auto* g = static_cast<Generator*>(o);
      if (name == n.__name__) return Value::object(g->name);
      if (name == n.__qualname__) return Value::object(g->qualname);
      return Value();
    }
    case Layout::Slice: {
      auto* s = static_cast<Slice*>(o);
      if (name == in.intern("start")) return s->start;
      if (name == in.intern("stop")) return s->stop;
      if (name == in.intern("step")) return s->step;
      return Value();
    }
    case Layout::Range: {
      auto* r = static_cast<Range*>(o);
      if (name == in.intern("start")) return make_int(t, r->start);
      if (name == in.intern("stop")) return make_int(t, r->stop);
      if (name == in.intern("step")) return make_int(t, r->step);
      return Value();
    }
    case Layout::Property: {
      auto* p = static_cast<Property*>(o);
      if (name == in.intern("fget")) return p->getter.is_null() ? in.none : p->getter;
      if (name == in.intern("fset")) return p->setter.is_null() ? in.none : p->setter;
      if (name == in.intern("fdel")) return p->deleter.is_null() ? in.none : p->deleter;
      return Value();
    }
    default:
      return Value();
  }
}

}  // namespace

namespace {

// Attributes of a class object: its MRO's dicts (classmethods bound to it, descriptors asked
// with no instance, built-in methods as self-checking copies), then `type`'s own.
Value type_getattr(Thread& t, Type* ty, Str* name) {
  Interpreter& in = t.interp();
  Value obj = Value::object(ty);
  for (const Type* m : ty->mro) {
    Value v = dict_get_str(m->dict, name);
    if (v.is_null()) continue;
    if (!v.is_small()) {
      Layout vl = v.as_object()->type->layout;
      if (vl == Layout::ClassMethod || vl == Layout::StaticMethod) {
        return bind_attr(t, v, obj, ty);
      }
      if (vl == Layout::Builtin) {
        auto* b = static_cast<Builtin*>(v.as_object());
        if (b->owner != nullptr && b->self.is_null() && !b->check_self) {
          // `str.upper`: a copy whose call checks its self (Builtin::check_self).
          Builtin* unbound = make_builtin(t, b->name, b->fn, Value(), b->owner);
          unbound->check_self = true;
          return Value::object(unbound);
        }
      }
      if (vl == Layout::Instance) {
        Value get = descriptor_method(t, v, names(t).__get__);
        if (!get.is_null()) {
          Value args[3] = {v, in.none, obj};
          return t.call(get, args, 3);
        }
      }
    }
    return v;
  }
  Value s = special_attr(t, obj, name);
  if (!s.is_null()) return s;
  // Attributes of `type` itself (e.g. type.__name__ handled above; methods like mro()).
  Value meta = type_lookup(in.types.type, name);
  if (!meta.is_null()) return bind_attr(t, meta, obj, in.types.type);
  return Value();
}

Value super_getattr(Thread& t, Super* s, Str* name) {
  const std::vector<Type*>& mro = s->obj_type->mro;
  std::size_t i = 0;
  while (i < mro.size() && mro[i] != s->start_type) ++i;
  for (++i; i < mro.size(); ++i) {
    Value v = dict_get_str(mro[i]->dict, name);
    if (!v.is_null()) {
      if (s->obj == Value::object(s->obj_type) && layout_of(v) == Layout::Function) return v;
      return bind_attr(t, v, s->obj, s->obj_type);
    }
  }
  return Value();
}

// An instance whose class defines __getattribute__ and/or __getattr__ goes through them, as
// CPython's slot_tp_getattr_hook does: __getattr__ runs when the normal lookup (the class's
// __getattribute__ or object's) raised AttributeError or found nothing.
Value hooked_getattr(Thread& t, Value obj, Type* type, Str* name) {
  Interpreter& in = t.interp();
  Value v;
  if ((type_hooks(t, type) & kHookGetattribute) != 0) {
    Value arg = Value::object(name);
    bool found = false;
    v = call_special(t, obj, names(t).__getattribute__, &arg, 1, &found);
  } else {
    v = generic_getattr(t, obj, name);
  }
  if (!v.is_null()) return v;
  if (t.has_exception() && !is_subtype(type_of(t, t.exc), in.exc.AttributeError)) return v;
  Value ga = type_lookup(type, names(t).__getattr__);
  if (ga.is_null()) return v;
  if (t.has_exception()) t.take_exception();
  Value arg = Value::object(name);
  bool found = false;
  return call_special(t, obj, names(t).__getattr__, &arg, 1, &found);
}

// Null without an exception when the attribute is missing; with one when a hook, a property or
// a descriptor raised (AttributeError included: its message is the program's own).
Value lookup_attr(Thread& t, Value obj, Str* name) {
  Layout l = layout_of(obj);
  if (l == Layout::Type) return type_getattr(t, as_type(obj), name);
  if (l == Layout::Super) return super_getattr(t, static_cast<Super*>(obj.as_object()), name);
  if (l == Layout::Instance || l == Layout::Exception) {
    return hooked_getattr(t, obj, type_of(t, obj), name);
  }
  return generic_getattr(t, obj, name);
}

}  // namespace

Value generic_getattr(Thread& t, Value obj, Str* name) {
  Type* type = type_of(t, obj);
  Layout l = layout_of(obj);
  if (l == Layout::Type) return type_getattr(t, as_type(obj), name);
  Value cls_attr = type_lookup(type, name);
  if (!cls_attr.is_null() && !cls_attr.is_small() && is_data_descriptor(t, cls_attr)) {
    return bind_attr(t, cls_attr, obj, type);
  }
  if (l == Layout::Instance || l == Layout::Exception) {
    auto* inst = static_cast<Instance*>(obj.as_object());
    if (Dict* idict = instance_dict(t, inst, false)) {
      Value v = dict_get_str(idict, name);
      if (!v.is_null()) return v;
    }
    if (name == names(t).__dict__) {
      Dict* d = instance_dict(t, inst, true);
      return d == nullptr ? Value() : Value::object(d);
    }
  } else if (l == Layout::Module) {
    Value v = dict_get_str(static_cast<Module*>(obj.as_object())->dict, name);
    if (!v.is_null()) return v;
  }
  if (l != Layout::Instance) {
    Value s = special_attr(t, obj, name);
    if (!s.is_null() || t.has_exception()) return s;
  } else if (name == names(t).__class__) {
    return Value::object(type);
  }
  if (!cls_attr.is_null()) return bind_attr(t, cls_attr, obj, type);
  return Value();
}

Value get_attr_opt(Thread& t, Value obj, Str* name) {
  Value v = lookup_attr(t, obj, name);
  if (v.is_null() && t.has_exception() &&
      is_subtype(type_of(t, t.exc), t.interp().exc.AttributeError)) {
    t.take_exception();
  }
  return v;
}

Value get_attr(Thread& t, Value obj, Str* name) {
  Value v = lookup_attr(t, obj, name);
  if (v.is_null() && !t.has_exception()) return attr_error(t, obj, name);
  return v;
}

namespace {

// `obj.__class__ = cls` between classes of the program with the same layout, as CPython allows.
// The type word is stored atomically (GIL off: a thread reading the object sees either class).
bool assign_class(Thread& t, Value obj, Value cls) {
  Interpreter& in = t.interp();
  if (layout_of(cls) != Layout::Type) {
    t.raise_fmt(in.exc.TypeError, "__class__ must be set to a class, not '%s' object",
                type_name(t, cls));
    return false;
  }
  Type* from = type_of(t, obj);
  Type* to = as_type(cls);
  if (from->builtin || to->builtin || to->thread_local_attrs != from->thread_local_attrs) {
    t.raise(in.exc.TypeError,
            "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return false;
  }
  auto builtin_base = [](const Type* ty) {
    for (const Type* m : ty->mro) {
      if (m->builtin) return m;
    }
    return ty;
  };
  if (to->layout != from->layout || builtin_base(to) != builtin_base(from)) {
    t.raise_fmt(in.exc.TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                to->name->data(), from->name->data());
    return false;
  }
  store_release(obj.as_object()->type, to);
  return true;
}

}  // namespace

bool generic_setattr(Thread& t, Value obj, Str* name, Value v) {
  Interpreter& in = t.interp();
  Layout l = layout_of(obj);
  if (l != Layout::Instance && l != Layout::Exception) return set_attr(t, obj, name, v);
  const Names& n = names(t);
  Type* type = type_of(t, obj);
  Value cls_attr = type_lookup(type, name);
  if (!cls_attr.is_null() && layout_of(cls_attr) == Layout::Property) {
    auto* p = static_cast<Property*>(cls_attr.as_object());
    if (p->setter.is_null() || p->setter == in.none) {
      t.raise_fmt(in.exc.AttributeError, "property '%s' of '%s' object has no setter",
                  name->data(), type->name->data());
      return false;
    }
    Value args[2] = {obj, v};
    return !t.call(p->setter, args, 2).is_null();
  }
  if (!cls_attr.is_null() && layout_of(cls_attr) == Layout::Instance) {
    Value set = descriptor_method(t, cls_attr, n.__set__);
    if (!set.is_null()) {
      Value args[3] = {cls_attr, obj, v};
      return !t.call(set, args, 3).is_null();
    }
    if (!descriptor_method(t, cls_attr, n.__delete__).is_null()) {
      t.raise(in.exc.AttributeError, "__set__");
      return false;
    }
  }
  if (name == n.__class__) return assign_class(t, obj, v);
  if (l == Layout::Exception) {
    auto* e = as_exc(obj);
    if (name == n.__context__) {
      e->context = v == in.none ? Value() : v;
      return true;
    }
    if (name == n.__cause__) {
      e->cause = v == in.none ? Value() : v;
      e->suppress_context = true;
      return true;
    }
    if (name == n.args) {
      List* items = list_from_iterable(t, v);
      if (items == nullptr) return false;
      e->args = make_tuple(t, items->items, items->size);
      return true;
    }
  }
  Dict* d = instance_dict(t, static_cast<Instance*>(obj.as_object()), true);
  if (d == nullptr) return false;
  dict_set_str(t, d, name, v);
  return true;
}

bool set_attr(Thread& t, Value obj, Str* name, Value v) {
  Interpreter& in = t.interp();
  Layout l = layout_of(obj);
  const Names& n = names(t);
  if (l == Layout::Instance || l == Layout::Exception) {
    if ((type_hooks(t, type_of(t, obj)) & kHookSetattr) != 0) {
      Value args[2] = {Value::object(name), v};
      bool found = false;
      return !call_special(t, obj, n.__setattr__, args, 2, &found).is_null();
    }
    return generic_setattr(t, obj, name, v);
  }
  if (l == Layout::Type) {
    Type* ty = as_type(obj);
    if (ty->builtin) {
      t.raise_fmt(in.exc.TypeError, "cannot set '%s' attribute of immutable type '%s'",
                  name->data(), ty->name->data());
      return false;
    }
    if (name == n.__name__ || name == n.__qualname__) {
      if (!is_str(v)) {
        t.raise_fmt(in.exc.TypeError, "can only assign string to %s.%s, not '%s'",
                    ty->name->data(), name->data(), type_name(t, v));
        return false;
      }
      (name == n.__name__ ? ty->name : ty->qualname) = in.intern(as_str(v)->view());
      in.type_epoch.fetch_add(1);
      return true;
    }
    if (name == n.__module__) ty->module = v;
    dict_set_str(t, ty->dict, name, v);
    in.type_epoch.fetch_add(1);
    return true;
  }
  if (l == Layout::Module) {
    dict_set_str(t, static_cast<Module*>(obj.as_object())->dict, name, v);
    return true;
  }
  if (l == Layout::Function) {
    auto* f = static_cast<Function*>(obj.as_object());
    if (name == n.__name__ && is_str(v)) {
      f->name = as_str(v);
      return true;
    }
    if (name == n.__qualname__ && is_str(v)) {
      f->qualname = as_str(v);
      return true;
    }
    if (name == n.__doc__) {
      f->doc = v;
      return true;
    }
    if (name == n.__module__) {
      f->module = v;
      return true;
    }
    dict_set_str(t, dict_in_slot(t, f->dict), name, v);
    return true;
  }
  if (type_lookup(type_of(t, obj), name).is_null()) {
    t.raise_fmt(in.exc.AttributeError, "'%s' object has no attribute '%s'", type_name(t, obj),
                name->data());
  } else {
    t.raise_fmt(in.exc.AttributeError, "'%s' object attribute '%s' is read-only", type_name(t, obj),
                name->data());
  }
  return false;
}

bool generic_delattr(Thread& t, Value obj, Str* name) {
  Interpreter& in = t.interp();
  Layout l = layout_of(obj);
  Dict* d = nullptr;
  if (l == Layout::Instance || l == Layout::Exception) {
    Type* type = type_of(t, obj);
    Value cls_attr = type_lookup(type, name);
    if (!cls_attr.is_null() && layout_of(cls_attr) == Layout::Property) {
      auto* p = static_cast<Property*>(cls_attr.as_object());
      if (p->deleter.is_null() || p->deleter == in.none) {
        t.raise_fmt(in.exc.AttributeError, "property '%s' of '%s' object has no deleter",
                    name->data(), type->name->data());
        return false;
      }
      return !t.call(p->deleter, &obj, 1).is_null();
    }
    if (!cls_attr.is_null() && layout_of(cls_attr) == Layout::Instance) {
      Value del = descriptor_method(t, cls_attr, names(t).__delete__);
      if (!del.is_null()) {
        Value args[2] = {cls_attr, obj};
        return !t.call(del, args, 2).is_null();
      }
      if (!descriptor_method(t, cls_attr, names(t).__set__).is_null()) {
        t.raise(in.exc.AttributeError, "__delete__");
        return false;
      }
    }
    d = instance_dict(t, static_cast<Instance*>(obj.as_object()), false);
  }
  if (l == Layout::Module) d = static_cast<Module*>(obj.as_object())->dict;
  if (l == Layout::Type && !as_type(obj)->builtin) {
    d = as_type(obj)->dict;
    in.type_epoch.fetch_add(1);
  }
  if (l == Layout::Function) d = load_acquire(static_cast<Function*>(obj.as_object())->dict);
  if (d != nullptr) {
    int r = dict_del(t, d, Value::object(name));
    if (r < 0) return false;
    if (r == 1) return true;
  }
  attr_error(t, obj, name);
  return false;
}

bool del_attr(Thread& t, Value obj, Str* name) {
  Layout l = layout_of(obj);
  if ((l == Layout::Instance || l == Layout::Exception) &&
      (type_hooks(t, type_of(t, obj)) & kHookDelattr) != 0) {
    Value arg = Value::object(name);
    bool found = false;
    return !call_special(t, obj, names(t).__delattr__, &arg, 1, &found).is_null();
  }
  return generic_delattr(t, obj, name);
}

// --- calls ---------------------------------------------------------------------------------------

Value call_special(Thread& t, Value self, Str* name, const Value* args, int nargs, bool* found) {
  Value method = type_lookup(type_of(t, self), name);
  if (method.is_null()) {
    *found = false;
    return Value();
  }
  *found = true;
  Value buf[8];
  buf[0] = self;
  for (int i = 0; i < nargs && i < 7; ++i) buf[i + 1] = args[i];
  if (layout_of(method) == Layout::Function || layout_of(method) == Layout::Builtin) {
    return t.call(method, buf, nargs + 1);
  }
  Value bound = bind_attr(t, method, self, type_of(t, self));
  if (bound.is_null()) return bound;
  return t.call(bound, args, nargs);
}

bool is_callable(Thread& t, Value v) {
  switch (layout_of(v)) {
    case Layout::Function:
    case Layout::Builtin:
    case Layout::BoundMethod:
    case Layout::Type:
      return true;
    case Layout::Instance:
    case Layout::Exception:
      return !type_lookup(type_of(t, v), names(t).__call__).is_null();
    default:
      return false;
  }
}

std::string callable_name(Thread& t, Value callable) {
  switch (layout_of(callable)) {
    case Layout::Function:
      return std::string(static_cast<Function*>(callable.as_object())->qualname->view());
    case Layout::Builtin: {
      auto* b = static_cast<Builtin*>(callable.as_object());
      if (b->owner != nullptr) return std::string(b->owner->name->view()) + "." + b->name;
      return b->name;
    }
    case Layout::BoundMethod:
      return callable_name(t, static_cast<BoundMethod*>(callable.as_object())->func);
    case Layout::Type:
      return std::string(as_type(callable)->name->view());
    default:
      return type_name(t, callable);
  }
}

std::string function_str(Thread& t, Value callable) {
  // CPython's _PyObject_FunctionStr: "module.qualname()", "qualname()" for builtins, else the
  // type's name and " object".
  Value qual = get_attr_opt(t, callable, names(t).__qualname__);
  if (qual.is_null() || !is_str(qual)) {
    if (t.has_exception()) t.take_exception();
    return std::string(type_name(t, callable)) + " object";
  }
  std::string out;
  Value mod = get_attr_opt(t, callable, names(t).__module__);
  if (t.has_exception()) t.take_exception();
  if (!mod.is_null() && is_str(mod) && as_str(mod)->view() != "builtins") {
    out.append(as_str(mod)->view());
    out += '.';
  }
  out.append(as_str(qual)->view());
  return out + "()";
}

// --- argument helpers ----------------------------------------------------------------------------

bool no_kwargs(Thread& t, const char* fname, Tuple* kwnames) {
  if (kwnames == nullptr || kwnames->size == 0) return true;
  t.raise_fmt(t.interp().exc.TypeError, "%s() takes no keyword arguments", fname);
  return false;
}

bool check_nargs(Thread& t, const char* fname, int nargs, int min, int max) {
  if (nargs >= min && nargs <= max) return true;
  Interpreter& in = t.interp();
  if (min == max) {
    if (min == 0) {
      t.raise_fmt(in.exc.TypeError, "%s() takes no arguments (%d given)", fname, nargs);
    } else if (min == 1) {
      t.raise_fmt(in.exc.TypeError, "%s() takes exactly one argument (%d given)", fname, nargs);
    } else {
      t.raise_fmt(in.exc.TypeError, "%s expected %d arguments, got %d", fname, min, nargs);
    }
  } else if (nargs < min) {
    t.raise_fmt(in.exc.TypeError, "%s expected at least %d argument%s, got %d", fname, min,
                min == 1 ? "" : "s", nargs);
  } else {
    t.raise_fmt(in.exc.TypeError, "%s expected at most %d argument%s, got %d", fname, max,
                max == 1 ? "" : "s", nargs);
  }
  return false;
}

KwArgs split_kwargs(const Value* args, int nargs, Tuple* kwnames) {
  int nkw = kwnames == nullptr ? 0 : static_cast<int>(kwnames->size);
  return KwArgs{args, nargs - nkw, kwnames};
}

Value KwArgs::get(std::string_view name) const {
  if (kwnames == nullptr) return Value();
  for (std::int64_t i = 0; i < kwnames->size; ++i) {
    if (as_str(kwnames->items()[i])->view() == name) return args[npos + i];
  }
  return Value();
}

bool check_kwargs(Thread& t, const char* fname, const KwArgs& kw, const char* const* allowed) {
  if (kw.kwnames == nullptr) return true;
  for (std::int64_t i = 0; i < kw.kwnames->size; ++i) {
    std::string_view k = as_str(kw.kwnames->items()[i])->view();
    bool ok = false;
    for (const char* const* a = allowed; *a != nullptr; ++a) {
      if (k == *a) ok = true;
    }
    if (!ok) {
      t.raise_fmt(t.interp().exc.TypeError, "%s() got an unexpected keyword argument '%.*s'", fname,
                  static_cast<int>(k.size()), k.data());
      return false;
    }
  }
  return true;
}

}  // namespace interleave::vm
