// Restoring a heap snapshot (heap_snapshot.h, format in heap_snapshot_format.h). Four steps, so
// that no object is used before it exists and no Python code runs on a half-built object:
//   1. parse: every record into plain fields, bounds and tags checked (nothing allocated);
//   2. allocate: every object, empty (containers without items); names are resolved (modules
//      imported), code objects found in the program compiled again, classes linked to their
//      bases (bases first), then instances and built-in methods (which need their classes);
//   3. fill: every other field, each checked against the layout the VM expects (a function's
//      closure is a tuple of cells, one per free variable...), functions last;
//   4. dicts and sets, last: keys with built-in hashes first, then keys whose __hash__ or __eq__
//      is Python code (which then sees complete objects).
// Any violation raises ValueError("heap snapshot: ...") on the thread; no input can crash.
// Executing thread only; the objects are kept in one rooted list until the caller has them.
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

#include "ipc/heap_snapshot.h"
#include "ipc/heap_snapshot_format.h"
#include "lang/parser.h"
#include "support/utf8.h"
#include "vm/compiler.h"
#include "vm/dict.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::ipc {

using namespace vm;
using snapshot::Kind;
using snapshot::RefTag;

namespace {

struct Ref {
  RefTag tag = RefTag::Absent;
  std::int64_t small = 0;
  std::uint32_t index = 0;
};

struct Rec {
  Kind kind = Kind::Int;
  std::uint8_t flag = 0;  // Str: interned; Class: layout; Lock: locked; Exception: suppress;
                          // DictView: kind
  std::int64_t a = 0, b = 0, c = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string_view s1, s2;
  std::uint32_t first = 0, count = 0;  // its refs: refs_[first, first + count)
};

class Reader {
 public:
  Reader(Thread& t, const SnapshotProgram& program, std::string_view bytes)
      : t_(t), in_(t.interp()), program_(program), bytes_(bytes) {}

  bool restore(RestoredHeap* out) {
    RootScope scope(t_);
    keep_ = make_list(t_, 0);
    scope.add(Value::object(keep_));
    if (!parse() || !compile_program() || !allocate() || !fill() || !fill_dicts()) return false;
    Value main = value(main_ref_);
    if (!main.is_null()) {
      if (main.is_small() || layout_of(main) != Layout::Module)
        return fail("__main__ is not a module");
      auto* m = static_cast<Module*>(main.as_object());
      // Also as __mp_main__, as multiprocessing aliases it in the parent: objects of program
      // classes pickled by a spawned child (module __mp_main__) resolve here too.
      dict_set_str(t_, in_.modules, in_.intern("__main__"), main);
      dict_set_str(t_, in_.modules, in_.intern("__mp_main__"), main);
      if (m->name->view() != "__main__") dict_set_str(t_, in_.modules, m->name, main);
      in_.main_module = m;
      out->main = m;
    }
    out->roots.clear();
    for (const Ref& r : roots_) {
      Value v = value(r);
      if (v.is_null()) return fail("a root is missing");
      out->roots.push_back(v);
    }
    out->objects = recs_.size();
    in_.type_epoch.fetch_add(1);
    return true;
  }

 private:
  bool fail(const std::string& why) {
    if (!t_.has_exception()) {
      t_.raise(in_.exc.ValueError, "heap snapshot: " + why);
    }
    return false;
  }
  bool fail_at(std::size_t i, const std::string& why) {
    return fail(why + " (object " + std::to_string(i) + ")");
  }

  // --- 1. parse ----------------------------------------------------------------------------

  bool raw(void* p, std::size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    std::memcpy(p, bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  template <class T>
  bool num(T* v) {
    return raw(v, sizeof *v);
  }
  bool text(std::string_view* s) {
    std::uint32_t n;
    if (!num(&n) || bytes_.size() - pos_ < n) return false;
    *s = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool ref(Ref* r) {
    std::uint8_t tag;
    if (!num(&tag) || tag >= static_cast<std::uint8_t>(RefTag::Count)) return false;
    r->tag = static_cast<RefTag>(tag);
    if (r->tag == RefTag::Small) {
      return num(&r->small) && Value::fits_small(r->small);
    }
    if (r->tag == RefTag::Object) return num(&r->index) && r->index < count_;
    return true;
  }
  bool refs(Rec* rec, std::uint32_t n) {
    rec->first = static_cast<std::uint32_t>(refs_.size());
    rec->count = n;
    for (std::uint32_t i = 0; i < n; ++i) {
      Ref r;
      if (!ref(&r)) return false;
      refs_.push_back(r);
    }
    return true;
  }
  // A count of refs that follow: each takes at least one byte.
  bool count(std::uint32_t* n, std::uint32_t per_item) {
    return num(n) && static_cast<std::uint64_t>(*n) * per_item <= bytes_.size() - pos_;
  }

  bool parse() {
    if (bytes_.size() < snapshot::kMagic.size() ||
        bytes_.substr(0, snapshot::kMagic.size()) != snapshot::kMagic) {
      return fail("not a heap snapshot (bad magic)");
    }
    pos_ = snapshot::kMagic.size();
    std::uint32_t version, nroots;
    std::uint64_t hash;
    if (!num(&version)) return fail("truncated header");
    if (version != snapshot::kVersion) {
      return fail("version " + std::to_string(version) + " is not supported (this build reads " +
                  std::to_string(snapshot::kVersion) + ")");
    }
    if (!num(&hash) || !num(&writer_ident_) || !num(&count_) || !num(&nroots)) {
      return fail("truncated header");
    }
    if (hash != snapshot::source_hash(program_.source)) {
      return fail("it was taken of another program");
    }
    if (count_ > bytes_.size() - pos_ || nroots > bytes_.size() - pos_) {
      return fail("object or root count larger than the snapshot");
    }
    if (!ref(&main_ref_)) return fail("truncated header");
    roots_.resize(nroots);
    for (Ref& r : roots_) {
      if (!ref(&r)) return fail("truncated roots");
    }
    recs_.resize(count_);
    for (std::uint32_t i = 0; i < count_; ++i) {
      if (!parse_record(&recs_[i])) return fail_at(i, "truncated or malformed record");
    }
    if (pos_ != bytes_.size()) return fail("trailing bytes after the last object");
    return true;
  }

  bool parse_record(Rec* r) {
    std::uint8_t k;
    if (!num(&k) || k == 0 || k >= static_cast<std::uint8_t>(Kind::Count)) return false;
    r->kind = static_cast<Kind>(k);
    std::uint32_t n = 0;
    switch (r->kind) {
      case Kind::Int:
        return num(&r->a);
      case Kind::Float:
        return num(&r->d);
      case Kind::Str:
        return num(&r->flag) && text(&r->s1);
      case Kind::Tuple:
      case Kind::List:
      case Kind::Set:
        return count(&n, 1) && refs(r, n);
      case Kind::Dict:
        return count(&n, 2) && refs(r, 2 * n);
      case Kind::Range:
        return num(&r->a) && num(&r->b) && num(&r->c);
      case Kind::Slice:
        return refs(r, 3);
      case Kind::Cell:
      case Kind::StaticMethod:
      case Kind::ClassMethod:
        return refs(r, 1);
      case Kind::Code: {
        std::int32_t line;
        if (!text(&r->s1) || !num(&line) || !num(&r->u)) return false;
        r->a = line;
        return true;
      }
      case Kind::Function:
        return refs(r, 10);
      case Kind::Global:
        return text(&r->s1) && text(&r->s2);
      case Kind::TypeAttr:
        return refs(r, 1) && text(&r->s1);
      case Kind::BuiltinMethod:
        return refs(r, 1) && text(&r->s1);
      case Kind::BoundMethod:
        return refs(r, 2);
      case Kind::Class:
        return num(&r->flag) && text(&r->s1) && refs(r, 4);
      case Kind::Instance:
        return refs(r, 2);
      case Kind::Exception:
        return refs(r, 5) && num(&r->flag);
      case Kind::Module:
        return text(&r->s1);
      case Kind::MainModule:
        return text(&r->s1) && refs(r, 1);
      case Kind::Property:
        return refs(r, 4);
      case Kind::Lock:
      case Kind::RLock:
        return num(&r->flag) && num(&r->u) && num(&r->a);
      case Kind::DictView:
        return num(&r->flag) && refs(r, 1);
      case Kind::Count:
        break;
    }
    return false;
  }

  // --- 2. allocate ---------------------------------------------------------------------------

  bool compile_program() {
    auto src = std::make_shared<const std::string>(program_.source);
    lang::ParseResult parsed = lang::parse(*src, program_.filename);
    if (!parsed.ok()) return fail("the program does not compile");
    CompileResult compiled = compile_module(t_, *parsed.module, src, program_.filename);
    if (compiled.error || compiled.code == nullptr) return fail("the program does not compile");
    list_append(t_, keep_, Value::object(compiled.code));
    std::vector<Code*> stack{compiled.code};
    while (!stack.empty()) {
      Code* c = stack.back();
      stack.pop_back();
      auto [it, fresh] = codes_.try_emplace(snapshot::code_hash(*c), c);
      if (!fresh) it->second = nullptr;  // two codes with one key: neither can be named
      for (Value v : c->consts) {
        if (v.is_object() && layout_of(v) == Layout::Code) {
          stack.push_back(static_cast<Code*>(v.as_object()));
        }
      }
    }
    return true;
  }

  Value value(const Ref& r) const {
    switch (r.tag) {
      case RefTag::Absent:
      case RefTag::Count:
        return Value();
      case RefTag::Small:
        return Value::small(r.small);
      case RefTag::Object:
        return objs_[r.index];
      case RefTag::None:
        return in_.none;
      case RefTag::True:
        return in_.true_;
      case RefTag::False:
        return in_.false_;
      case RefTag::NotImplemented:
        return in_.notimpl;
      case RefTag::Ellipsis:
        return in_.ellipsis;
    }
    return Value();
  }
  const Ref& ref_of(const Rec& r, std::uint32_t i) const { return refs_[r.first + i]; }
  Value field(const Rec& r, std::uint32_t i) const { return value(ref_of(r, i)); }

  bool keep(std::size_t i, Value v) {
    objs_[i] = v;
    if (v.is_object()) list_append(t_, keep_, v);
    return true;
  }

  // A library object: a module imported by name, then a dotted path through its dict (and the
  // dicts of classes on the way).
  Value resolve(std::string_view module, std::string_view qualname) {
    Value obj;
    if (module == "builtins") {
      obj = Value::object(in_.builtins);
    } else {
      obj = in_.import_module(t_, module);
      if (obj.is_null()) {
        t_.take_exception();
        return Value();
      }
    }
    std::size_t pos = 0;
    while (pos <= qualname.size() && !obj.is_null()) {
      std::size_t dot = qualname.find('.', pos);
      if (dot == std::string_view::npos) dot = qualname.size();
      Str* part = in_.intern(qualname.substr(pos, dot - pos));
      if (obj.is_small()) return Value();
      Layout l = layout_of(obj);
      if (l == Layout::Module) {
        obj = dict_get_str(static_cast<Module*>(obj.as_object())->dict, part);
      } else if (l == Layout::Type) {
        obj = dict_get_str(as_type(obj)->dict, part);
      } else if (l == Layout::Dict) {
        obj = dict_get_str(as_dict(obj), part);
      } else {
        return Value();
      }
      pos = dot + 1;
    }
    return obj;
  }

  Type* type_at(const Rec& r, std::uint32_t i) const {
    Value v = field(r, i);
    if (v.is_null() || v.is_small() || layout_of(v) != Layout::Type) return nullptr;
    return as_type(v);
  }

  bool allocate() {
    objs_.assign(recs_.size(), Value());
    // Everything but instances (which need their class) and built-in methods (which need self).
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      const Rec& r = recs_[i];
      switch (r.kind) {
        case Kind::Int:
          keep(i, make_int(t_, r.a));
          break;
        case Kind::Float:
          keep(i, make_float(t_, r.d));
          break;
        case Kind::Str:
          if (!support::utf8_valid(r.s1)) return fail_at(i, "a str is not valid UTF-8");
          keep(i, r.flag != 0 ? Value::object(in_.intern(r.s1)) : str_value(t_, r.s1));
          break;
        case Kind::Tuple:
          keep(i, Value::object(make_tuple(t_, r.count)));
          break;
        case Kind::List:
          keep(i, Value::object(make_list(t_, r.count)));
          break;
        case Kind::Dict:
          keep(i, Value::object(make_dict(t_)));
          break;
        case Kind::Set:
          keep(i, Value::object(make_set(t_)));
          break;
        case Kind::Range: {
          if (r.c == 0) return fail_at(i, "a range has step 0");
          auto* o = in_.make<Range>(&t_, in_.types.range);
          o->start = r.a;
          o->stop = r.b;
          o->step = r.c;
          keep(i, Value::object(o));
          break;
        }
        case Kind::Slice:
          keep(i, Value::object(in_.make<Slice>(&t_, in_.types.slice)));
          break;
        case Kind::Cell:
          keep(i, Value::object(in_.make<Cell>(&t_, in_.types.cell)));
          break;
        case Kind::Code: {
          auto it = codes_.find(r.u);
          if (it == codes_.end() || it->second == nullptr || it->second->qualname == nullptr ||
              it->second->qualname->view() != r.s1 || it->second->firstlineno != r.a) {
            return fail_at(i, "code object '" + std::string(r.s1) + "' (line " +
                                  std::to_string(r.a) + ") is not in this program");
          }
          keep(i, Value::object(it->second));
          break;
        }
        case Kind::Function:
          keep(i, Value::object(in_.make<Function>(&t_, in_.types.function)));
          break;
        case Kind::Global: {
          Value v = resolve(r.s1, r.s2);
          if (v.is_null()) {
            return fail_at(i, "'" + std::string(r.s1) + "." + std::string(r.s2) +
                                  "' is not found in this interpreter");
          }
          keep(i, v);
          break;
        }
        case Kind::BoundMethod:
          keep(i, Value::object(in_.make<BoundMethod>(&t_, in_.types.method)));
          break;
        case Kind::Class: {
          auto layout = static_cast<Layout>(r.flag);
          if (layout != Layout::Instance && layout != Layout::Exception) {
            return fail_at(i, "a class has an unknown instance layout");
          }
          if (r.s1.empty() || !support::utf8_valid(r.s1)) return fail_at(i, "a class name is bad");
          keep(i, Value::object(make_type(t_, r.s1, nullptr, layout, false)));
          break;
        }
        case Kind::Module: {
          Value m = in_.import_module(t_, r.s1);
          if (m.is_null()) {
            t_.take_exception();
            return fail_at(i, "module '" + std::string(r.s1) + "' cannot be imported");
          }
          keep(i, m);
          break;
        }
        case Kind::MainModule:
          if (r.s1.empty() || !support::utf8_valid(r.s1)) return fail_at(i, "a module name is bad");
          keep(i, Value::object(make_module(t_, r.s1)));
          break;
        case Kind::Property:
          keep(i, Value::object(in_.make<Property>(&t_, in_.types.property)));
          break;
        case Kind::StaticMethod:
        case Kind::ClassMethod:
          keep(i, Value::object(in_.make<MethodWrapper>(&t_, r.kind == Kind::StaticMethod
                                                                 ? in_.types.staticmethod
                                                                 : in_.types.classmethod)));
          break;
        case Kind::Lock:
        case Kind::RLock: {
          auto* l =
              in_.make<LockObject>(&t_, r.kind == Kind::Lock ? in_.types.lock : in_.types.rlock);
          l->locked = r.flag != 0;
          l->owner = r.u == writer_ident_ ? t_.ident() : r.u;
          l->count = r.a;
          if (r.a < 0) return fail_at(i, "a lock has a negative count");
          keep(i, Value::object(l));
          break;
        }
        case Kind::DictView: {
          Type* type = r.flag == static_cast<std::uint8_t>(ViewKind::Keys) ? in_.types.dict_keys
                       : r.flag == static_cast<std::uint8_t>(ViewKind::Values)
                           ? in_.types.dict_values
                       : r.flag == static_cast<std::uint8_t>(ViewKind::Items) ? in_.types.dict_items
                                                                              : nullptr;
          if (type == nullptr) return fail_at(i, "a dict view has an unknown kind");
          auto* v = in_.make<DictView>(&t_, type);
          v->kind = static_cast<ViewKind>(r.flag);
          keep(i, Value::object(v));
          break;
        }
        case Kind::Instance:
        case Kind::Exception:
        case Kind::TypeAttr:
        case Kind::BuiltinMethod:
        case Kind::Count:
          break;
      }
      if (t_.has_exception()) return false;
    }
    // Classes get their bases and MROs now, so that isinstance checks below see them.
    if (!link_classes()) return false;
    // Instances: their classes exist now.
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      const Rec& r = recs_[i];
      if (r.kind != Kind::Instance && r.kind != Kind::Exception) continue;
      Type* type = type_at(r, 0);
      const Layout want = r.kind == Kind::Instance ? Layout::Instance : Layout::Exception;
      if (type == nullptr || type->layout != want) {
        return fail_at(i, "an instance's class is not a class of that kind");
      }
      if (want == Layout::Instance) {
        keep(i, Value::object(in_.make<Instance>(&t_, type)));
      } else {
        keep(i, Value::object(make_exception(t_, type, in_.empty_tuple)));
      }
    }
    // Built-in methods: an unbound one in its (built-in) type's dict, a bound one on the type of
    // its receiver (which exists now, its class linked).
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      const Rec& r = recs_[i];
      if (r.kind != Kind::TypeAttr && r.kind != Kind::BuiltinMethod) continue;
      Str* name = in_.intern(r.s1);
      if (r.kind == Kind::TypeAttr) {
        Type* owner = type_at(r, 0);
        if (owner == nullptr || !owner->builtin)
          return fail_at(i, "a method's type is not built in");
        if (dict_get_str(owner->dict, name).is_null()) {
          return fail_at(i, "built-in method '" + std::string(r.s1) + "' is not found");
        }
        // As the program reads it through the type (a copy that checks its self).
        Value found = get_attr_opt(t_, Value::object(owner), name);
        if (found.is_null() || layout_of(found) != Layout::Builtin) {
          return fail_at(i, "built-in method '" + std::string(r.s1) + "' is not found");
        }
        keep(i, found);
        continue;
      }
      Value self = field(r, 0);
      if (self.is_null()) return fail_at(i, "a built-in method has no receiver");
      Value found = type_lookup(type_of(t_, self), name);
      if (found.is_null() || layout_of(found) != Layout::Builtin ||
          static_cast<Builtin*>(found.as_object())->owner == nullptr ||
          !is_subtype(type_of(t_, self), static_cast<Builtin*>(found.as_object())->owner)) {
        return fail_at(i,
                       "built-in method '" + std::string(r.s1) + "' is not found on its receiver");
      }
      auto* b = static_cast<Builtin*>(found.as_object());
      keep(i, Value::object(make_builtin(t_, b->name, b->fn, self, b->owner)));
    }
    return true;
  }

  // --- 3. fill -------------------------------------------------------------------------------

  // Bases before the classes built on them; a base chain that loops is refused.
  bool link_classes() {
    std::vector<std::uint8_t> state(recs_.size(), 0);  // 0 new, 1 on the chain, 2 done
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      if (recs_[i].kind != Kind::Class || state[i] == 2) continue;
      std::vector<std::size_t> chain;
      std::size_t at = i;
      for (;;) {
        if (state[at] == 1) return fail_at(at, "a class is its own base");
        state[at] = 1;
        chain.push_back(at);
        const Ref& base = ref_of(recs_[at], 2);
        if (base.tag != RefTag::Object || recs_[base.index].kind != Kind::Class ||
            state[base.index] == 2) {
          break;
        }
        at = base.index;
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (!fill_class(*it)) return false;
        state[*it] = 2;
      }
    }
    return true;
  }

  bool fill_class(std::size_t i) {
    const Rec& r = recs_[i];
    Type* ty = as_type(objs_[i]);
    Type* base = type_at(r, 2);
    if (base == nullptr || base->layout != ty->layout || !base->subclassable) {
      return fail_at(i, "a class has a base it cannot have");
    }
    Value qual = field(r, 0), module = field(r, 1), dict = field(r, 3);
    if (qual.is_null() || !is_str(qual)) return fail_at(i, "a class's __qualname__ is not a str");
    if (!is_dict(dict)) return fail_at(i, "a class's namespace is not a dict");
    ty->base = base;
    ty->mro.assign(1, ty);
    ty->mro.insert(ty->mro.end(), base->mro.begin(), base->mro.end());
    ty->qualname = as_str(qual);
    ty->module = module.is_null() ? in_.none : module;
    ty->dict = as_dict(dict);
    return true;
  }

  static bool is_dict(Value v) { return v.is_object() && layout_of(v) == Layout::Dict; }
  static bool is_tuple(Value v) { return v.is_object() && layout_of(v) == Layout::Tuple; }

  bool fill_function(std::size_t i) {
    const Rec& r = recs_[i];
    auto* f = static_cast<Function*>(objs_[i].as_object());
    Value code = field(r, 0), globals = field(r, 1), defaults = field(r, 2),
          kwdefaults = field(r, 3), closure = field(r, 4), name = field(r, 5),
          qualname = field(r, 6);
    if (!code.is_object() || layout_of(code) != Layout::Code) {
      return fail_at(i, "a function's code is not a code object");
    }
    auto* c = static_cast<Code*>(code.as_object());
    if ((c->code_flags & (kCoModule | kCoClassBody)) != 0) {
      return fail_at(i, "a function has a module's or class body's code");
    }
    if (!is_dict(globals)) return fail_at(i, "a function's globals are not a dict");
    if (!defaults.is_null() && !is_tuple(defaults)) return fail_at(i, "bad __defaults__");
    if (!kwdefaults.is_null() && !is_dict(kwdefaults)) return fail_at(i, "bad __kwdefaults__");
    if (!closure.is_null() || !c->freevars.empty()) {
      if (!is_tuple(closure) ||
          as_tuple(closure)->size != static_cast<std::int64_t>(c->freevars.size())) {
        return fail_at(i, "a function's closure does not match its free variables");
      }
      Tuple* cells = as_tuple(closure);
      for (std::int64_t k = 0; k < cells->size; ++k) {
        Value cell = cells->items()[k];
        if (!cell.is_object() || layout_of(cell) != Layout::Cell) {
          return fail_at(i, "a function's closure holds something else than cells");
        }
      }
    }
    if (name.is_null() || !is_str(name) || qualname.is_null() || !is_str(qualname)) {
      return fail_at(i, "a function's name is not a str");
    }
    Value dict = field(r, 8);
    if (!dict.is_null() && !is_dict(dict)) return fail_at(i, "a function's __dict__ is not a dict");
    f->code = c;
    f->globals = as_dict(globals);
    f->defaults = defaults.is_null() ? nullptr : as_tuple(defaults);
    f->kwdefaults = kwdefaults.is_null() ? nullptr : as_dict(kwdefaults);
    f->closure = closure.is_null() ? nullptr : as_tuple(closure);
    f->name = as_str(name);
    f->qualname = as_str(qualname);
    Value module = field(r, 7), doc = field(r, 9);
    f->module = module.is_null() ? in_.none : module;
    f->dict = dict.is_null() ? nullptr : as_dict(dict);
    f->doc = doc.is_null() ? in_.none : doc;
    return true;
  }

  // Every ref of r present (no Absent where the VM expects a value).
  bool all_present(const Rec& r) const {
    for (std::uint32_t k = 0; k < r.count; ++k) {
      if (ref_of(r, k).tag == RefTag::Absent) return false;
    }
    return true;
  }

  bool fill() {
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      if (recs_[i].kind != Kind::Function && !fill_one(i)) return false;
    }
    // Functions last: their closure tuples are complete now.
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      if (recs_[i].kind == Kind::Function && !fill_function(i)) return false;
    }
    return true;
  }

  bool fill_one(std::size_t i) {
    const Rec& r = recs_[i];
    Value self = objs_[i];
    switch (r.kind) {
      case Kind::Tuple:
      case Kind::List: {
        if (!all_present(r)) return fail_at(i, "a sequence has a missing item");
        Value* items = r.kind == Kind::Tuple ? as_tuple(self)->items() : as_list(self)->items;
        for (std::uint32_t k = 0; k < r.count; ++k) items[k] = field(r, k);
        break;
      }
      case Kind::Slice: {
        if (!all_present(r)) return fail_at(i, "a slice has a missing bound");
        auto* s = static_cast<Slice*>(self.as_object());
        s->start = field(r, 0);
        s->stop = field(r, 1);
        s->step = field(r, 2);
        break;
      }
      case Kind::Cell:
        static_cast<Cell*>(self.as_object())->value = field(r, 0);
        break;
      case Kind::BoundMethod: {
        if (!all_present(r)) return fail_at(i, "a bound method is missing a part");
        auto* m = static_cast<BoundMethod*>(self.as_object());
        m->func = field(r, 0);
        m->self = field(r, 1);
        break;
      }
      case Kind::Instance:
      case Kind::Exception: {
        Value dict = field(r, r.kind == Kind::Instance ? 1 : 2);
        if (!dict.is_null() && !is_dict(dict)) return fail_at(i, "an instance's __dict__ is bad");
        auto* inst = static_cast<Instance*>(self.as_object());
        inst->dict = dict.is_null() ? nullptr : as_dict(dict);
        if (r.kind == Kind::Exception) {
          Value args = field(r, 1);
          if (!is_tuple(args)) return fail_at(i, "an exception's args are not a tuple");
          auto* e = as_exc(self);
          e->args = as_tuple(args);
          e->context = field(r, 3);
          e->cause = field(r, 4);
          e->suppress_context = r.flag != 0;
        }
        break;
      }
      case Kind::MainModule: {
        Value dict = field(r, 0);
        if (!is_dict(dict)) return fail_at(i, "a module's namespace is not a dict");
        static_cast<Module*>(self.as_object())->dict = as_dict(dict);
        break;
      }
      case Kind::Property: {
        auto* p = static_cast<Property*>(self.as_object());
        p->getter = field(r, 0);
        p->setter = field(r, 1);
        p->deleter = field(r, 2);
        p->doc = field(r, 3);
        break;
      }
      case Kind::StaticMethod:
      case Kind::ClassMethod:
        if (!all_present(r)) return fail_at(i, "a static or class method has no function");
        static_cast<MethodWrapper*>(self.as_object())->func = field(r, 0);
        break;
      case Kind::DictView: {
        Value d = field(r, 0);
        if (!is_dict(d)) return fail_at(i, "a dict view is not of a dict");
        static_cast<DictView*>(self.as_object())->dict = as_dict(d);
        break;
      }
      default:
        break;
    }
    return true;
  }

  // --- 4. dicts and sets -----------------------------------------------------------------------

  static bool builtin_hash(Value key) {
    if (key.is_small()) return true;
    switch (layout_of(key)) {
      case Layout::Str:
      case Layout::Int:
      case Layout::Float:
      case Layout::Bool:
      case Layout::None:
        return true;
      default:
        return false;
    }
  }

  bool fill_dicts() {
    std::vector<std::size_t> later;
    for (int round = 0; round < 2; ++round) {
      for (std::size_t i = 0; i < recs_.size(); ++i) {
        const Rec& r = recs_[i];
        if (r.kind != Kind::Dict && r.kind != Kind::Set) continue;
        if (!all_present(r)) return fail_at(i, "a dict or set has a missing key or value");
        const std::uint32_t step = r.kind == Kind::Dict ? 2 : 1;
        bool simple = true;
        for (std::uint32_t k = 0; k < r.count && simple; k += step) {
          simple = builtin_hash(field(r, k));
        }
        if (simple != (round == 0)) continue;
        for (std::uint32_t k = 0; k < r.count; k += step) {
          bool ok = r.kind == Kind::Dict
                        ? dict_set(t_, as_dict(objs_[i]), field(r, k), field(r, k + 1))
                        : set_add(t_, as_dict(objs_[i]), field(r, k));
          if (!ok) return false;
        }
      }
    }
    return true;
  }

  Thread& t_;
  Interpreter& in_;
  SnapshotProgram program_;
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::uint64_t writer_ident_ = 0;
  std::uint32_t count_ = 0;
  Ref main_ref_;
  std::vector<Ref> roots_;
  std::vector<Rec> recs_;
  std::vector<Ref> refs_;
  std::vector<Value> objs_;
  std::unordered_map<std::uint64_t, Code*> codes_;
  List* keep_ = nullptr;
};

}  // namespace

bool restore_heap_snapshot(Thread& t, const SnapshotProgram& program, std::string_view bytes,
                           RestoredHeap* out) {
  Reader r(t, program, bytes);
  return r.restore(out);
}

}  // namespace interleave::ipc
