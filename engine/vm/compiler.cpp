// Code generation. Each scope compiles into a Unit (instructions, positions, constant and name
// tables, labels, the handler active at each instruction); finishing a unit resolves labels and
// coalesces handlers into the exception table. The static stack depth is tracked per instruction
// so that handlers know how far to unwind. One thread, before the program runs.
#include "vm/compiler.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "vm/dict.h"
#include "vm/names.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"
#include "vm/symtable.h"

namespace interleave::vm {

namespace ast = lang::ast;

namespace {

struct CompileError {
  std::string msg;
  int lineno, col;
};

enum class FBlock {
  WhileLoop,
  ForLoop,
  TryExcept,
  FinallyTry,
  FinallyEnd,
  With,
  HandlerCleanup,
  PopValue
};

struct FBlockInfo {
  FBlock kind;
  int continue_label = -1, exit_label = -1;
  const ast::StmtList* finalbody = nullptr;
  std::string name;           // HandlerCleanup: the `as` name
  std::size_t handler_level;  // handler stack size when the block was entered
};

struct Handler {
  int label;
  int depth;
};

struct Unit {
  Scope* scope = nullptr;
  Code* code = nullptr;
  std::vector<std::uint32_t> ins;
  std::vector<Position> pos;
  std::vector<int> ins_handler;
  std::vector<int> labels;       // label -> instruction index (-1 unbound)
  std::vector<int> label_depth;  // stack depth recorded by jumps to the label
  std::vector<Handler> handlers;
  std::vector<int> handler_stack;  // indices into handlers
  std::vector<FBlockInfo> fblocks;
  int depth = 0, max_depth = 0;
  bool dead = false;  // after an unconditional jump
  Position cur;
  std::map<std::string, int> const_strs;
  std::map<std::int64_t, int> const_ints;
  std::map<std::string, int> names;
  std::map<std::string, int> varnames;
  std::map<std::string, int> cells;  // cellvars then freevars
  std::string qualname;
};

int stack_effect(Op op, std::uint32_t arg, bool jump) {
  switch (op) {
    case Op::NOP:
    case Op::RESUME:
    case Op::SWAP:
    case Op::DELETE_FAST:
    case Op::DELETE_DEREF:
    case Op::DELETE_NAME:
    case Op::DELETE_GLOBAL:
    case Op::LOAD_ATTR:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::LIST_TO_TUPLE:
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::GET_ITER:
    case Op::KW_NAMES:
    case Op::CHECK_EXC_MATCH:
      return 0;
    case Op::POP_TOP:
    case Op::STORE_FAST:
    case Op::STORE_DEREF:
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
    case Op::DELETE_ATTR:
    case Op::BINARY_OP:
    case Op::COMPARE_OP:
    case Op::IS_OP:
    case Op::CONTAINS_OP:
    case Op::BINARY_SUBSCR:
    case Op::LIST_APPEND:
    case Op::SET_ADD:
    case Op::LIST_EXTEND:
    case Op::SET_UPDATE:
    case Op::DICT_UPDATE:
    case Op::DICT_MERGE:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::RETURN_VALUE:
    case Op::RERAISE:
    case Op::POP_EXCEPT:
    case Op::IMPORT_STAR:
      return -1;
    case Op::PUSH_NULL:
    case Op::COPY:
    case Op::LOAD_CONST:
    case Op::LOAD_FAST:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_CLASSDEREF:
    case Op::LOAD_NAME:
    case Op::LOAD_METHOD:
    case Op::PUSH_EXC_INFO:
    case Op::BEFORE_WITH:
    case Op::WITH_EXCEPT_START:
    case Op::LOAD_BUILD_CLASS:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::IMPORT_NAME:
    case Op::IMPORT_FROM:
      return 1;
    case Op::LOAD_GLOBAL:
      return (arg & 1) ? 2 : 1;
    case Op::STORE_ATTR:
    case Op::MAP_ADD:
    case Op::DELETE_SUBSCR:
      return -2;
    case Op::STORE_SUBSCR:
      return -3;
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_SLICE:
    case Op::BUILD_STRING:
      return 1 - static_cast<int>(arg);
    case Op::BUILD_MAP:
      return 1 - 2 * static_cast<int>(arg);
    case Op::UNPACK_SEQUENCE:
      return static_cast<int>(arg) - 1;
    case Op::UNPACK_EX:
      return static_cast<int>((arg & 0xff) + (arg >> 8));
    case Op::FORMAT_VALUE:
      return (arg & kFormatSpec) ? -1 : 0;
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
      return jump ? 0 : -1;
    case Op::FOR_ITER:
      return jump ? -1 : 1;
    case Op::SEND:
      return jump ? -1 : 0;
    case Op::CALL:
      return -1 - static_cast<int>(arg);
    case Op::CALL_FUNCTION_EX:
      return -2 - static_cast<int>(arg & 1);
    case Op::MAKE_FUNCTION:
      return -(((arg & kMakeDefaults) ? 1 : 0) + ((arg & kMakeKwDefaults) ? 1 : 0) +
               ((arg & kMakeClosure) ? 1 : 0));
    case Op::YIELD_VALUE:
      return 0;
    case Op::RAISE_VARARGS:
      return -static_cast<int>(arg);
    case Op::kCount:
      return 0;
  }
  return 0;
}

class Compiler {
 public:
  Compiler(Thread& t, std::shared_ptr<const std::string> source, std::string_view filename)
      : t_(t), in_(t.interp()), source_(std::move(source)), filename_(filename) {}

  CompileResult compile(const ast::Module& m) {
    CompileResult result;
    if (auto err = symtable_.build(m)) {
      result.error = lang::make_syntax_error(lang::SyntaxErrorType::SyntaxError, err->msg, *source_,
                                             filename_, err->lineno, err->col, err->end_lineno,
                                             err->end_col);
      return result;
    }
    filename_str_ = in_.intern(filename_);
    try {
      enter(symtable_.module(), "<module>", "<module>", 1);
      u_->code->code_flags |= kCoModule;
      u_->cur.line = 0;  // CPython numbers the module's RESUME line 0
      emit(Op::RESUME, 0);
      u_->cur.line = 1;
      setup_annotations(m.body);
      body(m.body);
      implicit_return();
      result.code = leave();
    } catch (const CompileError& e) {
      result.error = lang::make_syntax_error(lang::SyntaxErrorType::SyntaxError, e.msg, *source_,
                                             filename_, e.lineno, e.col);
    }
    return result;
  }

 private:
  // --- units -----------------------------------------------------------------------------------
  void enter(Scope* scope, const std::string& name, const std::string& qualname, int firstline) {
    auto u = std::make_unique<Unit>();
    u->scope = scope;
    u->qualname = qualname;
    Code* c = in_.make<Code>(&t_, in_.types.code);
    c->name = in_.intern(name);
    c->qualname = in_.intern(qualname);
    c->filename = filename_str_;
    c->firstlineno = firstline;
    c->source = source_;
    u->code = c;
    u->cur.line = firstline;
    // Locals: parameters first, then other locals in order of appearance.
    if (scope->kind == ScopeKind::Function || scope->kind == ScopeKind::Lambda ||
        scope->kind == ScopeKind::Comprehension) {
      for (const auto& p : scope->params) add_varname(*u, p);
      for (const auto& n : scope->order) {
        if (scope->resolve(n) == NameScope::Local) add_varname(*u, n);
      }
    }
    int ci = 0;
    for (const auto& n : scope->cellvars) {
      c->cellvars.push_back(in_.intern(n));
      u->cells[n] = ci++;
      auto it = u->varnames.find(n);
      c->cell_args.push_back(it == u->varnames.end() ? -1 : it->second);
    }
    for (const auto& n : scope->freevars) {
      c->freevars.push_back(in_.intern(n));
      u->cells[n] = ci++;
    }
    stack_.push_back(std::move(u));
    u_ = stack_.back().get();
  }

  static int add_varname(Unit& u, const std::string& n) {
    auto it = u.varnames.find(n);
    if (it != u.varnames.end()) return it->second;
    int i = static_cast<int>(u.varnames.size());
    u.varnames[n] = i;
    u.code->varnames.push_back(nullptr);  // filled in leave()
    return i;
  }

  Code* leave() {
    Unit& u = *u_;
    Code* c = u.code;
    // Variable names in index order.
    c->varnames.assign(u.varnames.size(), nullptr);
    for (auto& [n, i] : u.varnames) c->varnames[i] = in_.intern(n);
    // Resolve jumps.
    for (std::size_t i = 0; i < u.ins.size(); ++i) {
      Op op = op_of(u.ins[i]);
      if (kOpArgKinds[static_cast<int>(op)] == ArgKind::Jump) {
        int target = u.labels[arg_of(u.ins[i])];
        u.ins[i] = encode(op, static_cast<std::uint32_t>(target));
      }
    }
    c->instructions = std::move(u.ins);
    c->positions = std::move(u.pos);
    c->caches.assign(kCacheWords * c->instructions.size(), 0);
    // Exception table: runs of instructions sharing a handler.
    std::size_t n = c->instructions.size();
    for (std::size_t i = 0; i < n;) {
      int h = u.ins_handler[i];
      std::size_t j = i + 1;
      while (j < n && u.ins_handler[j] == h) ++j;
      if (h >= 0) {
        c->exception_table.push_back(
            ExceptionTableEntry{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                                static_cast<std::uint32_t>(u.labels[u.handlers[h].label]),
                                static_cast<std::uint32_t>(u.handlers[h].depth), false});
      }
      i = j;
    }
    c->stacksize = u.max_depth + 4;
    if (u.scope->generator) c->code_flags |= kCoGenerator;
    if (u.scope->has_varargs) c->code_flags |= kCoVarargs;
    if (u.scope->has_varkw) c->code_flags |= kCoVarkeywords;
    c->fast_call = (c->code_flags & (kCoVarargs | kCoVarkeywords | kCoGenerator)) == 0 &&
                   c->kwonlyargcount == 0 && c->cellvars.empty() && c->freevars.empty();
    stack_.pop_back();
    u_ = stack_.empty() ? nullptr : stack_.back().get();
    return c;
  }

  // --- emission --------------------------------------------------------------------------------
  [[noreturn]] void error(const std::string& msg, const ast::Node& at) {
    throw CompileError{msg, at.lineno, at.col_offset};
  }

  void emit(Op op, std::uint32_t arg) {
    Unit& u = *u_;
    u.ins.push_back(encode(op, arg));
    u.pos.push_back(u.cur);
    u.ins_handler.push_back(u.handler_stack.empty() ? -1 : u.handler_stack.back());
    if (kOpArgKinds[static_cast<int>(op)] == ArgKind::Jump) {
      int jd = u.depth + stack_effect(op, arg, true);
      if (u.label_depth[arg] < jd) u.label_depth[arg] = jd;
    }
    u.depth += stack_effect(op, arg, false);
    if (u.depth > u.max_depth) u.max_depth = u.depth;
    u.dead = op == Op::JUMP_FORWARD || op == Op::JUMP_BACKWARD || op == Op::RETURN_VALUE ||
             op == Op::RAISE_VARARGS || op == Op::RERAISE;
  }

  int new_label() {
    u_->labels.push_back(-1);
    u_->label_depth.push_back(-1);
    return static_cast<int>(u_->labels.size() - 1);
  }
  void bind(int label) {
    u_->labels[label] = static_cast<int>(u_->ins.size());
    if (u_->dead && u_->label_depth[label] >= 0) u_->depth = u_->label_depth[label];
    if (!u_->dead && u_->label_depth[label] > u_->depth) u_->depth = u_->label_depth[label];
    u_->dead = false;
  }
  void jump(Op op, int label) { emit(op, static_cast<std::uint32_t>(label)); }

  // Handlers: the label gets control with the stack cut to `depth` plus the exception.
  void push_handler(int label, int depth) {
    u_->handlers.push_back(Handler{label, depth});
    u_->handler_stack.push_back(static_cast<int>(u_->handlers.size() - 1));
    if (u_->label_depth[label] < depth + 1) u_->label_depth[label] = depth + 1;
    if (depth + 1 > u_->max_depth) u_->max_depth = depth + 1;
  }
  void pop_handler() { u_->handler_stack.pop_back(); }

  int const_index(Value v) {
    Code* c = u_->code;
    for (std::size_t i = 0; i < c->consts.size(); ++i) {
      if (c->consts[i] == v) return static_cast<int>(i);
    }
    c->consts.push_back(v);
    return static_cast<int>(c->consts.size() - 1);
  }
  void emit_const(Value v) { emit(Op::LOAD_CONST, static_cast<std::uint32_t>(const_index(v))); }

  int name_index(const std::string& n) {
    auto it = u_->names.find(n);
    if (it != u_->names.end()) return it->second;
    int i = static_cast<int>(u_->code->names.size());
    u_->code->names.push_back(in_.intern(n));
    u_->names[n] = i;
    return i;
  }

  Value constant(const ast::Constant& c) {
    switch (c.value_kind) {
      case ast::ConstantKind::None:
        return in_.none;
      case ast::ConstantKind::Bool:
        return c.bool_value ? in_.true_ : in_.false_;
      case ast::ConstantKind::Ellipsis:
        return in_.ellipsis;
      case ast::ConstantKind::Int: {
        if (!c.int_fits) {
          error("integer literal too large: Interleave's int holds 64 bits", c);
        }
        auto it = u_->const_ints.find(c.int_value);
        if (it != u_->const_ints.end()) return u_->code->consts[it->second];
        Value v = make_int(t_, c.int_value);
        return v;
      }
      case ast::ConstantKind::Float:
        return make_float(t_, c.float_value);
      case ast::ConstantKind::Str:
        return Value::object(in_.intern(c.str_value));
      case ast::ConstantKind::Bytes:
        error("bytes literals are not supported by Interleave", c);
    }
    return in_.none;
  }

  // The value CPython's AST optimizer folds `e` to before compiling a display: a literal, a
  // negated number, a tuple of folded values, or int + - * ** that stays in 64 bits. Null when it
  // does not fold.
  Value folded_constant(const ast::Expr* e) {
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::Constant: {
        const auto& c = ast::cast<ast::Constant>(*e);
        if (c.value_kind == ast::ConstantKind::Bytes) return Value();
        if (c.value_kind == ast::ConstantKind::Int && !c.int_fits) return Value();
        return constant(c);
      }
      case K::UnaryOp: {
        const auto& u = ast::cast<ast::UnaryOp>(*e);
        if (u.op != ast::UnaryOperator::USub && u.op != ast::UnaryOperator::UAdd) return Value();
        Value v = folded_constant(u.operand);
        if (v.is_null()) return v;
        bool minus = u.op == ast::UnaryOperator::USub;
        if (v.is_small() || layout_of(v) == Layout::Int) {
          std::int64_t i = int_value(v);
          if (minus && i == INT64_MIN) return Value();
          return make_int(t_, minus ? -i : i);
        }
        if (layout_of(v) == Layout::Float) {
          return minus ? make_float(t_, -float_value(v)) : v;
        }
        return Value();
      }
      case K::Tuple: {
        const auto& elts = ast::cast<ast::Tuple>(*e).elts;
        std::vector<Value> items;
        for (auto* x : elts) {
          Value v = folded_constant(x);
          if (v.is_null()) return v;
          items.push_back(v);
        }
        return Value::object(make_tuple(t_, items.data(), static_cast<std::int64_t>(items.size())));
      }
      case K::BinOp: {
        const auto& b = ast::cast<ast::BinOp>(*e);
        Value l = folded_constant(b.left), r = folded_constant(b.right);
        if (l.is_null() || r.is_null()) return Value();
        auto is_int = [](Value v) { return v.is_small() || layout_of(v) == Layout::Int; };
        if (!is_int(l) || !is_int(r)) return Value();
        std::int64_t x = int_value(l), y = int_value(r), out = 0;
        switch (b.op) {
          case ast::BinOperator::Add:
            if (__builtin_add_overflow(x, y, &out)) return Value();
            break;
          case ast::BinOperator::Sub:
            if (__builtin_sub_overflow(x, y, &out)) return Value();
            break;
          case ast::BinOperator::Mult:
            if (__builtin_mul_overflow(x, y, &out)) return Value();
            break;
          case ast::BinOperator::Pow:
            if (y < 0 || y > 64) return Value();
            out = 1;
            for (std::int64_t k = 0; k < y; ++k) {
              if (__builtin_mul_overflow(out, x, &out)) return Value();
            }
            break;
          default:
            return Value();
        }
        return make_int(t_, out);
      }
      default:
        return Value();
    }
  }

  // A set display of three or more foldable constants as the set CPython builds from them
  // (added in order), or null.
  Set* constant_set(const std::vector<ast::Expr*>& elts) {
    if (elts.size() < 3) return nullptr;
    std::vector<Value> values;
    for (auto* x : elts) {
      Value v = folded_constant(x);
      if (v.is_null()) return nullptr;
      values.push_back(v);
    }
    Set* first = make_set(t_);
    for (Value v : values) {
      if (!set_add(t_, first, v)) return nullptr;
    }
    // CPython's compiler then merges the constant (merge_consts_recursive): a new frozenset
    // built from the first one's items in its iteration order. That one is the constant.
    Set* s = make_set(t_);
    std::uint32_t pos = 0;
    while (DictEntry* entry = dict_next(first, &pos)) {
      if (!set_add_hashed(t_, s, entry->key, entry->hash)) return nullptr;
    }
    return s;
  }

  struct PosGuard {
    Unit* u;
    Position saved;
    PosGuard(Unit* unit, const ast::Node& n) : u(unit), saved(unit->cur) {
      u->cur = Position{n.lineno, n.end_lineno, n.col_offset, n.end_col_offset};
    }
    ~PosGuard() { u->cur = saved; }
  };

  // `return None` at the end of a body: on the line of the last instruction, as CPython does.
  void implicit_return() {
    if (!u_->pos.empty()) u_->cur = u_->pos.back();
    emit_const(in_.none);
    emit(Op::RETURN_VALUE, 0);
  }

  // A module or class body with an annotated assignment (outside nested functions and classes)
  // starts with `__annotations__ = {}`, as CPython's SETUP_ANNOTATIONS makes it.
  static bool has_annotation(const ast::StmtList& stmts) {
    using K = ast::StmtKind;
    for (const ast::Stmt* s : stmts) {
      switch (s->kind) {
        case K::AnnAssign:
          return true;
        case K::If: {
          const auto& i = ast::cast<ast::If>(*s);
          if (has_annotation(i.body) || has_annotation(i.orelse)) return true;
          break;
        }
        case K::For: {
          const auto& f = ast::cast<ast::For>(*s);
          if (has_annotation(f.body) || has_annotation(f.orelse)) return true;
          break;
        }
        case K::While: {
          const auto& w = ast::cast<ast::While>(*s);
          if (has_annotation(w.body) || has_annotation(w.orelse)) return true;
          break;
        }
        case K::With:
          if (has_annotation(ast::cast<ast::With>(*s).body)) return true;
          break;
        case K::Try: {
          const auto& t = ast::cast<ast::Try>(*s);
          if (has_annotation(t.body) || has_annotation(t.orelse) ||
              has_annotation(t.finalbody))
            return true;
          for (const auto& h : t.handlers) {
            if (has_annotation(h.body)) return true;
          }
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  // `from __future__ import ...`: the features of CPython 3.11 are accepted (all of them are
  // always on but `annotations`, which keeps annotations as their source text).
  void future_import(const ast::ImportFrom& f) {
    static constexpr std::string_view kFeatures[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations"};
    for (const auto& a : f.names) {
      if (a.name == "braces") error("not a chance", f);
      if (std::find(std::begin(kFeatures), std::end(kFeatures), a.name) == std::end(kFeatures))
        error("future feature " + a.name + " is not defined", f);
      if (a.name == "annotations") future_annotations_ = true;
    }
  }

  // The program's text of an expression (its positions' span), as a stringified annotation.
  std::string source_text(const ast::Expr& e) const {
    std::string out;
    const std::string& src = *source_;
    std::size_t pos = 0;
    for (int line = 1; line < e.lineno && pos != std::string::npos; ++line) {
      pos = src.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    if (pos == std::string::npos) return out;
    std::size_t start = pos + static_cast<std::size_t>(e.col_offset);
    std::size_t end = pos;
    for (int line = e.lineno; line < e.end_lineno && end != std::string::npos; ++line) {
      end = src.find('\n', end);
      if (end != std::string::npos) ++end;
    }
    if (end == std::string::npos) return out;
    end += static_cast<std::size_t>(e.end_col_offset);
    if (start <= end && end <= src.size()) out = src.substr(start, end - start);
    return out;
  }

  void setup_annotations(const ast::StmtList& stmts) {
    if (!has_annotation(stmts)) return;
    emit(Op::BUILD_MAP, 0);
    name_op("__annotations__", Access::Store);
  }

  // --- names -----------------------------------------------------------------------------------
  enum class Access { Load, Store, Del };

  // A name or attribute as this scope spells it (private names mangled, symtable.h).
  std::string mangled(const std::string& n) const { return mangle(u_->scope->private_name, n); }

  void name_op(const std::string& source_name, Access access) {
    const std::string n = mangled(source_name);
    NameScope ns = u_->scope->resolve(n);
    if (n == "__class__" && u_->cells.count(n) != 0 && u_->scope->kind != ScopeKind::Class) {
      ns = NameScope::Free;
    }
    switch (ns) {
      case NameScope::Local: {
        auto idx = static_cast<std::uint32_t>(u_->varnames.at(n));
        emit(access == Access::Load    ? Op::LOAD_FAST
             : access == Access::Store ? Op::STORE_FAST
                                       : Op::DELETE_FAST,
             idx);
        return;
      }
      case NameScope::Cell:
      case NameScope::Free: {
        if (u_->cells.count(n) == 0) break;
        auto idx = static_cast<std::uint32_t>(u_->cells.at(n));
        if (access == Access::Load && u_->scope->kind == ScopeKind::Class) {
          emit(Op::LOAD_CLASSDEREF, idx);
          return;
        }
        emit(access == Access::Load    ? Op::LOAD_DEREF
             : access == Access::Store ? Op::STORE_DEREF
                                       : Op::DELETE_DEREF,
             idx);
        return;
      }
      case NameScope::GlobalExplicit:
      case NameScope::GlobalImplicit: {
        auto idx = static_cast<std::uint32_t>(name_index(n));
        if (access == Access::Load) {
          emit(Op::LOAD_GLOBAL, idx << 1);
        } else {
          emit(access == Access::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, idx);
        }
        return;
      }
      case NameScope::Name:
        break;
    }
    auto idx = static_cast<std::uint32_t>(name_index(n));
    emit(access == Access::Load    ? Op::LOAD_NAME
         : access == Access::Store ? Op::STORE_NAME
                                   : Op::DELETE_NAME,
         idx);
  }

  // --- statements ------------------------------------------------------------------------------
  void body(const ast::StmtList& b) {
    for (auto* s : b) stmt(s);
  }

  void stmt(const ast::Stmt* s) {
    PosGuard pg(u_, *s);
    using K = ast::StmtKind;
    switch (s->kind) {
      case K::FunctionDef:
        function_def(ast::cast<ast::FunctionDef>(*s));
        break;
      case K::ClassDef:
        class_def(ast::cast<ast::ClassDef>(*s));
        break;
      case K::Return: {
        const auto& r = ast::cast<ast::Return>(*s);
        if (u_->scope->kind == ScopeKind::Module || u_->scope->kind == ScopeKind::Class) {
          error("'return' outside function", *s);
        }
        if (r.value != nullptr) {
          expr(r.value);  // in a generator: StopIteration.value (generator_send returns it)
        } else {
          emit_const(in_.none);
        }
        Saved saved = unwind_to(-1, true);
        emit(Op::RETURN_VALUE, 0);
        restore(saved);
        break;
      }
      case K::Delete:
        for (auto* e : ast::cast<ast::Delete>(*s).targets) store_target(e, Access::Del);
        break;
      case K::Assign: {
        const auto& a = ast::cast<ast::Assign>(*s);
        expr(a.value);
        for (std::size_t i = 0; i < a.targets.size(); ++i) {
          if (i + 1 < a.targets.size()) emit(Op::COPY, 1);
          store_target(a.targets[i], Access::Store);
        }
        break;
      }
      case K::AugAssign:
        aug_assign(ast::cast<ast::AugAssign>(*s));
        break;
      case K::AnnAssign: {
        const auto& a = ast::cast<ast::AnnAssign>(*s);
        if (a.value != nullptr) {
          expr(a.value);
          store_target(a.target, Access::Store);
        }
        if (a.simple && u_->scope->kind != ScopeKind::Function) {
          // __annotations__['x'] = annotation (module and class bodies, as CPython 3.11); its
          // source text under `from __future__ import annotations`.
          if (future_annotations_) {
            emit_const(Value::object(in_.intern(source_text(*a.annotation))));
          } else {
            expr(a.annotation);
          }
          name_op("__annotations__", Access::Load);
          emit_const(Value::object(in_.intern(mangled(ast::cast<ast::Name>(*a.target).id))));
          emit(Op::STORE_SUBSCR, 0);
        }
        break;
      }
      case K::For:
        for_stmt(ast::cast<ast::For>(*s));
        break;
      case K::While:
        while_stmt(ast::cast<ast::While>(*s));
        break;
      case K::If: {
        const auto& i = ast::cast<ast::If>(*s);
        int orelse = new_label(), end = new_label();
        expr(i.test);
        jump(Op::POP_JUMP_IF_FALSE, orelse);
        body(i.body);
        if (!i.orelse.empty()) {
          if (!u_->dead) jump(Op::JUMP_FORWARD, end);
          bind(orelse);
          body(i.orelse);
        } else {
          bind(orelse);
        }
        bind(end);
        break;
      }
      case K::With:
        with_stmt(ast::cast<ast::With>(*s), 0);
        break;
      case K::Raise: {
        const auto& r = ast::cast<ast::Raise>(*s);
        std::uint32_t n = 0;
        if (r.exc != nullptr) {
          expr(r.exc);
          n = 1;
          if (r.cause != nullptr) {
            expr(r.cause);
            n = 2;
          }
        }
        emit(Op::RAISE_VARARGS, n);
        break;
      }
      case K::Try:
        try_stmt(ast::cast<ast::Try>(*s));
        break;
      case K::Assert: {
        const auto& a = ast::cast<ast::Assert>(*s);
        int end = new_label();
        expr(a.test);
        jump(Op::POP_JUMP_IF_TRUE, end);
        emit(Op::LOAD_ASSERTION_ERROR, 0);
        if (a.msg != nullptr) {
          expr(a.msg);
          emit(Op::CALL, 0);
        }
        emit(Op::RAISE_VARARGS, 1);
        bind(end);
        break;
      }
      case K::Import:
        for (const auto& a : ast::cast<ast::Import>(*s).names) {
          emit(Op::IMPORT_NAME, static_cast<std::uint32_t>(name_index(a.name)));
          const std::size_t dot = a.name.find('.');
          if (!a.asname.empty()) {
            name_op(a.asname, Access::Store);  // `import a.b as c` binds the submodule
          } else if (dot == std::string::npos) {
            name_op(a.name, Access::Store);
          } else {
            // `import a.b` binds the package `a` (imported by then, with `b` as its attribute).
            const std::string top = a.name.substr(0, dot);
            emit(Op::POP_TOP, 0);
            emit(Op::IMPORT_NAME, static_cast<std::uint32_t>(name_index(top)));
            name_op(top, Access::Store);
          }
        }
        break;
      case K::ImportFrom: {
        const auto& f = ast::cast<ast::ImportFrom>(*s);
        if (f.level > 0) error("relative imports are not supported", *s);
        if (f.module == "__future__") future_import(f);
        emit(Op::IMPORT_NAME, static_cast<std::uint32_t>(name_index(f.module)));
        for (const auto& a : f.names) {
          if (a.name == "*") {
            emit(Op::IMPORT_STAR, 0);
            return;
          }
          emit(Op::IMPORT_FROM, static_cast<std::uint32_t>(name_index(a.name)));
          name_op(a.asname.empty() ? a.name : a.asname, Access::Store);
        }
        emit(Op::POP_TOP, 0);
        break;
      }
      case K::Global:
      case K::Nonlocal:
      case K::Pass:
        break;
      case K::Expr: {
        const auto* e = ast::cast<ast::ExprStmt>(*s).value;
        if (e->kind == ast::ExprKind::Constant && u_->scope->kind != ScopeKind::Module) break;
        expr(e);
        emit(Op::POP_TOP, 0);
        break;
      }
      case K::Break: {
        int idx = loop_index();
        if (idx < 0) error("'break' outside loop", *s);
        Saved saved = unwind_to(idx, false);
        // The loop block itself: a for loop pops its iterator.
        if (u_->fblocks[idx].kind == FBlock::ForLoop) emit(Op::POP_TOP, kPopIterator);
        jump(Op::JUMP_FORWARD, u_->fblocks[idx].exit_label);
        restore(saved);
        break;
      }
      case K::Continue: {
        int idx = loop_index();
        if (idx < 0) error("'continue' not properly in loop", *s);
        Saved saved = unwind_to(idx, false);
        jump(Op::JUMP_BACKWARD, u_->fblocks[idx].continue_label);
        restore(saved);
        break;
      }
    }
  }

  int loop_index() {
    for (int i = static_cast<int>(u_->fblocks.size()) - 1; i >= 0; --i) {
      FBlock k = u_->fblocks[i].kind;
      if (k == FBlock::WhileLoop || k == FBlock::ForLoop) return i;
    }
    return -1;
  }

  // Emits the cleanup of every block above `idx` (exclusive), innermost first. The emitted code
  // runs under the handler that was active outside each block being unwound.
  struct Saved {
    std::vector<FBlockInfo> fblocks;
    std::vector<int> handlers;
  };
  // The blocks are popped while their cleanup is emitted (a `finally` body copied here must not
  // unwind itself again); the caller restores them with restore() after its jump or return.
  Saved unwind_to(int idx, bool preserve_tos) {
    Saved saved{u_->fblocks, u_->handler_stack};
    while (static_cast<int>(u_->fblocks.size()) - 1 > idx) {
      FBlockInfo fb = u_->fblocks.back();
      u_->fblocks.pop_back();
      u_->handler_stack.resize(fb.handler_level);
      unwind_block(fb, preserve_tos);
    }
    return saved;
  }
  void restore(const Saved& saved) {
    u_->fblocks = saved.fblocks;
    u_->handler_stack = saved.handlers;
  }

  void unwind_block(const FBlockInfo& fb, bool preserve_tos) {
    switch (fb.kind) {
      case FBlock::WhileLoop:
      case FBlock::TryExcept:
        break;
      case FBlock::ForLoop:
      case FBlock::PopValue:
        if (preserve_tos) emit(Op::SWAP, 2);
        emit(Op::POP_TOP, fb.kind == FBlock::ForLoop ? kPopIterator : 0);
        break;
      case FBlock::FinallyTry: {
        // Run the finally body inline; it may itself return/break (then this path is dead).
        auto saved_f = u_->fblocks;
        auto saved_h = u_->handler_stack;
        if (preserve_tos) {
          u_->fblocks.push_back(
              FBlockInfo{FBlock::PopValue, -1, -1, nullptr, "", u_->handler_stack.size()});
        }
        body(*fb.finalbody);
        u_->fblocks = saved_f;
        u_->handler_stack = saved_h;
        break;
      }
      case FBlock::FinallyEnd:
        // Stack: [prev_exc, exc] (+ value on top when preserving).
        if (preserve_tos) emit(Op::SWAP, 2);
        emit(Op::POP_TOP, 0);
        if (preserve_tos) emit(Op::SWAP, 2);
        emit(Op::POP_EXCEPT, 0);
        break;
      case FBlock::With:
        // Stack: [exit]; call exit(None, None, None).
        if (preserve_tos) emit(Op::SWAP, 2);
        emit_const(in_.none);
        emit_const(in_.none);
        emit_const(in_.none);
        emit(Op::CALL, 2);
        emit(Op::POP_TOP, 0);
        break;
      case FBlock::HandlerCleanup:
        if (preserve_tos) emit(Op::SWAP, 2);
        emit(Op::POP_EXCEPT, 0);
        if (!fb.name.empty()) {
          emit_const(in_.none);
          name_op(fb.name, Access::Store);
          name_op(fb.name, Access::Del);
        }
        break;
    }
  }

  void push_fblock(FBlock kind, int cont = -1, int exit = -1) {
    u_->fblocks.push_back(FBlockInfo{kind, cont, exit, nullptr, "", u_->handler_stack.size()});
  }

  void while_stmt(const ast::While& w) {
    int loop = new_label(), orelse = new_label(), end = new_label();
    bind(loop);
    expr(w.test);
    jump(Op::POP_JUMP_IF_FALSE, orelse);
    push_fblock(FBlock::WhileLoop, loop, end);
    body(w.body);
    u_->fblocks.pop_back();
    if (!u_->dead) jump(Op::JUMP_BACKWARD, loop);
    bind(orelse);
    body(w.orelse);
    bind(end);
  }

  void for_stmt(const ast::For& f) {
    int loop = new_label(), cleanup = new_label(), end = new_label();
    expr(f.iter);
    emit(Op::GET_ITER, kLoopIterable);
    bind(loop);
    jump(Op::FOR_ITER, cleanup);
    push_fblock(FBlock::ForLoop, loop, end);
    store_target(f.target, Access::Store);
    body(f.body);
    u_->fblocks.pop_back();
    if (!u_->dead) jump(Op::JUMP_BACKWARD, loop);
    bind(cleanup);
    body(f.orelse);
    bind(end);
  }

  void with_stmt(const ast::With& w, std::size_t item) {
    const ast::WithItem& it = w.items[item];
    int handler = new_label(), cleanup = new_label(), suppress = new_label(), end = new_label();
    expr(it.context_expr);
    emit(Op::BEFORE_WITH, 0);
    push_handler(handler, u_->depth - 1);
    push_fblock(FBlock::With);
    if (it.optional_vars != nullptr) {
      store_target(it.optional_vars, Access::Store);
    } else {
      emit(Op::POP_TOP, 0);
    }
    if (item + 1 < w.items.size()) {
      with_stmt(w, item + 1);
    } else {
      body(w.body);
    }
    u_->fblocks.pop_back();
    pop_handler();
    if (!u_->dead) {
      emit_const(in_.none);
      emit_const(in_.none);
      emit_const(in_.none);
      emit(Op::CALL, 2);
      emit(Op::POP_TOP, 0);
      jump(Op::JUMP_FORWARD, end);
    }
    // Exceptional exit: [exit, exc]
    bind(handler);
    emit(Op::PUSH_EXC_INFO, 0);  // [exit, prev, exc]
    push_handler(cleanup, u_->depth - 1);
    emit(Op::WITH_EXCEPT_START, 0);  // [exit, prev, exc, res]
    jump(Op::POP_JUMP_IF_TRUE, suppress);
    emit(Op::RERAISE, 0);
    bind(suppress);
    emit(Op::POP_TOP, 0);  // exc
    pop_handler();
    emit(Op::POP_EXCEPT, 0);
    emit(Op::POP_TOP, 0);  // exit
    jump(Op::JUMP_FORWARD, end);
    bind(cleanup);  // [exit, prev, exc2]
    emit(Op::COPY, 2);
    emit(Op::POP_EXCEPT, 0);
    emit(Op::RERAISE, 0);
    bind(end);
  }

  void try_stmt(const ast::Try& t) {
    if (!t.finalbody.empty()) {
      int handler = new_label(), cleanup = new_label(), end = new_label();
      push_handler(handler, u_->depth);
      FBlockInfo fb{FBlock::FinallyTry, -1, -1, &t.finalbody, "", u_->handler_stack.size() - 1};
      u_->fblocks.push_back(fb);
      if (!t.handlers.empty()) {
        try_except(t);
      } else {
        body(t.body);
      }
      u_->fblocks.pop_back();
      pop_handler();
      if (!u_->dead) {
        body(t.finalbody);
        if (!u_->dead) jump(Op::JUMP_FORWARD, end);
      }
      bind(handler);  // [exc]
      emit(Op::PUSH_EXC_INFO, 0);
      push_handler(cleanup, u_->depth - 1);
      push_fblock(FBlock::FinallyEnd);
      body(t.finalbody);
      u_->fblocks.pop_back();
      if (!u_->dead) emit(Op::RERAISE, 0);
      pop_handler();
      bind(cleanup);  // [prev, exc2]
      emit(Op::COPY, 2);
      emit(Op::POP_EXCEPT, 0);
      emit(Op::RERAISE, 0);
      bind(end);
      return;
    }
    try_except(t);
  }

  void try_except(const ast::Try& t) {
    int handler = new_label(), cleanup = new_label(), end = new_label();
    push_handler(handler, u_->depth);
    push_fblock(FBlock::TryExcept);
    body(t.body);
    u_->fblocks.pop_back();
    pop_handler();
    if (!u_->dead) {
      body(t.orelse);
      if (!u_->dead) jump(Op::JUMP_FORWARD, end);
    }
    bind(handler);               // [exc]
    emit(Op::PUSH_EXC_INFO, 0);  // [prev, exc]
    push_handler(cleanup, u_->depth - 1);
    for (std::size_t i = 0; i < t.handlers.size(); ++i) {
      const ast::ExceptHandler& h = t.handlers[i];
      PosGuard pg(u_, h);
      if (h.type == nullptr && i + 1 < t.handlers.size()) {
        error("default 'except:' must be last", h);
      }
      int next = new_label();
      if (h.type != nullptr) {
        expr(h.type);
        emit(Op::CHECK_EXC_MATCH, 0);
        jump(Op::POP_JUMP_IF_FALSE, next);
      }
      if (!h.name.empty()) {
        name_op(h.name, Access::Store);  // [prev]
        int name_cleanup = new_label();
        push_handler(name_cleanup, u_->depth);
        FBlockInfo fb{FBlock::HandlerCleanup,      -1, -1, nullptr, h.name,
                      u_->handler_stack.size() - 1};
        u_->fblocks.push_back(fb);
        body(h.body);
        u_->fblocks.pop_back();
        pop_handler();
        if (!u_->dead) {
          emit(Op::POP_EXCEPT, 0);
          emit_const(in_.none);
          name_op(h.name, Access::Store);
          name_op(h.name, Access::Del);
          jump(Op::JUMP_FORWARD, end);
        }
        bind(name_cleanup);  // [prev, exc2]
        emit_const(in_.none);
        name_op(h.name, Access::Store);
        name_op(h.name, Access::Del);
        emit(Op::RERAISE, 0);
      } else {
        emit(Op::POP_TOP, 0);  // [prev]
        FBlockInfo fb{FBlock::HandlerCleanup, -1, -1, nullptr, "", u_->handler_stack.size() - 1};
        u_->fblocks.push_back(fb);
        body(h.body);
        u_->fblocks.pop_back();
        if (!u_->dead) {
          emit(Op::POP_EXCEPT, 0);
          jump(Op::JUMP_FORWARD, end);
        }
      }
      bind(next);
      // Back at [prev, exc] for the next clause.
      u_->depth = u_->label_depth[next] >= 0 ? u_->label_depth[next] : u_->depth;
    }
    emit(Op::RERAISE, 0);
    pop_handler();
    bind(cleanup);  // [prev, exc2]
    emit(Op::COPY, 2);
    emit(Op::POP_EXCEPT, 0);
    emit(Op::RERAISE, 0);
    bind(end);
  }

  void aug_assign(const ast::AugAssign& a) {
    int op = binop_code(a.op) + kInplace;
    switch (a.target->kind) {
      case ast::ExprKind::Name: {
        const auto& n = ast::cast<ast::Name>(*a.target);
        name_op(n.id, Access::Load);
        expr(a.value);
        {
          PosGuard pg(u_, a);
          emit(Op::BINARY_OP, static_cast<std::uint32_t>(op));
        }
        name_op(n.id, Access::Store);
        break;
      }
      case ast::ExprKind::Attribute: {
        const auto& at = ast::cast<ast::Attribute>(*a.target);
        expr(at.value);
        emit(Op::COPY, 1);
        emit(Op::LOAD_ATTR, static_cast<std::uint32_t>(name_index(mangled(at.attr))));
        expr(a.value);
        {
          PosGuard pg(u_, a);
          emit(Op::BINARY_OP, static_cast<std::uint32_t>(op));
        }
        emit(Op::SWAP, 2);
        emit(Op::STORE_ATTR, static_cast<std::uint32_t>(name_index(mangled(at.attr))));
        break;
      }
      case ast::ExprKind::Subscript: {
        const auto& s = ast::cast<ast::Subscript>(*a.target);
        expr(s.value);
        expr(s.slice);
        emit(Op::COPY, 2);
        emit(Op::COPY, 2);
        emit(Op::BINARY_SUBSCR, 0);
        expr(a.value);
        {
          PosGuard pg(u_, a);
          emit(Op::BINARY_OP, static_cast<std::uint32_t>(op));
        }
        emit(Op::SWAP, 3);
        emit(Op::SWAP, 2);
        emit(Op::STORE_SUBSCR, 0);
        break;
      }
      default:
        error("'" + std::string(ast::kind_name(a.target->kind)) +
                  "' is an illegal expression for augmented assignment",
              *a.target);
    }
  }

  void store_target(const ast::Expr* e, Access access) {
    PosGuard pg(u_, *e);
    switch (e->kind) {
      case ast::ExprKind::Name:
        name_op(ast::cast<ast::Name>(*e).id, access);
        break;
      case ast::ExprKind::Attribute: {
        const auto& a = ast::cast<ast::Attribute>(*e);
        expr(a.value);
        emit(access == Access::Store ? Op::STORE_ATTR : Op::DELETE_ATTR,
             static_cast<std::uint32_t>(name_index(mangled(a.attr))));
        break;
      }
      case ast::ExprKind::Subscript: {
        const auto& s = ast::cast<ast::Subscript>(*e);
        expr(s.value);
        expr(s.slice);
        emit(access == Access::Store ? Op::STORE_SUBSCR : Op::DELETE_SUBSCR, 0);
        break;
      }
      case ast::ExprKind::Tuple:
      case ast::ExprKind::List: {
        const ast::ExprList& elts = e->kind == ast::ExprKind::Tuple ? ast::cast<ast::Tuple>(*e).elts
                                                                    : ast::cast<ast::List>(*e).elts;
        if (access == Access::Del) {
          for (auto* x : elts) store_target(x, access);
          break;
        }
        int star = -1;
        for (std::size_t i = 0; i < elts.size(); ++i) {
          if (elts[i]->kind == ast::ExprKind::Starred) {
            if (star >= 0) error("multiple starred expressions in assignment", *elts[i]);
            star = static_cast<int>(i);
          }
        }
        if (star >= 0) {
          auto before = static_cast<std::uint32_t>(star);
          auto after = static_cast<std::uint32_t>(elts.size() - star - 1);
          emit(Op::UNPACK_EX, before | (after << 8));
        } else {
          emit(Op::UNPACK_SEQUENCE, static_cast<std::uint32_t>(elts.size()));
        }
        for (auto* x : elts) {
          if (x->kind == ast::ExprKind::Starred) {
            store_target(ast::cast<ast::Starred>(*x).value, access);
          } else {
            store_target(x, access);
          }
        }
        break;
      }
      case ast::ExprKind::Starred:
        error("starred assignment target must be in a list or tuple", *e);
      default:
        error(std::string("cannot ") + (access == Access::Del ? "delete " : "assign to ") +
                  describe(e),
              *e);
    }
  }

  static std::string describe(const ast::Expr* e) {
    switch (e->kind) {
      case ast::ExprKind::Call:
        return "function call";
      case ast::ExprKind::Constant:
        return "literal";
      case ast::ExprKind::Compare:
        return "comparison";
      case ast::ExprKind::BinOp:
        return "expression";
      case ast::ExprKind::Lambda:
        return "lambda";
      default:
        return "expression";
    }
  }

  // --- functions and classes -------------------------------------------------------------------
  std::string child_qualname(const std::string& name) {
    Scope* s = u_->scope;
    if (s->kind == ScopeKind::Module) return name;
    if (s->kind == ScopeKind::Class) return u_->qualname + "." + name;
    return u_->qualname + ".<locals>." + name;
  }

  // Pushes defaults/kwdefaults for `args`; returns the MAKE_FUNCTION flags so far.
  std::uint32_t push_defaults(const ast::Arguments& args) {
    std::uint32_t flags = 0;
    if (!args.defaults.empty()) {
      for (auto* d : args.defaults) expr(d);
      emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(args.defaults.size()));
      flags |= kMakeDefaults;
    }
    int nkw = 0;
    for (std::size_t i = 0; i < args.kwonlyargs.size(); ++i) {
      if (args.kw_defaults[i] == nullptr) continue;
      emit_const(Value::object(in_.intern(args.kwonlyargs[i].arg)));
      expr(args.kw_defaults[i]);
      ++nkw;
    }
    if (nkw > 0) {
      emit(Op::BUILD_MAP, static_cast<std::uint32_t>(nkw));
      flags |= kMakeKwDefaults;
    }
    return flags;
  }

  // Emits LOAD_CLOSUREs + BUILD_TUPLE for `code`'s free variables; MAKE_FUNCTION follows.
  void make_function(Code* code, std::uint32_t flags) {
    if (!code->freevars.empty()) {
      for (Str* fv : code->freevars) {
        std::string n(fv->view());
        auto it = u_->cells.find(n);
        if (it == u_->cells.end()) {
          throw CompileError{"internal error: free variable '" + n + "' not found", u_->cur.line,
                             0};
        }
        emit(Op::LOAD_CLOSURE, static_cast<std::uint32_t>(it->second));
      }
      emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(code->freevars.size()));
      flags |= kMakeClosure;
    }
    emit_const(Value::object(code));
    emit(Op::MAKE_FUNCTION, flags);
  }

  void set_arg_counts(Code* c, const ast::Arguments& a) {
    c->posonlyargcount = static_cast<std::int32_t>(a.posonlyargs.size());
    c->argcount = static_cast<std::int32_t>(a.posonlyargs.size() + a.args.size());
    c->kwonlyargcount = static_cast<std::int32_t>(a.kwonlyargs.size());
  }

  void function_def(const ast::FunctionDef& f) {
    for (auto* d : f.decorator_list) {
      emit(Op::PUSH_NULL, 0);
      expr(d);
    }
    std::uint32_t flags = push_defaults(f.args);
    Scope* scope = symtable_.scope_for(&f);
    enter(scope, f.name, child_qualname(f.name), f.lineno);
    u_->code->code_flags |= kCoNewLocals;
    set_arg_counts(u_->code, f.args);
    emit(Op::RESUME, 0);
    // A leading string constant is the docstring.
    std::size_t start = 0;
    Value doc = in_.none;
    if (!f.body.empty() && f.body[0]->kind == ast::StmtKind::Expr) {
      auto* e = ast::cast<ast::ExprStmt>(*f.body[0]).value;
      if (e->kind == ast::ExprKind::Constant &&
          ast::cast<ast::Constant>(*e).value_kind == ast::ConstantKind::Str) {
        doc = Value::object(in_.intern(ast::cast<ast::Constant>(*e).str_value));
        start = 1;
      }
    }
    u_->code->consts.push_back(doc);  // consts[0] is the docstring, as in CPython
    for (std::size_t i = start; i < f.body.size(); ++i) stmt(f.body[i]);
    if (!u_->dead) implicit_return();
    Code* code = leave();
    make_function(code, flags);
    for (std::size_t i = 0; i < f.decorator_list.size(); ++i) emit(Op::CALL, 0);
    name_op(f.name, Access::Store);
  }

  void class_def(const ast::ClassDef& c) {
    for (auto* d : c.decorator_list) {
      emit(Op::PUSH_NULL, 0);
      expr(d);
    }
    emit(Op::PUSH_NULL, 0);
    emit(Op::LOAD_BUILD_CLASS, 0);
    Scope* scope = symtable_.scope_for(&c);
    std::string qual = child_qualname(c.name);
    enter(scope, c.name, qual, c.lineno);
    u_->code->code_flags |= kCoClassBody;
    emit(Op::RESUME, 0);
    name_op("__name__", Access::Load);
    name_op("__module__", Access::Store);
    emit_const(Value::object(in_.intern(qual)));
    name_op("__qualname__", Access::Store);
    std::size_t start = 0;
    if (!c.body.empty() && c.body[0]->kind == ast::StmtKind::Expr) {
      auto* e = ast::cast<ast::ExprStmt>(*c.body[0]).value;
      if (e->kind == ast::ExprKind::Constant &&
          ast::cast<ast::Constant>(*e).value_kind == ast::ConstantKind::Str) {
        expr(e);
        name_op("__doc__", Access::Store);
        start = 1;
      }
    }
    setup_annotations(c.body);
    for (std::size_t i = start; i < c.body.size(); ++i) stmt(c.body[i]);
    if (scope->needs_class_cell) {
      emit(Op::LOAD_CLOSURE, static_cast<std::uint32_t>(u_->cells.at("__class__")));
      emit(Op::COPY, 1);
      name_op("__classcell__", Access::Store);
    } else {
      emit_const(in_.none);
    }
    emit(Op::RETURN_VALUE, 0);
    Code* code = leave();
    make_function(code, 0);
    emit_const(Value::object(in_.intern(c.name)));
    std::uint32_t n = 2;
    bool starred = false;
    for (auto* b : c.bases) starred |= b->kind == ast::ExprKind::Starred;
    if (starred) error("starred base classes are not supported", c);
    for (auto* b : c.bases) {
      expr(b);
      ++n;
    }
    call_keywords(c.keywords, n);
    for (std::size_t i = 0; i < c.decorator_list.size(); ++i) emit(Op::CALL, 0);
    name_op(c.name, Access::Store);
  }

  // --- expressions -----------------------------------------------------------------------------
  static int binop_code(ast::BinOperator op) {
    switch (op) {
      case ast::BinOperator::Add:
        return kAdd;
      case ast::BinOperator::Sub:
        return kSub;
      case ast::BinOperator::Mult:
        return kMul;
      case ast::BinOperator::MatMult:
        return kMatMul;
      case ast::BinOperator::Div:
        return kTrueDiv;
      case ast::BinOperator::Mod:
        return kMod;
      case ast::BinOperator::Pow:
        return kPow;
      case ast::BinOperator::LShift:
        return kLShift;
      case ast::BinOperator::RShift:
        return kRShift;
      case ast::BinOperator::BitOr:
        return kOr;
      case ast::BinOperator::BitXor:
        return kXor;
      case ast::BinOperator::BitAnd:
        return kAnd;
      case ast::BinOperator::FloorDiv:
        return kFloorDiv;
    }
    return kAdd;
  }

  void compare_op(ast::CmpOperator op) {
    switch (op) {
      case ast::CmpOperator::Eq:
        emit(Op::COMPARE_OP, kEq);
        break;
      case ast::CmpOperator::NotEq:
        emit(Op::COMPARE_OP, kNe);
        break;
      case ast::CmpOperator::Lt:
        emit(Op::COMPARE_OP, kLt);
        break;
      case ast::CmpOperator::LtE:
        emit(Op::COMPARE_OP, kLe);
        break;
      case ast::CmpOperator::Gt:
        emit(Op::COMPARE_OP, kGt);
        break;
      case ast::CmpOperator::GtE:
        emit(Op::COMPARE_OP, kGe);
        break;
      case ast::CmpOperator::Is:
        emit(Op::IS_OP, 0);
        break;
      case ast::CmpOperator::IsNot:
        emit(Op::IS_OP, 1);
        break;
      case ast::CmpOperator::In:
        emit(Op::CONTAINS_OP, 0);
        break;
      case ast::CmpOperator::NotIn:
        emit(Op::CONTAINS_OP, 1);
        break;
    }
  }

  void expr(const ast::Expr* e) {
    PosGuard pg(u_, *e);
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::BoolOp: {
        const auto& b = ast::cast<ast::BoolOp>(*e);
        int end = new_label();
        for (std::size_t i = 0; i < b.values.size(); ++i) {
          expr(b.values[i]);
          if (i + 1 < b.values.size()) {
            jump(
                b.op == ast::BoolOperator::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP,
                end);
          }
        }
        bind(end);
        break;
      }
      case K::NamedExpr: {
        const auto& n = ast::cast<ast::NamedExpr>(*e);
        expr(n.value);
        emit(Op::COPY, 1);
        store_target(n.target, Access::Store);
        break;
      }
      case K::BinOp: {
        const auto& b = ast::cast<ast::BinOp>(*e);
        expr(b.left);
        expr(b.right);
        emit(Op::BINARY_OP, static_cast<std::uint32_t>(binop_code(b.op)));
        binop_anchors(b);
        break;
      }
      case K::UnaryOp: {
        const auto& u = ast::cast<ast::UnaryOp>(*e);
        expr(u.operand);
        switch (u.op) {
          case ast::UnaryOperator::Invert:
            emit(Op::UNARY_INVERT, 0);
            break;
          case ast::UnaryOperator::Not:
            emit(Op::UNARY_NOT, 0);
            break;
          case ast::UnaryOperator::UAdd:
            emit(Op::UNARY_POSITIVE, 0);
            break;
          case ast::UnaryOperator::USub:
            emit(Op::UNARY_NEGATIVE, 0);
            break;
        }
        break;
      }
      case K::Lambda: {
        const auto& l = ast::cast<ast::Lambda>(*e);
        std::uint32_t flags = push_defaults(l.args);
        enter(symtable_.scope_for(&l), "<lambda>", child_qualname("<lambda>"), l.lineno);
        u_->code->code_flags |= kCoNewLocals;
        set_arg_counts(u_->code, l.args);
        u_->code->consts.push_back(in_.none);
        emit(Op::RESUME, 0);
        expr(l.body);
        emit(Op::RETURN_VALUE, 0);
        Code* code = leave();
        make_function(code, flags);
        break;
      }
      case K::IfExp: {
        const auto& i = ast::cast<ast::IfExp>(*e);
        int orelse = new_label(), end = new_label();
        expr(i.test);
        jump(Op::POP_JUMP_IF_FALSE, orelse);
        expr(i.body);
        jump(Op::JUMP_FORWARD, end);
        bind(orelse);
        expr(i.orelse);
        bind(end);
        break;
      }
      case K::Dict: {
        const auto& d = ast::cast<ast::Dict>(*e);
        bool has_unpack = false;
        for (auto* k : d.keys) has_unpack |= k == nullptr;
        if (!has_unpack) {
          for (std::size_t i = 0; i < d.keys.size(); ++i) {
            expr(d.keys[i]);
            expr(d.values[i]);
          }
          emit(Op::BUILD_MAP, static_cast<std::uint32_t>(d.keys.size()));
        } else {
          emit(Op::BUILD_MAP, 0);
          for (std::size_t i = 0; i < d.keys.size(); ++i) {
            if (d.keys[i] == nullptr) {
              expr(d.values[i]);
              emit(Op::DICT_UPDATE, 1);
            } else {
              expr(d.keys[i]);
              expr(d.values[i]);
              emit(Op::BUILD_MAP, 1);
              emit(Op::DICT_UPDATE, 1);
            }
          }
        }
        break;
      }
      case K::Set: {
        const auto& elts = ast::cast<ast::Set>(*e).elts;
        // As CPython 3.11: three or more constants become a constant set merged into a new one
        // (BUILD_SET 0, LOAD_CONST, SET_UPDATE), which decides the table's layout (vm/set.h).
        if (Set* folded = constant_set(elts)) {
          emit(Op::BUILD_SET, 0);
          emit_const(Value::object(folded));
          emit(Op::SET_UPDATE, 1);
        } else {
          sequence(elts, Op::BUILD_SET);
        }
        break;
      }
      case K::List:
        sequence(ast::cast<ast::List>(*e).elts, Op::BUILD_LIST);
        break;
      case K::Tuple:
        sequence(ast::cast<ast::Tuple>(*e).elts, Op::BUILD_TUPLE);
        break;
      case K::ListComp: {
        const auto& c = ast::cast<ast::ListComp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<listcomp>", Op::BUILD_LIST);
        break;
      }
      case K::SetComp: {
        const auto& c = ast::cast<ast::SetComp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<setcomp>", Op::BUILD_SET);
        break;
      }
      case K::DictComp: {
        const auto& c = ast::cast<ast::DictComp>(*e);
        comprehension(e, c.generators, c.key, c.value, "<dictcomp>", Op::BUILD_MAP);
        break;
      }
      case K::GeneratorExp: {
        const auto& c = ast::cast<ast::GeneratorExp>(*e);
        comprehension(e, c.generators, c.elt, nullptr, "<genexpr>", Op::NOP);
        break;
      }
      case K::Yield: {
        const auto& y = ast::cast<ast::Yield>(*e);
        if (y.value != nullptr) {
          expr(y.value);
        } else {
          emit_const(in_.none);
        }
        emit(Op::YIELD_VALUE, 0);
        break;
      }
      case K::YieldFrom: {
        // As CPython 3.11: SEND passes each sent value on and jumps out with the delegate's
        // return value; the YIELD_VALUE of a delegation is marked (throw() and close() find the
        // delegate under it, generator.cpp).
        expr(ast::cast<ast::YieldFrom>(*e).value);
        emit(Op::GET_ITER, 0);
        emit_const(in_.none);
        int loop = new_label(), end = new_label();
        bind(loop);
        jump(Op::SEND, end);
        emit(Op::YIELD_VALUE, kYieldFromDelegate);
        jump(Op::JUMP_BACKWARD, loop);
        bind(end);
        break;
      }
      case K::Compare: {
        const auto& c = ast::cast<ast::Compare>(*e);
        expr(c.left);
        if (c.ops.size() == 1) {
          expr(c.comparators[0]);
          compare_op(c.ops[0]);
          break;
        }
        int cleanup = new_label(), end = new_label();
        for (std::size_t i = 0; i < c.ops.size(); ++i) {
          expr(c.comparators[i]);
          if (i + 1 < c.ops.size()) {
            emit(Op::SWAP, 2);
            emit(Op::COPY, 2);
            compare_op(c.ops[i]);
            jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
          } else {
            compare_op(c.ops[i]);
          }
        }
        jump(Op::JUMP_FORWARD, end);
        bind(cleanup);
        emit(Op::SWAP, 2);
        emit(Op::POP_TOP, 0);
        bind(end);
        break;
      }
      case K::Call:
        call(ast::cast<ast::Call>(*e));
        break;
      case K::FormattedValue: {
        const auto& f = ast::cast<ast::FormattedValue>(*e);
        expr(f.value);
        std::uint32_t flags = 0;
        if (f.conversion == 's') flags = kFormatStr;
        if (f.conversion == 'r') flags = kFormatRepr;
        if (f.conversion == 'a') flags = kFormatAscii;
        if (f.format_spec != nullptr) {
          expr(f.format_spec);
          flags |= kFormatSpec;
        }
        emit(Op::FORMAT_VALUE, flags);
        break;
      }
      case K::JoinedStr: {
        const auto& j = ast::cast<ast::JoinedStr>(*e);
        for (auto* v : j.values) expr(v);
        if (j.values.size() != 1)
          emit(Op::BUILD_STRING, static_cast<std::uint32_t>(j.values.size()));
        if (j.values.empty()) {
          emit(Op::POP_TOP, 0);
          emit_const(Value::object(in_.empty_str));
        }
        break;
      }
      case K::Constant:
        emit_const(constant(ast::cast<ast::Constant>(*e)));
        break;
      case K::Attribute: {
        const auto& a = ast::cast<ast::Attribute>(*e);
        expr(a.value);
        emit(Op::LOAD_ATTR, static_cast<std::uint32_t>(name_index(mangled(a.attr))));
        break;
      }
      case K::Subscript: {
        const auto& s = ast::cast<ast::Subscript>(*e);
        expr(s.value);
        expr(s.slice);
        emit(Op::BINARY_SUBSCR, 0);
        if (s.lineno == s.end_lineno && s.value->end_lineno == s.lineno &&
            s.slice->end_lineno == s.lineno) {
          u_->pos.back().anchor_left = s.value->end_col_offset;
          u_->pos.back().anchor_right = s.slice->end_col_offset + 1;
        }
        break;
      }
      case K::Starred:
        error("can't use starred expression here", *e);
      case K::Name:
        name_op(ast::cast<ast::Name>(*e).id, Access::Load);
        break;
      case K::Slice: {
        const auto& s = ast::cast<ast::Slice>(*e);
        if (s.lower != nullptr)
          expr(s.lower);
        else
          emit_const(in_.none);
        if (s.upper != nullptr)
          expr(s.upper);
        else
          emit_const(in_.none);
        if (s.step != nullptr)
          expr(s.step);
        else
          emit_const(in_.none);
        emit(Op::BUILD_SLICE, 3);
        break;
      }
    }
  }

  // Marks the operator of a one-line binary operation, as CPython's traceback does (~~^~~).
  void binop_anchors(const ast::BinOp& b) {
    if (b.lineno != b.end_lineno || b.left->end_lineno != b.lineno || b.right->lineno != b.lineno) {
      return;
    }
    std::string_view src = *source_;
    std::size_t pos = 0;
    for (int i = 1; i < b.lineno && pos != std::string_view::npos; ++i) {
      pos = src.find('\n', pos);
      if (pos != std::string_view::npos) ++pos;
    }
    if (pos == std::string_view::npos) return;
    std::string_view line = src.substr(pos);
    int start = b.left->end_col_offset, stop = b.right->col_offset;
    for (int i = start; i < stop && i < static_cast<int>(line.size()); ++i) {
      char c = line[static_cast<std::size_t>(i)];
      if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') continue;
      int right = i + 1;
      if (i + 1 < stop && line[static_cast<std::size_t>(i) + 1] != ' ' &&
          line[static_cast<std::size_t>(i) + 1] != '\t') {
        ++right;
      }
      u_->pos.back().anchor_left = i;
      u_->pos.back().anchor_right = right;
      if (i + 1 < stop && c == ')') continue;
      break;
    }
  }

  void sequence(const ast::ExprList& elts, Op build) {
    bool starred = false;
    for (auto* x : elts) starred |= x->kind == ast::ExprKind::Starred;
    if (!starred) {
      for (auto* x : elts) expr(x);
      emit(build, static_cast<std::uint32_t>(elts.size()));
      return;
    }
    Op b = build == Op::BUILD_SET ? Op::BUILD_SET : Op::BUILD_LIST;
    emit(b, 0);
    for (auto* x : elts) {
      if (x->kind == ast::ExprKind::Starred) {
        expr(ast::cast<ast::Starred>(*x).value);
        emit(b == Op::BUILD_SET ? Op::SET_UPDATE : Op::LIST_EXTEND, 1);
      } else {
        expr(x);
        emit(b == Op::BUILD_SET ? Op::SET_ADD : Op::LIST_APPEND, 1);
      }
    }
    if (build == Op::BUILD_TUPLE) emit(Op::LIST_TO_TUPLE, 0);
  }

  void call(const ast::Call& c) {
    // Method calls: obj.name(...) -> LOAD_METHOD.
    bool simple_args = true;
    for (auto* a : c.args) simple_args &= a->kind != ast::ExprKind::Starred;
    for (const auto& k : c.keywords) simple_args &= !k.arg.empty();
    if (c.func->kind == ast::ExprKind::Attribute && simple_args) {
      const auto& a = ast::cast<ast::Attribute>(*c.func);
      expr(a.value);
      {
        PosGuard pg(u_, a);
        emit(Op::LOAD_METHOD, static_cast<std::uint32_t>(name_index(mangled(a.attr))));
      }
    } else if (c.func->kind == ast::ExprKind::Name &&
               (u_->scope->resolve(mangled(ast::cast<ast::Name>(*c.func).id)) ==
                    NameScope::GlobalImplicit ||
                u_->scope->resolve(mangled(ast::cast<ast::Name>(*c.func).id)) ==
                    NameScope::GlobalExplicit) &&
               !(ast::cast<ast::Name>(*c.func).id == "__class__")) {
      PosGuard pg(u_, *c.func);
      emit(Op::LOAD_GLOBAL,
           (static_cast<std::uint32_t>(name_index(mangled(ast::cast<ast::Name>(*c.func).id)))
            << 1) |
               1);
    } else {
      emit(Op::PUSH_NULL, 0);
      expr(c.func);
    }
    if (simple_args) {
      for (auto* a : c.args) expr(a);
      call_keywords(c.keywords, static_cast<std::uint32_t>(c.args.size()));
      return;
    }
    // General form: CALL_FUNCTION_EX with a tuple and a dict.
    emit(Op::BUILD_LIST, 0);
    for (auto* a : c.args) {
      if (a->kind == ast::ExprKind::Starred) {
        expr(ast::cast<ast::Starred>(*a).value);
        emit(Op::LIST_EXTEND, 1);
      } else {
        expr(a);
        emit(Op::LIST_APPEND, 1);
      }
    }
    emit(Op::LIST_TO_TUPLE, 0);
    if (c.keywords.empty()) {
      emit(Op::CALL_FUNCTION_EX, 0);
      return;
    }
    emit(Op::BUILD_MAP, 0);
    for (const auto& k : c.keywords) {
      if (k.arg.empty()) {
        expr(k.value);
        emit(Op::DICT_MERGE, 1);
      } else {
        emit_const(Value::object(in_.intern(k.arg)));
        expr(k.value);
        emit(Op::BUILD_MAP, 1);
        emit(Op::DICT_MERGE, 1);
      }
    }
    emit(Op::CALL_FUNCTION_EX, 1);
  }

  // Pushes keyword values (all named) and emits KW_NAMES + CALL for `npos` positional values.
  void call_keywords(const std::vector<ast::Keyword>& kws, std::uint32_t npos) {
    for (const auto& k : kws) {
      if (k.arg.empty()) error("**kwargs in a class header is not supported", k);
      expr(k.value);
    }
    if (!kws.empty()) {
      Tuple* names_tuple = make_tuple(t_, static_cast<std::int64_t>(kws.size()));
      for (std::size_t i = 0; i < kws.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (kws[j].arg == kws[i].arg) error("keyword argument repeated: " + kws[i].arg, kws[i]);
        }
        names_tuple->items()[i] = Value::object(in_.intern(kws[i].arg));
      }
      u_->code->consts.push_back(Value::object(names_tuple));
      emit(Op::KW_NAMES, static_cast<std::uint32_t>(u_->code->consts.size() - 1));
    }
    emit(Op::CALL, npos + static_cast<std::uint32_t>(kws.size()));
  }

  void comprehension(const ast::Expr* node, const std::vector<ast::Comprehension>& gens,
                     const ast::Expr* elt, const ast::Expr* value, const char* name, Op build) {
    Scope* scope = symtable_.scope_for(node);
    enter(scope, name, child_qualname(name), node->lineno);
    u_->code->code_flags |= kCoNewLocals;
    u_->code->argcount = 1;
    u_->cur = Position{node->lineno, node->end_lineno, node->col_offset, node->end_col_offset};
    emit(Op::RESUME, 0);
    if (build != Op::NOP) emit(build, 0);
    std::vector<int> loops, ends;
    for (std::size_t i = 0; i < gens.size(); ++i) {
      const ast::Comprehension& g = gens[i];
      if (i == 0) {
        emit(Op::LOAD_FAST, 0);
      } else {
        expr(g.iter);
        emit(Op::GET_ITER, 0);
      }
      int loop = new_label(), end = new_label();
      bind(loop);
      jump(Op::FOR_ITER, end);
      store_target(g.target, Access::Store);
      for (auto* cond : g.ifs) {
        expr(cond);
        jump(Op::POP_JUMP_IF_FALSE, loop);
      }
      loops.push_back(loop);
      ends.push_back(end);
    }
    auto depth = static_cast<std::uint32_t>(gens.size() + 1);
    if (build == Op::NOP) {
      expr(elt);
      emit(Op::YIELD_VALUE, 0);
      emit(Op::POP_TOP, 0);
    } else if (build == Op::BUILD_MAP) {
      expr(elt);
      expr(value);
      emit(Op::MAP_ADD, depth);
    } else {
      expr(elt);
      emit(build == Op::BUILD_LIST ? Op::LIST_APPEND : Op::SET_ADD, depth);
    }
    for (std::size_t i = gens.size(); i-- > 0;) {
      jump(Op::JUMP_BACKWARD, loops[i]);
      bind(ends[i]);
    }
    if (build == Op::NOP) emit_const(in_.none);
    emit(Op::RETURN_VALUE, 0);
    u_->code->code_flags |= kCoComprehension;
    Code* code = leave();
    make_function(code, 0);
    expr(gens[0].iter);
    emit(Op::GET_ITER, kLoopIterable);
    emit(Op::CALL, 0);
  }

  Thread& t_;
  Interpreter& in_;
  std::shared_ptr<const std::string> source_;
  std::string filename_;
  Str* filename_str_ = nullptr;
  Symtable symtable_;
  bool future_annotations_ = false;  // `from __future__ import annotations` seen
  std::vector<std::unique_ptr<Unit>> stack_;
  Unit* u_ = nullptr;
};

}  // namespace

CompileResult compile_module(Thread& t, const ast::Module& module,
                             std::shared_ptr<const std::string> source, std::string_view filename) {
  Compiler c(t, std::move(source), filename);
  return c.compile(module);
}

}  // namespace interleave::vm
