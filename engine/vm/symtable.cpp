// Two passes as in CPython: walk the AST recording each scope's bindings and uses, then resolve
// free variables bottom-up (a name used but not bound in a function is free if an enclosing
// function binds it, which makes it a cell there; class scopes are skipped). One thread.
#include "vm/symtable.h"

#include <algorithm>
#include <functional>

namespace interleave::vm {

namespace ast = lang::ast;

std::string mangle(const std::string& private_name, const std::string& name) {
  if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  if (name.ends_with("__") || name.find('.') != std::string::npos) return name;
  std::size_t skip = private_name.find_first_not_of('_');
  if (skip == std::string::npos) return name;
  return "_" + private_name.substr(skip) + name;
}

NameScope Scope::resolve(const std::string& n) const {
  auto it = symbols.find(n);
  if (kind == ScopeKind::Module) {
    return NameScope::Name;
  }
  if (it == symbols.end()) {
    return kind == ScopeKind::Class ? NameScope::Name : NameScope::GlobalImplicit;
  }
  const Symbol& s = it->second;
  if (s.global_decl) return NameScope::GlobalExplicit;
  if (s.free) return NameScope::Free;
  if (kind == ScopeKind::Class) return NameScope::Name;
  if (s.cell) return NameScope::Cell;
  if (s.assigned || s.param) return NameScope::Local;
  return NameScope::GlobalImplicit;
}

struct SymtableBuilder {
  Symtable& table;
  Scope* cur = nullptr;
  std::optional<SymtableError> error;

  Scope* open(ScopeKind kind, const std::string& name, const void* node) {
    auto s = std::make_unique<Scope>();
    s->kind = kind;
    s->name = name;
    s->parent = cur;
    s->private_name = kind == ScopeKind::Class ? name : cur != nullptr ? cur->private_name : "";
    Scope* raw = s.get();
    if (cur != nullptr) cur->children.push_back(std::move(s));
    table.by_node_[node] = raw;
    return raw;
  }

  std::string mangled(const std::string& n) const { return mangle(cur->private_name, n); }

  void bind(const std::string& n, const ast::Node& at) {
    Symbol& s = cur->add(mangled(n));
    s.assigned = true;
    (void)at;
  }
  void use(const std::string& n) {
    Symbol& s = cur->add(mangled(n));
    s.used = true;
    if (n == "super" && cur->kind != ScopeKind::Module) use_class_cell();
  }
  void use_class_cell() {
    // super() without arguments reads the __class__ cell of the enclosing class body.
    Symbol& s = cur->add("__class__");
    s.used = true;
  }

  void fail(const std::string& msg, const ast::Node& at) {
    if (!error) error = SymtableError{msg, at.lineno, at.col_offset};
  }
  // With carets under the whole node, as CPython marks these.
  void fail_range(const std::string& msg, const ast::Node& at) {
    if (!error) {
      error = SymtableError{msg, at.lineno, at.col_offset, at.end_lineno, at.end_col_offset};
    }
  }
  int comp_iter_expr = 0;  // inside a comprehension's iterable expression

  void args(const ast::Arguments& a) {
    auto param = [&](const ast::Arg& arg) {
      Symbol& s = cur->add(mangled(arg.arg));
      if (s.param) fail("duplicate argument '" + arg.arg + "' in function definition", arg);
      s.param = true;
      cur->params.push_back(mangled(arg.arg));
    };
    for (const auto& p : a.posonlyargs) param(p);
    for (const auto& p : a.args) param(p);
    for (const auto& p : a.kwonlyargs) param(p);
    if (a.vararg) {
      param(*a.vararg);
      cur->has_varargs = true;
    }
    if (a.kwarg) {
      param(*a.kwarg);
      cur->has_varkw = true;
    }
  }

  void defaults(const ast::Arguments& a) {
    for (auto* d : a.defaults) expr(d);
    for (auto* d : a.kw_defaults) {
      if (d != nullptr) expr(d);
    }
  }

  void body(const ast::StmtList& b) {
    for (auto* s : b) stmt(s);
  }

  void stmt(const ast::Stmt* s) {
    using K = ast::StmtKind;
    switch (s->kind) {
      case K::FunctionDef: {
        const auto& f = ast::cast<ast::FunctionDef>(*s);
        for (auto* d : f.decorator_list) expr(d);
        defaults(f.args);
        bind(f.name, f);
        Scope* saved = cur;
        cur = open(ScopeKind::Function, f.name, &f);
        args(f.args);
        body(f.body);
        cur = saved;
        break;
      }
      case K::ClassDef: {
        const auto& c = ast::cast<ast::ClassDef>(*s);
        for (auto* d : c.decorator_list) expr(d);
        for (auto* b : c.bases) expr(b);
        for (const auto& k : c.keywords) expr(k.value);
        bind(c.name, c);
        Scope* saved = cur;
        cur = open(ScopeKind::Class, c.name, &c);
        body(c.body);
        cur = saved;
        break;
      }
      case K::Return: {
        const auto& r = ast::cast<ast::Return>(*s);
        if (r.value != nullptr) expr(r.value);
        break;
      }
      case K::Delete:
        for (auto* e : ast::cast<ast::Delete>(*s).targets) expr(e);
        break;
      case K::Assign: {
        const auto& a = ast::cast<ast::Assign>(*s);
        expr(a.value);
        for (auto* e : a.targets) expr(e);
        break;
      }
      case K::AugAssign: {
        const auto& a = ast::cast<ast::AugAssign>(*s);
        expr(a.value);
        expr(a.target);
        if (auto* n = ast::dyn_cast<ast::Name>(a.target)) use(n->id);
        break;
      }
      case K::AnnAssign: {
        const auto& a = ast::cast<ast::AnnAssign>(*s);
        if (a.value != nullptr) {
          expr(a.value);
          expr(a.target);
        } else if (auto* n = ast::dyn_cast<ast::Name>(a.target)) {
          cur->add(mangled(n->id)).assigned = true;
        }
        // A module or class body evaluates the annotation of a simple target (compiler.cpp):
        // its names resolve as any expression's there (a class in a function sees its locals).
        if (a.simple && cur->kind != ScopeKind::Function) expr(a.annotation);
        break;
      }
      case K::For: {
        const auto& f = ast::cast<ast::For>(*s);
        expr(f.iter);
        expr(f.target);
        body(f.body);
        body(f.orelse);
        break;
      }
      case K::While: {
        const auto& w = ast::cast<ast::While>(*s);
        expr(w.test);
        body(w.body);
        body(w.orelse);
        break;
      }
      case K::If: {
        const auto& i = ast::cast<ast::If>(*s);
        expr(i.test);
        body(i.body);
        body(i.orelse);
        break;
      }
      case K::With: {
        const auto& w = ast::cast<ast::With>(*s);
        for (const auto& item : w.items) {
          expr(item.context_expr);
          if (item.optional_vars != nullptr) expr(item.optional_vars);
        }
        body(w.body);
        break;
      }
      case K::Raise: {
        const auto& r = ast::cast<ast::Raise>(*s);
        if (r.exc != nullptr) expr(r.exc);
        if (r.cause != nullptr) expr(r.cause);
        break;
      }
      case K::Try: {
        const auto& t = ast::cast<ast::Try>(*s);
        body(t.body);
        for (const auto& h : t.handlers) {
          if (h.type != nullptr) expr(h.type);
          if (!h.name.empty()) bind(h.name, h);
          body(h.body);
        }
        body(t.orelse);
        body(t.finalbody);
        break;
      }
      case K::Assert: {
        const auto& a = ast::cast<ast::Assert>(*s);
        expr(a.test);
        if (a.msg != nullptr) expr(a.msg);
        break;
      }
      case K::Import:
        for (const auto& a : ast::cast<ast::Import>(*s).names) {
          std::string n = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname;
          bind(n, a);
        }
        break;
      case K::ImportFrom:
        for (const auto& a : ast::cast<ast::ImportFrom>(*s).names) {
          if (a.name == "*") {
            if (cur->kind != ScopeKind::Module) {
              fail("import * only allowed at module level", *s);
            }
            continue;
          }
          bind(a.asname.empty() ? a.name : a.asname, a);
        }
        break;
      case K::Global:
        for (const auto& n : ast::cast<ast::Global>(*s).names) {
          Symbol& sym = cur->add(mangled(n));
          if (sym.param) fail("name '" + n + "' is parameter and global", *s);
          if ((sym.assigned || sym.used) && !sym.global_decl) {
            fail(std::string("name '") + n + "' is " + (sym.assigned ? "assigned to" : "used") +
                     " before global declaration",
                 *s);
          }
          sym.global_decl = true;
        }
        break;
      case K::Nonlocal:
        if (cur->kind == ScopeKind::Module) {
          fail("nonlocal declaration not allowed at module level", *s);
          break;
        }
        for (const auto& n : ast::cast<ast::Nonlocal>(*s).names) {
          Symbol& sym = cur->add(mangled(n));
          if (sym.param) fail("name '" + n + "' is parameter and nonlocal", *s);
          if ((sym.assigned || sym.used) && !sym.nonlocal_decl) {
            fail(std::string("name '") + n + "' is " + (sym.assigned ? "assigned to" : "used") +
                     " before nonlocal declaration",
                 *s);
          }
          sym.nonlocal_decl = true;
          sym.decl_line = s->lineno;
          sym.decl_col = s->col_offset;
        }
        break;
      case K::Expr:
        expr(ast::cast<ast::ExprStmt>(*s).value);
        break;
      case K::Pass:
      case K::Break:
      case K::Continue:
        break;
    }
  }

  void comprehension(const ast::Expr* node, const std::vector<ast::Comprehension>& gens,
                     const ast::Expr* elt, const ast::Expr* value, const char* name,
                     bool generator) {
    // The first iterable is evaluated in the enclosing scope.
    iterable(gens[0].iter);
    Scope* saved = cur;
    cur = open(ScopeKind::Comprehension, name, node);
    cur->generator = generator;
    cur->add(".0").param = true;
    cur->params.push_back(".0");
    for (std::size_t i = 0; i < gens.size(); ++i) {
      if (i > 0) iterable(gens[i].iter);
      iteration_target(gens[i].target);
      for (auto* c : gens[i].ifs) expr(c);
    }
    if (elt != nullptr) expr(elt);
    if (value != nullptr) expr(value);
    cur = saved;
  }

  void iterable(const ast::Expr* e) {
    ++comp_iter_expr;
    expr(e);
    --comp_iter_expr;
  }

  // Binds a comprehension's iteration variables (comp_iter), which a `:=` may not rebind.
  void iteration_target(const ast::Expr* e) {
    using K = ast::ExprKind;
    if (e->kind == K::Name) {
      const auto& n = ast::cast<ast::Name>(*e);
      Symbol& s = cur->add(mangled(n.id));
      if (s.walrus) {
        fail("comprehension inner loop cannot rebind assignment expression target '" + n.id + "'",
             n);
      }
      s.comp_iter = true;
      bind(n.id, n);
    } else if (e->kind == K::Tuple) {
      for (auto* v : ast::cast<ast::Tuple>(*e).elts) iteration_target(v);
    } else if (e->kind == K::List) {
      for (auto* v : ast::cast<ast::List>(*e).elts) iteration_target(v);
    } else if (e->kind == K::Starred) {
      iteration_target(ast::cast<ast::Starred>(*e).value);
    } else {
      expr(e);
    }
  }

  // PEP 572: in a comprehension, `name := value` binds `name` in the nearest enclosing scope that
  // is not a comprehension (global at module level or where it is declared global), never an
  // iteration variable, never from a class body or a comprehension's iterable.
  void named_expr(const ast::NamedExpr& n) {
    const auto& target = ast::cast<ast::Name>(*n.target);
    if (comp_iter_expr > 0) {
      fail_range("assignment expression cannot be used in a comprehension iterable expression", n);
    }
    expr(n.value);
    if (cur->kind != ScopeKind::Comprehension) {
      expr(n.target);
      return;
    }
    const std::string id = mangled(target.id);
    Scope* owner = cur;
    for (; owner->kind == ScopeKind::Comprehension; owner = owner->parent) {
      auto it = owner->symbols.find(id);
      if (it != owner->symbols.end() && it->second.comp_iter) {
        fail("assignment expression cannot rebind comprehension iteration variable '" +
                 target.id + "'",
             target);
      }
    }
    if (owner->kind == ScopeKind::Class) {
      fail("assignment expression within a comprehension cannot be used in a class body", target);
      return;
    }
    auto it = owner->symbols.find(id);
    bool global = owner->kind == ScopeKind::Module ||
                  (it != owner->symbols.end() && it->second.global_decl);
    Scope* saved = cur;
    cur = owner;
    expr(n.target);
    cur = saved;
    for (Scope* s = cur; s != owner; s = s->parent) {
      Symbol& sym = s->add(id);
      sym.walrus = true;
      if (global) {
        sym.global_decl = true;
      } else {
        sym.nonlocal_decl = true;
      }
    }
  }

  void expr(const ast::Expr* e) {
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::BoolOp:
        for (auto* v : ast::cast<ast::BoolOp>(*e).values) expr(v);
        break;
      case K::NamedExpr:
        named_expr(ast::cast<ast::NamedExpr>(*e));
        break;
      case K::BinOp: {
        const auto& b = ast::cast<ast::BinOp>(*e);
        expr(b.left);
        expr(b.right);
        break;
      }
      case K::UnaryOp:
        expr(ast::cast<ast::UnaryOp>(*e).operand);
        break;
      case K::Lambda: {
        const auto& l = ast::cast<ast::Lambda>(*e);
        defaults(l.args);
        Scope* saved = cur;
        int saved_iter = comp_iter_expr;
        comp_iter_expr = 0;  // its body is a scope of its own
        cur = open(ScopeKind::Lambda, "<lambda>", &l);
        args(l.args);
        expr(l.body);
        cur = saved;
        comp_iter_expr = saved_iter;
        break;
      }
      case K::IfExp: {
        const auto& i = ast::cast<ast::IfExp>(*e);
        expr(i.test);
        expr(i.body);
        expr(i.orelse);
        break;
      }
      case K::Dict: {
        const auto& d = ast::cast<ast::Dict>(*e);
        for (auto* k : d.keys) {
          if (k != nullptr) expr(k);
        }
        for (auto* v : d.values) expr(v);
        break;
      }
      case K::Set:
        for (auto* v : ast::cast<ast::Set>(*e).elts) expr(v);
        break;
      case K::ListComp: {
        const auto& c = ast::cast<ast::ListComp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<listcomp>", false);
        break;
      }
      case K::SetComp: {
        const auto& c = ast::cast<ast::SetComp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<setcomp>", false);
        break;
      }
      case K::DictComp: {
        const auto& c = ast::cast<ast::DictComp>(*e);
        comprehension(e, c.generators, c.key, c.value, "<dictcomp>", false);
        break;
      }
      case K::GeneratorExp: {
        const auto& c = ast::cast<ast::GeneratorExp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<genexpr>", true);
        break;
      }
      case K::Yield: {
        const auto& y = ast::cast<ast::Yield>(*e);
        if (y.value != nullptr) expr(y.value);
        if (cur->kind == ScopeKind::Module || cur->kind == ScopeKind::Class) {
          fail("'yield' outside function", *e);
        }
        cur->generator = true;
        break;
      }
      case K::YieldFrom: {
        expr(ast::cast<ast::YieldFrom>(*e).value);
        if (cur->kind == ScopeKind::Module || cur->kind == ScopeKind::Class) {
          fail("'yield' outside function", *e);
        }
        cur->generator = true;
        break;
      }
      case K::Compare: {
        const auto& c = ast::cast<ast::Compare>(*e);
        expr(c.left);
        for (auto* x : c.comparators) expr(x);
        break;
      }
      case K::Call: {
        const auto& c = ast::cast<ast::Call>(*e);
        expr(c.func);
        for (auto* a : c.args) expr(a);
        for (const auto& k : c.keywords) expr(k.value);
        break;
      }
      case K::FormattedValue: {
        const auto& f = ast::cast<ast::FormattedValue>(*e);
        expr(f.value);
        if (f.format_spec != nullptr) expr(f.format_spec);
        break;
      }
      case K::JoinedStr:
        for (auto* v : ast::cast<ast::JoinedStr>(*e).values) expr(v);
        break;
      case K::Constant:
        break;
      case K::Attribute:
        expr(ast::cast<ast::Attribute>(*e).value);
        break;
      case K::Subscript: {
        const auto& s = ast::cast<ast::Subscript>(*e);
        expr(s.value);
        expr(s.slice);
        break;
      }
      case K::Starred:
        expr(ast::cast<ast::Starred>(*e).value);
        break;
      case K::Name: {
        const auto& n = ast::cast<ast::Name>(*e);
        if (n.ctx == ast::ExprContext::Load) {
          use(n.id);
        } else {
          bind(n.id, n);
        }
        break;
      }
      case K::List:
        for (auto* v : ast::cast<ast::List>(*e).elts) expr(v);
        break;
      case K::Tuple:
        for (auto* v : ast::cast<ast::Tuple>(*e).elts) expr(v);
        break;
      case K::Slice: {
        const auto& s = ast::cast<ast::Slice>(*e);
        if (s.lower != nullptr) expr(s.lower);
        if (s.upper != nullptr) expr(s.upper);
        if (s.step != nullptr) expr(s.step);
        break;
      }
    }
  }

  // Does a function scope (not class) at or above `s` bind `n` locally?
  static bool binds_locally(const Scope* s, const std::string& n) {
    auto it = s->symbols.find(n);
    if (it == s->symbols.end()) return false;
    const Symbol& sym = it->second;
    return !sym.global_decl && !sym.nonlocal_decl && (sym.assigned || sym.param);
  }

  // Resolves free variables of `s` and its children (children first).
  void resolve(Scope* s) {
    for (auto& c : s->children) resolve(c.get());
    if (s->kind == ScopeKind::Module) return;
    for (auto& [name, sym] : s->symbols) {
      bool wants_outer = false;
      if (sym.nonlocal_decl) {
        wants_outer = true;
      } else if (name == "__class__" && !binds_locally(s, name) && s->kind != ScopeKind::Class) {
        wants_outer = true;
      } else if (!sym.global_decl && !binds_locally(s, name) && (sym.used || sym.free)) {
        wants_outer = true;
      }
      if (!wants_outer) continue;
      // Find the nearest enclosing function scope that binds it (class scopes are transparent,
      // except that a class provides the implicit __class__ cell).
      Scope* owner = nullptr;
      for (Scope* p = s->parent; p != nullptr && p->kind != ScopeKind::Module; p = p->parent) {
        if (name == "__class__" && p->kind == ScopeKind::Class) {
          owner = p;
          break;
        }
        if (p->kind == ScopeKind::Class) continue;
        auto it = p->symbols.find(name);
        if (it != p->symbols.end() && it->second.global_decl) break;
        if (binds_locally(p, name) || (it != p->symbols.end() && it->second.free)) {
          owner = p;
          break;
        }
      }
      if (owner == nullptr) {
        if (sym.nonlocal_decl) {
          if (!error) {
            error = SymtableError{"no binding for nonlocal '" + name + "' found", sym.decl_line,
                                  sym.decl_col};
          }
        }
        continue;
      }
      sym.free = true;
      if (owner->kind == ScopeKind::Class) {
        owner->needs_class_cell = true;
      } else {
        Symbol& os = owner->symbols[name];
        if (!os.free) os.cell = true;
      }
      // Every scope in between passes the variable through.
      for (Scope* p = s->parent; p != owner; p = p->parent) {
        Symbol& ps = p->add(name);
        ps.free = true;
      }
    }
  }

  void finish(Scope* s) {
    for (auto& [name, sym] : s->symbols) {
      if (sym.cell && !sym.free && s->kind != ScopeKind::Module && s->kind != ScopeKind::Class) {
        s->cellvars.push_back(name);
      }
      if (sym.free && s->kind != ScopeKind::Module) s->freevars.push_back(name);
    }
    if (s->kind == ScopeKind::Class && s->needs_class_cell) s->cellvars.push_back("__class__");
    // std::map iteration is already sorted, as CPython sorts cell and free variables.
    for (auto& c : s->children) finish(c.get());
  }
};

std::optional<SymtableError> Symtable::build(const ast::Module& m) {
  SymtableBuilder b{*this, nullptr, std::nullopt};
  root_ = std::make_unique<Scope>();
  root_->kind = ScopeKind::Module;
  root_->name = "<module>";
  by_node_[&m] = root_.get();
  b.cur = root_.get();
  b.body(m.body);
  if (b.error) return b.error;
  b.resolve(root_.get());
  if (b.error) return b.error;
  b.finish(root_.get());
  return std::nullopt;
}

}  // namespace interleave::vm
