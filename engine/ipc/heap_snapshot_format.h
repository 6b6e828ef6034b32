// The heap snapshot's byte format, shared by its writer and reader (heap_snapshot.h). Plain data,
// little-endian fixed-width fields (both ends run the same build), no pointers:
//
//   header   "ILHEAP\0\0", u32 version, u64 FNV-1a hash of the program source,
//            u64 ident of the writing thread, u32 object count, u32 root count,
//            ref main module (Absent when none), root refs
//   objects  one record per object, in index order: u8 Kind, then its fields
//
// A ref is a u8 RefTag, then i64 for Small, u32 object index for Object, nothing otherwise. A str
// field is u32 length + UTF-8 bytes. Records name other objects only by ref, in any order, so
// cycles need no special case. Code objects are named by CodeKey, computed from the code alone.
#pragma once

#include <cstdint>
#include <string_view>

#include "vm/object.h"

namespace interleave::ipc::snapshot {

inline constexpr std::string_view kMagic{"ILHEAP\0\0", 8};
inline constexpr std::uint32_t kVersion = 1;

enum class RefTag : std::uint8_t {
  Absent,  // a null field (an empty cell, no defaults, ...)
  Small,   // a small int, inline
  Object,  // an object of this snapshot, by index
  None,
  True,
  False,
  NotImplemented,
  Ellipsis,
  Count
};

enum class Kind : std::uint8_t {
  Int = 1,        // i64 (an int object outside the small range)
  Float,          // f64
  Str,            // u8 interned, str
  Tuple,          // u32 n, n refs
  List,           // u32 n, n refs
  Dict,           // u32 n, n (key ref, value ref)
  Set,            // u32 n, n refs
  Range,          // i64 start, stop, step
  Slice,          // 3 refs
  Cell,           // ref (Absent: empty)
  Code,           // str qualname, i32 firstlineno, u64 key hash
  Function,       // refs code, globals, defaults, kwdefaults, closure, name, qualname, module,
                  // dict, doc
  Global,         // str module, str dotted qualname: a library object, looked up by name
  TypeAttr,       // ref type, str name: a built-in type's method (unbound)
  BuiltinMethod,  // ref self, str name: a built-in method bound to self (found on its type)
  BoundMethod,    // refs func, self
  Class,          // u8 layout, str name, refs qualname, module, base, dict
  Instance,       // refs type, dict
  Exception,      // refs type, args, dict, context, cause; u8 suppress_context
  Module,         // str name: a library module, imported by name
  MainModule,     // str name, ref dict
  Property,       // refs getter, setter, deleter, doc
  StaticMethod,   // ref func
  ClassMethod,    // ref func
  Lock,           // u8 locked, u64 owner, i64 count
  RLock,          // u8 locked, u64 owner, i64 count
  DictView,       // u8 ViewKind, ref dict
  Count
};

// FNV-1a, 64 bits: the source hash and code keys.
struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ULL;
    }
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
};

inline std::uint64_t source_hash(std::string_view source) {
  Fnv f;
  f.bytes(source.data(), source.size());
  return f.h;
}

// A code object's identity across two compilations of one source: its qualname and first line
// (stored in clear, for messages) and a hash of its shape, instructions and source positions (two
// code objects at the same place of the same source are the same code).
inline std::uint64_t code_hash(const vm::Code& c) {
  Fnv f;
  f.value(c.argcount);
  f.value(c.posonlyargcount);
  f.value(c.kwonlyargcount);
  f.value(c.code_flags);
  f.value(c.varnames.size());
  f.value(c.cellvars.size());
  f.value(c.freevars.size());
  f.bytes(c.instructions.data(), c.instructions.size() * sizeof(std::uint32_t));
  for (const vm::Position& p : c.positions) {
    f.value(p.line);
    f.value(p.end_line);
    f.value(p.col);
    f.value(p.end_col);
  }
  return f.h;
}

}  // namespace interleave::ipc::snapshot
