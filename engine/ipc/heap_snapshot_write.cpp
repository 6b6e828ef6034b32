// Writing a heap snapshot (heap_snapshot.h, format in heap_snapshot_format.h): a breadth-first walk
// from __main__ and the roots that numbers every object the first time it is reached and writes
// one record per object, so shared references and cycles are written once. The walk only reads
// the heap: it runs no Python code and allocates nothing. Executing thread only.
#include <cstring>
#include <unordered_map>
#include <utility>

#include "ipc/heap_snapshot.h"
#include "ipc/heap_snapshot_format.h"
#include "vm/dict.h"
#include "vm/runtime.h"

namespace interleave::ipc {

using namespace vm;
using snapshot::Kind;
using snapshot::RefTag;

namespace {

// A library object's name: the module it is found in and its dotted path there.
struct GlobalName {
  std::string module;
  std::string qualname;
};

// Follows a dotted path through module and class dicts without running any Python code; null
// when a step is missing. `module` "builtins" starts at the builtins dict.
Value find_by_name(Interpreter& in, Value start, std::string_view qualname) {
  Value obj = start;
  std::size_t pos = 0;
  while (pos <= qualname.size() && !obj.is_null()) {
    std::size_t dot = qualname.find('.', pos);
    if (dot == std::string_view::npos) dot = qualname.size();
    Str* part = in.intern(qualname.substr(pos, dot - pos));
    if (obj.is_small()) return Value();
    switch (layout_of(obj)) {
      case Layout::Module:
        obj = dict_get_str(static_cast<Module*>(obj.as_object())->dict, part);
        break;
      case Layout::Type:
        obj = dict_get_str(as_type(obj)->dict, part);
        break;
      case Layout::Dict:
        obj = dict_get_str(as_dict(obj), part);
        break;
      default:
        return Value();
    }
    pos = dot + 1;
  }
  return obj;
}

class Writer {
 public:
  Writer(Thread& t, const SnapshotProgram& program) : t_(t), in_(t.interp()), program_(program) {}

  bool write(const std::vector<Value>& roots, std::string* out) {
    Value m = dict_get_str(in_.modules, in_.intern("__main__"));
    if (!m.is_null() && layout_of(m) == Layout::Module) main_ = static_cast<Module*>(m.as_object());
    index_library();
    cur_ = &head_;
    ref(main_ != nullptr ? Value::object(main_) : Value());
    for (Value v : roots) ref(v);
    cur_ = &body_;
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      if (!record(queue_[i])) return false;
    }
    out->append(snapshot::kMagic);
    put(out, snapshot::kVersion);
    put(out, snapshot::source_hash(program_.source));
    put(out, static_cast<std::uint64_t>(t_.ident()));
    put(out, static_cast<std::uint32_t>(queue_.size()));
    put(out, static_cast<std::uint32_t>(roots.size()));
    out->append(head_);
    out->append(body_);
    return true;
  }

 private:
  template <class T>
  static void put(std::string* out, T v) {
    out->append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  void num(T v) {
    put(cur_, v);
  }
  void u8(std::uint8_t v) { cur_->push_back(static_cast<char>(v)); }
  void kind(Kind k) { u8(static_cast<std::uint8_t>(k)); }
  void text(std::string_view s) {
    num(static_cast<std::uint32_t>(s.size()));
    cur_->append(s);
  }

  void ref(Value v) {
    if (v.is_null()) return u8(static_cast<std::uint8_t>(RefTag::Absent));
    if (v.is_small()) {
      u8(static_cast<std::uint8_t>(RefTag::Small));
      return num(v.as_small());
    }
    if (v == in_.none) return u8(static_cast<std::uint8_t>(RefTag::None));
    if (v == in_.true_) return u8(static_cast<std::uint8_t>(RefTag::True));
    if (v == in_.false_) return u8(static_cast<std::uint8_t>(RefTag::False));
    if (v == in_.notimpl) return u8(static_cast<std::uint8_t>(RefTag::NotImplemented));
    if (v == in_.ellipsis) return u8(static_cast<std::uint8_t>(RefTag::Ellipsis));
    Object* o = v.as_object();
    auto [it, fresh] = index_.try_emplace(o, static_cast<std::uint32_t>(queue_.size()));
    if (fresh) queue_.push_back(o);
    u8(static_cast<std::uint8_t>(RefTag::Object));
    num(it->second);
  }
  void ref(const Object* o) { ref(o != nullptr ? Value::object(o) : Value()); }

  // Functions, built-ins and classes that library modules (and builtins) name at their top
  // level, by identity: they travel by name.
  void index_library() {
    auto add_from = [&](Dict* d, std::string_view module) {
      std::uint32_t pos = 0;
      while (DictEntry* e = dict_next(d, &pos)) {
        Value v = e->value;
        if (!is_str(e->key) || v.is_small() || v.is_null()) continue;
        Layout l = layout_of(v);
        if (l != Layout::Builtin && l != Layout::Function && l != Layout::Type) continue;
        if (is_program(v)) continue;
        names_.try_emplace(v.as_object(),
                           GlobalName{std::string(module), std::string(as_str(e->key)->view())});
      }
    };
    add_from(in_.builtins, "builtins");
    std::uint32_t pos = 0;
    while (DictEntry* e = dict_next(in_.modules, &pos)) {
      Value v = e->value;
      if (v.is_small() || layout_of(v) != Layout::Module || v.as_object() == main_) continue;
      auto* m = static_cast<Module*>(v.as_object());
      add_from(m->dict, m->name->view());
    }
  }

  std::string_view main_name() const {
    return main_ != nullptr ? main_->name->view() : std::string_view("__main__");
  }

  // Defined by the program (so copied by value): functions whose globals are __main__'s and
  // classes whose __module__ names it.
  bool is_program(Value v) const {
    if (layout_of(v) == Layout::Function) {
      auto* f = static_cast<Function*>(v.as_object());
      return main_ != nullptr && f->globals == main_->dict;
    }
    if (layout_of(v) == Layout::Type) {
      auto* ty = as_type(v);
      return !ty->builtin && is_str(ty->module) && as_str(ty->module)->view() == main_name();
    }
    return false;
  }

  bool fail_copy(Object* o) {
    if (o->type->layout == Layout::Type) {  // a built-in or library class not found by its name
      auto* ty = static_cast<Type*>(o);
      std::string_view module = is_str(ty->module) ? as_str(ty->module)->view() : "?";
      std::string_view name = (ty->qualname != nullptr ? ty->qualname : ty->name)->view();
      t_.raise_fmt(in_.exc.TypeError,
                   "cannot copy class '%.*s.%.*s' into the forked process: it is not found by "
                   "that name",
                   static_cast<int>(module.size()), module.data(), static_cast<int>(name.size()),
                   name.data());
      return false;
    }
    std::string name = type_name_str(o->type);
    t_.raise_fmt(in_.exc.TypeError,
                 "cannot copy '%s' object into the forked process (Interleave forks by copying "
                 "the objects the child can reach)",
                 name.c_str());
    return false;
  }

  // A library function or class by name: from the index, else by __module__ + __qualname__ when
  // that path leads back to the same object.
  bool global(Object* o, Value module, Str* qualname) {
    auto it = names_.find(o);
    if (it != names_.end()) {
      kind(Kind::Global);
      text(it->second.module);
      text(it->second.qualname);
      return true;
    }
    if (qualname == nullptr || !is_str(module)) return fail_copy(o);
    std::string_view mod = as_str(module)->view(), q = qualname->view();
    if (q.find("<locals>") != std::string_view::npos) {
      t_.raise_fmt(in_.exc.TypeError,
                   "cannot copy local object '%.*s' of module '%.*s' into the forked process",
                   static_cast<int>(q.size()), q.data(), static_cast<int>(mod.size()), mod.data());
      return false;
    }
    Value start = mod == "builtins" ? Value::object(in_.builtins)
                                    : dict_get_str(in_.modules, in_.intern(mod));
    if (start.is_null() || find_by_name(in_, start, q) != Value::object(o)) return fail_copy(o);
    kind(Kind::Global);
    text(mod);
    text(q);
    return true;
  }

  bool code(Code* c) {
    if (c->filename == nullptr || c->filename->view() != program_.filename ||
        (c->code_flags & kCoModule) != 0) {
      t_.raise_fmt(in_.exc.TypeError,
                   "cannot copy code object '%s' into the forked process: it is not part of the "
                   "program",
                   c->qualname != nullptr ? c->qualname->data() : "?");
      return false;
    }
    kind(Kind::Code);
    text(c->qualname != nullptr ? c->qualname->view() : std::string_view());
    num(c->firstlineno);
    num(snapshot::code_hash(*c));
    return true;
  }

  void items(const Value* v, std::int64_t n) {
    num(static_cast<std::uint32_t>(n));
    for (std::int64_t i = 0; i < n; ++i) ref(v[i]);
  }

  bool record(Object* o) {
    switch (o->type->layout) {
      case Layout::Int:
        kind(Kind::Int);
        num(static_cast<IntObject*>(o)->value);
        return true;
      case Layout::Float:
        kind(Kind::Float);
        num(static_cast<FloatObject*>(o)->value);
        return true;
      case Layout::Str: {
        auto* s = static_cast<Str*>(o);
        kind(Kind::Str);
        u8(s->interned ? 1 : 0);
        text(s->view());
        return true;
      }
      case Layout::Tuple: {
        auto* tu = static_cast<Tuple*>(o);
        kind(Kind::Tuple);
        items(tu->items(), tu->size);
        return true;
      }
      case Layout::List: {
        auto* l = static_cast<List*>(o);
        kind(Kind::List);
        items(l->items, l->size);
        return true;
      }
      case Layout::Dict:
      case Layout::Set: {
        auto* d = static_cast<Dict*>(o);
        const bool set = o->type->layout == Layout::Set;
        kind(set ? Kind::Set : Kind::Dict);
        num(dict_len(d));
        std::uint32_t pos = 0, n = 0;
        while (DictEntry* e = dict_next(d, &pos)) {
          ref(e->key);
          if (!set) ref(e->value);
          ++n;
        }
        if (n != dict_len(d)) return fail_copy(o);  // changed while being written
        return true;
      }
      case Layout::Range: {
        auto* r = static_cast<Range*>(o);
        kind(Kind::Range);
        num(r->start);
        num(r->stop);
        num(r->step);
        return true;
      }
      case Layout::Slice: {
        auto* s = static_cast<Slice*>(o);
        kind(Kind::Slice);
        ref(s->start);
        ref(s->stop);
        ref(s->step);
        return true;
      }
      case Layout::Cell:
        kind(Kind::Cell);
        ref(static_cast<Cell*>(o)->value);
        return true;
      case Layout::Code:
        return code(static_cast<Code*>(o));
      case Layout::Function: {
        auto* f = static_cast<Function*>(o);
        if (!is_program(Value::object(f))) return global(o, f->module, f->qualname);
        if ((f->code->code_flags & kCoClassBody) != 0) return fail_copy(o);
        kind(Kind::Function);
        ref(f->code);
        ref(f->globals);
        ref(f->defaults);
        ref(f->kwdefaults);
        ref(f->closure);
        ref(f->name);
        ref(f->qualname);
        ref(f->module);
        ref(f->dict);
        ref(f->doc);
        return true;
      }
      case Layout::Builtin: {
        auto* b = static_cast<Builtin*>(o);
        if (names_.count(o) != 0) return global(o, Value(), nullptr);
        if (b->owner == nullptr) return fail_copy(o);
        if (b->self.is_null()) {  // a built-in type's method, unbound: by the type's name
          // Reached through the type (`str.upper`, Builtin::check_self), it is a copy of the
          // type's entry: the same native function.
          const Value entry = dict_get_str(b->owner->dict, in_.intern(b->name));
          const bool same = entry == Value::object(o) ||
                            (b->check_self && layout_of(entry) == Layout::Builtin &&
                             static_cast<Builtin*>(entry.as_object())->fn == b->fn);
          if (!same) return fail_copy(o);
          kind(Kind::TypeAttr);
          ref(b->owner);
          text(b->name);
          return true;
        }
        // Bound (`lock.acquire`): the receiver and the name, looked up on the receiver's type.
        Value found = type_lookup(type_of(t_, b->self), in_.intern(b->name));
        if (found.is_null() || layout_of(found) != Layout::Builtin ||
            static_cast<Builtin*>(found.as_object())->fn != b->fn) {
          return fail_copy(o);
        }
        kind(Kind::BuiltinMethod);
        ref(b->self);
        text(b->name);
        return true;
      }
      case Layout::BoundMethod: {
        auto* m = static_cast<BoundMethod*>(o);
        kind(Kind::BoundMethod);
        ref(m->func);
        ref(m->self);
        return true;
      }
      case Layout::Type: {
        auto* ty = static_cast<Type*>(o);
        if (!is_program(Value::object(ty))) return global(o, ty->module, ty->qualname);
        if (ty->base == nullptr) return fail_copy(o);
        kind(Kind::Class);
        u8(static_cast<std::uint8_t>(ty->layout));
        text(ty->name->view());
        ref(ty->qualname);
        ref(ty->module);
        ref(ty->base);
        ref(ty->dict);
        return true;
      }
      case Layout::Instance: {
        auto* inst = static_cast<Instance*>(o);
        if (inst->native != nullptr) return fail_copy(o);
        kind(Kind::Instance);
        ref(o->type);
        ref(inst->dict);
        return true;
      }
      case Layout::Exception: {
        auto* e = static_cast<ExceptionObject*>(o);
        if (e->native != nullptr) return fail_copy(o);
        kind(Kind::Exception);
        ref(o->type);
        ref(e->args);
        ref(e->dict);
        ref(e->context);
        ref(e->cause);
        u8(e->suppress_context ? 1 : 0);
        return true;
      }
      case Layout::Module: {
        auto* m = static_cast<Module*>(o);
        if (m == main_) {
          kind(Kind::MainModule);
          text(m->name->view());
          ref(m->dict);
        } else {
          kind(Kind::Module);
          text(m->name->view());
        }
        return true;
      }
      case Layout::Property: {
        auto* p = static_cast<Property*>(o);
        kind(Kind::Property);
        ref(p->getter);
        ref(p->setter);
        ref(p->deleter);
        ref(p->doc);
        return true;
      }
      case Layout::StaticMethod:
      case Layout::ClassMethod:
        kind(o->type->layout == Layout::StaticMethod ? Kind::StaticMethod : Kind::ClassMethod);
        ref(static_cast<MethodWrapper*>(o)->func);
        return true;
      case Layout::Lock:
      case Layout::RLock: {
        auto* l = static_cast<LockObject*>(o);
        kind(o->type->layout == Layout::Lock ? Kind::Lock : Kind::RLock);
        u8(l->locked ? 1 : 0);
        num(l->owner);
        num(l->count);
        return true;
      }
      case Layout::DictView: {
        auto* v = static_cast<DictView*>(o);
        kind(Kind::DictView);
        u8(static_cast<std::uint8_t>(v->kind));
        ref(v->dict);
        return true;
      }
      default:
        return fail_copy(o);
    }
  }

  Thread& t_;
  Interpreter& in_;
  SnapshotProgram program_;
  Module* main_ = nullptr;
  std::string head_, body_;
  std::string* cur_ = nullptr;
  std::unordered_map<const Object*, std::uint32_t> index_;
  std::vector<Object*> queue_;
  std::unordered_map<const Object*, GlobalName> names_;
};

}  // namespace

bool write_heap_snapshot(Thread& t, const SnapshotProgram& program, const std::vector<Value>& roots,
                         std::string* out) {
  Writer w(t, program);
  return w.write(roots, out);
}

}  // namespace interleave::ipc
