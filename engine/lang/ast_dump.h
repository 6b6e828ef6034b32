// Renders an AST exactly as CPython 3.11's `ast.dump(tree, include_attributes=...)` does, so a
// tree can be compared with the real one and read in failing tests and debugging sessions.
// Pure function of a finished tree: any thread.
#pragma once

#include <string>

#include "lang/ast.h"

namespace interleave::lang::ast {

std::string dump(const Module& module, bool include_attributes = false);
std::string dump(const Expr& expr, bool include_attributes = false);
std::string dump(const Stmt& stmt, bool include_attributes = false);

// Python's repr() of a str (UTF-8), of bytes, and of a float.
std::string repr_str(std::string_view utf8);
std::string repr_bytes(std::string_view bytes);
std::string repr_float(double value);

}  // namespace interleave::lang::ast
