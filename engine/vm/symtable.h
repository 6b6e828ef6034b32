// Scope analysis before code generation (CPython's symtable): for each module, class, function,
// lambda and comprehension, which names are local, global, cells (captured by inner functions) or
// free (captured from outer ones), including `global`/`nonlocal` and the implicit __class__ cell
// that super() needs. Built and read by one compiling thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/ast.h"

namespace interleave::vm {

enum class ScopeKind { Module, Class, Function, Lambda, Comprehension };
enum class NameScope { Local, GlobalExplicit, GlobalImplicit, Free, Cell, Name };

struct Symbol {
  bool assigned = false, used = false, param = false, global_decl = false, nonlocal_decl = false;
  bool cell = false;  // captured by an inner scope
  bool free = false;  // captured from an outer scope
  bool comp_iter = false;  // a comprehension's iteration variable
  bool walrus = false;     // in a comprehension: the target of a `:=` that binds outside it
  int decl_line = 0, decl_col = 0;
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  std::string name;
  Scope* parent = nullptr;
  std::map<std::string, Symbol> symbols;
  std::vector<std::string> order;   // first appearance (locals become varnames in this order)
  std::vector<std::string> params;  // in declaration order
  std::vector<std::unique_ptr<Scope>> children;
  bool generator = false;
  bool needs_class_cell = false;  // a method uses super() or __class__
  bool has_varargs = false, has_varkw = false;
  std::vector<std::string> cellvars, freevars;  // resolved, sorted as CPython sorts them
  // The class whose private names (`__x`) are mangled here: a class body's own name, inherited
  // by the functions, lambdas and comprehensions inside it; empty outside classes.
  std::string private_name;

  Symbol& add(const std::string& n) {
    auto it = symbols.find(n);
    if (it == symbols.end()) {
      order.push_back(n);
      it = symbols.emplace(n, Symbol{}).first;
    }
    return it->second;
  }
  NameScope resolve(const std::string& n) const;
};

// CPython's private name mangling (_Py_Mangle): inside class `private_name`, `__x` is `_Class__x`,
// with the class name's leading underscores stripped; dunder names (`__x__`), dotted names and
// classes named only by underscores are left alone. Symbols are stored mangled; the compiler
// mangles names and attributes the same way.
std::string mangle(const std::string& private_name, const std::string& name);

struct SymtableError {
  std::string msg;
  int lineno = 0, col = 0;
  int end_lineno = 0, end_col = -1;  // end_col < 0: a single caret
};

// Builds the scope tree; scopes are keyed by the AST node that opens them.
class Symtable {
 public:
  std::optional<SymtableError> build(const lang::ast::Module& m);
  Scope* scope_for(const void* node) const {
    auto it = by_node_.find(node);
    return it == by_node_.end() ? nullptr : it->second;
  }
  Scope* module() const { return root_.get(); }

 private:
  std::unique_ptr<Scope> root_;
  std::map<const void*, Scope*> by_node_;
  friend struct SymtableBuilder;
};

}  // namespace interleave::vm
