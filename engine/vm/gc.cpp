// The heap: malloc-backed objects registered in per-thread allocation lists, and a tracing
// mark-and-sweep collector (it collects cycles). Collection runs only at safepoints: with one
// runner (serialising driver) at an instruction boundary of the running thread, otherwise when the
// driver has stopped the world. Roots: every thread's frames and pending exceptions, generator
// frames (through their objects), module tables, interned strings and the built-in types.
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/dict.h"
#include "vm/interp.h"
#include "vm/names.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

struct Marker {
  std::vector<Object*> stack;
};

void visit(void* ctx, Value v) {
  if (!v.is_object()) return;
  Object* o = v.as_object();
  if (o->mark != 0) return;
  o->mark = 1;
  static_cast<Marker*>(ctx)->stack.push_back(o);
}

void visit_obj(Marker& m, const Object* o) {
  if (o != nullptr) visit(&m, Value::object(o));
}

void trace_frame(Marker& m, Frame* f) {
  visit_obj(m, f->code);
  visit_obj(m, f->func);
  visit_obj(m, f->globals);
  visit_obj(m, f->locals_dict);
  visit_obj(m, f->generator);
  visit(&m, f->init_self);
  for (Value* p = f->slots(); p < f->sp; ++p) visit(&m, *p);
}

void trace(Marker& m, Object* o) {
  switch (o->type->layout) {
    case Layout::None:
    case Layout::NotImplemented:
    case Layout::Ellipsis:
    case Layout::Bool:
    case Layout::Int:
    case Layout::Float:
    case Layout::Str:
    case Layout::Range:
    case Layout::Lock:
    case Layout::RLock:
      break;
    case Layout::Tuple: {
      auto* t = static_cast<Tuple*>(o);
      for (std::int64_t i = 0; i < t->size; ++i) visit(&m, t->items()[i]);
      break;
    }
    case Layout::List: {
      auto* l = static_cast<List*>(o);
      for (std::int64_t i = 0; i < l->size; ++i) visit(&m, l->items[i]);
      break;
    }
    case Layout::Dict:
    case Layout::Set: {
      DictTable* tb = static_cast<Dict*>(o)->table;
      std::uint32_t used = tb == nullptr ? 0 : tb->used;
      for (std::uint32_t i = 0; i < used; ++i) {
        visit(&m, tb->entries()[i].key);
        visit(&m, tb->entries()[i].value);
      }
      break;
    }
    case Layout::Slice: {
      auto* s = static_cast<Slice*>(o);
      visit(&m, s->start);
      visit(&m, s->stop);
      visit(&m, s->step);
      break;
    }
    case Layout::Cell:
      visit(&m, static_cast<Cell*>(o)->value);
      break;
    case Layout::Code: {
      auto* c = static_cast<Code*>(o);
      for (Value v : c->consts) visit(&m, v);
      for (Str* s : c->names) visit_obj(m, s);
      for (Str* s : c->varnames) visit_obj(m, s);
      for (Str* s : c->cellvars) visit_obj(m, s);
      for (Str* s : c->freevars) visit_obj(m, s);
      visit_obj(m, c->name);
      visit_obj(m, c->qualname);
      visit_obj(m, c->filename);
      break;
    }
    case Layout::Function: {
      auto* f = static_cast<Function*>(o);
      visit_obj(m, f->code);
      visit_obj(m, f->globals);
      visit_obj(m, f->defaults);
      visit_obj(m, f->kwdefaults);
      visit_obj(m, f->closure);
      visit_obj(m, f->name);
      visit_obj(m, f->qualname);
      visit(&m, f->module);
      visit_obj(m, f->dict);
      visit(&m, f->doc);
      break;
    }
    case Layout::Builtin: {
      auto* b = static_cast<Builtin*>(o);
      visit(&m, b->self);
      visit_obj(m, b->owner);
      break;
    }
    case Layout::BoundMethod: {
      auto* b = static_cast<BoundMethod*>(o);
      visit(&m, b->func);
      visit(&m, b->self);
      break;
    }
    case Layout::Type: {
      auto* t = static_cast<Type*>(o);
      visit_obj(m, t->name);
      visit_obj(m, t->qualname);
      visit(&m, t->module);
      visit_obj(m, t->base);
      for (Type* b : t->mro) visit_obj(m, b);
      visit_obj(m, t->dict);
      break;
    }
    case Layout::Exception: {
      auto* e = static_cast<ExceptionObject*>(o);
      visit_obj(m, e->args);
      for (const TracebackEntry& tb : e->traceback) visit_obj(m, tb.code);
      visit(&m, e->context);
      visit(&m, e->cause);
      [[fallthrough]];
    }
    case Layout::Instance: {
      auto* i = static_cast<Instance*>(o);
      visit_obj(m, i->dict);
      visit_obj(m, i->native);
      break;
    }
    case Layout::Module: {
      auto* mod = static_cast<Module*>(o);
      visit_obj(m, mod->name);
      visit_obj(m, mod->dict);
      break;
    }
    case Layout::Iterator: {
      auto* it = static_cast<Iterator*>(o);
      visit(&m, it->source);
      visit(&m, it->func);
      break;
    }
    case Layout::Generator: {
      auto* g = static_cast<Generator*>(o);
      if (g->frame != nullptr) trace_frame(m, g->frame);
      visit_obj(m, g->name);
      visit_obj(m, g->qualname);
      break;
    }
    case Layout::Property: {
      auto* p = static_cast<Property*>(o);
      visit(&m, p->getter);
      visit(&m, p->setter);
      visit(&m, p->deleter);
      visit(&m, p->doc);
      break;
    }
    case Layout::StaticMethod:
    case Layout::ClassMethod:
      visit(&m, static_cast<MethodWrapper*>(o)->func);
      break;
    case Layout::Super: {
      auto* s = static_cast<Super*>(o);
      visit_obj(m, s->start_type);
      visit(&m, s->obj);
      visit_obj(m, s->obj_type);
      break;
    }
    case Layout::DictView:
      visit_obj(m, static_cast<DictView*>(o)->dict);
      break;
    case Layout::NativeState: {
      auto* n = static_cast<NativeState*>(o);
      if (n->trace != nullptr) n->trace(n, &visit, &m);
      break;
    }
  }
  visit_obj(m, o->type);
}

void destroy(Interpreter& interp, Object* o) {
  switch (o->type->layout) {
    case Layout::List: {
      auto* l = static_cast<List*>(o);
      interp.account(-l->capacity * static_cast<std::int64_t>(sizeof(Value)));
      std::free(l->items);
      break;
    }
    case Layout::Dict:
    case Layout::Set: {
      dict_free_table(interp, static_cast<Dict*>(o));
      break;
    }
    case Layout::Code:
      static_cast<Code*>(o)->~Code();
      break;
    case Layout::Type:
      static_cast<Type*>(o)->~Type();
      break;
    case Layout::Exception:
      static_cast<ExceptionObject*>(o)->~ExceptionObject();
      break;
    case Layout::Generator: {
      auto* g = static_cast<Generator*>(o);
      if (g->frame != nullptr && g->running) {
        // Destroyed with the interpreter while its frame is linked into a thread's frames (a
        // run stopped inside it): the frame becomes an ordinary one, which ~Thread frees.
        g->frame->generator = nullptr;
        g->frame->flags &= ~kFrameGenerator;
        g->frame = nullptr;
      } else if (g->frame != nullptr) {
        std::free(g->frame);
        g->frame = nullptr;
      }
      break;
    }
    case Layout::NativeState: {
      auto* n = static_cast<NativeState*>(o);
      if (n->destroy != nullptr) n->destroy(n);
      break;
    }
    default:
      break;
  }
}

}  // namespace

void* Interpreter::allocate_raw(Thread* t, std::size_t size) {
  std::int64_t now =
      heap_bytes_.fetch_add(static_cast<std::int64_t>(size), std::memory_order_relaxed) +
      static_cast<std::int64_t>(size);
  if (now > next_gc_ || now > config_.heap_limit) {
    driver_.eval_breaker().fetch_or(breaker::kGcRequest, std::memory_order_relaxed);
  }
  (void)t;
  void* mem = std::malloc(size);
  if (mem == nullptr) throw std::bad_alloc();
  return mem;
}

void Interpreter::register_object(Thread* t, Object* o) {
  if (t != nullptr) {
    t->allocations.push_back(o);
  } else {
    std::lock_guard<std::mutex> lock(alloc_mutex_);
    objects_.push_back(o);
  }
}

void Interpreter::account(std::int64_t delta) {
  std::int64_t now = heap_bytes_.fetch_add(delta, std::memory_order_relaxed) + delta;
  if (delta > 0 && (now > next_gc_ || now > config_.heap_limit)) {
    driver_.eval_breaker().fetch_or(breaker::kGcRequest, std::memory_order_relaxed);
  }
}

void Interpreter::retire(void* storage) {
  if (storage == nullptr) return;
  if (!config_.free_threaded) {
    std::free(storage);
    return;
  }
  std::lock_guard<std::mutex> lock(alloc_mutex_);
  retired_.push_back(storage);
}

void Interpreter::grow_list(List* l, std::int64_t capacity) {
  auto bytes = sizeof(Value) * static_cast<std::size_t>(capacity);
  Value* mem;
  if (!config_.free_threaded) {
    mem = static_cast<Value*>(std::realloc(l->items, bytes));
    if (mem == nullptr) throw std::bad_alloc();
  } else {
    mem = static_cast<Value*>(std::malloc(bytes));
    if (mem == nullptr) throw std::bad_alloc();
    if (l->size > 0) std::memcpy(mem, l->items, sizeof(Value) * static_cast<std::size_t>(l->size));
    retire(l->items);
  }
  account(static_cast<std::int64_t>(sizeof(Value)) * (capacity - l->capacity));
  l->items = mem;
  l->capacity = capacity;
}

void Interpreter::visit_roots(void (*v)(void*, Value), void* ctx) {
  v(ctx, none);
  v(ctx, true_);
  v(ctx, false_);
  v(ctx, notimpl);
  v(ctx, ellipsis);
  v(ctx, Value::object(empty_str));
  v(ctx, Value::object(empty_tuple));
  v(ctx, Value::object(builtins));
  v(ctx, Value::object(modules));
  if (main_module != nullptr) v(ctx, Value::object(main_module));
  if (random_state != nullptr) v(ctx, Value::object(random_state));
  for (auto& [k, s] : interned_) v(ctx, Value::object(s));
  auto** first = reinterpret_cast<Type**>(&types);
  for (std::size_t i = 0; i < sizeof(types) / sizeof(Type*); ++i) {
    if (first[i] != nullptr) v(ctx, Value::object(first[i]));
  }
  auto** efirst = reinterpret_cast<Type**>(&exc);
  for (std::size_t i = 0; i < sizeof(exc) / sizeof(Type*); ++i) {
    if (efirst[i] != nullptr) v(ctx, Value::object(efirst[i]));
  }
}

void Interpreter::collect() {
  Marker m;
  visit_roots(&visit, &m);
  for (auto& th : threads) {
    Thread& t = *th;
    for (Frame* f = t.frame; f != nullptr; f = f->back) trace_frame(m, f);
    visit(&m, t.exc);
    visit(&m, t.handled);
    visit(&m, t.pyobj);
    visit(&m, t.entry);
    for (Value r : t.roots) visit(&m, r);
  }
  while (!m.stack.empty()) {
    Object* o = m.stack.back();
    m.stack.pop_back();
    trace(m, o);
  }
  sweep();
  {
    // Every thread is at a safepoint: nobody can still be reading retired storage.
    std::lock_guard<std::mutex> lock(alloc_mutex_);
    for (void* p : retired_) std::free(p);
    retired_.clear();
  }
  std::int64_t live = heap_bytes_.load(std::memory_order_relaxed);
  next_gc_ = config_.gc_interval > 0 ? live + config_.gc_interval
                                     : std::max<std::int64_t>(live * 2, 4 << 20);
  if (next_gc_ > config_.heap_limit) next_gc_ = config_.heap_limit;
  if (live > config_.heap_limit) memory_error_pending.store(true);
}

void Interpreter::sweep() {
  for (auto& th : threads) {
    objects_.insert(objects_.end(), th->allocations.begin(), th->allocations.end());
    th->allocations.clear();
  }
  std::vector<Object*> dead;
  std::size_t keep = 0;
  for (Object* o : objects_) {
    if (o->mark != 0) {
      o->mark = 0;
      objects_[keep++] = o;
    } else {
      dead.push_back(o);
    }
  }
  objects_.resize(keep);
  object_count_ = keep;
  // Instances first, types last: destroy() reads the layout from each dead object's type, which
  // may itself be dead in this same sweep.
  std::vector<Object*> dead_types;
  for (Object* o : dead) {
    if (o->type->layout != Layout::Type) {
      destroy(*this, o);
    } else {
      dead_types.push_back(o);
    }
  }
  for (Object* o : dead_types) destroy(*this, o);
  for (Object* o : dead) {
    heap_bytes_.fetch_sub(o->alloc_size, std::memory_order_relaxed);
    std::free(o);
  }
}

// Frees everything (interpreter shutdown): no destructor needs another object's memory.
void Interpreter::free_all() {
  for (auto& th : threads) {
    objects_.insert(objects_.end(), th->allocations.begin(), th->allocations.end());
    th->allocations.clear();
  }
  std::vector<Object*> all_types;
  for (Object* o : objects_) {
    if (o->type->layout != Layout::Type) {
      destroy(*this, o);
    } else {
      all_types.push_back(o);
    }
  }
  for (Object* o : all_types) destroy(*this, o);
  for (Object* o : objects_) std::free(o);
  objects_.clear();
  for (void* p : retired_) std::free(p);
  retired_.clear();
}

void Thread::collect_garbage() {
  // The stopped world of the GIL-off driver: a thread waiting inside a nested loop
  // (Driver::nested_block) has natives under it holding values the collector cannot see.
  if (thread_switched_out_nested(interp_)) return;
  interp_.collect();
}

}  // namespace interleave::vm
