// The expression half of the parser (see parser_impl.h): assignment targets and every
// expression form, from star-expressions down to atoms, with CPython 3.11's diagnostics for
// them. Binary operators use precedence climbing instead of one function per level, so that
// each nesting level costs few C++ frames. Any thread (one Parser per call).
#include <cstdlib>
#include <limits>

#include "lang/parser_impl.h"

namespace interleave::lang::detail {

using ast::Expr;
using ast::ExprKind;

namespace {

std::optional<ast::BinOperator> binop_of(TokenKind k, int* prec) {
  using ast::BinOperator;
  switch (k) {
    case TokenKind::VBar:
      *prec = 1;
      return BinOperator::BitOr;
    case TokenKind::Circumflex:
      *prec = 2;
      return BinOperator::BitXor;
    case TokenKind::Amper:
      *prec = 3;
      return BinOperator::BitAnd;
    case TokenKind::LeftShift:
      *prec = 4;
      return BinOperator::LShift;
    case TokenKind::RightShift:
      *prec = 4;
      return BinOperator::RShift;
    case TokenKind::Plus:
      *prec = 5;
      return BinOperator::Add;
    case TokenKind::Minus:
      *prec = 5;
      return BinOperator::Sub;
    case TokenKind::Star:
      *prec = 6;
      return BinOperator::Mult;
    case TokenKind::Slash:
      *prec = 6;
      return BinOperator::Div;
    case TokenKind::DoubleSlash:
      *prec = 6;
      return BinOperator::FloorDiv;
    case TokenKind::Percent:
      *prec = 6;
      return BinOperator::Mod;
    case TokenKind::At:
      *prec = 6;
      return BinOperator::MatMult;
    default:
      return std::nullopt;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [targets]
// ---------------------------------------------------------------------------------------------
Expr* Parser::set_context(Expr* e, ast::ExprContext ctx) {
  switch (e->kind) {
    case ExprKind::Name:
      ast::cast<ast::Name>(*e).ctx = ctx;
      return nullptr;
    case ExprKind::Attribute:
      ast::cast<ast::Attribute>(*e).ctx = ctx;
      return nullptr;
    case ExprKind::Subscript:
      ast::cast<ast::Subscript>(*e).ctx = ctx;
      return nullptr;
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
    default:
      return e;
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
      finish(s, prev());
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
    finish(s, prev());
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
    finish(n, prev());
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
        return fail_node(
            e, "cannot assign to " + expr_name(e) + " here. Maybe you meant '==' instead of '='?");
      }
    }
  }
  return e;
}

Expr* Parser::parse_expression() {
  if (at(TokenKind::Lambda)) return parse_lambda();
  if (!enter()) return nullptr;
  std::size_t start = pos_;
  const Token& first = peek();
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
    auto* e = make<ast::IfExp>(first);
    e->test = test;
    e->body = a;
    e->orelse = orelse;
    finish(e, prev());
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
  return fail_nodes(
      a, b, "Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?");
}

Expr* Parser::parse_disjunction() {
  const Token& first_tok = peek();
  Expr* first = parse_conjunction();
  if (!first || !at(TokenKind::Or)) return first;
  auto* b = make<ast::BoolOp>(first_tok);
  b->op = ast::BoolOperator::Or;
  b->values.push_back(first);
  while (accept(TokenKind::Or)) {
    Expr* next = parse_conjunction();
    if (!next) return nullptr;
    b->values.push_back(next);
  }
  finish(b, prev());
  return b;
}

Expr* Parser::parse_conjunction() {
  const Token& first_tok = peek();
  Expr* first = parse_inversion();
  if (!first || !at(TokenKind::And)) return first;
  auto* b = make<ast::BoolOp>(first_tok);
  b->op = ast::BoolOperator::And;
  b->values.push_back(first);
  while (accept(TokenKind::And)) {
    Expr* next = parse_inversion();
    if (!next) return nullptr;
    b->values.push_back(next);
  }
  finish(b, prev());
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
  finish(u, prev());
  return u;
}

Expr* Parser::parse_comparison() {
  const Token& first = peek();
  Expr* left = parse_binary(1);
  if (!left) return nullptr;
  ast::Compare* cmp = nullptr;
  for (;;) {
    ast::CmpOperator op;
    switch (kind()) {
      case TokenKind::EqEqual:
        op = ast::CmpOperator::Eq;
        break;
      case TokenKind::NotEqual:
        if (peek().text == "<>") return fail();  // Barry as FLUFL only
        op = ast::CmpOperator::NotEq;
        break;
      case TokenKind::Less:
        op = ast::CmpOperator::Lt;
        break;
      case TokenKind::LessEqual:
        op = ast::CmpOperator::LtE;
        break;
      case TokenKind::Greater:
        op = ast::CmpOperator::Gt;
        break;
      case TokenKind::GreaterEqual:
        op = ast::CmpOperator::GtE;
        break;
      case TokenKind::In:
        op = ast::CmpOperator::In;
        break;
      case TokenKind::Is:
        op = kind(1) == TokenKind::Not ? ast::CmpOperator::IsNot : ast::CmpOperator::Is;
        break;
      case TokenKind::Not:
        if (kind(1) != TokenKind::In) return cmp ? cmp : left;
        op = ast::CmpOperator::NotIn;
        break;
      default:
        return cmp ? static_cast<Expr*>(cmp) : left;
    }
    advance();
    if (op == ast::CmpOperator::IsNot || op == ast::CmpOperator::NotIn) advance();
    if (!cmp) {
      cmp = make<ast::Compare>(first);
      cmp->left = left;
    }
    Expr* right = parse_binary(1);
    if (!right) return nullptr;
    cmp->ops.push_back(op);
    cmp->comparators.push_back(right);
    finish(cmp, prev());
  }
}

// Precedence climbing over | ^ & << >> + - * / // % @ (all left-associative).
Expr* Parser::parse_binary(int min_prec) {
  const Token& first = peek();
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
    auto* b = make<ast::BinOp>(first);
    b->left = left;
    b->op = *op;
    b->right = right;
    finish(b, prev());
    left = b;
  }
  depth_ -= spent;
  return left;
}

Expr* Parser::parse_factor() {
  ast::UnaryOperator op;
  switch (kind()) {
    case TokenKind::Plus:
      op = ast::UnaryOperator::UAdd;
      break;
    case TokenKind::Minus:
      op = ast::UnaryOperator::USub;
      break;
    case TokenKind::Tilde:
      op = ast::UnaryOperator::Invert;
      break;
    default:
      return parse_power();
  }
  if (!enter()) return nullptr;
  auto* u = make<ast::UnaryOp>(advance());
  u->op = op;
  u->operand = parse_factor();
  leave();
  if (!u->operand) return nullptr;
  finish(u, prev());
  return u;
}

Expr* Parser::parse_power() {
  if (at(TokenKind::Await)) {
    unsupported(peek(), "'await'");
    return nullptr;
  }
  const Token& first = peek();
  Expr* base = parse_primary();
  if (!base || !at(TokenKind::DoubleStar)) return base;
  if (!enter()) return nullptr;
  advance();
  Expr* exp = parse_factor();
  leave();
  if (!exp) return nullptr;
  auto* b = make<ast::BinOp>(first);
  b->left = base;
  b->op = ast::BinOperator::Pow;
  b->right = exp;
  finish(b, prev());
  return b;
}

Expr* Parser::parse_primary() {
  const Token& first = peek();
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
      auto* a = make<ast::Attribute>(first);
      a->value = e;
      a->attr = std::string(peek().text);
      finish(a, advance());
      e = a;
    } else if (k == TokenKind::LPar) {
      auto* c = make<ast::Call>(first);
      c->func = e;
      if (!parse_call_arguments(c)) return nullptr;
      finish(c, prev());
      e = c;
    } else {
      auto* s = make<ast::Subscript>(first);
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
    case TokenKind::Number:
      return parse_number(advance());
    case TokenKind::String:
      return parse_strings();
    case TokenKind::LPar:
      return parse_paren();
    case TokenKind::LSqb:
      return parse_list_display();
    case TokenKind::LBrace:
      return parse_brace_display();
    default:
      return fail();
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
  constexpr std::uint64_t kMax =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  for (; i < digits.size(); ++i) {
    char d = digits[i];
    std::uint64_t v =
        d <= '9' ? static_cast<std::uint64_t>(d - '0') : static_cast<std::uint64_t>(d - 'a' + 10);
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
  if (first->kind == ExprKind::Starred)
    return fail_node(first, "cannot use starred expression here");
  return first;
}

Expr* Parser::parse_list_display() {
  const Token& open = advance();
  auto* l = make<ast::List>(open);
  if (accept(TokenKind::RSqb)) {
    finish(l, prev());
    return l;
  }
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
      if (!accept(TokenKind::Colon)) {
        if (at(TokenKind::Comma) || at(TokenKind::RBrace)) {
          return fail_range(k->end_lineno, k->end_col_offset - 1, k->end_lineno, -1,
                            "':' expected after dictionary key");
        }
        return fail();
      }
      if (at(TokenKind::Comma) || at(TokenKind::RBrace)) {
        return fail_at_last("expression expected after dictionary key and ':'");
      }
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
  finish(l, prev());
  return l;
}

Expr* Parser::parse_yield() {
  const Token& kw = advance();
  if (accept(TokenKind::From)) {
    auto* y = make<ast::YieldFrom>(kw);
    y->value = parse_expression();
    if (!y->value) return nullptr;
    finish(y, prev());
    return y;
  }
  auto* y = make<ast::Yield>(kw);
  if (starts_expression() || at(TokenKind::Star)) {
    y->value = parse_star_expressions();
    if (!y->value) return nullptr;
    finish(y, prev());
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
    finish(s, prev());
  }
  if (accept(TokenKind::Colon)) {
    finish(s, prev());
    if (!at(TokenKind::Comma) && !at(TokenKind::RSqb)) {
      s->step = parse_expression();
      if (!s->step) return nullptr;
      finish(s, prev());
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
      finish(&k, prev());
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
      finish(&k, prev());
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
      Expr* e = at(TokenKind::Name) && kind(1) == TokenKind::ColonEqual ? parse_named_expression()
                                                                        : parse_expression();
      if (!e) return false;
      if (at(TokenKind::Equal)) {
        const Token& eq = peek();
        fail_range(e->lineno, e->col_offset, eq.end_lineno, eq.end_col_offset,
                   "expression cannot contain assignment, perhaps you meant \"==\"?");
        return false;
      }
      if (at(TokenKind::For) || at(TokenKind::Async)) {
        auto* g = make<ast::GeneratorExp>(first);
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
        fail_at_last("positional argument follows keyword argument unpacking");
        return false;
      }
      if (seen_keyword) {
        fail_at_last("positional argument follows keyword argument");
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
      finish(&a, prev());
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
    const Token& first = peek();
    e = parse_star_named_expression();
    if (e && at(TokenKind::Comma)) {
      auto* t = make<ast::Tuple>(first);
      t->elts.push_back(e);
      while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RPar)) break;
        Expr* next = parse_star_named_expression();
        if (!next) return nullptr;
        t->elts.push_back(next);
      }
      finish(t, prev());
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
