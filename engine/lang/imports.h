// The modules a parsed program imports, wherever its import statements are (module level, inside
// functions, classes, branches, loops, with and try blocks): what a caller can decide from before
// the program runs (the page picks the engine its child processes run: web/worker_main.cpp).
// Pure function of an immutable tree: any thread.
#pragma once

#include <string>
#include <vector>

#include "lang/ast.h"

namespace interleave::lang {

// Every module named by an import, in source order, without duplicates: `import a.b` names "a"
// and "a.b"; `from a.b import c` names "a", "a.b" and "a.b.c" (c may be a submodule, as
// multiprocessing.pool is); a relative import names nothing (the playground runs one file).
std::vector<std::string> imported_modules(const ast::Module& module);

}  // namespace interleave::lang
