// Pickling: a recursive writer over VM values and its reader. Globals are resolved through
// sys.modules (importing on the reading side), so a spawned child finds `__main__.f` in its
// __mp_main__ module. No memo: shared references arrive as copies and cycles are refused by depth.
// Executing thread only.
#include "ipc/pickle.h"

#include <cstdio>
#include <cstring>

#include "vm/dict.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::ipc {

using namespace vm;

namespace {

vm::Type* g_pickling_error = nullptr;

enum Tag : std::uint8_t {
  kNone,
  kFalse,
  kTrue,
  kInt,
  kFloat,
  kStr,
  kTuple,
  kList,
  kDict,
  kSet,
  kGlobal,
  kInstance,
  kException,
  kMethod,
  kRange
};

constexpr int kMaxDepth = 400;

void put_u32(std::string* out, std::uint32_t v) {
  out->append(reinterpret_cast<char*>(&v), 4);
}
void put_i64(std::string* out, std::int64_t v) {
  out->append(reinterpret_cast<char*>(&v), 8);
}
void put_str(std::string* out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out->append(s);
}

Value lookup_global(Thread& t, std::string_view module, std::string_view qualname, bool import) {
  Interpreter& in = t.interp();
  Value obj;
  if (module == "builtins") {
    obj = Value::object(in.builtins);
    Value v = dict_get_str(in.builtins, in.intern(qualname));
    return v;
  }
  obj = dict_get_str(in.modules, in.intern(module));
  if (obj.is_null() && import) {
    obj = in.import_module(t, module);
    if (obj.is_null()) return Value();
  }
  if (obj.is_null()) return Value();
  std::size_t pos = 0;
  while (pos <= qualname.size()) {
    std::size_t dot = qualname.find('.', pos);
    if (dot == std::string_view::npos) dot = qualname.size();
    obj = get_attr_opt(t, obj, in.intern(qualname.substr(pos, dot - pos)));
    if (obj.is_null()) {
      if (t.has_exception()) t.take_exception();
      return Value();
    }
    pos = dot + 1;
  }
  return obj;
}

// The module a built-in function is reached from, as CPython's __module__ says: "builtins" for
// len, "math" for math.sqrt (the first imported module that holds it under its own name).
std::string_view builtin_module(Thread& t, Builtin* b) {
  Interpreter& in = t.interp();
  Str* name = in.intern(b->name);
  if (dict_get_str(in.builtins, name) == Value::object(b)) return "builtins";
  std::uint32_t pos = 0;
  while (DictEntry* e = dict_next(in.modules, &pos)) {
    if (layout_of(e->value) != Layout::Module || !is_str(e->key)) continue;
    Dict* d = static_cast<Module*>(e->value.as_object())->dict;
    if (d != nullptr && dict_get_str(d, name) == Value::object(b)) return as_str(e->key)->view();
  }
  return "builtins";
}

Type* pickling_error(Thread& t) {
  // This interpreter's own multiprocessing.PicklingError: the simulator runs a process's
  // children as interpreters in the same OS process, and the last one to import multiprocessing
  // set g_pickling_error to its class, which the parent's `except Exception` did not catch.
  Interpreter& in = t.interp();
  Value mp = dict_get_str(in.modules, in.intern("multiprocessing"));
  if (!mp.is_null() && layout_of(mp) == Layout::Module) {
    Value e = dict_get_str(static_cast<Module*>(mp.as_object())->dict, in.intern("PicklingError"));
    if (!e.is_null() && layout_of(e) == Layout::Type) return as_type(e);
  }
  return g_pickling_error != nullptr ? g_pickling_error : in.exc.RuntimeError;
}

class Writer {
 public:
  Writer(Thread& t, bool allow, std::string* out, std::vector<int>* fds)
      : t_(t), allow_(allow), out_(out), fds_(fds) {}

  bool global(Value obj, std::string_view module, std::string_view qualname) {
    if (qualname.find("<locals>") != std::string_view::npos) {
      t_.raise_fmt(t_.interp().exc.AttributeError, "Can't pickle local object '%.*s'",
                   static_cast<int>(qualname.size()), qualname.data());
      return false;
    }
    Value found = lookup_global(t_, module, qualname, false);
    if (found.is_null()) {
      std::string r;
      if (!repr_into(t_, obj, r)) return false;
      t_.raise_fmt(pickling_error(t_), "Can't pickle %s: attribute lookup %.*s on %.*s failed",
                   r.c_str(), static_cast<int>(qualname.size()), qualname.data(),
                   static_cast<int>(module.size()), module.data());
      return false;
    }
    if (found != obj) {
      std::string r;
      if (!repr_into(t_, obj, r)) return false;
      t_.raise_fmt(pickling_error(t_), "Can't pickle %s: it's not the same object as %.*s.%.*s",
                   r.c_str(), static_cast<int>(module.size()), module.data(),
                   static_cast<int>(qualname.size()), qualname.data());
      return false;
    }
    out_->push_back(static_cast<char>(kGlobal));
    put_str(out_, module);
    put_str(out_, qualname);
    return true;
  }

  bool type_ref(Type* type) {
    std::string_view module = "builtins";
    if (!type->module.is_null() && is_str(type->module)) module = as_str(type->module)->view();
    Str* q = type->qualname != nullptr ? type->qualname : type->name;
    return global(Value::object(type), module, q->view());
  }

  bool dict_items(Dict* d) {
    put_u32(out_, d == nullptr ? 0 : d->count);
    if (d == nullptr) return true;
    std::uint32_t pos = 0;
    while (DictEntry* e = dict_next(d, &pos)) {
      if (!value(e->key) || !value(e->value)) return false;
    }
    return true;
  }

  bool value(Value v) {
    Interpreter& in = t_.interp();
    if (++depth_ > kMaxDepth) {
      t_.raise(in.exc.RecursionError, "maximum recursion depth exceeded while pickling an object");
      return false;
    }
    bool ok = write(v);
    --depth_;
    return ok;
  }

 private:
  bool write(Value v) {
    Interpreter& in = t_.interp();
    if (v.is_small()) {
      out_->push_back(static_cast<char>(kInt));
      put_i64(out_, v.as_small());
      return true;
    }
    Object* o = v.as_object();
    Type* type = o->type;
    switch (type->layout) {
      case Layout::None:
        out_->push_back(static_cast<char>(kNone));
        return true;
      case Layout::Bool:
        out_->push_back(static_cast<char>(v == in.true_ ? kTrue : kFalse));
        return true;
      case Layout::Int:
        out_->push_back(static_cast<char>(kInt));
        put_i64(out_, int_value(v));
        return true;
      case Layout::Float: {
        out_->push_back(static_cast<char>(kFloat));
        double d = float_value(v);
        out_->append(reinterpret_cast<char*>(&d), 8);
        return true;
      }
      case Layout::Str:
        out_->push_back(static_cast<char>(kStr));
        put_str(out_, as_str(v)->view());
        return true;
      case Layout::Tuple: {
        if (type != in.types.tuple) break;
        Tuple* tu = as_tuple(v);
        out_->push_back(static_cast<char>(kTuple));
        put_u32(out_, static_cast<std::uint32_t>(tu->size));
        for (std::int64_t i = 0; i < tu->size; ++i) {
          if (!value(tu->items()[i])) return false;
        }
        return true;
      }
      case Layout::List: {
        if (type != in.types.list) break;
        List* l = as_list(v);
        out_->push_back(static_cast<char>(kList));
        put_u32(out_, static_cast<std::uint32_t>(l->size));
        for (std::int64_t i = 0; i < l->size; ++i) {
          if (!value(l->items[i])) return false;
        }
        return true;
      }
      case Layout::Dict:
        if (type != in.types.dict) break;
        out_->push_back(static_cast<char>(kDict));
        return dict_items(as_dict(v));
      case Layout::Set: {
        if (type != in.types.set) break;
        Dict* d = as_dict(v);
        out_->push_back(static_cast<char>(kSet));
        put_u32(out_, d->count);
        std::uint32_t pos = 0;
        while (DictEntry* e = dict_next(d, &pos)) {
          if (!value(e->key)) return false;
        }
        return true;
      }
      case Layout::Range: {
        auto* r = static_cast<Range*>(o);
        out_->push_back(static_cast<char>(kRange));
        put_i64(out_, r->start);
        put_i64(out_, r->stop);
        put_i64(out_, r->step);
        return true;
      }
      case Layout::Function: {
        auto* f = static_cast<Function*>(o);
        std::string_view module = "__main__";
        if (!f->module.is_null() && is_str(f->module)) module = as_str(f->module)->view();
        return global(v, module, f->qualname->view());
      }
      case Layout::Builtin: {
        auto* b = static_cast<Builtin*>(o);
        if (!b->self.is_null()) break;
        return global(v, builtin_module(t_, b), b->name);
      }
      case Layout::Type:
        return type_ref(static_cast<Type*>(o));
      case Layout::BoundMethod: {
        auto* m = static_cast<BoundMethod*>(o);
        Value name = get_attr_opt(t_, m->func, in.intern("__name__"));
        if (name.is_null() || !is_str(name)) break;
        out_->push_back(static_cast<char>(kMethod));
        if (!value(m->self)) return false;
        put_str(out_, as_str(name)->view());
        return true;
      }
      case Layout::Exception: {
        auto* e = static_cast<ExceptionObject*>(o);
        out_->push_back(static_cast<char>(kException));
        if (!type_ref(type)) return false;
        if (!value(e->args == nullptr ? Value::object(in.empty_tuple) : Value::object(e->args))) {
          return false;
        }
        return dict_items(e->dict);
      }
      case Layout::Instance: {
        Value msg = type_lookup(type, in.intern("_mp_inherit_only"));
        if (!msg.is_null() && is_str(msg) && !allow_) {
          t_.raise(in.exc.RuntimeError, as_str(msg)->view());
          return false;
        }
        auto* inst = static_cast<Instance*>(o);
        if (inst->native != nullptr) break;
        if (!msg.is_null() && fds_ != nullptr && inst->dict != nullptr) {
          Value named = dict_get_str(inst->dict, in.intern("_mp_fds"));
          if (!named.is_null() && layout_of(named) == Layout::Tuple) {
            Tuple* tu = as_tuple(named);
            for (std::int64_t i = 0; i < tu->size; ++i) {
              if (is_int(tu->items()[i]))
                fds_->push_back(static_cast<int>(int_value(tu->items()[i])));
            }
          }
        }
        out_->push_back(static_cast<char>(kInstance));
        if (!type_ref(type)) return false;
        return dict_items(inst->dict);
      }
      default:
        break;
    }
    std::string name = type_name_str(type);
    if (type->layout == Layout::Lock || type->layout == Layout::RLock) {
      name = type->layout == Layout::Lock ? "_thread.lock" : "_thread.RLock";
    }
    t_.raise_fmt(in.exc.TypeError, "cannot pickle '%s' object", name.c_str());
    return false;
  }

  Thread& t_;
  bool allow_;
  std::string* out_;
  std::vector<int>* fds_;
  int depth_ = 0;
};

class Reader {
 public:
  Reader(Thread& t, std::string_view in) : t_(t), in_(in) {}

  Value value() {
    Interpreter& in = t_.interp();
    std::uint8_t tag;
    if (!byte(&tag)) return bad();
    switch (tag) {
      case kNone:
        return in.none;
      case kFalse:
        return in.false_;
      case kTrue:
        return in.true_;
      case kInt: {
        std::int64_t v;
        if (!i64(&v)) return bad();
        return make_int(t_, v);
      }
      case kFloat: {
        double d;
        if (!raw(&d, 8)) return bad();
        return make_float(t_, d);
      }
      case kStr: {
        std::string_view s;
        if (!str(&s)) return bad();
        return str_value(t_, s);
      }
      case kTuple:
      case kList:
      case kSet: {
        std::uint32_t n;
        if (!u32(&n) || n > in_.size()) return bad();
        RootScope roots(t_);
        List* items = make_list(t_, 0);
        roots.add(Value::object(items));
        for (std::uint32_t i = 0; i < n; ++i) {
          Value item = value();
          if (item.is_null()) return item;
          list_append(t_, items, item);
        }
        if (tag == kList) return Value::object(items);
        if (tag == kTuple) return Value::object(make_tuple(t_, items->items, items->size));
        Set* s = make_set(t_);
        roots.add(Value::object(s));
        for (std::int64_t i = 0; i < items->size; ++i) {
          if (!set_add(t_, s, items->items[i])) return Value();
        }
        return Value::object(s);
      }
      case kDict: {
        RootScope roots(t_);
        Dict* d = make_dict(t_);
        roots.add(Value::object(d));
        return dict_into(d) ? Value::object(d) : Value();
      }
      case kRange: {
        std::int64_t a, b, c;
        if (!i64(&a) || !i64(&b) || !i64(&c)) return bad();
        Value args[3] = {make_int(t_, a), make_int(t_, b), make_int(t_, c)};
        return call(t_, Value::object(in.types.range), args, 3);
      }
      case kGlobal: {
        std::string_view module, qualname;
        if (!str(&module) || !str(&qualname)) return bad();
        Value v = lookup_global(t_, module, qualname, true);
        if (v.is_null() && !t_.has_exception()) {
          t_.raise_fmt(in.exc.AttributeError, "Can't get attribute '%.*s' on <module '%.*s'>",
                       static_cast<int>(qualname.size()), qualname.data(),
                       static_cast<int>(module.size()), module.data());
        }
        return v;
      }
      case kMethod: {
        RootScope roots(t_);
        Value self = roots.add(value());
        std::string_view name;
        if (self.is_null()) return self;
        if (!str(&name)) return bad();
        return get_attr(t_, self, in.intern(name));
      }
      case kInstance:
      case kException: {
        RootScope roots(t_);
        Value cls = roots.add(value());
        if (cls.is_null()) return cls;
        if (layout_of(cls) != Layout::Type) return bad();
        Type* type = as_type(cls);
        Value args;
        if (tag == kException) {
          args = roots.add(value());
          if (args.is_null()) return args;
        }
        Dict* d = make_dict(t_);
        roots.add(Value::object(d));
        if (!dict_into(d)) return Value();
        if (tag == kException) {
          if (type->layout != Layout::Exception || layout_of(args) != Layout::Tuple) return bad();
          ExceptionObject* e = make_exception(t_, type, as_tuple(args));
          if (d->count > 0) e->dict = d;
          return Value::object(e);
        }
        if (type->layout != Layout::Instance) return bad();
        auto* inst = in.make<Instance>(&t_, type);
        inst->dict = d;
        return Value::object(inst);
      }
      default:
        return bad();
    }
  }

 private:
  bool dict_into(Dict* d) {
    std::uint32_t n;
    if (!u32(&n)) {
      bad();
      return false;
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      Value k = value();
      if (k.is_null()) return false;
      RootScope roots(t_);
      roots.add(k);
      Value v = value();
      if (v.is_null()) return false;
      if (!dict_set(t_, d, k, v)) return false;
    }
    return true;
  }
  Value bad() {
    if (!t_.has_exception()) t_.raise(t_.interp().exc.EOFError, "Ran out of input");
    return Value();
  }
  bool raw(void* p, std::size_t n) {
    if (in_.size() - pos_ < n) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool byte(std::uint8_t* b) { return raw(b, 1); }
  bool u32(std::uint32_t* v) { return raw(v, 4); }
  bool i64(std::int64_t* v) { return raw(v, 8); }
  bool str(std::string_view* s) {
    std::uint32_t n;
    if (!u32(&n) || in_.size() - pos_ < n) return false;
    *s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  Thread& t_;
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

bool pickle(Thread& t, Value v, bool allow_inherited, std::string* out, std::vector<int>* fds) {
  Writer w(t, allow_inherited, out, fds);
  return w.value(v);
}

Value unpickle(Thread& t, std::string_view bytes) {
  Reader r(t, bytes);
  return r.value();
}

void set_pickling_error_type(Type* type) {
  g_pickling_error = type;
}

}  // namespace interleave::ipc
