// The layouts of every heap object. Each starts with an Object header (type, GC mark, a per-object
// lock byte used only when the interpreter runs free-threaded); variable parts (str bytes, tuple
// items) trail the struct in the same allocation. Objects are created only through Heap (gc.h)
// and freed only by its sweep. Mutation of list/dict/set happens under ObjectLock, which is a
// no-op unless the interpreter is free-threaded; everything else is touched by the thread that
// holds the GIL (or the only running thread).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vm/atomics.h"
#include "vm/value.h"

namespace interleave::vm {

class Thread;
struct Type;
struct Str;
struct Tuple;
struct Dict;

// The layout of an object, which decides how the GC traces it and how core operations treat it.
enum class Layout : std::uint8_t {
  None,
  NotImplemented,
  Ellipsis,
  Bool,
  Int,
  Float,
  Str,
  Tuple,
  List,
  Dict,
  Set,
  Range,
  Slice,
  Cell,
  Code,
  Function,
  Builtin,
  BoundMethod,
  Type,
  Instance,
  Exception,
  Module,
  Iterator,
  Generator,
  Property,
  StaticMethod,
  ClassMethod,
  Super,
  DictView,
  Lock,
  RLock,
  NativeState
};

struct Object {
  Type* type = nullptr;
  std::uint8_t mark = 0;              // GC mark (the heap's current colour)
  std::atomic<std::uint8_t> lock{0};  // free-threaded mode only (ObjectLock)
  std::uint8_t flags = 0;             // per-layout bits
  std::uint8_t pad = 0;
  std::uint32_t alloc_size = 0;  // bytes of this allocation (heap accounting)
};

// Native functions: args[0..nargs) are positional then keyword values; kwnames (may be null) names
// the last kwnames->size values. Methods receive self as args[0]. Returns a value, null with an
// exception set on the thread, or Value::blocked() after filling the thread's Wait.
using NativeFn = Value (*)(Thread& t, const Value* args, int nargs, Tuple* kwnames);

struct NoneObject : Object {};
struct BoolObject : Object {
  bool value = false;
};
// An int that does not fit in a small Value (but fits in 64 bits).
struct IntObject : Object {
  std::int64_t value = 0;
};
struct FloatObject : Object {
  double value = 0;
};

struct Str : Object {
  std::int64_t hash = -1;    // -1: not computed yet
  std::uint32_t length = 0;  // bytes
  std::uint32_t chars = 0;   // code points
  bool ascii = false;
  bool interned = false;
  char* data() { return reinterpret_cast<char*>(this + 1); }
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  std::string_view view() const { return {data(), length}; }
};

struct Tuple : Object {
  std::int64_t size = 0;
  std::int64_t hash = -1;
  Value* items() { return reinterpret_cast<Value*>(this + 1); }
  const Value* items() const { return reinterpret_cast<const Value*>(this + 1); }
};

struct List : Object {
  Value* items = nullptr;
  std::int64_t size = 0;
  std::int64_t capacity = 0;
};

// Insertion-ordered open-addressing table (CPython's compact dict): the index maps hash slots to
// positions in the entries. Also the layout of set (values unused). The index and the entries
// live in one DictTable allocation, swapped with one pointer on resize, so that a lock-free
// reader (free-threaded mode) always sees an index and entries of the same generation. Writers
// hold the dict's ObjectLock; readers load `table` with acquire, then index slots (acquire) and
// entry fields (relaxed atomics). Replaced tables are retired, never freed under a reader.
struct DictEntry {
  std::int64_t hash;  // written before the entry is published, never changed after
  AtomicValue key;    // null: deleted
  AtomicValue value;
};
struct DictTable {
  std::uint32_t index_size;  // power of two, >= 8
  std::uint32_t capacity;    // entries allocated
  std::uint32_t used;        // entries filled, deleted ones included (atomic access)
  std::uint32_t reserved;
  std::int32_t* index() { return reinterpret_cast<std::int32_t*>(this + 1); }
  DictEntry* entries() { return reinterpret_cast<DictEntry*>(index() + index_size); }
  static std::size_t bytes(std::uint32_t index_size, std::uint32_t capacity) {
    return sizeof(DictTable) + sizeof(std::int32_t) * index_size + sizeof(DictEntry) * capacity;
  }
};
struct Dict : Object {
  DictTable* table = nullptr;      // null: empty (atomic access)
  std::uint32_t count = 0;         // live entries (atomic access)
  std::uint32_t keys_version = 0;  // bumped when a key is added or removed (LOAD_GLOBAL's cache)
  std::uint32_t finger = 0;        // sets: where set.pop() starts looking (set.h)
};
using Set = Dict;

struct Range : Object {
  std::int64_t start = 0, stop = 0, step = 1;
};
struct Slice : Object {
  Value start, stop, step;
};
struct Cell : Object {
  Value value;  // null: empty
};

struct ExceptionTableEntry {
  std::uint32_t start, end, target;  // instruction indices [start, end) -> target
  std::uint32_t depth;               // stack depth to unwind to
  bool lasti;                        // push the offset of the raising instruction
};
struct Position {
  std::int32_t line = 0, end_line = 0;
  std::int32_t col = -1, end_col = -1;  // UTF-8 byte columns; -1 unknown
  // CPython 3.11's traceback anchors (binary operator, subscript): the byte columns on `line`
  // where the ^ part of a ~~^^~~ marker starts and ends; -1 when the instruction has none.
  std::int32_t anchor_left = -1, anchor_right = -1;
};

struct Code : Object {
  std::vector<std::uint32_t> instructions;  // opcode in the low 8 bits, argument above
  std::vector<Position> positions;          // one per instruction
  std::vector<Value> consts;
  std::vector<Str*> names;     // globals, attributes
  std::vector<Str*> varnames;  // locals (arguments first)
  std::vector<Str*> cellvars;
  std::vector<Str*> freevars;
  std::vector<std::int32_t> cell_args;  // for each cellvar, the argument it starts from, or -1
  std::vector<ExceptionTableEntry> exception_table;
  std::vector<std::uint64_t> caches;  // kCacheWords inline-cache words per instruction
  Str* name = nullptr;
  Str* qualname = nullptr;
  Str* filename = nullptr;
  std::int32_t firstlineno = 0;
  std::int32_t argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  std::int32_t stacksize = 0;
  std::uint32_t code_flags = 0;  // kCo* below
  bool fast_call = false;  // positional-only call shape: no *args/**kw/kw-only/cells/generator
  std::shared_ptr<const std::string> source;  // for traceback source lines
  std::int32_t nlocalsplus() const {
    return static_cast<std::int32_t>(varnames.size() + cellvars.size() + freevars.size());
  }
};
// Inline cache words per instruction (LOAD_GLOBAL, LOAD_ATTR, STORE_ATTR, LOAD_METHOD use them):
// three data words and a sequence word (inline_cache.h).
inline constexpr std::size_t kCacheWords = 4;
inline constexpr std::uint32_t kCoVarargs = 1, kCoVarkeywords = 2, kCoGenerator = 4,
                               kCoNewLocals = 8, kCoModule = 16, kCoClassBody = 32,
                               kCoComprehension = 64;  // its argument `.0` may be loop-owned

struct Function : Object {
  Code* code = nullptr;
  Dict* globals = nullptr;
  Tuple* defaults = nullptr;   // may be null
  Dict* kwdefaults = nullptr;  // may be null
  Tuple* closure = nullptr;    // cells for code->freevars; may be null
  Str* name = nullptr;
  Str* qualname = nullptr;
  Value module;          // __module__
  Dict* dict = nullptr;  // function attributes; created on demand
  Value doc;
};

// Built-ins that iterate one of their positional arguments (list(), sum(), "".join()...): when a
// generator is there, Thread::invoke calls a Python equivalent instead (the prelude's _consume
// module), whose for loop resumes the generator in the eval loop, so a wait in its body yields to
// the driver in every mode. The argument's index, or one of these.
inline constexpr std::int8_t kConsumesNothing = -1;
inline constexpr std::int8_t kConsumesOnlyArg = -2;  // min, max: when it is the only positional one

struct Builtin : Object {
  NativeFn fn = nullptr;
  const char* name = "";
  Value self;             // bound receiver, or null
  Type* owner = nullptr;  // the type a method belongs to (for messages), or null
  // Reached through its type (`str.upper`, get_attr_opt): the call's first argument is its self
  // and must be an instance of `owner`, checked by Thread::invoke. Methods found on an instance
  // (LOAD_METHOD) have a self of the right type by construction and skip the check.
  bool check_self = false;
  std::int8_t consumes = kConsumesNothing;  // see kConsumesNothing
};

struct BoundMethod : Object {
  Value func;
  Value self;
};

// Class objects and built-in types alike.
struct Type : Object {
  Str* name = nullptr;
  Str* qualname = nullptr;
  Value module;
  Type* base = nullptr;
  std::vector<Type*> mro;  // self first
  Dict* dict = nullptr;
  Layout layout = Layout::Instance;  // layout of instances
  bool builtin = false;              // defined in C++ (attributes read-only)
  bool subclassable = true;
  bool thread_local_attrs = false;  // threading.local and its subclasses: a dict per thread
  NativeFn construct = nullptr;  // builtin types: called with (type, args...) for type(...)
  std::int8_t consumes = kConsumesNothing;  // list(gen()), tuple, set...: see kConsumesNothing
  // Which attribute hooks its MRO defines (kHook* bits), valid for one type epoch:
  // (epoch << 32) | kHooksKnown | bits. Any thread reads and refills it (type_hooks, attr.cpp).
  std::atomic<std::uint64_t> hooks{0};
};

// Type::hooks bits: a class (not object) defines __getattribute__, __setattr__, __delattr__,
// __new__.
constexpr std::uint32_t kHookGetattribute = 1;
constexpr std::uint32_t kHookSetattr = 2;
constexpr std::uint32_t kHookDelattr = 4;
constexpr std::uint32_t kHookNew = 8;
constexpr std::uint32_t kHooksKnown = 0x80;

struct Instance : Object {
  Dict* dict = nullptr;
  Object* native = nullptr;  // state of a builtin base (e.g. a lock inside a subclass), or null
};

struct TracebackEntry {
  Code* code;
  std::uint32_t ip;  // instruction index that was executing
};
struct ExceptionObject : Instance {
  Tuple* args = nullptr;
  std::vector<TracebackEntry> traceback;  // innermost first; printed in reverse
  Value context, cause;
  bool suppress_context = false;
};

struct Module : Object {
  Str* name = nullptr;
  Dict* dict = nullptr;
};

enum class IterKind : std::uint8_t {
  List,
  Tuple,
  Str,
  Range,
  DictKeys,
  DictValues,
  DictItems,
  SetItems,
  Enumerate,
  Zip,
  Map,
  Filter,
  Reversed,
  Callable,
  Sentinel
};
struct Iterator : Object {
  IterKind kind = IterKind::List;
  Value source;  // the iterable (or a tuple of iterators for zip/map)
  Value func;    // map/filter function
  std::int64_t index = 0, stop = 0, step = 1;
  std::uint32_t expected_used = 0;  // dict iteration: detects "changed size during iteration"
};

struct Frame;
struct Generator : Object {
  Frame* frame = nullptr;  // null once finished
  bool running = false;
  // Made by the call a for loop iterates (`for x in gen()`), so only the loop holds it: closed
  // when the loop exits early (generator.h, close_loop_owned).
  bool loop_owned = false;
  Str* name = nullptr;
  Str* qualname = nullptr;
};

struct Property : Object {
  Value getter, setter, deleter, doc;
};
struct MethodWrapper : Object {  // staticmethod / classmethod
  Value func;
};
struct Super : Object {
  Type* start_type = nullptr;  // search starts after this type in obj's MRO
  Value obj;
  Type* obj_type = nullptr;
};
enum class ViewKind : std::uint8_t { Keys, Values, Items };
struct DictView : Object {
  Dict* dict = nullptr;
  ViewKind kind = ViewKind::Keys;
};

// threading.Lock and threading.RLock (the primitives everything else in threading is built on).
struct LockObject : Object {
  bool locked = false;
  std::uint64_t owner = 0;  // ident of the acquiring thread (RLock: owner; Lock: for reports)
  std::int64_t count = 0;   // RLock recursion count
};

// Opaque C++ state referenced from Python objects (e.g. the OS-independent thread handle).
struct NativeState : Object {
  void (*destroy)(NativeState*) = nullptr;
  void (*trace)(NativeState*, void (*visit)(void*, Value), void* ctx) = nullptr;
};

// RAII lock of one object's lock byte; only locks when the interpreter is free-threaded (CPython
// 3.13t's per-object critical sections). Re-entrant on the same OS thread (a key's __eq__ may
// touch the dict being updated): callers that run Python code while holding it re-validate what
// they read. Spins briefly, then yields the CPU to a preempted holder.
class ObjectLock {
 public:
  ObjectLock(Object* o, bool enabled) : o_(enabled ? o : nullptr) {
    if (o_ == nullptr) return;
    for (int i = 0; i < held_count_; ++i) {
      if (held_[i] == o_) {
        o_ = nullptr;  // already ours: nested
        return;
      }
    }
    if (o_->lock.exchange(1, std::memory_order_acquire) != 0) acquire_slow(o_);
    if (held_count_ < kMaxHeld) {
      held_[held_count_++] = o_;
    }
  }
  ~ObjectLock() {
    if (o_ == nullptr) return;
    if (held_count_ > 0 && held_[held_count_ - 1] == o_) --held_count_;
    o_->lock.store(0, std::memory_order_release);
  }
  ObjectLock(const ObjectLock&) = delete;
  ObjectLock& operator=(const ObjectLock&) = delete;

 private:
  static void acquire_slow(Object* o);
  static constexpr int kMaxHeld = 8;
  static thread_local Object* held_[kMaxHeld];
  static thread_local int held_count_;
  Object* o_;
};

}  // namespace interleave::vm
