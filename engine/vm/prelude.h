// The modules Interleave writes in Python itself, as CPython does (threading.py, queue.py): their
// source text and the routine that compiles and runs one into a module object. They are built on
// the native _thread module, so every blocking wait ends in a native lock acquire that yields.
// Run once per interpreter, on the thread that first imports them.
#pragma once

#include <string_view>

#include "vm/interp.h"

namespace interleave::vm {

extern const std::string_view kThreadingSource;
extern const std::string_view kQueueSource;
extern const std::string_view kFuturesSource;  // concurrent.futures (prelude_futures.cpp)
extern const std::string_view kConsumeSource;  // _consume (prelude_consume.cpp)
extern const std::string_view kOperatorSource;  // operator (prelude_operator.cpp)
extern const std::string_view kCollectionsSource;  // collections (prelude_collections.cpp)
extern const std::string_view kFunctoolsSource;    // functools (prelude_functools.cpp)
extern const std::string_view kItertoolsSource;    // itertools (prelude_itertools.cpp)
extern const std::string_view kLoggingSource;      // logging (prelude_logging.cpp)
extern const std::string_view kDataclassesSource;  // dataclasses (prelude_dataclasses.cpp)
extern const std::string_view kTypingSource;       // typing (prelude_typing.cpp)
extern const std::string_view kFutureSource;       // __future__ (prelude_future.cpp)
extern const std::string_view kContextlibSource;   // contextlib (prelude_contextlib.cpp)
// time's struct_time, gmtime, strftime... run into the native time module (prelude_time.cpp).
extern const std::string_view kTimeCalendarSource;

// Compiles `source` as module `name` and runs its body (nested) in `module`'s namespace.
bool run_prelude(Thread& t, Module* module, const char* name, std::string_view source);

// Runs compiled module-level code nested on `t` (like an import), with `ns` as its globals and
// locals: the body's result (None), or null with the exception set. Shared by the preludes and by
// multiprocessing's child start (engine/ipc), which compile their own source.
Value exec_module_code(Thread& t, Code* code, Dict* ns);

// Frames of prelude code are left out of printed tracebacks (their file names start with this).
inline constexpr std::string_view kPreludePrefix = "<interleave ";

}  // namespace interleave::vm
