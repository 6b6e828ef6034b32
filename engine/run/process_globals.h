// What the memory view shows of a process: its module globals as (name, short repr) pairs, taken
// when the process's Python code has ended (run::Options::globals_ready, child_globals_ready).
// The program's module is __main__ (a spawned child's is __mp_main__, aliased as __main__ once
// it ran). Values of the built-in types (numbers, strings, and lists, tuples, dicts and sets of
// them) are shown as repr() shows them, cut to kGlobalReprMax bytes; other values by their type
// ("<Counter object>"); modules, functions, classes and __dunder__ names are left out. No Python
// code runs for it. Thread-safety: call it only while no other thread of `interp` runs Python
// code (after the run, or at a child's exit with the GIL held).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace interleave::vm {
class Interpreter;
class Thread;
}  // namespace interleave::vm

namespace interleave::run {

using GlobalsList = std::vector<std::pair<std::string, std::string>>;

// Bounds of one process's summary: names carried at most, each name's length.
inline constexpr std::size_t kGlobalsCountMax = 64;
inline constexpr std::size_t kGlobalNameMax = 64;

// The globals of `interp`'s program module, in definition order (at most kGlobalsCountMax).
// `t`: a thread of `interp` not running Python code elsewhere (the caller's, or an ended one).
GlobalsList snapshot_globals(vm::Interpreter& interp, vm::Thread& t);

}  // namespace interleave::run
