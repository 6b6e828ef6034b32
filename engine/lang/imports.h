// The modules and names a parsed program imports, wherever its import statements are (module
// level, inside functions, classes, branches, loops, with and try blocks): what a caller can
// decide from before the program runs (the page picks the engine its child processes run:
// web/worker_main.cpp).
// Pure function of an immutable tree: any thread.
#pragma once

#include <string>
#include <vector>

#include "lang/ast.h"

namespace interleave::lang {

// Every module or name an import makes reachable, in source order, without duplicates: `import
// a.b` gives "a" and "a.b" (a is bound, a.b its attribute); `import a.b as x` gives "a.b";
// `from a.b import c` gives "a.b.c" (c may be a submodule, as `from concurrent import futures`
// makes "concurrent.futures" whole); `from a import *` gives "a". A relative import names
// nothing (the playground runs one file).
std::vector<std::string> imported_names(const ast::Module& module);

}  // namespace interleave::lang
