// The parser: Python source (UTF-8) -> ast::Module, or the SyntaxError CPython 3.11 would report.
// A hand-written recursive-descent parser over the scanner's tokens, with bounded nesting (it never
// recurses more than a fixed depth whatever the input). Reentrant: each call owns its state, so
// any thread may parse concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "lang/ast.h"
#include "lang/syntax_error.h"

namespace interleave::lang {

struct ParseResult {
  std::unique_ptr<ast::Module> module;  // set on success
  std::optional<SyntaxError> error;     // set on failure
  bool ok() const { return module != nullptr; }
};

ParseResult parse(std::string_view source, std::string_view filename);

}  // namespace interleave::lang
