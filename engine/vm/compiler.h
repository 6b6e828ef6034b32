// The compiler: lang's AST -> code objects (one per module, class body, function, lambda and
// comprehension), CPython 3.11's code shapes: comprehensions as nested functions, exception tables
// instead of a block stack, `finally` bodies inlined on break/continue/return. Runs on one thread
// before the program starts (no collection can happen while it allocates).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.h"
#include "lang/syntax_error.h"
#include "vm/interp.h"

namespace interleave::vm {

struct CompileResult {
  Code* code = nullptr;
  std::optional<lang::SyntaxError> error;
};

CompileResult compile_module(Thread& t, const lang::ast::Module& module,
                             std::shared_ptr<const std::string> source, std::string_view filename);

}  // namespace interleave::vm
