// Internal to the parser (parser.cpp, strings.cpp): the recursive-descent Parser over a token
// vector. It follows CPython 3.11's grammar (Grammar/python.gram) rule by rule but in one pass:
// where CPython would fail and re-parse with its `invalid_*` rules, this parser raises the same
// specific error on the spot, and otherwise reports "invalid syntax" at the furthest token it
// looked at, as CPython does. No exceptions: every parse_* returns nullptr/false after an error
// and callers unwind. Recursion is bounded by kMaxNesting. One Parser per parse call: any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.h"
#include "lang/scanner.h"
#include "lang/syntax_error.h"
#include "lang/token.h"

namespace interleave::lang::detail {

// Nesting budget: each nested expression, unary operator, trailer and chained binary operator
// spends one unit, so both the C++ recursion and the depth of the resulting tree stay bounded.
inline constexpr int kMaxNesting = 1000;

// CPython's _PyPegen_get_expr_name: how messages name an expression ("function call", ...).
std::string expr_name(const ast::Expr* e);
// Whether CPython's `bitwise_or` rule could have produced e (no comparison, not, and/or, ...).
bool is_bitwise_or_level(const ast::Expr* e);
// A tuple written without parentheses (`a, b`).
bool is_bare_tuple(const ast::Expr* e);

class Parser {
 public:
  // `source` is the text positions refer to (for error lines); tokens come from the scanner.
  Parser(const std::vector<Token>& tokens, std::string_view source, std::string_view filename,
         ast::Arena& arena);

  bool parse_file(ast::StmtList& body);
  // For f-string fields: parses `( expression )` tokens; nullptr on error.
  ast::Expr* parse_fstring_expression();

  bool failed() const { return failed_; }
  // The error to report (specific, or generic "invalid syntax" at the furthest token).
  SyntaxError error() const;
  const std::optional<SyntaxError>& specific_error() const { return error_; }
  std::size_t furthest() const { return furthest_; }
  bool reached_error_token() const { return reached_error_token_; }
  const std::vector<Token>& tokens() const { return toks_; }

  // Set for sub-parsers of f-string fields: their errors say "f-string: ..." and point at `anchor`.
  void set_fstring_mode(const Token* anchor) { fstring_anchor_ = anchor; }

 private:
  friend class StringParser;

  // ---- tokens ----
  const Token& peek(std::size_t k = 0);
  TokenKind kind(std::size_t k = 0) { return peek(k).kind; }
  bool at(TokenKind k) { return kind() == k; }
  const Token& advance();
  bool accept(TokenKind k);
  bool at_name(std::string_view text);
  bool starts_expression(std::size_t k = 0);

  // ---- errors ----
  std::nullptr_t fail();  // generic: "invalid syntax" at the furthest token, unless specific
  std::nullptr_t fail_token(const Token& t, std::string msg,
                            SyntaxErrorType type = SyntaxErrorType::SyntaxError);
  std::nullptr_t fail_at_last(std::string msg, SyntaxErrorType type = SyntaxErrorType::SyntaxError);
  std::nullptr_t fail_range(int lineno, int col, int end_lineno, int end_col, std::string msg,
                            SyntaxErrorType type = SyntaxErrorType::SyntaxError);
  std::nullptr_t fail_node(const ast::Node* n, std::string msg);
  std::nullptr_t fail_nodes(const ast::Node* a, const ast::Node* b, std::string msg);
  std::nullptr_t expect(TokenKind k);         // generic error if the token is not there
  std::nullptr_t expect_forced(TokenKind k);  // CPython's &&'x': "expected 'x'"
  bool enter();                               // spends nesting budget; false (and error) if out
  void leave() { --depth_; }

  // ---- node helpers ----
  template <class T>
  T* make(const Token& first);  // positioned at `first`, end filled in by finish()
  template <class T>
  T* make(const ast::Node* first);
  void finish(ast::Node* n, const Token& last);
  void finish(ast::Node* n, const ast::Node* last);
  void copy_pos(ast::Node* n, const ast::Node* from);
  const Token& prev() const { return toks_[pos_ > 0 ? pos_ - 1 : 0]; }

  // ---- statements ----
  bool parse_statements_until(ast::StmtList& out, TokenKind end);
  bool parse_statement(ast::StmtList& out);
  bool parse_simple_statements(ast::StmtList& out);
  ast::Stmt* parse_simple_statement();
  ast::Stmt* parse_expression_statement();
  ast::Stmt* parse_return();
  ast::Stmt* parse_raise();
  ast::Stmt* parse_global_or_nonlocal();
  ast::Stmt* parse_del();
  ast::Stmt* parse_assert();
  ast::Stmt* parse_import();
  ast::Stmt* parse_from_import();
  ast::Stmt* parse_compound();
  ast::Stmt* parse_if(bool is_elif);
  ast::Stmt* parse_while();
  ast::Stmt* parse_for();
  ast::Stmt* parse_with();
  bool parse_with_items(std::vector<ast::WithItem>& items, bool parenthesised);
  ast::Stmt* parse_try();
  ast::Stmt* parse_funcdef(ast::ExprList decorators, const Token* first);
  ast::Stmt* parse_classdef(ast::ExprList decorators, const Token* first);
  ast::Stmt* parse_decorated();
  // block: NEWLINE INDENT statements DEDENT | simple_stmts. `what` names the statement for
  // "expected an indented block after ..." ("'if' statement", "function definition").
  bool parse_block(ast::StmtList& out, const char* what, int header_line);
  bool expect_colon_before_newline();
  bool parse_else_block(ast::StmtList& out);
  bool unsupported(const Token& t, const std::string& what);

  // ---- targets ----
  // Validates `e` as an assignment (Store) or deletion (Del) target and sets its contexts;
  // returns the first invalid sub-expression (CPython's _PyPegen_get_invalid_target) or nullptr.
  ast::Expr* set_context(ast::Expr* e, ast::ExprContext ctx);
  ast::Expr* parse_target_list(bool for_target);  // star_targets (no comparisons)
  std::nullptr_t fail_invalid_target(ast::Expr* bad, bool del);

  // ---- expressions ----
  ast::Expr* parse_star_expressions();  // a, *b, c  (tuple if a comma)
  ast::Expr* parse_star_expression();   // *a | expression
  ast::Expr* parse_star_named_expressions_tuple(ast::Expr* first, const Token& first_tok);
  ast::Expr* parse_star_named_expression();  // *a | named_expression
  ast::Expr* parse_named_expression();       // NAME := expr | expression
  ast::Expr* parse_expressions();            // expression (',' expression)* for e.g. subscripts
  ast::Expr* parse_expression();  // disjunction [if disjunction else expression] | lambda
  ast::Expr* parse_disjunction();
  ast::Expr* parse_conjunction();
  ast::Expr* parse_inversion();
  ast::Expr* parse_comparison();
  ast::Expr* parse_binary(int min_prec);
  ast::Expr* parse_factor();
  ast::Expr* parse_power();
  ast::Expr* parse_primary();
  ast::Expr* parse_atom();
  ast::Expr* parse_paren();
  ast::Expr* parse_list_display();
  ast::Expr* parse_brace_display();
  ast::Expr* parse_lambda();
  ast::Expr* parse_yield();
  ast::Expr* parse_slices();
  ast::Expr* parse_slice();
  ast::Expr* parse_number(const Token& t);
  ast::Expr* parse_strings();
  // f-strings (strings.cpp): one replacement field / one body, appending to `parts`.
  struct FStringParts;
  bool parse_fstring_body(std::string_view body, std::size_t& i, bool raw, int recurse,
                          const Token& tok, FStringParts& out);
  bool parse_fstring_field(std::string_view body, std::size_t& i, bool raw, int recurse,
                           const Token& tok, FStringParts& out);
  ast::Expr* parse_fstring_field_expression(std::string_view text, const Token& tok);
  bool parse_call_arguments(ast::Call* call);
  bool parse_comprehensions(std::vector<ast::Comprehension>& out);
  bool parse_parameters(ast::Arguments& args, TokenKind end, bool lambda);
  // CPython's invalid_expression / invalid_legacy_expression: `a b` inside brackets ("Perhaps you
  // forgot a comma?") and `print x`. Returns a, or nullptr after raising the error.
  ast::Expr* check_invalid_expression(ast::Expr* a, std::size_t start);
  bool is_eof_token(const Token& t) const;

  struct Snapshot {
    std::size_t pos, furthest;
    int depth;
    bool failed;
    std::optional<SyntaxError> error;
  };
  Snapshot save() const { return {pos_, furthest_, depth_, failed_, error_}; }
  void restore(const Snapshot& s);

  const std::vector<Token>& toks_;
  std::string_view source_;
  std::string_view filename_;
  ast::Arena& arena_;
  std::size_t pos_ = 0;
  std::size_t furthest_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  std::optional<SyntaxError> error_;
  const Token* fstring_anchor_ = nullptr;
  const Token* strings_anchor_ =
      nullptr;  // where string-literal errors point (CPython: the next token)
  bool no_invalid_ = false;
  // Set (and never reset by backtracking) once the token list's Error token was looked at: for
  // CPython, fetching the end of input inside brackets raises "'(' was never closed" at once.
  bool reached_error_token_ =
      false;  // inside a speculative parse for a diagnostic: no nested diagnostics
};

template <class T>
inline T* Parser::make(const Token& first) {
  T* n = arena_.make<T>();
  n->lineno = first.lineno;
  n->col_offset = first.col_offset;
  n->end_lineno = first.end_lineno;
  n->end_col_offset = first.end_col_offset;
  return n;
}

template <class T>
inline T* Parser::make(const ast::Node* first) {
  T* n = arena_.make<T>();
  n->lineno = first->lineno;
  n->col_offset = first->col_offset;
  n->end_lineno = first->end_lineno;
  n->end_col_offset = first->end_col_offset;
  return n;
}

}  // namespace interleave::lang::detail
