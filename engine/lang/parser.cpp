// The parser: tokens -> AST, plus the choice of which SyntaxError to report, following CPython
// 3.11 (Parser/pegen_errors.c): a tokenizer error anywhere wins; an unclosed bracket at end of
// input wins over errors on later lines; otherwise the parser's specific error, or "invalid
// syntax" at the furthest token read. Sections: [tokens] [errors] [statements] [targets]
// [expressions] [entry point]. Any thread (one Parser per call).
#include "lang/parser.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "lang/parser_impl.h"

namespace interleave::lang::detail {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;

namespace {

// CPython's _PyPegen_get_expr_name: how messages name an expression.
std::string expr_name(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Constant: {
      const auto& c = ast::cast<ast::Constant>(*e);
      switch (c.value_kind) {
        case ast::ConstantKind::None: return "None";
        case ast::ConstantKind::Bool: return c.bool_value ? "True" : "False";
        case ast::ConstantKind::Ellipsis: return "ellipsis";
        default: return "literal";
      }
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
  }
  return "expression";
}

// Expressions CPython's `bitwise_or` rule can produce (no comparison, not, and/or, if-else,
// lambda, star, walrus, yield).
bool is_bitwise_or_level(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Compare:
    case ExprKind::BoolOp:
    case ExprKind::IfExp:
    case ExprKind::Lambda:
    case ExprKind::Starred:
    case ExprKind::NamedExpr:
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return false;
    case ExprKind::UnaryOp: return ast::cast<ast::UnaryOp>(*e).op != ast::UnaryOperator::Not;
    default: return true;
  }
}

bool is_bare_tuple(const Expr* e) {
  if (e->kind != ExprKind::Tuple) return false;
  const auto& t = ast::cast<ast::Tuple>(*e);
  return !t.elts.empty() && t.elts[0]->lineno == e->lineno &&
         t.elts[0]->col_offset == e->col_offset;
}

std::optional<ast::BinOperator> binop_of(TokenKind k, int* prec) {
  using ast::BinOperator;
  switch (k) {
    case TokenKind::VBar: *prec = 1; return BinOperator::BitOr;
    case TokenKind::Circumflex: *prec = 2; return BinOperator::BitXor;
    case TokenKind::Amper: *prec = 3; return BinOperator::BitAnd;
    case TokenKind::LeftShift: *prec = 4; return BinOperator::LShift;
    case TokenKind::RightShift: *prec = 4; return BinOperator::RShift;
    case TokenKind::Plus: *prec = 5; return BinOperator::Add;
    case TokenKind::Minus: *prec = 5; return BinOperator::Sub;
    case TokenKind::Star: *prec = 6; return BinOperator::Mult;
    case TokenKind::Slash: *prec = 6; return BinOperator::Div;
    case TokenKind::DoubleSlash: *prec = 6; return BinOperator::FloorDiv;
    case TokenKind::Percent: *prec = 6; return BinOperator::Mod;
    case TokenKind::At: *prec = 6; return BinOperator::MatMult;
    default: return std::nullopt;
  }
}

std::optional<ast::BinOperator> augassign_of(TokenKind k) {
  using ast::BinOperator;
  switch (k) {
    case TokenKind::PlusEqual: return BinOperator::Add;
    case TokenKind::MinEqual: return BinOperator::Sub;
    case TokenKind::StarEqual: return BinOperator::Mult;
    case TokenKind::AtEqual: return BinOperator::MatMult;
    case TokenKind::SlashEqual: return BinOperator::Div;
    case TokenKind::PercentEqual: return BinOperator::Mod;
    case TokenKind::AmperEqual: return BinOperator::BitAnd;
    case TokenKind::VBarEqual: return BinOperator::BitOr;
    case TokenKind::CircumflexEqual: return BinOperator::BitXor;
    case TokenKind::LeftShiftEqual: return BinOperator::LShift;
    case TokenKind::RightShiftEqual: return BinOperator::RShift;
    case TokenKind::DoubleStarEqual: return BinOperator::Pow;
    case TokenKind::DoubleSlashEqual: return BinOperator::FloorDiv;
    default: return std::nullopt;
  }
}

}  // namespace

Parser::Parser(const std::vector<Token>& tokens, std::string_view source,
               std::string_view filename, ast::Arena& arena)
    : toks_(tokens), source_(source), filename_(filename), arena_(arena) {}

// ---------------------------------------------------------------------------------------------
// [tokens]
// ---------------------------------------------------------------------------------------------
const Token& Parser::peek(std::size_t k) {
  std::size_t i = std::min(pos_ + k, toks_.size() - 1);
  furthest_ = std::max(furthest_, i);
  return toks_[i];
}

const Token& Parser::advance() {
  const Token& t = peek();
  if (pos_ + 1 < toks_.size()) ++pos_;
  return t;
}

bool Parser::accept(TokenKind k) {
  if (!at(k)) return false;
  advance();
  return true;
}

bool Parser::at_name(std::string_view text) { return at(TokenKind::Name) && peek().text == text; }

bool Parser::starts_expression(std::size_t k) {
  switch (kind(k)) {
    case TokenKind::Name:
    case TokenKind::Number:
    case TokenKind::String:
    case TokenKind::LPar:
    case TokenKind::LSqb:
    case TokenKind::LBrace:
    case TokenKind::Minus:
    case TokenKind::Plus:
    case TokenKind::Tilde:
    case TokenKind::Not:
    case TokenKind::Lambda:
    case TokenKind::None:
    case TokenKind::True:
    case TokenKind::False:
    case TokenKind::Ellipsis:
    case TokenKind::Await: return true;
    default: return false;
  }
}

bool Parser::is_eof_token(const Token& t) const {
  if (t.kind == TokenKind::EndMarker || t.kind == TokenKind::Error) return true;
  if (t.kind != TokenKind::Dedent) return false;
  // Dedents at end of input are followed only by more dedents and the end marker.
  const Token* p = &t;
  while (p->kind == TokenKind::Dedent) ++p;
  return p->kind == TokenKind::EndMarker;
}

void Parser::restore(const Snapshot& s) {
  pos_ = s.pos;
  furthest_ = s.furthest;
  depth_ = s.depth;
  failed_ = s.failed;
  error_ = s.error;
}

// ---------------------------------------------------------------------------------------------
// [errors]
// ---------------------------------------------------------------------------------------------
std::nullptr_t Parser::fail() {
  failed_ = true;
  return nullptr;
}

std::nullptr_t Parser::fail_range(int lineno, int col, int end_lineno, int end_col,
                                  std::string msg, SyntaxErrorType type) {
  if (failed_) return nullptr;
  failed_ = true;
  if (fstring_anchor_ != nullptr) msg = "f-string: " + msg;
  error_ = make_syntax_error(type, std::move(msg), source_, filename_, lineno, col, end_lineno,
                             end_col);
  return nullptr;
}

std::nullptr_t Parser::fail_token(const Token& t, std::string msg, SyntaxErrorType type) {
  // Tokens without a position in CPython (INDENT, DEDENT, ENDMARKER) are located at the
  // tokenizer's cursor: the first character of the line, or the end of the input.
  if (is_eof_token(t)) {
    return fail_range(t.lineno, t.col_offset, t.lineno, -1, std::move(msg), type);
  }
  if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) {
    return fail_range(t.lineno, t.col_offset - 1, t.lineno, -1, std::move(msg), type);
  }
  return fail_range(t.lineno, t.col_offset, t.end_lineno, t.end_col_offset, std::move(msg), type);
}

std::nullptr_t Parser::fail_at_last(std::string msg, SyntaxErrorType type) {
  return fail_token(toks_[furthest_], std::move(msg), type);
}

std::nullptr_t Parser::fail_node(const ast::Node* n, std::string msg) {
  return fail_range(n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, std::move(msg));
}

std::nullptr_t Parser::fail_nodes(const ast::Node* a, const ast::Node* b, std::string msg) {
  return fail_range(a->lineno, a->col_offset, b->end_lineno, b->end_col_offset, std::move(msg));
}

std::nullptr_t Parser::expect(TokenKind k) {
  if (!accept(k)) fail();
  return nullptr;
}

std::nullptr_t Parser::expect_forced(TokenKind k) {
  if (!accept(k)) fail_token(peek(), std::string("expected '") + token_spelling(k) + "'");
  return nullptr;
}

bool Parser::enter() {
  if (++depth_ > kMaxNesting) {
    fail_token(peek(), "too many nested expressions (Interleave's parser limit is " +
                           std::to_string(kMaxNesting) + ")");
    return false;
  }
  return true;
}

bool Parser::unsupported(const Token& t, const std::string& what) {
  fail_token(t, what + " is not supported by Interleave");
  return false;
}

SyntaxError Parser::error() const {
  if (error_) return *error_;
  const Token& t = toks_[furthest_];
  Parser& self = const_cast<Parser&>(*this);
  self.failed_ = false;
  if (t.kind == TokenKind::Indent) {
    self.fail_token(t, "unexpected indent", SyntaxErrorType::IndentationError);
  } else if (t.kind == TokenKind::Dedent && !is_eof_token(t)) {
    self.fail_token(t, "unexpected unindent", SyntaxErrorType::IndentationError);
  } else {
    self.fail_token(t, "invalid syntax");
  }
  SyntaxError e = *self.error_;
  self.error_.reset();
  self.failed_ = true;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Node helpers
// ---------------------------------------------------------------------------------------------
void Parser::finish(ast::Node* n, const Token& last) {
  n->end_lineno = last.end_lineno;
  n->end_col_offset = last.end_col_offset;
}

void Parser::finish(ast::Node* n, const ast::Node* last) {
  n->end_lineno = last->end_lineno;
  n->end_col_offset = last->end_col_offset;
}

void Parser::copy_pos(ast::Node* n, const ast::Node* from) {
  n->lineno = from->lineno;
  n->col_offset = from->col_offset;
  n->end_lineno = from->end_lineno;
  n->end_col_offset = from->end_col_offset;
}

// ---------------------------------------------------------------------------------------------
// [statements]
// ---------------------------------------------------------------------------------------------
bool Parser::parse_file(ast::StmtList& body) {
  while (!at(TokenKind::EndMarker)) {
    if (!parse_statement(body)) return false;
  }
  return true;
}

bool Parser::parse_statement(ast::StmtList& out) {
  switch (kind()) {
    case TokenKind::Def:
    case TokenKind::If:
    case TokenKind::Class:
    case TokenKind::With:
    case TokenKind::For:
    case TokenKind::Try:
    case TokenKind::While:
    case TokenKind::At:
    case TokenKind::Async: {
      Stmt* s = parse_compound();
      if (!s) return false;
      out.push_back(s);
      return true;
    }
    case TokenKind::Name:
      // `match subject:` NEWLINE INDENT `case`: a match statement (soft keyword).
      if (peek().text == "match" && kind(1) != TokenKind::Equal && kind(1) != TokenKind::Dot &&
          kind(1) != TokenKind::Newline) {
        std::size_t i = pos_ + 1;
        int level = toks_[pos_].level;
        while (i + 2 < toks_.size() && toks_[i].kind != TokenKind::Newline) ++i;
        if (i + 2 < toks_.size() && toks_[i - 1].kind == TokenKind::Colon &&
            toks_[i - 1].level == level && toks_[i + 1].kind == TokenKind::Indent &&
            toks_[i + 2].kind == TokenKind::Name && toks_[i + 2].text == "case") {
          return unsupported(peek(), "the 'match' statement");
        }
      }
      return parse_simple_statements(out);
    default: return parse_simple_statements(out);
  }
}

bool Parser::parse_simple_statements(ast::StmtList& out) {
  for (;;) {
    Stmt* s = parse_simple_statement();
    if (!s) return false;
    out.push_back(s);
    if (!accept(TokenKind::Semi)) break;
    if (at(TokenKind::Newline)) break;
  }
  if (!accept(TokenKind::Newline)) {
    fail();
    return false;
  }
  return true;
}

Stmt* Parser::parse_simple_statement() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::Return: return parse_return();
    case TokenKind::Import: return parse_import();
    case TokenKind::From: return parse_from_import();
    case TokenKind::Raise: return parse_raise();
    case TokenKind::Del: return parse_del();
    case TokenKind::Assert: return parse_assert();
    case TokenKind::Global:
    case TokenKind::Nonlocal: return parse_global_or_nonlocal();
    case TokenKind::Pass: advance(); return make<ast::Pass>(t);
    case TokenKind::Break: advance(); return make<ast::Break>(t);
    case TokenKind::Continue: advance(); return make<ast::Continue>(t);
    default: return parse_expression_statement();
  }
}

Stmt* Parser::parse_expression_statement() {
  const Token& first = peek();
  Expr* e = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
  if (!e) return nullptr;

  if (at(TokenKind::Colon)) {  // annotated assignment
    bool simple = false;
    if (e->kind == ExprKind::Name) {
      simple = first.kind == TokenKind::Name;
    } else if (e->kind == ExprKind::Tuple || e->kind == ExprKind::List) {
      const auto& elts = e->kind == ExprKind::Tuple ? ast::cast<ast::Tuple>(*e).elts
                                                    : ast::cast<ast::List>(*e).elts;
      std::string what = e->kind == ExprKind::Tuple ? "tuple" : "list";
      const ast::Node* where = is_bare_tuple(e) ? static_cast<const ast::Node*>(elts[0]) : e;
      return fail_node(where, "only single target (not " + what + ") can be annotated");
    } else if (e->kind != ExprKind::Attribute && e->kind != ExprKind::Subscript) {
      return fail_node(e, "illegal target for annotation");
    }
    advance();
    auto* s = make<ast::AnnAssign>(e);
    set_context(e, ast::ExprContext::Store);
    s->target = e;
    s->simple = simple;
    s->annotation = parse_expression();
    if (!s->annotation) return nullptr;
    finish(s, s->annotation);
    if (accept(TokenKind::Equal)) {
      s->value = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
      if (!s->value) return nullptr;
      finish(s, s->value);
    }
    return s;
  }

  if (auto op = augassign_of(kind())) {
    if (e->kind != ExprKind::Name && e->kind != ExprKind::Attribute &&
        e->kind != ExprKind::Subscript) {
      return fail_node(e, "'" + expr_name(e) + "' is an illegal expression for augmented assignment");
    }
    advance();
    auto* s = make<ast::AugAssign>(e);
    set_context(e, ast::ExprContext::Store);
    s->target = e;
    s->op = *op;
    s->value = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
    if (!s->value) return nullptr;
    finish(s, s->value);
    return s;
  }

  if (at(TokenKind::Equal)) {
    std::vector<Expr*> parts{e};
    bool first_value_single = false;  // the part after the first `=` is `bitwise_or` then not `=`
    while (accept(TokenKind::Equal)) {
      Expr* v = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
      if (!v) return nullptr;
      if (parts.size() == 1) {
        const Expr* head = is_bare_tuple(v) ? ast::cast<ast::Tuple>(*v).elts[0] : v;
        first_value_single = is_bitwise_or_level(head) &&
                             (is_bare_tuple(v) || (!at(TokenKind::Equal) &&
                                                   !at(TokenKind::ColonEqual)));
      }
      parts.push_back(v);
    }
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      Expr* target = parts[i];
      if (target->kind == ExprKind::Yield || target->kind == ExprKind::YieldFrom) {
        return fail_node(target, "assignment to yield expression not possible");
      }
      Expr* bad = set_context(target, ast::ExprContext::Store);
      if (!bad) continue;
      // CPython's invalid_named_expression fires first when the bad target sits right before the
      // first `=`: it then suggests `==`.
      const Expr* last = is_bare_tuple(target) ? ast::cast<ast::Tuple>(*target).elts.back() : target;
      bool literal_like = bad->kind == ExprKind::List || bad->kind == ExprKind::Tuple ||
                          bad->kind == ExprKind::GeneratorExp ||
                          (bad->kind == ExprKind::Constant &&
                           (ast::cast<ast::Constant>(*bad).value_kind == ast::ConstantKind::None ||
                            ast::cast<ast::Constant>(*bad).value_kind == ast::ConstantKind::Bool));
      if (i == 0 && last == bad && is_bitwise_or_level(bad) && !literal_like && first_value_single) {
        return fail_node(bad, "cannot assign to " + expr_name(bad) +
                                  " here. Maybe you meant '==' instead of '='?");
      }
      return fail_invalid_target(bad, false);
    }
    auto* s = make<ast::Assign>(e);
    s->targets.assign(parts.begin(), parts.end() - 1);
    s->value = parts.back();
    finish(s, s->value);
    return s;
  }

  auto* s = make<ast::ExprStmt>(e);
  s->value = e;
  return s;
}

Stmt* Parser::parse_return() {
  auto* s = make<ast::Return>(advance());
  if (starts_expression() || at(TokenKind::Star)) {
    s->value = parse_star_expressions();
    if (!s->value) return nullptr;
    finish(s, s->value);
  }
  return s;
}

Stmt* Parser::parse_raise() {
  auto* s = make<ast::Raise>(advance());
  if (starts_expression()) {
    s->exc = parse_expression();
    if (!s->exc) return nullptr;
    finish(s, s->exc);
    if (accept(TokenKind::From)) {
      s->cause = parse_expression();
      if (!s->cause) return nullptr;
      finish(s, s->cause);
    }
  }
  return s;
}

Stmt* Parser::parse_global_or_nonlocal() {
  const Token& kw = advance();
  std::vector<std::string> names;
  do {
    if (!at(TokenKind::Name)) return fail();
    names.emplace_back(advance().text);
  } while (accept(TokenKind::Comma));
  Stmt* s;
  if (kw.kind == TokenKind::Global) {
    auto* g = make<ast::Global>(kw);
    g->names = std::move(names);
    s = g;
  } else {
    auto* n = make<ast::Nonlocal>(kw);
    n->names = std::move(names);
    s = n;
  }
  finish(s, prev());
  return s;
}

Stmt* Parser::parse_del() {
  auto* s = make<ast::Delete>(advance());
  Expr* e = parse_star_expressions();
  if (!e) return nullptr;
  if (is_bare_tuple(e)) {
    s->targets = ast::cast<ast::Tuple>(*e).elts;
  } else {
    s->targets.push_back(e);
  }
  for (Expr* t : s->targets) {
    if (Expr* bad = set_context(t, ast::ExprContext::Del)) return fail_invalid_target(bad, true);
  }
  finish(s, prev());
  return s;
}

Stmt* Parser::parse_assert() {
  auto* s = make<ast::Assert>(advance());
  s->test = parse_expression();
  if (!s->test) return nullptr;
  finish(s, s->test);
  if (accept(TokenKind::Comma)) {
    s->msg = parse_expression();
    if (!s->msg) return nullptr;
    finish(s, s->msg);
  }
  return s;
}

Stmt* Parser::parse_import() {
  auto* s = make<ast::Import>(advance());
  do {
    if (!at(TokenKind::Name)) return fail();
    ast::Alias a;
    const Token& first = advance();
    a.lineno = first.lineno;
    a.col_offset = first.col_offset;
    a.name = std::string(first.text);
    while (accept(TokenKind::Dot)) {
      if (!at(TokenKind::Name)) return fail();
      a.name += ".";
      a.name += advance().text;
    }
    if (accept(TokenKind::As)) {
      if (!at(TokenKind::Name)) return fail();
      a.asname = std::string(advance().text);
    }
    a.end_lineno = prev().end_lineno;
    a.end_col_offset = prev().end_col_offset;
    s->names.push_back(std::move(a));
  } while (accept(TokenKind::Comma));
  finish(s, prev());
  return s;
}

Stmt* Parser::parse_from_import() {
  auto* s = make<ast::ImportFrom>(advance());
  for (;;) {
    if (accept(TokenKind::Dot)) {
      s->level += 1;
    } else if (accept(TokenKind::Ellipsis)) {
      s->level += 3;
    } else {
      break;
    }
  }
  if (at(TokenKind::Name)) {
    s->module = std::string(advance().text);
    while (accept(TokenKind::Dot)) {
      if (!at(TokenKind::Name)) return fail();
      s->module += ".";
      s->module += advance().text;
    }
  } else if (s->level == 0) {
    return fail();
  }
  if (!accept(TokenKind::Import)) return fail();
  if (at(TokenKind::Star)) {
    const Token& star = advance();
    ast::Alias a;
    a.name = "*";
    a.lineno = star.lineno;
    a.col_offset = star.col_offset;
    a.end_lineno = star.end_lineno;
    a.end_col_offset = star.end_col_offset;
    s->names.push_back(std::move(a));
    finish(s, star);
    return s;
  }
  bool parens = accept(TokenKind::LPar);
  for (;;) {
    if (!at(TokenKind::Name)) return fail();
    const Token& first = advance();
    ast::Alias a;
    a.lineno = first.lineno;
    a.col_offset = first.col_offset;
    a.name = std::string(first.text);
    if (accept(TokenKind::As)) {
      if (!at(TokenKind::Name)) return fail();
      a.asname = std::string(advance().text);
    }
    a.end_lineno = prev().end_lineno;
    a.end_col_offset = prev().end_col_offset;
    s->names.push_back(std::move(a));
    if (!accept(TokenKind::Comma)) break;
    if (parens && at(TokenKind::RPar)) break;
    if (!parens && at(TokenKind::Newline)) {
      return fail_at_last("trailing comma not allowed without surrounding parentheses");
    }
  }
  if (parens && !accept(TokenKind::RPar)) return fail();
  finish(s, prev());
  return s;
}

Stmt* Parser::parse_compound() {
  switch (kind()) {
    case TokenKind::If: return parse_if(false);
    case TokenKind::While: return parse_while();
    case TokenKind::For: return parse_for();
    case TokenKind::With: return parse_with();
    case TokenKind::Try: return parse_try();
    case TokenKind::Def: return parse_funcdef({}, nullptr);
    case TokenKind::Class: return parse_classdef({}, nullptr);
    case TokenKind::At: return parse_decorated();
    case TokenKind::Async: {
      TokenKind next = kind(1);
      std::string what = next == TokenKind::Def    ? "'async def'"
                         : next == TokenKind::For  ? "'async for'"
                         : next == TokenKind::With ? "'async with'"
                                                   : "'async'";
      unsupported(peek(), what);
      return nullptr;
    }
    default: return fail();
  }
}

bool Parser::expect_colon_before_newline() {
  if (accept(TokenKind::Colon)) return true;
  if (at(TokenKind::Newline)) {
    fail_token(peek(), "expected ':'");
  } else {
    fail();
  }
  return false;
}

bool Parser::parse_block(ast::StmtList& out, const char* what, int header_line) {
  if (accept(TokenKind::Newline)) {
    if (!at(TokenKind::Indent)) {
      fail_at_last(std::string("expected an indented block after ") + what + " on line " +
                       std::to_string(header_line),
                   SyntaxErrorType::IndentationError);
      return false;
    }
    advance();
    while (!accept(TokenKind::Dedent)) {
      if (!parse_statement(out)) return false;
    }
    return true;
  }
  return parse_simple_statements(out);
}

bool Parser::parse_else_block(ast::StmtList& out) {
  const Token& kw = advance();  // `else`
  expect_forced(TokenKind::Colon);
  if (failed_) return false;
  return parse_block(out, "'else' statement", kw.lineno);
}

Stmt* Parser::parse_if(bool is_elif) {
  const Token& kw = advance();
  auto* s = make<ast::If>(kw);
  s->test = parse_named_expression();
  if (!s->test || !expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, is_elif ? "'elif' statement" : "'if' statement", kw.lineno)) {
    return nullptr;
  }
  if (at(TokenKind::Elif)) {
    Stmt* e = parse_if(true);
    if (!e) return nullptr;
    s->orelse.push_back(e);
  } else if (at(TokenKind::Else)) {
    if (!parse_else_block(s->orelse)) return nullptr;
  }
  finish(s, s->orelse.empty() ? s->body.back() : s->orelse.back());
  return s;
}

Stmt* Parser::parse_while() {
  const Token& kw = advance();
  auto* s = make<ast::While>(kw);
  s->test = parse_named_expression();
  if (!s->test || !expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, "'while' statement", kw.lineno)) return nullptr;
  if (at(TokenKind::Else) && !parse_else_block(s->orelse)) return nullptr;
  finish(s, s->orelse.empty() ? s->body.back() : s->orelse.back());
  return s;
}

Stmt* Parser::parse_for() {
  const Token& kw = advance();
  auto* s = make<ast::For>(kw);
  s->target = parse_target_list(true);
  if (!s->target) return nullptr;
  if (!accept(TokenKind::In)) return fail();
  s->iter = parse_star_expressions();
  if (!s->iter || !expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, "'for' statement", kw.lineno)) return nullptr;
  if (at(TokenKind::Else) && !parse_else_block(s->orelse)) return nullptr;
  finish(s, s->orelse.empty() ? s->body.back() : s->orelse.back());
  return s;
}

Stmt* Parser::parse_with() {
  const Token& kw = advance();
  auto* s = make<ast::With>(kw);
  // `with (a as b, c):` -- the parenthesised form, when the bracket closes right before `:`.
  bool parenthesised = false;
  if (at(TokenKind::LPar)) {
    int depth = 0;
    for (std::size_t i = pos_; i < toks_.size(); ++i) {
      TokenKind k = toks_[i].kind;
      if (k == TokenKind::LPar || k == TokenKind::LSqb || k == TokenKind::LBrace) ++depth;
      if (k == TokenKind::RPar || k == TokenKind::RSqb || k == TokenKind::RBrace) {
        if (--depth == 0) {
          parenthesised = i + 1 < toks_.size() && toks_[i + 1].kind == TokenKind::Colon;
          break;
        }
      }
      if (k == TokenKind::Newline || k == TokenKind::EndMarker || k == TokenKind::Error) break;
    }
  }
  if (parenthesised) advance();
  for (;;) {
    ast::WithItem item;
    item.context_expr = parse_expression();
    if (!item.context_expr) return nullptr;
    if (accept(TokenKind::As)) {
      Expr* target = parse_target_list(false);
      if (!target) return nullptr;
      if (is_bare_tuple(target)) return fail();
      item.optional_vars = target;
    }
    copy_pos(&item, item.context_expr);
    if (item.optional_vars) finish(&item, item.optional_vars);
    s->items.push_back(item);
    if (!accept(TokenKind::Comma)) break;
    if (parenthesised && at(TokenKind::RPar)) break;
  }
  if (parenthesised && !accept(TokenKind::RPar)) return fail();
  if (!expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, "'with' statement", kw.lineno)) return nullptr;
  finish(s, s->body.back());
  return s;
}

Stmt* Parser::parse_try() {
  const Token& kw = advance();
  auto* s = make<ast::Try>(kw);
  expect_forced(TokenKind::Colon);
  if (failed_) return nullptr;
  if (!parse_block(s->body, "'try' statement", kw.lineno)) return nullptr;
  while (at(TokenKind::Except)) {
    const Token& ex = advance();
    if (at(TokenKind::Star)) {
      unsupported(ex, "'except*'");
      return nullptr;
    }
    ast::ExceptHandler h;
    h.lineno = ex.lineno;
    h.col_offset = ex.col_offset;
    if (!at(TokenKind::Colon)) {
      if (at(TokenKind::Newline)) return fail_token(peek(), "expected ':'");
      h.type = parse_expression();
      if (!h.type) return nullptr;
      if (at(TokenKind::Comma)) {
        Expr* last = h.type;
        while (accept(TokenKind::Comma)) {
          last = parse_expression();
          if (!last) return nullptr;
        }
        return fail_nodes(h.type, last, "multiple exception types must be parenthesized");
      }
      if (accept(TokenKind::As)) {
        if (!at(TokenKind::Name)) return fail();
        h.name = std::string(advance().text);
      }
    }
    if (!expect_colon_before_newline()) return nullptr;
    if (!parse_block(h.body, "'except' statement", ex.lineno)) return nullptr;
    finish(&h, h.body.back());
    s->handlers.push_back(std::move(h));
  }
  if (at(TokenKind::Else)) {
    if (s->handlers.empty()) return fail();
    if (!parse_else_block(s->orelse)) return nullptr;
  }
  if (at(TokenKind::Finally)) {
    const Token& fin = advance();
    expect_forced(TokenKind::Colon);
    if (failed_) return nullptr;
    if (!parse_block(s->finalbody, "'finally' statement", fin.lineno)) return nullptr;
  }
  if (s->handlers.empty() && s->finalbody.empty()) {
    return fail_at_last("expected 'except' or 'finally' block");
  }
  const ast::StmtList& last = !s->finalbody.empty() ? s->finalbody
                              : !s->orelse.empty()  ? s->orelse
                                                    : s->body;
  finish(s, s->handlers.empty() || !s->orelse.empty() || !s->finalbody.empty()
                ? static_cast<const ast::Node*>(last.back())
                : static_cast<const ast::Node*>(&s->handlers.back()));
  return s;
}

Stmt* Parser::parse_decorated() {
  ast::ExprList decorators;
  while (accept(TokenKind::At)) {
    Expr* d = parse_named_expression();
    if (!d) return nullptr;
    if (!accept(TokenKind::Newline)) return fail();
    decorators.push_back(d);
  }
  if (at(TokenKind::Def)) return parse_funcdef(std::move(decorators), nullptr);
  if (at(TokenKind::Class)) return parse_classdef(std::move(decorators), nullptr);
  if (at(TokenKind::Async) && kind(1) == TokenKind::Def) {
    unsupported(peek(), "'async def'");
    return nullptr;
  }
  return fail();
}

Stmt* Parser::parse_funcdef(ast::ExprList decorators, const Token*) {
  const Token& kw = advance();
  auto* s = make<ast::FunctionDef>(kw);
  s->decorator_list = std::move(decorators);
  if (!at(TokenKind::Name)) return fail();
  s->name = std::string(advance().text);
  if (at(TokenKind::LSqb)) {
    unsupported(peek(), "a type parameter list");
    return nullptr;
  }
  expect_forced(TokenKind::LPar);
  if (failed_) return nullptr;
  if (!parse_parameters(s->args, TokenKind::RPar, false)) return nullptr;
  if (!accept(TokenKind::RPar)) return fail();
  if (accept(TokenKind::RArrow)) {
    s->returns = parse_expression();
    if (!s->returns) return nullptr;
  }
  expect_forced(TokenKind::Colon);
  if (failed_) return nullptr;
  if (!parse_block(s->body, "function definition", kw.lineno)) return nullptr;
  finish(s, s->body.back());
  return s;
}

Stmt* Parser::parse_classdef(ast::ExprList decorators, const Token*) {
  const Token& kw = advance();
  auto* s = make<ast::ClassDef>(kw);
  s->decorator_list = std::move(decorators);
  if (!at(TokenKind::Name)) return fail();
  s->name = std::string(advance().text);
  if (at(TokenKind::LSqb)) {
    unsupported(peek(), "a type parameter list");
    return nullptr;
  }
  if (at(TokenKind::LPar)) {
    // Parse the bases as call arguments, then move them over.
    auto* call = make<ast::Call>(peek());
    advance();
    if (!parse_call_arguments(call)) return nullptr;
    s->bases = std::move(call->args);
    s->keywords = std::move(call->keywords);
  }
  if (!expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, "class definition", kw.lineno)) return nullptr;
  finish(s, s->body.back());
  return s;
}

// ---------------------------------------------------------------------------------------------
// [targets]
// ---------------------------------------------------------------------------------------------
Expr* Parser::set_context(Expr* e, ast::ExprContext ctx) {
  switch (e->kind) {
    case ExprKind::Name: ast::cast<ast::Name>(*e).ctx = ctx; return nullptr;
    case ExprKind::Attribute: ast::cast<ast::Attribute>(*e).ctx = ctx; return nullptr;
    case ExprKind::Subscript: ast::cast<ast::Subscript>(*e).ctx = ctx; return nullptr;
    case ExprKind::Starred: {
      if (ctx == ast::ExprContext::Del) return e;
      auto& s = ast::cast<ast::Starred>(*e);
      s.ctx = ctx;
      return set_context(s.value, ctx);
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      ast::ExprList& elts = e->kind == ExprKind::Tuple ? ast::cast<ast::Tuple>(*e).elts
                                                       : ast::cast<ast::List>(*e).elts;
      if (e->kind == ExprKind::Tuple) {
        ast::cast<ast::Tuple>(*e).ctx = ctx;
      } else {
        ast::cast<ast::List>(*e).ctx = ctx;
      }
      for (Expr* elt : elts) {
        if (Expr* bad = set_context(elt, ctx)) return bad;
      }
      return nullptr;
    }
    default: return e;
  }
}

std::nullptr_t Parser::fail_invalid_target(Expr* bad, bool del) {
  return fail_node(bad, std::string(del ? "cannot delete " : "cannot assign to ") + expr_name(bad));
}

// star_targets for `for` and `with ... as`: like star_expressions but without comparisons, so
// that `for x in y` stops before `in`.
Expr* Parser::parse_target_list(bool for_target) {
  const Token& first = peek();
  ast::ExprList elts;
  bool comma = false;
  for (;;) {
    Expr* e;
    if (at(TokenKind::Star)) {
      const Token& star = advance();
      auto* s = make<ast::Starred>(star);
      s->value = parse_binary(1);
      if (!s->value) return nullptr;
      finish(s, s->value);
      e = s;
    } else {
      e = parse_binary(1);
      if (!e) return nullptr;
    }
    elts.push_back(e);
    if (!at(TokenKind::Comma)) break;
    advance();
    comma = true;
    if (!(starts_expression() || at(TokenKind::Star))) break;
  }
  Expr* result = elts[0];
  if (comma) {
    auto* t = make<ast::Tuple>(first);
    t->elts = std::move(elts);
    finish(t, prev());
    result = t;
  }
  if (Expr* bad = set_context(result, ast::ExprContext::Store)) {
    (void)for_target;
    return fail_invalid_target(bad, false);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// [expressions]
// ---------------------------------------------------------------------------------------------
Expr* Parser::parse_star_expressions() {
  const Token& first = peek();
  Expr* e = parse_star_expression();
  if (!e) return nullptr;
  if (!at(TokenKind::Comma)) return e;
  auto* t = make<ast::Tuple>(first);
  t->elts.push_back(e);
  while (accept(TokenKind::Comma)) {
    if (!(starts_expression() || at(TokenKind::Star))) break;
    Expr* next = parse_star_expression();
    if (!next) return nullptr;
    t->elts.push_back(next);
  }
  finish(t, prev());
  return t;
}

Expr* Parser::parse_star_expression() {
  if (at(TokenKind::Star)) {
    auto* s = make<ast::Starred>(advance());
    s->value = parse_binary(1);
    if (!s->value) return nullptr;
    finish(s, s->value);
    return s;
  }
  return parse_expression();
}

Expr* Parser::parse_star_named_expression() {
  if (at(TokenKind::Star)) return parse_star_expression();
  return parse_named_expression();
}

Expr* Parser::parse_named_expression() {
  if (at(TokenKind::Name) && kind(1) == TokenKind::ColonEqual) {
    if (!enter()) return nullptr;
    const Token& name = advance();
    advance();
    auto* target = make<ast::Name>(name);
    target->id = std::string(name.text);
    target->ctx = ast::ExprContext::Store;
    auto* n = make<ast::NamedExpr>(name);
    n->target = target;
    n->value = parse_expression();
    leave();
    if (!n->value) return nullptr;
    finish(n, n->value);
    return n;
  }
  const Token& first = peek();
  Expr* e = parse_expression();
  if (!e) return nullptr;
  if (at(TokenKind::ColonEqual)) {
    return fail_node(e, "cannot use assignment expressions with " + expr_name(e));
  }
  if (at(TokenKind::Equal) && !no_invalid_) {
    // CPython's invalid_named_expression: `if x = 1:` and `if f() = 1:`.
    Snapshot snap = save();
    advance();
    no_invalid_ = true;
    Expr* b = parse_binary(1);
    no_invalid_ = false;
    bool matched = b != nullptr && !at(TokenKind::Equal) && !at(TokenKind::ColonEqual);
    restore(snap);
    if (matched) {
      bool single_name = e->kind == ExprKind::Name && first.kind == TokenKind::Name &&
                         e->end_col_offset == first.end_col_offset;
      if (single_name) {
        return fail_nodes(e, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      }
      bool excluded = first.kind == TokenKind::LPar || first.kind == TokenKind::LSqb ||
                      first.kind == TokenKind::True || first.kind == TokenKind::False ||
                      first.kind == TokenKind::None;
      if (!excluded && is_bitwise_or_level(e)) {
        return fail_node(e, "cannot assign to " + expr_name(e) +
                                " here. Maybe you meant '==' instead of '='?");
      }
    }
  }
  return e;
}

Expr* Parser::parse_expression() {
  if (at(TokenKind::Lambda)) return parse_lambda();
  if (!enter()) return nullptr;
  std::size_t start = pos_;
  Expr* a = parse_disjunction();
  if (a && at(TokenKind::If)) {
    advance();
    Expr* test = parse_disjunction();
    if (!test) return nullptr;
    if (!accept(TokenKind::Else)) {
      if (at(TokenKind::Colon)) return fail();
      return fail_nodes(a, test, "expected 'else' after 'if' expression");
    }
    Expr* orelse = parse_expression();
    if (!orelse) return nullptr;
    auto* e = make<ast::IfExp>(a);
    e->test = test;
    e->body = a;
    e->orelse = orelse;
    finish(e, orelse);
    a = e;
  } else if (a) {
    a = check_invalid_expression(a, start);
  }
  leave();
  return a;
}

Expr* Parser::check_invalid_expression(Expr* a, std::size_t start) {
  if (no_invalid_ || !starts_expression()) return a;
  const Token& first = toks_[start];
  bool legacy = first.kind == TokenKind::Name && (first.text == "print" || first.text == "exec") &&
                a->kind == ExprKind::Name && a->end_col_offset == first.end_col_offset &&
                !at(TokenKind::LPar);
  bool name_string = first.kind == TokenKind::Name && toks_[start + 1].kind == TokenKind::String;
  bool soft_keyword = first.kind == TokenKind::Name &&
                      (first.text == "match" || first.text == "case" || first.text == "_");
  bool comma = prev().level > 0 && !name_string && !soft_keyword;
  if (!comma && !legacy) return a;
  Snapshot snap = save();
  no_invalid_ = true;
  Expr* b = comma ? parse_expression() : parse_star_expressions();
  no_invalid_ = false;
  restore(snap);
  if (!b) return a;
  if (comma) return fail_nodes(a, b, "invalid syntax. Perhaps you forgot a comma?");
  std::string name(first.text);
  return fail_nodes(a, b,
                    "Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?");
}

Expr* Parser::parse_disjunction() {
  Expr* first = parse_conjunction();
  if (!first || !at(TokenKind::Or)) return first;
  auto* b = make<ast::BoolOp>(first);
  b->op = ast::BoolOperator::Or;
  b->values.push_back(first);
  while (accept(TokenKind::Or)) {
    Expr* next = parse_conjunction();
    if (!next) return nullptr;
    b->values.push_back(next);
  }
  finish(b, b->values.back());
  return b;
}

Expr* Parser::parse_conjunction() {
  Expr* first = parse_inversion();
  if (!first || !at(TokenKind::And)) return first;
  auto* b = make<ast::BoolOp>(first);
  b->op = ast::BoolOperator::And;
  b->values.push_back(first);
  while (accept(TokenKind::And)) {
    Expr* next = parse_inversion();
    if (!next) return nullptr;
    b->values.push_back(next);
  }
  finish(b, b->values.back());
  return b;
}

Expr* Parser::parse_inversion() {
  if (!at(TokenKind::Not)) return parse_comparison();
  if (!enter()) return nullptr;
  auto* u = make<ast::UnaryOp>(advance());
  u->op = ast::UnaryOperator::Not;
  u->operand = parse_inversion();
  leave();
  if (!u->operand) return nullptr;
  finish(u, u->operand);
  return u;
}

Expr* Parser::parse_comparison() {
  Expr* left = parse_binary(1);
  if (!left) return nullptr;
  ast::Compare* cmp = nullptr;
  for (;;) {
    ast::CmpOperator op;
    switch (kind()) {
      case TokenKind::EqEqual: op = ast::CmpOperator::Eq; break;
      case TokenKind::NotEqual:
        if (peek().text == "<>") return fail();  // Barry as FLUFL only
        op = ast::CmpOperator::NotEq;
        break;
      case TokenKind::Less: op = ast::CmpOperator::Lt; break;
      case TokenKind::LessEqual: op = ast::CmpOperator::LtE; break;
      case TokenKind::Greater: op = ast::CmpOperator::Gt; break;
      case TokenKind::GreaterEqual: op = ast::CmpOperator::GtE; break;
      case TokenKind::In: op = ast::CmpOperator::In; break;
      case TokenKind::Is: op = kind(1) == TokenKind::Not ? ast::CmpOperator::IsNot : ast::CmpOperator::Is; break;
      case TokenKind::Not:
        if (kind(1) != TokenKind::In) return cmp ? cmp : left;
        op = ast::CmpOperator::NotIn;
        break;
      default: return cmp ? static_cast<Expr*>(cmp) : left;
    }
    advance();
    if (op == ast::CmpOperator::IsNot || op == ast::CmpOperator::NotIn) advance();
    if (!cmp) {
      cmp = make<ast::Compare>(left);
      cmp->left = left;
    }
    Expr* right = parse_binary(1);
    if (!right) return nullptr;
    cmp->ops.push_back(op);
    cmp->comparators.push_back(right);
    finish(cmp, right);
  }
}

// Precedence climbing over | ^ & << >> + - * / // % @ (all left-associative).
Expr* Parser::parse_binary(int min_prec) {
  Expr* left = parse_factor();
  if (!left) return nullptr;
  int spent = 0;
  for (;;) {
    int prec = 0;
    auto op = binop_of(kind(), &prec);
    if (!op || prec < min_prec) break;
    if (!enter()) return nullptr;
    ++spent;
    advance();
    Expr* right = parse_binary(prec + 1);
    if (!right) return nullptr;
    auto* b = make<ast::BinOp>(left);
    b->left = left;
    b->op = *op;
    b->right = right;
    finish(b, right);
    left = b;
  }
  depth_ -= spent;
  return left;
}

Expr* Parser::parse_factor() {
  ast::UnaryOperator op;
  switch (kind()) {
    case TokenKind::Plus: op = ast::UnaryOperator::UAdd; break;
    case TokenKind::Minus: op = ast::UnaryOperator::USub; break;
    case TokenKind::Tilde: op = ast::UnaryOperator::Invert; break;
    default: return parse_power();
  }
  if (!enter()) return nullptr;
  auto* u = make<ast::UnaryOp>(advance());
  u->op = op;
  u->operand = parse_factor();
  leave();
  if (!u->operand) return nullptr;
  finish(u, u->operand);
  return u;
}

Expr* Parser::parse_power() {
  if (at(TokenKind::Await)) {
    unsupported(peek(), "'await'");
    return nullptr;
  }
  Expr* base = parse_primary();
  if (!base || !at(TokenKind::DoubleStar)) return base;
  if (!enter()) return nullptr;
  advance();
  Expr* exp = parse_factor();
  leave();
  if (!exp) return nullptr;
  auto* b = make<ast::BinOp>(base);
  b->left = base;
  b->op = ast::BinOperator::Pow;
  b->right = exp;
  finish(b, exp);
  return b;
}

Expr* Parser::parse_primary() {
  Expr* e = parse_atom();
  if (!e) return nullptr;
  int spent = 0;
  for (;;) {
    TokenKind k = kind();
    if (k != TokenKind::Dot && k != TokenKind::LPar && k != TokenKind::LSqb) break;
    if (!enter()) return nullptr;
    ++spent;
    advance();
    if (k == TokenKind::Dot) {
      if (!at(TokenKind::Name)) return fail();
      auto* a = make<ast::Attribute>(e);
      a->value = e;
      a->attr = std::string(peek().text);
      finish(a, advance());
      e = a;
    } else if (k == TokenKind::LPar) {
      auto* c = make<ast::Call>(e);
      c->func = e;
      if (!parse_call_arguments(c)) return nullptr;
      finish(c, prev());
      e = c;
    } else {
      auto* s = make<ast::Subscript>(e);
      s->value = e;
      s->slice = parse_slices();
      if (!s->slice) return nullptr;
      if (!accept(TokenKind::RSqb)) return fail();
      finish(s, prev());
      e = s;
    }
  }
  depth_ -= spent;
  return e;
}

Expr* Parser::parse_atom() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::Name: {
      auto* n = make<ast::Name>(advance());
      n->id = std::string(t.text);
      return n;
    }
    case TokenKind::True:
    case TokenKind::False:
    case TokenKind::None:
    case TokenKind::Ellipsis: {
      auto* c = make<ast::Constant>(advance());
      c->value_kind = t.kind == TokenKind::None       ? ast::ConstantKind::None
                      : t.kind == TokenKind::Ellipsis ? ast::ConstantKind::Ellipsis
                                                      : ast::ConstantKind::Bool;
      c->bool_value = t.kind == TokenKind::True;
      return c;
    }
    case TokenKind::Number: return parse_number(advance());
    case TokenKind::String: return parse_strings();
    case TokenKind::LPar: return parse_paren();
    case TokenKind::LSqb: return parse_list_display();
    case TokenKind::LBrace: return parse_brace_display();
    default: return fail();
  }
}

Expr* Parser::parse_number(const Token& t) {
  std::string digits;
  digits.reserve(t.text.size());
  for (char c : t.text) {
    if (c == '_') continue;
    digits.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  auto* c = make<ast::Constant>(t);
  if (digits.back() == 'j') {
    unsupported(t, "an imaginary literal");
    return nullptr;
  }
  bool hex = digits.size() > 1 && digits[0] == '0' && digits[1] == 'x';
  bool is_float = !hex && digits.find_first_of(".e") != std::string::npos;
  if (is_float) {
    c->value_kind = ast::ConstantKind::Float;
    // strtod is only locale-sensitive for the decimal point, and the engine never sets a locale.
    c->float_value = std::strtod(digits.c_str(), nullptr);
    return c;
  }
  c->value_kind = ast::ConstantKind::Int;
  int base = 10;
  std::size_t i = 0;
  if (digits.size() > 1 && digits[0] == '0' &&
      (digits[1] == 'x' || digits[1] == 'o' || digits[1] == 'b')) {
    base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : 2;
    i = 2;
  }
  std::uint64_t value = 0;
  bool fits = true;
  constexpr std::uint64_t kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  for (; i < digits.size(); ++i) {
    char d = digits[i];
    std::uint64_t v = d <= '9' ? static_cast<std::uint64_t>(d - '0')
                               : static_cast<std::uint64_t>(d - 'a' + 10);
    if (value > (kMax - v) / static_cast<std::uint64_t>(base)) {
      fits = false;
      break;
    }
    value = value * static_cast<std::uint64_t>(base) + v;
  }
  c->int_fits = fits;
  c->int_value = fits ? static_cast<std::int64_t>(value) : 0;
  c->int_digits = std::move(digits);
  return c;
}

Expr* Parser::parse_paren() {
  const Token& open = advance();
  if (at(TokenKind::RPar)) {
    auto* t = make<ast::Tuple>(open);
    finish(t, advance());
    return t;
  }
  if (at(TokenKind::Yield)) {
    Expr* y = parse_yield();
    if (!y) return nullptr;
    if (!accept(TokenKind::RPar)) return fail();
    return y;
  }
  Expr* first = parse_star_named_expression();
  if (!first) return nullptr;
  if (at(TokenKind::For) || at(TokenKind::Async)) {
    auto* g = make<ast::GeneratorExp>(open);
    g->elt = first;
    if (!parse_comprehensions(g->generators)) return nullptr;
    if (!accept(TokenKind::RPar)) return fail();
    finish(g, prev());
    return g;
  }
  if (at(TokenKind::Comma)) {
    auto* t = make<ast::Tuple>(open);
    t->elts.push_back(first);
    while (accept(TokenKind::Comma)) {
      if (at(TokenKind::RPar)) break;
      Expr* e = parse_star_named_expression();
      if (!e) return nullptr;
      t->elts.push_back(e);
    }
    if (!accept(TokenKind::RPar)) return fail();
    finish(t, prev());
    return t;
  }
  if (!accept(TokenKind::RPar)) return fail();
  if (first->kind == ExprKind::Starred) return fail_node(first, "cannot use starred expression here");
  return first;
}

Expr* Parser::parse_list_display() {
  const Token& open = advance();
  auto* l = make<ast::List>(open);
  if (accept(TokenKind::RSqb)) return l;
  Expr* first = parse_star_named_expression();
  if (!first) return nullptr;
  if (at(TokenKind::For) || at(TokenKind::Async)) {
    auto* c = make<ast::ListComp>(open);
    c->elt = first;
    if (!parse_comprehensions(c->generators)) return nullptr;
    if (!accept(TokenKind::RSqb)) return fail();
    finish(c, prev());
    return c;
  }
  l->elts.push_back(first);
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::RSqb)) break;
    Expr* e = parse_star_named_expression();
    if (!e) return nullptr;
    l->elts.push_back(e);
  }
  if (at(TokenKind::For) && l->elts.size() > 1) {
    return fail_nodes(l->elts.front(), l->elts.back(),
                      "did you forget parentheses around the comprehension target?");
  }
  if (!accept(TokenKind::RSqb)) return fail();
  finish(l, prev());
  return l;
}

Expr* Parser::parse_brace_display() {
  const Token& open = advance();
  if (at(TokenKind::RBrace)) {
    auto* d = make<ast::Dict>(open);
    finish(d, advance());
    return d;
  }
  // First entry decides: `**x` or `k: v` make a dict, anything else a set.
  Expr* key = nullptr;
  Expr* value = nullptr;
  if (accept(TokenKind::DoubleStar)) {
    value = parse_binary(1);
    if (!value) return nullptr;
  } else {
    key = parse_star_named_expression();
    if (!key) return nullptr;
    if (accept(TokenKind::Colon)) {
      if (key->kind == ExprKind::Starred) return fail();
      value = parse_expression();
      if (!value) return nullptr;
    }
  }
  if (value != nullptr) {
    if (key != nullptr && (at(TokenKind::For) || at(TokenKind::Async))) {
      auto* c = make<ast::DictComp>(open);
      c->key = key;
      c->value = value;
      if (!parse_comprehensions(c->generators)) return nullptr;
      if (!accept(TokenKind::RBrace)) return fail();
      finish(c, prev());
      return c;
    }
    auto* d = make<ast::Dict>(open);
    d->keys.push_back(key);
    d->values.push_back(value);
    while (accept(TokenKind::Comma)) {
      if (at(TokenKind::RBrace)) break;
      if (accept(TokenKind::DoubleStar)) {
        Expr* v = parse_binary(1);
        if (!v) return nullptr;
        d->keys.push_back(nullptr);
        d->values.push_back(v);
        continue;
      }
      Expr* k = parse_expression();
      if (!k) return nullptr;
      if (!accept(TokenKind::Colon)) return fail();
      Expr* v = parse_expression();
      if (!v) return nullptr;
      d->keys.push_back(k);
      d->values.push_back(v);
    }
    if (!accept(TokenKind::RBrace)) return fail();
    finish(d, prev());
    return d;
  }
  if (at(TokenKind::For) || at(TokenKind::Async)) {
    auto* c = make<ast::SetComp>(open);
    c->elt = key;
    if (!parse_comprehensions(c->generators)) return nullptr;
    if (!accept(TokenKind::RBrace)) return fail();
    finish(c, prev());
    return c;
  }
  auto* s = make<ast::Set>(open);
  s->elts.push_back(key);
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::RBrace)) break;
    Expr* e = parse_star_named_expression();
    if (!e) return nullptr;
    s->elts.push_back(e);
  }
  if (!accept(TokenKind::RBrace)) return fail();
  finish(s, prev());
  return s;
}

bool Parser::parse_comprehensions(std::vector<ast::Comprehension>& out) {
  while (at(TokenKind::For) || at(TokenKind::Async)) {
    if (at(TokenKind::Async)) return unsupported(peek(), "'async for'");
    advance();
    ast::Comprehension c;
    c.target = parse_target_list(true);
    if (!c.target) return false;
    if (!accept(TokenKind::In)) {
      fail();
      return false;
    }
    c.iter = parse_disjunction();
    if (!c.iter) return false;
    while (accept(TokenKind::If)) {
      Expr* cond = parse_disjunction();
      if (!cond) return false;
      c.ifs.push_back(cond);
    }
    out.push_back(std::move(c));
  }
  return true;
}

Expr* Parser::parse_lambda() {
  if (!enter()) return nullptr;
  auto* l = make<ast::Lambda>(advance());
  if (!parse_parameters(l->args, TokenKind::Colon, true)) return nullptr;
  if (!accept(TokenKind::Colon)) return fail();
  l->body = parse_expression();
  leave();
  if (!l->body) return nullptr;
  finish(l, l->body);
  return l;
}

Expr* Parser::parse_yield() {
  const Token& kw = advance();
  if (accept(TokenKind::From)) {
    auto* y = make<ast::YieldFrom>(kw);
    y->value = parse_expression();
    if (!y->value) return nullptr;
    finish(y, y->value);
    return y;
  }
  auto* y = make<ast::Yield>(kw);
  if (starts_expression() || at(TokenKind::Star)) {
    y->value = parse_star_expressions();
    if (!y->value) return nullptr;
    finish(y, y->value);
  }
  return y;
}

Expr* Parser::parse_slices() {
  const Token& first = peek();
  Expr* e = parse_slice();
  if (!e) return nullptr;
  if (!at(TokenKind::Comma) && e->kind != ExprKind::Starred) return e;
  auto* t = make<ast::Tuple>(first);
  t->elts.push_back(e);
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::RSqb)) break;
    Expr* next = parse_slice();
    if (!next) return nullptr;
    t->elts.push_back(next);
  }
  finish(t, prev());
  return t;
}

Expr* Parser::parse_slice() {
  if (at(TokenKind::Star)) return parse_star_expression();
  const Token& first = peek();
  Expr* lower = nullptr;
  if (!at(TokenKind::Colon)) {
    lower = parse_named_expression();
    if (!lower) return nullptr;
    if (!at(TokenKind::Colon)) return lower;
  }
  auto* s = make<ast::Slice>(first);
  s->lower = lower;
  advance();  // ':'
  finish(s, prev());
  if (!at(TokenKind::Colon) && !at(TokenKind::Comma) && !at(TokenKind::RSqb)) {
    s->upper = parse_expression();
    if (!s->upper) return nullptr;
    finish(s, s->upper);
  }
  if (accept(TokenKind::Colon)) {
    finish(s, prev());
    if (!at(TokenKind::Comma) && !at(TokenKind::RSqb)) {
      s->step = parse_expression();
      if (!s->step) return nullptr;
      finish(s, s->step);
    }
  }
  return s;
}

bool Parser::parse_call_arguments(ast::Call* call) {
  // '(' has been consumed.
  const Token& open = prev();
  bool seen_keyword = false;
  bool seen_double_star = false;
  ast::GeneratorExp* bare_genexp = nullptr;
  std::size_t count = 0;
  while (!at(TokenKind::RPar)) {
    ++count;
    if (at(TokenKind::Star)) {
      const Token& star = peek();
      Expr* e = parse_star_expression();
      if (!e) return false;
      if (seen_double_star) {
        fail_token(star, "iterable argument unpacking follows keyword argument unpacking");
        return false;
      }
      call->args.push_back(e);
    } else if (at(TokenKind::DoubleStar)) {
      const Token& stars = advance();
      ast::Keyword k;
      k.lineno = stars.lineno;
      k.col_offset = stars.col_offset;
      k.value = parse_expression();
      if (!k.value) return false;
      finish(&k, k.value);
      call->keywords.push_back(std::move(k));
      seen_double_star = true;
    } else if (at(TokenKind::Name) && kind(1) == TokenKind::Equal) {
      const Token& name = advance();
      advance();
      ast::Keyword k;
      k.lineno = name.lineno;
      k.col_offset = name.col_offset;
      k.arg = std::string(name.text);
      k.value = parse_expression();
      if (!k.value) return false;
      finish(&k, k.value);
      call->keywords.push_back(std::move(k));
      seen_keyword = true;
    } else {
      const Token& first = peek();
      if ((first.kind == TokenKind::True || first.kind == TokenKind::False ||
           first.kind == TokenKind::None) &&
          kind(1) == TokenKind::Equal) {
        fail_range(first.lineno, first.col_offset, peek(1).end_lineno, peek(1).end_col_offset,
                   std::string("cannot assign to ") + token_spelling(first.kind));
        return false;
      }
      Expr* e = parse_named_expression();
      if (!e) return false;
      if (at(TokenKind::Equal)) {
        const Token& eq = peek();
        fail_range(e->lineno, e->col_offset, eq.end_lineno, eq.end_col_offset,
                   "expression cannot contain assignment, perhaps you meant \"==\"?");
        return false;
      }
      if (at(TokenKind::For) || at(TokenKind::Async)) {
        auto* g = make<ast::GeneratorExp>(e);
        g->elt = e;
        if (!parse_comprehensions(g->generators)) return false;
        finish(g, prev());
        if (count > 1 || at(TokenKind::Comma)) {
          // Unless it is the only argument, a generator needs its own parentheses.
          if (!(at(TokenKind::Comma) && kind(1) == TokenKind::RPar && count == 1)) {
            fail_node(g, "Generator expression must be parenthesized");
            return false;
          }
        }
        bare_genexp = g;
        e = g;
      }
      if (seen_double_star) {
        fail_node(e, "positional argument follows keyword argument unpacking");
        return false;
      }
      if (seen_keyword) {
        fail_node(e, "positional argument follows keyword argument");
        return false;
      }
      call->args.push_back(e);
    }
    if (!accept(TokenKind::Comma)) break;
  }
  if (!accept(TokenKind::RPar)) {
    fail();
    return false;
  }
  if (bare_genexp != nullptr && count == 1) {
    // The sole generator argument borrows the call's parentheses, as in CPython.
    bare_genexp->lineno = open.lineno;
    bare_genexp->col_offset = open.col_offset;
    finish(bare_genexp, prev());
  }
  return true;
}

bool Parser::parse_parameters(ast::Arguments& args, TokenKind end, bool lambda) {
  bool seen_default = false;
  bool seen_slash = false;
  bool seen_star = false;
  bool seen_kwarg = false;
  auto parse_arg = [&](ast::Arg& a) -> bool {
    if (!at(TokenKind::Name)) {
      fail();
      return false;
    }
    const Token& name = advance();
    a.lineno = name.lineno;
    a.col_offset = name.col_offset;
    a.end_lineno = name.end_lineno;
    a.end_col_offset = name.end_col_offset;
    a.arg = std::string(name.text);
    if (!lambda && accept(TokenKind::Colon)) {
      a.annotation = parse_expression();
      if (!a.annotation) return false;
      finish(&a, a.annotation);
    }
    return true;
  };
  while (!at(end)) {
    const Token& t = peek();
    if (seen_kwarg) {
      fail_token(t, "arguments cannot follow var-keyword argument");
      return false;
    }
    if (t.kind == TokenKind::Slash) {
      if (seen_slash) {
        fail_token(t, "/ may appear only once");
        return false;
      }
      if (seen_star) {
        fail_token(t, "/ must be ahead of *");
        return false;
      }
      if (args.args.empty()) {
        fail_token(t, "at least one argument must precede /");
        return false;
      }
      advance();
      seen_slash = true;
      args.posonlyargs = std::move(args.args);
      args.args.clear();
    } else if (t.kind == TokenKind::Star) {
      if (seen_star) {
        fail_token(t, "* argument may appear only once");
        return false;
      }
      advance();
      seen_star = true;
      if (at(TokenKind::Name)) {
        ast::Arg a;
        if (!parse_arg(a)) return false;
        args.vararg = std::move(a);
        if (at(TokenKind::Equal)) {
          fail_token(peek(), "var-positional argument cannot have default value");
          return false;
        }
      } else if (!(at(TokenKind::Comma) && kind(1) == TokenKind::Name)) {
        fail_token(t, "named arguments must follow bare *");
        return false;
      }
    } else if (t.kind == TokenKind::DoubleStar) {
      advance();
      ast::Arg a;
      if (!parse_arg(a)) return false;
      args.kwarg = std::move(a);
      seen_kwarg = true;
      if (at(TokenKind::Equal)) {
        fail_token(peek(), "var-keyword argument cannot have default value");
        return false;
      }
    } else {
      ast::Arg a;
      if (!parse_arg(a)) return false;
      Expr* def = nullptr;
      if (accept(TokenKind::Equal)) {
        def = parse_expression();
        if (!def) return false;
      }
      if (seen_star) {
        args.kwonlyargs.push_back(std::move(a));
        args.kw_defaults.push_back(def);
      } else {
        if (def) {
          args.defaults.push_back(def);
          seen_default = true;
        } else if (seen_default) {
          fail_range(a.lineno, a.col_offset, a.end_lineno, a.end_col_offset,
                     "non-default argument follows default argument");
          return false;
        }
        args.args.push_back(std::move(a));
      }
    }
    if (!accept(TokenKind::Comma)) break;
  }
  return true;
}

Expr* Parser::parse_fstring_expression() {
  if (!accept(TokenKind::LPar)) return fail();
  Expr* e;
  if (at(TokenKind::Yield)) {
    e = parse_yield();
  } else {
    e = parse_star_named_expression();
    if (e && at(TokenKind::Comma)) {
      auto* t = make<ast::Tuple>(e);
      t->elts.push_back(e);
      while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RPar)) break;
        Expr* next = parse_star_named_expression();
        if (!next) return nullptr;
        t->elts.push_back(next);
      }
      finish(t, t->elts.back());
      e = t;
    }
  }
  if (!e) return nullptr;
  if (!accept(TokenKind::RPar)) return fail();
  if (e->kind == ExprKind::Starred) return fail_node(e, "cannot use starred expression here");
  if (!at(TokenKind::Newline) && !at(TokenKind::EndMarker)) return fail();
  return e;
}

}  // namespace interleave::lang::detail

// ---------------------------------------------------------------------------------------------
// [entry point]
// ---------------------------------------------------------------------------------------------
namespace interleave::lang {

ParseResult parse(std::string_view source, std::string_view filename) {
  ParseResult result;
  Scanner scanner(source, filename);
  if (scanner.error() && !scanner.eof_in_paren()) {
    // A tokenizer error anywhere in the file takes priority over any parser error.
    SyntaxError e = *scanner.error();
    e.filename = std::string(filename);
    result.error = std::move(e);
    return result;
  }
  auto module = std::make_unique<ast::Module>();
  detail::Parser parser(scanner.tokens(), scanner.source(), filename, module->arena);
  if (parser.parse_file(module->body)) {
    result.module = std::move(module);
    return result;
  }
  SyntaxError e = parser.error();
  if (scanner.eof_in_paren()) {
    const Token& last = parser.tokens()[parser.furthest()];
    bool reached_end = last.kind == TokenKind::Error;
    bool generic = !parser.specific_error().has_value();
    if ((reached_end && generic) ||
        (!reached_end && e.lineno > scanner.open_paren_lineno())) {
      e = make_syntax_error(SyntaxErrorType::SyntaxError,
                            std::string("'") + scanner.open_paren() + "' was never closed",
                            scanner.source(), filename, scanner.open_paren_lineno(),
                            scanner.open_paren_col());
      e.end_offset = 0;
    }
  }
  result.error = std::move(e);
  return result;
}

}  // namespace interleave::lang
