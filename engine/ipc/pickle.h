// Pickling by CPython's rules in Interleave's own compact format (docs/processes.md): scalars,
// str, tuple/list/dict/set, range; functions, classes and builtins by module + qualname; instances
// by class + __dict__; exceptions by class + args. Called by the executing Python thread only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/interp.h"

namespace interleave::ipc {

// Objects whose class defines `_mp_inherit_only` (a message) pickle only with allow_inherited
// (while a process is being started); otherwise RuntimeError(message). False with an exception
// set on `t` (AttributeError / PicklingError / TypeError as CPython raises them).
// With `fds`, the descriptors named by inherited objects (their `_mp_fds` tuple) are collected:
// a spawned child inherits exactly those.
bool pickle(vm::Thread& t, vm::Value v, bool allow_inherited, std::string* out,
            std::vector<int>* fds = nullptr);
// Null with an exception set on a malformed payload or a name that does not resolve.
vm::Value unpickle(vm::Thread& t, std::string_view bytes);

// The class raised for unresolvable globals (multiprocessing's PicklingError); may be null.
void set_pickling_error_type(vm::Type* type);

}  // namespace interleave::ipc
