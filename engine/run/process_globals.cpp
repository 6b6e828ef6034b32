// The memory view's snapshot of a module's globals: a bounded walk decides whether repr() would
// run Python code (it must not), then repr_into writes the text.
#include "run/process_globals.h"

#include "run/program.h"
#include "vm/dict.h"
#include "vm/interp.h"
#include "vm/runtime.h"

namespace interleave::run {
namespace {

// True when repr() of `v` runs no Python code: built-in scalars, and built-in containers of them
// (bounded: at most `*budget` values looked at, three levels deep).
bool plain_value(vm::Thread& t, vm::Value v, int depth, int* budget) {
  if (--*budget < 0) return false;
  if (v.is_small()) return true;
  if (!v.is_object()) return false;
  vm::Object* o = v.as_object();
  const vm::Types& ty = t.interp().types;
  if (o->type == ty.none || o->type == ty.bool_ || o->type == ty.int_ || o->type == ty.float_ ||
      o->type == ty.str) {
    return true;
  }
  if (depth >= 3) return false;
  if (o->type == ty.list) {
    auto* l = static_cast<vm::List*>(o);
    for (std::int64_t i = 0; i < l->size; ++i) {
      if (!plain_value(t, l->items[i], depth + 1, budget)) return false;
    }
    return true;
  }
  if (o->type == ty.tuple) {
    auto* tu = static_cast<vm::Tuple*>(o);
    for (std::int64_t i = 0; i < tu->size; ++i) {
      if (!plain_value(t, tu->items()[i], depth + 1, budget)) return false;
    }
    return true;
  }
  if (o->type == ty.dict || o->type == ty.set) {
    auto* d = static_cast<vm::Dict*>(o);
    std::uint32_t pos = 0;
    while (vm::DictEntry* e = vm::dict_next(d, &pos)) {
      const vm::Value key = e->key;
      if (!plain_value(t, key, depth + 1, budget)) return false;
      if (o->type == ty.dict) {
        const vm::Value value = e->value;
        if (!plain_value(t, value, depth + 1, budget)) return false;
      }
    }
    return true;
  }
  return false;
}

// The program's module: __main__ in sys.modules (a spawned child's __mp_main__ once it ran, a
// fork child's restored copy), else __mp_main__ (a child whose program failed), else main_module.
vm::Module* program_module(vm::Interpreter& interp) {
  for (const char* name : {"__main__", "__mp_main__"}) {
    const vm::Value m = vm::dict_get_str(interp.modules, interp.intern(name));
    if (!m.is_null() && vm::layout_of(m) == vm::Layout::Module) {
      return static_cast<vm::Module*>(m.as_object());
    }
  }
  return interp.main_module;
}

}  // namespace

GlobalsList snapshot_globals(vm::Interpreter& interp, vm::Thread& t) {
  GlobalsList out;
  vm::Module* module = interp.modules != nullptr ? program_module(interp) : interp.main_module;
  if (module == nullptr || module->dict == nullptr) return out;
  const vm::Types& ty = interp.types;
  std::uint32_t pos = 0;
  while (vm::DictEntry* e = vm::dict_next(module->dict, &pos)) {
    if (out.size() >= kGlobalsCountMax) break;
    const vm::Value key = e->key;
    const vm::Value value = e->value;
    if (!key.is_object() || key.as_object()->type != ty.str || value.is_null()) continue;
    std::string name(static_cast<vm::Str*>(key.as_object())->view());
    if (name.size() >= 2 && name.compare(0, 2, "__") == 0) continue;
    const vm::Type* type = vm::type_of(t, value);
    if (type == ty.module || type == ty.function || type == ty.builtin || type == ty.type) continue;
    std::string text;
    int budget = 256;
    if (!plain_value(t, value, 0, &budget) || !vm::repr_into(t, value, text)) {
      text = "<" + std::string(type->name != nullptr ? type->name->view() : "object") +
             (value.is_object() && value.as_object()->type->builtin ? ">" : " object>");
    }
    if (text.size() > kGlobalReprMax) text = text.substr(0, kGlobalReprMax - 3) + "...";
    if (name.size() > kGlobalNameMax) name = name.substr(0, kGlobalNameMax - 3) + "...";
    out.emplace_back(std::move(name), std::move(text));
  }
  return out;
}

}  // namespace interleave::run
