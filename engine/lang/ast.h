// The abstract syntax tree of Interleave's Python subset, modelled on CPython 3.11's `ast` module:
// same node names, same fields, same positions (lineno 1-based, col_offset 0-based in UTF-8 bytes,
// end_* exclusive). Nodes live in an Arena owned by their Module; links between nodes are plain
// non-owning pointers, so a tree is freed in one flat sweep whatever its depth. A finished Module
// is immutable and may be read from any thread; only the parser (one thread) builds it.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace interleave::lang::ast {

// ---------------------------------------------------------------------------------------------
// Node kinds. One X-macro list per category generates the Kind enums and their names, so a
// `switch (node->kind)` over them is checked for completeness by -Wswitch.
// ---------------------------------------------------------------------------------------------
// clang-format off
#define INTERLEAVE_AST_STMT_KINDS(X)                                                        \
  X(FunctionDef) X(ClassDef) X(Return) X(Delete) X(Assign) X(AugAssign) X(AnnAssign) X(For)  \
  X(While) X(If) X(With) X(Raise) X(Try) X(Assert) X(Import) X(ImportFrom) X(Global)         \
  X(Nonlocal) X(Expr) X(Pass) X(Break) X(Continue)

#define INTERLEAVE_AST_EXPR_KINDS(X)                                                        \
  X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict) X(Set) X(ListComp)  \
  X(SetComp) X(DictComp) X(GeneratorExp) X(Yield) X(YieldFrom) X(Compare) X(Call)           \
  X(FormattedValue) X(JoinedStr) X(Constant) X(Attribute) X(Subscript) X(Starred) X(Name)   \
  X(List) X(Tuple) X(Slice)
// clang-format on

#define INTERLEAVE_AST_ENUM_ITEM(name) name,
enum class StmtKind : std::uint8_t { INTERLEAVE_AST_STMT_KINDS(INTERLEAVE_AST_ENUM_ITEM) };
enum class ExprKind : std::uint8_t { INTERLEAVE_AST_EXPR_KINDS(INTERLEAVE_AST_ENUM_ITEM) };
#undef INTERLEAVE_AST_ENUM_ITEM

// "FunctionDef", "BinOp", ...: the CPython class name (the Expr statement is "Expr").
const char* kind_name(StmtKind kind);
const char* kind_name(ExprKind kind);

// ---------------------------------------------------------------------------------------------
// Operators and contexts (CPython: boolop, operator, unaryop, cmpop, expr_context)
// ---------------------------------------------------------------------------------------------
enum class BoolOperator : std::uint8_t { And, Or };
enum class BinOperator : std::uint8_t {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd,
  FloorDiv
};
enum class UnaryOperator : std::uint8_t { Invert, Not, UAdd, USub };
enum class CmpOperator : std::uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
// Load: read it; Store: assign to it; Del: `del` it.
enum class ExprContext : std::uint8_t { Load, Store, Del };

const char* op_name(BoolOperator op);   // "And"
const char* op_name(BinOperator op);    // "Add"
const char* op_name(UnaryOperator op);  // "USub"
const char* op_name(CmpOperator op);    // "NotIn"
const char* op_symbol(
    BinOperator op);  // "+", "//", ... (for messages such as "unsupported operand")
const char* op_symbol(CmpOperator op);  // "==", "not in", ...

// ---------------------------------------------------------------------------------------------
// Base classes
// ---------------------------------------------------------------------------------------------
struct Node {
  Node() = default;
  Node(const Node&) = default;
  Node& operator=(const Node&) = default;
  virtual ~Node() = default;

  std::int32_t lineno = 0;          // 1-based
  std::int32_t col_offset = 0;      // 0-based, in UTF-8 bytes from the start of the line
  std::int32_t end_lineno = 0;      // line of the last character
  std::int32_t end_col_offset = 0;  // one past the last character, in UTF-8 bytes
};

struct Stmt : Node {
  explicit Stmt(StmtKind k) : kind(k) {}
  const StmtKind kind;
};

struct Expr : Node {
  explicit Expr(ExprKind k) : kind(k) {}
  const ExprKind kind;
};

// Every concrete node derives from one of these, which gives it a static `kKind` for cast<>.
template <StmtKind K>
struct StmtOf : Stmt {
  static constexpr StmtKind kKind = K;
  StmtOf() : Stmt(K) {}
};
template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind kKind = K;
  ExprOf() : Expr(K) {}
};

using StmtList = std::vector<Stmt*>;
using ExprList = std::vector<Expr*>;

// ---------------------------------------------------------------------------------------------
// Helper nodes (stored by value inside their parents)
// ---------------------------------------------------------------------------------------------
// One parameter: `name: annotation`. Positions span the parameter.
struct Arg : Node {
  std::string arg;
  Expr* annotation = nullptr;  // parsed, ignored by Interleave
};

// A parameter list. Defaults belong to the LAST len(defaults) of posonlyargs + args, as in CPython;
// kw_defaults is parallel to kwonlyargs, nullptr where a keyword-only parameter has no default.
// Positions are unused (CPython's `arguments` has none).
struct Arguments : Node {
  std::vector<Arg> posonlyargs;  // before `/`
  std::vector<Arg> args;
  std::optional<Arg> vararg;  // *name
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;
  std::optional<Arg> kwarg;  // **name
  ExprList defaults;
};

// A keyword argument in a call or class header: `arg=value`, or `**value` when arg is empty.
struct Keyword : Node {
  std::string arg;
  Expr* value = nullptr;
};

// `import name as asname` / `from m import name as asname`; name may be dotted ("os.path") or "*".
struct Alias : Node {
  std::string name;
  std::string asname;  // empty: no `as`
};

// One item of a `with` statement. Positions are unused (as in CPython).
struct WithItem : Node {
  Expr* context_expr = nullptr;
  Expr* optional_vars = nullptr;  // the `as` target, or nullptr
};

// `except type as name: body`
struct ExceptHandler : Node {
  Expr* type = nullptr;  // nullptr for a bare `except:`
  std::string name;      // empty: no `as`
  StmtList body;
};

// `for target in iter if ifs...` inside a comprehension. Positions are unused (as in CPython).
struct Comprehension : Node {
  Expr* target = nullptr;
  Expr* iter = nullptr;
  ExprList ifs;
};

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------
struct FunctionDef final : StmtOf<StmtKind::FunctionDef> {
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorator_list;  // outermost first, as written
  Expr* returns = nullptr;  // the `-> annotation`: parsed, ignored
  // The node's lineno is the `def` line (not the first decorator's), as in CPython 3.8+.
};

struct ClassDef final : StmtOf<StmtKind::ClassDef> {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;  // metaclass=..., **kw
  StmtList body;
  ExprList decorator_list;
};

struct Return final : StmtOf<StmtKind::Return> {
  Expr* value = nullptr;  // nullptr: bare `return`
};

struct Delete final : StmtOf<StmtKind::Delete> {
  ExprList targets;  // each with ctx Del
};

// `a = b = value`: targets are [a, b], each with ctx Store.
struct Assign final : StmtOf<StmtKind::Assign> {
  ExprList targets;
  Expr* value = nullptr;
};

struct AugAssign final : StmtOf<StmtKind::AugAssign> {
  Expr* target = nullptr;  // Name, Attribute or Subscript with ctx Store
  BinOperator op = BinOperator::Add;
  Expr* value = nullptr;
};

// `target: annotation = value`. simple is true when target is a bare Name not in parentheses.
struct AnnAssign final : StmtOf<StmtKind::AnnAssign> {
  Expr* target = nullptr;
  Expr* annotation = nullptr;
  Expr* value = nullptr;  // nullptr: declaration only
  bool simple = false;
};

struct For final : StmtOf<StmtKind::For> {
  Expr* target = nullptr;
  Expr* iter = nullptr;
  StmtList body;
  StmtList orelse;
};

struct While final : StmtOf<StmtKind::While> {
  Expr* test = nullptr;
  StmtList body;
  StmtList orelse;
};

// `elif` is an If nested alone in orelse, as in CPython.
struct If final : StmtOf<StmtKind::If> {
  Expr* test = nullptr;
  StmtList body;
  StmtList orelse;
};

struct With final : StmtOf<StmtKind::With> {
  std::vector<WithItem> items;
  StmtList body;
};

struct Raise final : StmtOf<StmtKind::Raise> {
  Expr* exc = nullptr;    // nullptr: bare `raise`
  Expr* cause = nullptr;  // `from cause`
};

struct Try final : StmtOf<StmtKind::Try> {
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse;
  StmtList finalbody;
};

struct Assert final : StmtOf<StmtKind::Assert> {
  Expr* test = nullptr;
  Expr* msg = nullptr;
};

struct Import final : StmtOf<StmtKind::Import> {
  std::vector<Alias> names;
};

// `from ..pkg.mod import a, b as c`: module "pkg.mod" (empty for `from . import x`), level 2.
struct ImportFrom final : StmtOf<StmtKind::ImportFrom> {
  std::string module;
  std::vector<Alias> names;
  int level = 0;
};

struct Global final : StmtOf<StmtKind::Global> {
  std::vector<std::string> names;
};

struct Nonlocal final : StmtOf<StmtKind::Nonlocal> {
  std::vector<std::string> names;
};

// An expression statement (CPython's `Expr`; renamed because Expr is the expression base class).
struct ExprStmt final : StmtOf<StmtKind::Expr> {
  Expr* value = nullptr;
};

struct Pass final : StmtOf<StmtKind::Pass> {};
struct Break final : StmtOf<StmtKind::Break> {};
struct Continue final : StmtOf<StmtKind::Continue> {};

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------
// `a and b and c` is one BoolOp with three values.
struct BoolOp final : ExprOf<ExprKind::BoolOp> {
  BoolOperator op = BoolOperator::And;
  ExprList values;
};

// `target := value`; target is a Name with ctx Store.
struct NamedExpr final : ExprOf<ExprKind::NamedExpr> {
  Expr* target = nullptr;
  Expr* value = nullptr;
};

struct BinOp final : ExprOf<ExprKind::BinOp> {
  Expr* left = nullptr;
  BinOperator op = BinOperator::Add;
  Expr* right = nullptr;
};

struct UnaryOp final : ExprOf<ExprKind::UnaryOp> {
  UnaryOperator op = UnaryOperator::Not;
  Expr* operand = nullptr;
};

struct Lambda final : ExprOf<ExprKind::Lambda> {
  Arguments args;
  Expr* body = nullptr;
};

// `body if test else orelse`
struct IfExp final : ExprOf<ExprKind::IfExp> {
  Expr* test = nullptr;
  Expr* body = nullptr;
  Expr* orelse = nullptr;
};

// keys[i] is nullptr for a `**values[i]` entry.
struct Dict final : ExprOf<ExprKind::Dict> {
  ExprList keys;
  ExprList values;
};

struct Set final : ExprOf<ExprKind::Set> {
  ExprList elts;
};

struct ListComp final : ExprOf<ExprKind::ListComp> {
  Expr* elt = nullptr;
  std::vector<Comprehension> generators;
};

struct SetComp final : ExprOf<ExprKind::SetComp> {
  Expr* elt = nullptr;
  std::vector<Comprehension> generators;
};

struct DictComp final : ExprOf<ExprKind::DictComp> {
  Expr* key = nullptr;
  Expr* value = nullptr;
  std::vector<Comprehension> generators;
};

struct GeneratorExp final : ExprOf<ExprKind::GeneratorExp> {
  Expr* elt = nullptr;
  std::vector<Comprehension> generators;
};

// Parsed wherever CPython parses them; whether they are allowed is the compiler's decision.
struct Yield final : ExprOf<ExprKind::Yield> {
  Expr* value = nullptr;  // nullptr: bare `yield`
};

struct YieldFrom final : ExprOf<ExprKind::YieldFrom> {
  Expr* value = nullptr;
};

// `left ops[0] comparators[0] ops[1] comparators[1] ...` (chained comparison).
struct Compare final : ExprOf<ExprKind::Compare> {
  Expr* left = nullptr;
  std::vector<CmpOperator> ops;
  ExprList comparators;
};

// `func(args..., keywords...)`; `*x` in args is a Starred, `**x` a Keyword with empty arg.
struct Call final : ExprOf<ExprKind::Call> {
  Expr* func = nullptr;
  ExprList args;
  std::vector<Keyword> keywords;
};

// One `{value!conversion:format_spec}` field of an f-string.
struct FormattedValue final : ExprOf<ExprKind::FormattedValue> {
  static constexpr int kNoConversion = -1;
  Expr* value = nullptr;
  int conversion = kNoConversion;  // -1, or 's', 'r', 'a' (the character's code, as in CPython)
  Expr* format_spec = nullptr;     // a JoinedStr, or nullptr
};

// An f-string (after implicit concatenation): Constant str parts and FormattedValue fields.
struct JoinedStr final : ExprOf<ExprKind::JoinedStr> {
  ExprList values;
};

enum class ConstantKind : std::uint8_t { None, Bool, Ellipsis, Int, Float, Str, Bytes };

struct Constant final : ExprOf<ExprKind::Constant> {
  ConstantKind value_kind = ConstantKind::None;
  bool bool_value = false;  // Bool
  // Int: int_value is exact when int_fits; int_digits always holds the literal as written minus
  // `_` separators, base prefix kept and lowercased ("0x1f", "0o17", "0b101", "123"), so that
  // arbitrary precision can be added later without touching the parser.
  std::int64_t int_value = 0;
  bool int_fits = true;
  std::string int_digits;
  double float_value = 0.0;  // Float
  // Str: the value in UTF-8 (a lone surrogate from "\ud800" is kept as its 3-byte generalised
  // UTF-8 form); Bytes: the raw bytes.
  std::string str_value;
};

struct Attribute final : ExprOf<ExprKind::Attribute> {
  Expr* value = nullptr;
  std::string attr;
  ExprContext ctx = ExprContext::Load;
};

// `value[slice]`; slice is a Slice, a Tuple (`a[1:2, 3]`) or any expression.
struct Subscript final : ExprOf<ExprKind::Subscript> {
  Expr* value = nullptr;
  Expr* slice = nullptr;
  ExprContext ctx = ExprContext::Load;
};

// `*value` in a call, a display or an assignment target.
struct Starred final : ExprOf<ExprKind::Starred> {
  Expr* value = nullptr;
  ExprContext ctx = ExprContext::Load;
};

struct Name final : ExprOf<ExprKind::Name> {
  std::string id;
  ExprContext ctx = ExprContext::Load;
};

struct List final : ExprOf<ExprKind::List> {
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};

struct Tuple final : ExprOf<ExprKind::Tuple> {
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};

// `lower:upper:step` inside a subscript; any part may be nullptr.
struct Slice final : ExprOf<ExprKind::Slice> {
  Expr* lower = nullptr;
  Expr* upper = nullptr;
  Expr* step = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Ownership
// ---------------------------------------------------------------------------------------------
// Owns every node of one tree. Destroying it frees the nodes one by one (no recursion), so the
// depth of a tree never threatens the C++ stack here.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  template <class T>
  T* make() {
    auto node = std::make_unique<T>();
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  std::size_t size() const { return nodes_.size(); }
  // The i-th node made (in creation order), for passes over everything a parse produced.
  Node& node(std::size_t i) { return *nodes_[i]; }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

// The root (CPython's `Module`). Movable, not copyable.
struct Module {
  StmtList body;
  Arena arena;
};

// ---------------------------------------------------------------------------------------------
// Visitation: switch on `kind`, then cast. cast<> checks the kind in debug builds; dyn_cast<>
// returns nullptr when the kind differs.
//   switch (e->kind) {
//     case ExprKind::BinOp: { const auto& b = cast<BinOp>(*e); ... }
// ---------------------------------------------------------------------------------------------
template <class T>
const T& cast(const Expr& e) {
  static_assert(std::is_base_of_v<Expr, T>);
  assert(e.kind == T::kKind);
  return static_cast<const T&>(e);
}
template <class T>
T& cast(Expr& e) {
  static_assert(std::is_base_of_v<Expr, T>);
  assert(e.kind == T::kKind);
  return static_cast<T&>(e);
}
template <class T>
const T& cast(const Stmt& s) {
  static_assert(std::is_base_of_v<Stmt, T>);
  assert(s.kind == T::kKind);
  return static_cast<const T&>(s);
}
template <class T>
T& cast(Stmt& s) {
  static_assert(std::is_base_of_v<Stmt, T>);
  assert(s.kind == T::kKind);
  return static_cast<T&>(s);
}
template <class T>
const T* dyn_cast(const Expr* e) {
  return e != nullptr && e->kind == T::kKind ? static_cast<const T*>(e) : nullptr;
}
template <class T>
T* dyn_cast(Expr* e) {
  return e != nullptr && e->kind == T::kKind ? static_cast<T*>(e) : nullptr;
}
template <class T>
const T* dyn_cast(const Stmt* s) {
  return s != nullptr && s->kind == T::kKind ? static_cast<const T*>(s) : nullptr;
}
template <class T>
T* dyn_cast(Stmt* s) {
  return s != nullptr && s->kind == T::kKind ? static_cast<T*>(s) : nullptr;
}

}  // namespace interleave::lang::ast
