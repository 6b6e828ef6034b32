// Installation of the builtins module, the methods of the built-in types and the built-in
// modules (sys, time, os, math, random, threading, queue). Called once while the interpreter is
// bootstrapped, before any Python thread runs.
#pragma once

#include "vm/interp.h"

namespace interleave::vm {

void install_builtins(Thread& t);
void install_type_methods(Thread& t);
void install_modules(Thread& t);

// Adds a native method `name` to `type` (bound on attribute access, like CPython's methods).
void add_method(Thread& t, Type* type, const char* name, NativeFn fn);
// Adds a native function to a module or namespace dict.
void add_function(Thread& t, Dict* d, const char* name, NativeFn fn);

// Sorts values in place (stable; CPython's list.sort semantics). False on exception.
bool sort_values(Thread& t, Value* items, std::int64_t n, Value key, bool reverse);

}  // namespace interleave::vm
