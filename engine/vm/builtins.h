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

// object's __getattribute__, __setattr__, __delattr__, __new__ and __init_subclass__
// (object_methods.cpp).
void install_object_methods(Thread& t);
// A class's own __new__ (the function, unwrapped from its staticmethod), or null when the class
// inherits object's.
Value user_new(Thread& t, Type* type);
// A class body's `__new__` becomes a staticmethod, `__init_subclass__` and `__class_getitem__`
// classmethods, as CPython's type_new makes them.
void wrap_implicit_methods(Thread& t, Dict* ns);
// After a class is made: its attributes' __set_name__(cls, name), then the parent's
// __init_subclass__ with the class statement's keyword arguments. False with an exception set.
bool finish_class(Thread& t, Type* type, const Value* kwargs, Tuple* kwnames);

// A user mapping (an object with keys() and __getitem__, as dict(), dict.update and ** take it)
// copied into a new dict; null without an exception when `src` has no keys(), with one on error.
Dict* mapping_to_dict(Thread& t, Value src);

// getattr/setattr/delattr's name argument, interned; null with CPython's TypeError when it is not
// a str.
Str* attr_name(Thread& t, Value v);

// locals() of a frame: a class or module body's namespace itself, else a new dict of a function's
// bound locals, cells and free variables (introspect.cpp).
Dict* frame_locals(Thread& t, Frame* f);
// The built-ins dir() and locals() (introspect.cpp).
Value builtin_dir(Thread& t, const Value* args, int nargs, Tuple* kwnames);
Value builtin_locals(Thread& t, const Value* args, int nargs, Tuple* kwnames);

// Sorts values in place (stable; CPython's list.sort semantics). False on exception.
bool sort_values(Thread& t, Value* items, std::int64_t n, Value key, bool reverse);

}  // namespace interleave::vm
