// The built-ins that look at a namespace: dir() and locals(). locals() in a function is a new dict
// of the frame's bound locals, cells and free variables (CPython 3.11's snapshot); dir() lists a
// scope, a module, a class with its bases or an object with its class, sorted, or what a class's
// own __dir__ returns. Run by the calling thread only (under the GIL, if any).
#include <algorithm>
#include <string_view>
#include <vector>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

namespace {

// What CPython 3.11's dir(object()) lists; dir() keeps those that resolve here (add_type_names).
constexpr const char* kObjectNames[] = {
    "__class__",   "__delattr__", "__dir__",           "__doc__",         "__eq__",
    "__format__",  "__ge__",      "__getattribute__",  "__getstate__",    "__gt__",
    "__hash__",    "__init__",    "__init_subclass__", "__le__",          "__lt__",
    "__ne__",      "__new__",     "__reduce__",        "__reduce_ex__",   "__repr__",
    "__setattr__", "__sizeof__",  "__str__",           "__subclasshook__"};

void add_keys(std::vector<Str*>& out, Dict* d) {
  if (d == nullptr) return;
  std::uint32_t pos = 0;
  while (DictEntry* e = dict_next(d, &pos)) {
    if (is_str(e->key)) out.push_back(as_str(e->key));
  }
}

// The names of a class and its bases, and of what every class has (object's methods, __dict__,
// __module__...) those that this VM really gives: CPython's list where it resolves here, never a
// name getattr() would refuse. Never __qualname__, which CPython keeps out of the class dict.
void add_type_names(Thread& t, std::vector<Str*>& out, Type* type) {
  Interpreter& in = t.interp();
  for (Type* k : type->mro) add_keys(out, k->dict);
  auto add_if_present = [&](const char* n) {
    Str* name = in.intern(n);
    if (!get_attr_opt(t, Value::object(type), name).is_null()) {
      out.push_back(name);
    } else if (t.has_exception()) {
      t.take_exception();
    }
  };
  for (const char* n : kObjectNames) add_if_present(n);
  for (const char* n : {"__dict__", "__module__", "__weakref__"}) add_if_present(n);
  if (type->layout == Layout::Exception) {
    // Attributes of every exception instance (ExceptionObject's fields, not in any dict).
    for (const char* n :
         {"__cause__", "__context__", "__dict__", "__suppress_context__", "__traceback__", "args"})
      out.push_back(in.intern(n));
  }
  std::erase(out, names(t).__qualname__);
}

Value sorted_names(Thread& t, std::vector<Str*>& names_found) {
  std::sort(names_found.begin(), names_found.end(),
            [](Str* a, Str* b) { return a->view() < b->view(); });
  names_found.erase(std::unique(names_found.begin(), names_found.end(),
                                [](Str* a, Str* b) { return a->view() == b->view(); }),
                    names_found.end());
  List* l = make_list(t, 0);
  for (Str* s : names_found) {
    if (!list_append(t, l, Value::object(s))) return Value();
  }
  return Value::object(l);
}

}  // namespace

Dict* frame_locals(Thread& t, Frame* f) {
  if (f->locals_dict != nullptr) return f->locals_dict;
  Dict* d = make_dict(t);
  Code* code = f->code;
  Value* slots = f->slots();
  std::size_t nvars = code->varnames.size();
  for (std::size_t i = 0; i < nvars; ++i) {
    if (!slots[i].is_null()) dict_set_str(t, d, code->varnames[i], slots[i]);
  }
  std::size_t ncells = code->cellvars.size() + code->freevars.size();
  for (std::size_t i = 0; i < ncells; ++i) {
    Value c = slots[nvars + i];
    if (c.is_null() || layout_of(c) != Layout::Cell) continue;
    Value v = static_cast<Cell*>(c.as_object())->value;
    Str* name =
        i < code->cellvars.size() ? code->cellvars[i] : code->freevars[i - code->cellvars.size()];
    if (!v.is_null()) dict_set_str(t, d, name, v);
  }
  return d;
}

Value builtin_locals(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  (void)args;
  (void)kwnames;
  if (!check_nargs(t, "locals", nargs, 0, 0)) return Value();
  return Value::object(frame_locals(t, t.frame));
}

Value builtin_dir(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  (void)kwnames;
  if (!check_nargs(t, "dir", nargs, 0, 1)) return Value();
  std::vector<Str*> found;
  if (nargs == 0) {
    add_keys(found, frame_locals(t, t.frame));
    return sorted_names(t, found);
  }
  Value obj = args[0];
  Interpreter& in = t.interp();
  Type* type = type_of(t, obj);
  Value own_dir = type->builtin ? Value() : type_lookup(type, in.intern("__dir__"));
  if (!own_dir.is_null()) {
    Value listed = call(t, own_dir, &obj, 1);
    if (listed.is_null()) return Value();
    Value sorted = dict_get_str(in.builtins, in.intern("sorted"));
    return call(t, sorted, &listed, 1);
  }
  switch (layout_of(obj)) {
    case Layout::Module:
      add_keys(found, static_cast<Module*>(obj.as_object())->dict);
      break;
    case Layout::Type:
      add_type_names(t, found, as_type(obj));
      break;
    default: {
      Value d = get_attr_opt(t, obj, names(t).__dict__);
      if (d.is_null() && t.has_exception()) t.take_exception();
      if (!d.is_null() && layout_of(d) == Layout::Dict) add_keys(found, as_dict(d));
      add_type_names(t, found, type);
      break;
    }
  }
  return sorted_names(t, found);
}

}  // namespace interleave::vm
