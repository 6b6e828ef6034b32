// Heap snapshots: how a fork that is not an OS fork gives its child a heap of its own
// (docs/processes.md, "Heap snapshots"). write_heap_snapshot serialises everything reachable from
// the program's __main__ module and from a few roots (the Process being started, ...) into a plain,
// versioned byte string without pointers; restore_heap_snapshot rebuilds it in a fresh interpreter
// of the same program. Shared references and cycles keep their identity (every object is written
// once and named by its index). Functions, lambdas, closures with their shared cells and classes
// of the program (local ones included) travel by value, their code objects by a structural key
// into the program as the child compiles it again; library modules, their functions, classes and
// built-ins travel by name, the child importing its own. Objects that cannot be copied (running
// generators, iterators, frames, objects of library-internal local classes) make the write fail
// with a TypeError naming their type. Reading validates every byte: malformed or truncated input
// raises ValueError("heap snapshot ...") and never crashes.
// Both calls run on the executing Python thread of their interpreter (no other thread runs Python
// code meanwhile); the restored objects are reachable from sys.modules['__main__'] and from the
// returned roots, which the caller keeps reachable before the next safepoint.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/interp.h"

namespace interleave::ipc {

// The program both sides run: its code objects are matched by key, and a snapshot taken of one
// program is refused by another (the header holds a hash of the source).
struct SnapshotProgram {
  std::string_view source;
  std::string_view filename;  // code objects of this file are the program's (by value)
};

// Appends the snapshot of `roots` (and of __main__) to *out. False with an exception set on `t`
// (TypeError for an object that cannot be copied).
bool write_heap_snapshot(vm::Thread& t, const SnapshotProgram& program,
                         const std::vector<vm::Value>& roots, std::string* out);

struct RestoredHeap {
  vm::Module* main = nullptr;    // now sys.modules['__main__'] (null: the snapshot had none)
  std::vector<vm::Value> roots;  // in the order they were written
  std::size_t objects = 0;       // objects in the snapshot
};

// Compiles `program` in t's interpreter, rebuilds the snapshot there and installs its __main__.
// Locks held by the writing thread are held by `t` afterwards (a real fork's child is that
// thread); locks held by other threads stay held. False with an exception set on `t`.
bool restore_heap_snapshot(vm::Thread& t, const SnapshotProgram& program, std::string_view bytes,
                           RestoredHeap* out);

}  // namespace interleave::ipc
