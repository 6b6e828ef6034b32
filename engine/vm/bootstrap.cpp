// Interpreter construction: the built-in types and exception hierarchy, singletons, interned names,
// the builtins module, module import, loading __main__ and creating threads. Runs on the thread
// that creates the Interpreter, before any Python thread runs (new_thread: the executing thread).
#include <cstring>

#include "lang/parser.h"
#include "vm/builtins.h"
#include "vm/compiler.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"

namespace interleave::vm {

Interpreter::Interpreter(Driver& driver, Config config)
    : driver_(driver), config_(std::move(config)) {
  recursion_limit = config_.recursion_limit;
  next_gc_ = std::min<std::int64_t>(std::int64_t{8} << 20, config_.heap_limit);
  if (config_.gc_interval > 0) next_gc_ = config_.gc_interval;
  bootstrap();
}

Interpreter::~Interpreter() {
  free_all();
  threads.clear();
}

void Interpreter::bootstrap() {
  auto boot_thread = std::make_unique<Thread>(*this, false);
  boot = boot_thread.get();
  boot->name_ = "<boot>";
  threads.push_back(std::move(boot_thread));
  Thread& t = *boot;

  // `type` and `object` first: every other type is an instance of `type`.
  types.type = make<Type>(&t, nullptr);
  types.type->type = types.type;
  types.object = make<Type>(&t, types.type);
  types.str = make<Type>(&t, types.type);
  types.dict = make<Type>(&t, types.type);
  auto init_core = [&](Type* ty, Type* base, Layout layout) {
    ty->base = base;
    ty->layout = layout;
    ty->builtin = true;
    ty->mro.push_back(ty);
    if (base != nullptr) ty->mro.insert(ty->mro.end(), base->mro.begin(), base->mro.end());
  };
  init_core(types.object, nullptr, Layout::Instance);
  init_core(types.type, types.object, Layout::Type);
  init_core(types.str, types.object, Layout::Str);
  init_core(types.dict, types.object, Layout::Dict);
  for (Type* ty : {types.type, types.object, types.str, types.dict}) {
    ty->dict = make<Dict>(&t, types.dict);
  }
  empty_str = make<Str>(&t, types.str, 1);
  empty_str->data()[0] = '\0';
  empty_str->ascii = true;
  types.type->name = intern("type");
  types.object->name = intern("object");
  types.str->name = intern("str");
  types.dict->name = intern("dict");
  Str* builtins_name = intern("builtins");
  for (Type* ty : {types.type, types.object, types.str, types.dict}) {
    ty->qualname = ty->name;
    ty->module = Value::object(builtins_name);
  }
  types.tuple = make_type(t, "tuple", types.object, Layout::Tuple, true);
  empty_tuple = make<Tuple>(&t, types.tuple);

  auto mk = [&](const char* name, Layout layout, Type* base = nullptr) {
    Type* ty = make_type(t, name, base != nullptr ? base : types.object, layout, true);
    return ty;
  };
  types.none = mk("NoneType", Layout::None);
  types.notimpl = mk("NotImplementedType", Layout::NotImplemented);
  types.ellipsis = mk("ellipsis", Layout::Ellipsis);
  types.int_ = mk("int", Layout::Int);
  types.bool_ = mk("bool", Layout::Bool, types.int_);
  types.float_ = mk("float", Layout::Float);
  types.list = mk("list", Layout::List);
  types.set = mk("set", Layout::Set);
  types.frozenset = mk("frozenset", Layout::Set);  // a set table without the mutating methods
  types.range = mk("range", Layout::Range);
  types.slice = mk("slice", Layout::Slice);
  types.cell = mk("cell", Layout::Cell);
  types.code = mk("code", Layout::Code);
  types.function = mk("function", Layout::Function);
  types.builtin = mk("builtin_function_or_method", Layout::Builtin);
  types.method = mk("method", Layout::BoundMethod);
  types.module = mk("module", Layout::Module);
  types.generator = mk("generator", Layout::Generator);
  types.property = mk("property", Layout::Property);
  types.staticmethod = mk("staticmethod", Layout::StaticMethod);
  types.classmethod = mk("classmethod", Layout::ClassMethod);
  types.super = mk("super", Layout::Super);
  types.dict_keys = mk("dict_keys", Layout::DictView);
  types.dict_values = mk("dict_values", Layout::DictView);
  types.dict_items = mk("dict_items", Layout::DictView);
  types.list_iter = mk("list_iterator", Layout::Iterator);
  types.tuple_iter = mk("tuple_iterator", Layout::Iterator);
  types.str_iter = mk("str_ascii_iterator", Layout::Iterator);
  types.range_iter = mk("range_iterator", Layout::Iterator);
  types.dict_keyiter = mk("dict_keyiterator", Layout::Iterator);
  types.dict_valueiter = mk("dict_valueiterator", Layout::Iterator);
  types.dict_itemiter = mk("dict_itemiterator", Layout::Iterator);
  types.set_iter = mk("set_iterator", Layout::Iterator);
  types.enumerate = mk("enumerate", Layout::Iterator);
  types.zip = mk("zip", Layout::Iterator);
  types.map = mk("map", Layout::Iterator);
  types.filter = mk("filter", Layout::Iterator);
  types.reversed = mk("reversed", Layout::Iterator);
  types.callable_iter = mk("iterator", Layout::Iterator);
  types.lock = mk("lock", Layout::Lock);
  types.rlock = mk("RLock", Layout::RLock);
  types.native = mk("native_state", Layout::NativeState);
  types.lock->module = Value::object(intern("_thread"));
  types.rlock->module = Value::object(intern("_thread"));

  auto singleton = [&](Type* ty) { return Value::object(make<NoneObject>(&t, ty)); };
  none = singleton(types.none);
  notimpl = singleton(types.notimpl);
  ellipsis = singleton(types.ellipsis);
  BoolObject* tr = make<BoolObject>(&t, types.bool_);
  tr->value = true;
  BoolObject* fa = make<BoolObject>(&t, types.bool_);
  fa->value = false;
  true_ = Value::object(tr);
  false_ = Value::object(fa);

  names = std::make_unique<Names>();
#define INTERLEAVE_NAME_INIT(n) names->n = intern(#n);
  INTERLEAVE_NAMES(INTERLEAVE_NAME_INIT)
#undef INTERLEAVE_NAME_INIT

  // Exceptions.
#define INTERLEAVE_EXC_INIT(name, base)                                                         \
  exc.name =                                                                                    \
      make_type(t, #name, std::string_view(#name) == "BaseException" ? types.object : exc.base, \
                Layout::Exception, false);                                                      \
  exc.name->builtin = true;
  INTERLEAVE_EXCEPTIONS(INTERLEAVE_EXC_INIT)
#undef INTERLEAVE_EXC_INIT

  modules = make_dict(t);
  builtins = make_dict(t);
  install_builtins(t);
}

Value Interpreter::import_module(Thread& t, std::string_view name) {
  Value m = dict_get_str(modules, intern(name));
  if (!m.is_null()) return m;
  auto it = module_inits.find(std::string(name));
  if (it == module_inits.end()) {
    if (name == "multiprocessing" || name.substr(0, 16) == "multiprocessing.") {
      return t.raise_fmt(exc.ModuleNotFoundError,
                         "No module named '%.*s' (multiprocessing is not supported yet by "
                         "Interleave)",
                         static_cast<int>(name.size()), name.data());
    }
    return t.raise_fmt(exc.ModuleNotFoundError, "No module named '%.*s'",
                       static_cast<int>(name.size()), name.data());
  }
  // A submodule (concurrent.futures): its package first, which then names it as an attribute.
  const std::size_t dot = name.rfind('.');
  Value package;
  if (dot != std::string_view::npos) {
    package = import_module(t, name.substr(0, dot));
    if (package.is_null()) return Value();
  }
  Module* mod = it->second(t);
  if (mod == nullptr) return Value();
  dict_set_str(t, modules, intern(name), Value::object(mod));
  if (!package.is_null() && layout_of(package) == Layout::Module) {
    dict_set_str(t, static_cast<Module*>(package.as_object())->dict, intern(name.substr(dot + 1)),
                 Value::object(mod));
  }
  return Value::object(mod);
}

Thread* Interpreter::load_main(std::string_view source, std::string_view filename,
                               std::string* syntax_error_text) {
  main_source = std::make_shared<const std::string>(source);
  main_filename = std::string(filename);
  lang::ParseResult parsed = lang::parse(*main_source, filename);
  if (!parsed.ok()) {
    if (syntax_error_text != nullptr) *syntax_error_text = lang::format_syntax_error(*parsed.error);
    return nullptr;
  }
  CompileResult compiled = compile_module(*boot, *parsed.module, main_source, filename);
  if (compiled.error) {
    if (syntax_error_text != nullptr) {
      *syntax_error_text = lang::format_syntax_error(*compiled.error);
    }
    return nullptr;
  }
  Thread& b = *boot;
  main_module = make_module(b, "__main__");
  dict_set_str(b, main_module->dict, names->__builtins__,
               dict_get_str(modules, intern("builtins")));
  dict_set_str(b, main_module->dict, names->__file__, str_value(b, filename));
  dict_set_str(b, main_module->dict, names->__doc__, none);
  dict_set_str(b, modules, intern("__main__"), Value::object(main_module));

  auto th = std::make_unique<Thread>(*this, true);
  Thread* main = th.get();
  main->name_ = "MainThread";
  main->started_ = true;
  {
    std::lock_guard<std::mutex> lock(mutex);
    threads.push_back(std::move(th));
  }
  Frame* f = main->alloc_frame(compiled.code);
  f->globals = main_module->dict;
  f->locals_dict = main_module->dict;
  f->flags = kFrameThreadTop;
  main->frame = f;
  main->depth = 1;
  main_thread = main;
  return main;
}

Thread* Interpreter::new_thread(Value entry, Value pyobj, std::string name, bool daemon) {
  auto th = std::make_unique<Thread>(*this, false);
  Thread* t = th.get();
  t->entry = entry;
  t->pyobj = pyobj;
  t->name_ = std::move(name);
  t->daemon_ = daemon;
  std::lock_guard<std::mutex> lock(mutex);
  threads.push_back(std::move(th));
  return t;
}

}  // namespace interleave::vm
