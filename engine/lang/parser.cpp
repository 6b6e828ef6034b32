// The parser: tokens -> AST, plus the choice of which SyntaxError to report, following CPython
// 3.11 (Parser/pegen_errors.c): a tokenizer error anywhere wins; an unclosed bracket at end of
// input wins over errors on later lines; otherwise the parser's specific error, or "invalid
// syntax" at the furthest token read. Sections: [tokens] [errors] [statements] [entry point];
// targets and expressions are in parser_expr.cpp. Any thread (one Parser per call).
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

// CPython's _PyPegen_get_expr_name: how messages name an expression.
std::string expr_name(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Attribute:
      return "attribute";
    case ExprKind::Subscript:
      return "subscript";
    case ExprKind::Starred:
      return "starred";
    case ExprKind::Name:
      return "name";
    case ExprKind::List:
      return "list";
    case ExprKind::Tuple:
      return "tuple";
    case ExprKind::Lambda:
      return "lambda";
    case ExprKind::Call:
      return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp:
      return "expression";
    case ExprKind::GeneratorExp:
      return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom:
      return "yield expression";
    case ExprKind::ListComp:
      return "list comprehension";
    case ExprKind::SetComp:
      return "set comprehension";
    case ExprKind::DictComp:
      return "dict comprehension";
    case ExprKind::Dict:
      return "dict literal";
    case ExprKind::Set:
      return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
      return "f-string expression";
    case ExprKind::Constant: {
      const auto& c = ast::cast<ast::Constant>(*e);
      switch (c.value_kind) {
        case ast::ConstantKind::None:
          return "None";
        case ast::ConstantKind::Bool:
          return c.bool_value ? "True" : "False";
        case ast::ConstantKind::Ellipsis:
          return "ellipsis";
        default:
          return "literal";
      }
    }
    case ExprKind::Compare:
      return "comparison";
    case ExprKind::IfExp:
      return "conditional expression";
    case ExprKind::NamedExpr:
      return "named expression";
    case ExprKind::Slice:
      return "slice";
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
    case ExprKind::YieldFrom:
      return false;
    case ExprKind::UnaryOp:
      return ast::cast<ast::UnaryOp>(*e).op != ast::UnaryOperator::Not;
    default:
      return true;
  }
}

bool is_bare_tuple(const Expr* e) {
  if (e->kind != ExprKind::Tuple) return false;
  const auto& t = ast::cast<ast::Tuple>(*e);
  return !t.elts.empty() && t.elts[0]->lineno == e->lineno &&
         t.elts[0]->col_offset == e->col_offset;
}

namespace {

std::optional<ast::BinOperator> augassign_of(TokenKind k) {
  using ast::BinOperator;
  switch (k) {
    case TokenKind::PlusEqual:
      return BinOperator::Add;
    case TokenKind::MinEqual:
      return BinOperator::Sub;
    case TokenKind::StarEqual:
      return BinOperator::Mult;
    case TokenKind::AtEqual:
      return BinOperator::MatMult;
    case TokenKind::SlashEqual:
      return BinOperator::Div;
    case TokenKind::PercentEqual:
      return BinOperator::Mod;
    case TokenKind::AmperEqual:
      return BinOperator::BitAnd;
    case TokenKind::VBarEqual:
      return BinOperator::BitOr;
    case TokenKind::CircumflexEqual:
      return BinOperator::BitXor;
    case TokenKind::LeftShiftEqual:
      return BinOperator::LShift;
    case TokenKind::RightShiftEqual:
      return BinOperator::RShift;
    case TokenKind::DoubleStarEqual:
      return BinOperator::Pow;
    case TokenKind::DoubleSlashEqual:
      return BinOperator::FloorDiv;
    default:
      return std::nullopt;
  }
}

}  // namespace

Parser::Parser(const std::vector<Token>& tokens, std::string_view source, std::string_view filename,
               ast::Arena& arena)
    : toks_(tokens), source_(source), filename_(filename), arena_(arena) {}

// ---------------------------------------------------------------------------------------------
// [tokens]
// ---------------------------------------------------------------------------------------------
const Token& Parser::peek(std::size_t k) {
  std::size_t i = std::min(pos_ + k, toks_.size() - 1);
  furthest_ = std::max(furthest_, i);
  if (toks_[i].kind == TokenKind::Error) reached_error_token_ = true;
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

bool Parser::at_name(std::string_view text) {
  return at(TokenKind::Name) && peek().text == text;
}

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
    case TokenKind::Await:
      return true;
    default:
      return false;
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

std::nullptr_t Parser::fail_range(int lineno, int col, int end_lineno, int end_col, std::string msg,
                                  SyntaxErrorType type) {
  if (failed_) return nullptr;
  failed_ = true;
  if (fstring_anchor_ != nullptr) msg = "f-string: " + msg;
  error_ =
      make_syntax_error(type, std::move(msg), source_, filename_, lineno, col, end_lineno, end_col);
  return nullptr;
}

std::nullptr_t Parser::fail_token(const Token& t, std::string msg, SyntaxErrorType type) {
  // Tokens without a position in CPython (INDENT, DEDENT, ENDMARKER) are located at the
  // tokenizer's cursor: the first character of the line, or the end of the input.
  if (is_eof_token(t)) {
    // Running a file, CPython 3.11 reports these with offset 0: the line without a caret.
    fail_range(t.lineno, t.col_offset, t.lineno, -1, std::move(msg), type);
    if (error_) error_->offset = 0;
    return nullptr;
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
    default:
      return parse_simple_statements(out);
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
    case TokenKind::Return:
      return parse_return();
    case TokenKind::Import:
      return parse_import();
    case TokenKind::From:
      return parse_from_import();
    case TokenKind::Raise:
      return parse_raise();
    case TokenKind::Del:
      return parse_del();
    case TokenKind::Assert:
      return parse_assert();
    case TokenKind::Global:
    case TokenKind::Nonlocal:
      return parse_global_or_nonlocal();
    case TokenKind::Pass:
      advance();
      return make<ast::Pass>(t);
    case TokenKind::Break:
      advance();
      return make<ast::Break>(t);
    case TokenKind::Continue:
      advance();
      return make<ast::Continue>(t);
    default:
      return parse_expression_statement();
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
    auto* s = make<ast::AnnAssign>(first);
    set_context(e, ast::ExprContext::Store);
    s->target = e;
    s->simple = simple;
    s->annotation = parse_expression();
    if (!s->annotation) return nullptr;
    finish(s, prev());
    if (accept(TokenKind::Equal)) {
      s->value = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
      if (!s->value) return nullptr;
      finish(s, prev());
    }
    return s;
  }

  if (auto op = augassign_of(kind())) {
    if (e->kind != ExprKind::Name && e->kind != ExprKind::Attribute &&
        e->kind != ExprKind::Subscript) {
      return fail_node(e,
                       "'" + expr_name(e) + "' is an illegal expression for augmented assignment");
    }
    advance();
    auto* s = make<ast::AugAssign>(first);
    set_context(e, ast::ExprContext::Store);
    s->target = e;
    s->op = *op;
    s->value = at(TokenKind::Yield) ? parse_yield() : parse_star_expressions();
    if (!s->value) return nullptr;
    finish(s, prev());
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
        first_value_single =
            is_bitwise_or_level(head) &&
            (is_bare_tuple(v) || (!at(TokenKind::Equal) && !at(TokenKind::ColonEqual)));
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
      const Expr* last =
          is_bare_tuple(target) ? ast::cast<ast::Tuple>(*target).elts.back() : target;
      bool literal_like = bad->kind == ExprKind::List || bad->kind == ExprKind::Tuple ||
                          bad->kind == ExprKind::GeneratorExp ||
                          (bad->kind == ExprKind::Constant &&
                           (ast::cast<ast::Constant>(*bad).value_kind == ast::ConstantKind::None ||
                            ast::cast<ast::Constant>(*bad).value_kind == ast::ConstantKind::Bool));
      if (i == 0 && last == bad && is_bitwise_or_level(bad) && !literal_like &&
          first_value_single) {
        return fail_node(bad, "cannot assign to " + expr_name(bad) +
                                  " here. Maybe you meant '==' instead of '='?");
      }
      return fail_invalid_target(bad, false);
    }
    auto* s = make<ast::Assign>(first);
    s->targets.assign(parts.begin(), parts.end() - 1);
    s->value = parts.back();
    finish(s, prev());
    return s;
  }

  auto* s = make<ast::ExprStmt>(first);
  s->value = e;
  finish(s, prev());
  return s;
}

Stmt* Parser::parse_return() {
  auto* s = make<ast::Return>(advance());
  if (starts_expression() || at(TokenKind::Star)) {
    s->value = parse_star_expressions();
    if (!s->value) return nullptr;
    finish(s, prev());
  }
  return s;
}

Stmt* Parser::parse_raise() {
  auto* s = make<ast::Raise>(advance());
  if (starts_expression()) {
    s->exc = parse_expression();
    if (!s->exc) return nullptr;
    finish(s, prev());
    if (accept(TokenKind::From)) {
      s->cause = parse_expression();
      if (!s->cause) return nullptr;
      finish(s, prev());
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
  finish(s, prev());
  if (accept(TokenKind::Comma)) {
    s->msg = parse_expression();
    if (!s->msg) return nullptr;
    finish(s, prev());
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
    case TokenKind::If:
      return parse_if(false);
    case TokenKind::While:
      return parse_while();
    case TokenKind::For:
      return parse_for();
    case TokenKind::With:
      return parse_with();
    case TokenKind::Try:
      return parse_try();
    case TokenKind::Def:
      return parse_funcdef({}, nullptr);
    case TokenKind::Class:
      return parse_classdef({}, nullptr);
    case TokenKind::At:
      return parse_decorated();
    case TokenKind::Async: {
      TokenKind next = kind(1);
      std::string what = next == TokenKind::Def    ? "'async def'"
                         : next == TokenKind::For  ? "'async for'"
                         : next == TokenKind::With ? "'async with'"
                                                   : "'async'";
      unsupported(peek(), what);
      return nullptr;
    }
    default:
      return fail();
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
  if (parenthesised) {
    // CPython tries the parenthesised form first and falls back to `with (expr):` if it fails.
    Snapshot snap = save();
    std::size_t arena_mark = arena_.size();
    advance();
    if (!parse_with_items(s->items, true)) {
      if (arena_.size() < arena_mark) return nullptr;  // unreachable: the arena only grows
      restore(snap);
      s->items.clear();
      parenthesised = false;
    }
  }
  if (!parenthesised && !parse_with_items(s->items, false)) return nullptr;
  if (!expect_colon_before_newline()) return nullptr;
  if (!parse_block(s->body, "'with' statement", kw.lineno)) return nullptr;
  finish(s, s->body.back());
  return s;
}

bool Parser::parse_with_items(std::vector<ast::WithItem>& items, bool parenthesised) {
  for (;;) {
    ast::WithItem item;
    item.context_expr = parse_expression();
    if (!item.context_expr) return false;
    if (accept(TokenKind::As)) {
      // A single star_target: `with a as (b, c)` needs the parentheses.
      Expr* target = at(TokenKind::Star) ? parse_star_expression() : parse_binary(1);
      if (!target) return false;
      if (Expr* bad = set_context(target, ast::ExprContext::Store)) {
        fail_invalid_target(bad, false);
        return false;
      }
      item.optional_vars = target;
    }
    copy_pos(&item, item.context_expr);
    items.push_back(item);
    if (!accept(TokenKind::Comma)) break;
    if (parenthesised && at(TokenKind::RPar)) break;
  }
  if (parenthesised && !accept(TokenKind::RPar)) {
    fail();
    return false;
  }
  return true;
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
    if (s->handlers.empty()) return fail_at_last("expected 'except' or 'finally' block");
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

}  // namespace interleave::lang::detail

// ---------------------------------------------------------------------------------------------
// [entry point]
// ---------------------------------------------------------------------------------------------
namespace interleave::lang {

ParseResult parse(std::string_view source, std::string_view filename) {
  ParseResult result;
  Scanner scanner(source, filename);
  const bool tokenizer_error = scanner.error() && !scanner.eof_in_paren();
  auto tokenizer_result = [&] {
    SyntaxError e = *scanner.error();
    e.filename = std::string(filename);
    result.error = std::move(e);
    return std::move(result);
  };
  if (tokenizer_error && scanner.tokens().size() <= 1) return tokenizer_result();

  auto module = std::make_unique<ast::Module>();
  detail::Parser parser(scanner.tokens(), scanner.source(), filename, module->arena);
  if (parser.parse_file(module->body)) {
    result.module = std::move(module);
    return result;
  }
  // Which error CPython 3.11 reports (Parser/pegen_errors.c, _Pypegen_set_syntax_error):
  // a tokenizer error the parser ran into wins; "unexpected indent" stands as it is; any other
  // parser error gives way to a tokenizer error further on, or to a bracket left open at the end
  // of input when the bracket's line is before the error's.
  if (tokenizer_error && parser.reached_error_token()) return tokenizer_result();
  SyntaxError e = parser.error();
  const Token& last = parser.tokens()[parser.furthest()];
  const bool unexpected_indent = !parser.specific_error() && (last.kind == TokenKind::Indent ||
                                                              last.kind == TokenKind::Dedent);
  if (!unexpected_indent) {
    if (tokenizer_error) return tokenizer_result();
    if (scanner.eof_in_paren() &&
        (parser.reached_error_token() || e.lineno > scanner.open_paren_lineno())) {
      e = make_syntax_error(SyntaxErrorType::SyntaxError,
                            std::string("'") + scanner.open_paren() + "' was never closed",
                            scanner.source(), filename, scanner.open_paren_lineno(),
                            scanner.open_paren_col());
      e.end_offset = 0;
    }
  } else if (scanner.eof_in_paren() && parser.reached_error_token()) {
    e = make_syntax_error(SyntaxErrorType::SyntaxError,
                          std::string("'") + scanner.open_paren() + "' was never closed",
                          scanner.source(), filename, scanner.open_paren_lineno(),
                          scanner.open_paren_col());
    e.end_offset = 0;
  }
  result.error = std::move(e);
  return result;
}

}  // namespace interleave::lang
