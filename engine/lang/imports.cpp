// imported_names (see imports.h): a walk over the statements; expressions hold no imports.
#include "lang/imports.h"

#include <algorithm>

namespace interleave::lang {

namespace {

class Collector {
 public:
  std::vector<std::string> names;

  void body(const ast::StmtList& list) {
    for (const ast::Stmt* s : list) stmt(*s);
  }

 private:
  // `a.b.c`: "a", "a.b" and "a.b.c".
  void dotted(const std::string& name) {
    for (std::size_t dot = name.find('.'); dot != std::string::npos;
         dot = name.find('.', dot + 1)) {
      add(name.substr(0, dot));
    }
    add(name);
  }

  void add(std::string name) {
    if (name.empty()) return;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }

  void stmt(const ast::Stmt& s) {
    using ast::StmtKind;
    switch (s.kind) {
      case StmtKind::Import:
        for (const ast::Alias& a : ast::cast<ast::Import>(s).names) {
          if (a.asname.empty()) {
            dotted(a.name);
          } else {
            add(a.name);
          }
        }
        break;
      case StmtKind::ImportFrom: {
        const auto& f = ast::cast<ast::ImportFrom>(s);
        if (f.level != 0 || f.module.empty()) break;
        for (const ast::Alias& a : f.names) add(a.name == "*" ? f.module : f.module + "." + a.name);
        break;
      }
      case StmtKind::FunctionDef:
        body(ast::cast<ast::FunctionDef>(s).body);
        break;
      case StmtKind::ClassDef:
        body(ast::cast<ast::ClassDef>(s).body);
        break;
      case StmtKind::For:
        body(ast::cast<ast::For>(s).body);
        body(ast::cast<ast::For>(s).orelse);
        break;
      case StmtKind::While:
        body(ast::cast<ast::While>(s).body);
        body(ast::cast<ast::While>(s).orelse);
        break;
      case StmtKind::If:
        body(ast::cast<ast::If>(s).body);
        body(ast::cast<ast::If>(s).orelse);
        break;
      case StmtKind::With:
        body(ast::cast<ast::With>(s).body);
        break;
      case StmtKind::Try: {
        const auto& t = ast::cast<ast::Try>(s);
        body(t.body);
        for (const ast::ExceptHandler& h : t.handlers) body(h.body);
        body(t.orelse);
        body(t.finalbody);
        break;
      }
      case StmtKind::Return:
      case StmtKind::Delete:
      case StmtKind::Assign:
      case StmtKind::AugAssign:
      case StmtKind::AnnAssign:
      case StmtKind::Raise:
      case StmtKind::Assert:
      case StmtKind::Global:
      case StmtKind::Nonlocal:
      case StmtKind::Expr:
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        break;
    }
  }
};

}  // namespace

std::vector<std::string> imported_names(const ast::Module& module) {
  Collector c;
  c.body(module.body);
  return std::move(c.names);
}

}  // namespace interleave::lang
