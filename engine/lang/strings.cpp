// String literals: prefixes, escapes, implicit concatenation and f-strings, as CPython 3.11's
// Parser/string_parser.c does it. An f-string's replacement fields are found by scanning the
// literal's text; each field's expression is re-scanned and parsed as "(expr)" by a nested
// Parser sharing the arena, then its nodes are moved to their real source positions. Errors
// point where CPython 3.11 points them (mostly at the token after the strings). Any thread.
#include <cstdio>

#include "lang/parser_impl.h"
#include "support/utf8.h"

namespace interleave::lang::detail {

using ast::Expr;

namespace {

struct Literal {
  bool raw = false;
  bool bytes = false;
  bool fstring = false;
  std::string_view body;  // between the quotes
};

Literal split_literal(std::string_view text) {
  Literal lit;
  std::size_t i = 0;
  while (text[i] != '\'' && text[i] != '"') {
    char c = static_cast<char>(text[i] | 0x20);
    lit.raw |= c == 'r';
    lit.bytes |= c == 'b';
    lit.fstring |= c == 'f';
    ++i;
  }
  const char q = text[i];
  std::size_t quote_len = text.size() - i >= 6 && text[i + 1] == q && text[i + 2] == q ? 3 : 1;
  lit.body = text.substr(i + quote_len, text.size() - i - 2 * quote_len);
  return lit;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escape sequence at body[i] == '\\' into `out`, advancing i. On error, sets `err`
// to CPython's message and returns false.
bool decode_escape(std::string_view body, std::size_t& i, bool bytes, std::string& out,
                   std::string& err) {
  const std::size_t start = i;
  if (i + 1 >= body.size()) {  // a lone trailing backslash (only possible in f-string pieces)
    out.push_back('\\');
    ++i;
    return true;
  }
  const char c = body[i + 1];
  i += 2;
  switch (c) {
    case '\n':
      return true;
    case '\\':
      out.push_back('\\');
      return true;
    case '\'':
      out.push_back('\'');
      return true;
    case '"':
      out.push_back('"');
      return true;
    case 'a':
      out.push_back('\a');
      return true;
    case 'b':
      out.push_back('\b');
      return true;
    case 'f':
      out.push_back('\f');
      return true;
    case 'n':
      out.push_back('\n');
      return true;
    case 'r':
      out.push_back('\r');
      return true;
    case 't':
      out.push_back('\t');
      return true;
    case 'v':
      out.push_back('\v');
      return true;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      std::uint32_t v = static_cast<std::uint32_t>(c - '0');
      for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i) {
        v = v * 8 + static_cast<std::uint32_t>(body[i] - '0');
      }
      if (bytes) {
        out.push_back(static_cast<char>(v & 0xFF));
      } else {
        support::utf8_append(out, v);
      }
      return true;
    }
    case 'x':
    case 'u':
    case 'U': {
      if (bytes && c != 'x') break;
      const int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      std::uint32_t v = 0;
      for (int k = 0; k < digits; ++k) {
        int h = i < body.size() ? hex_value(body[i]) : -1;
        if (h < 0) {
          if (bytes) {
            err = "(value error) invalid \\x escape at position " + std::to_string(start);
          } else {
            const char* what = c == 'x' ? "\\xXX" : c == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
            err = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                  std::to_string(start) + "-" + std::to_string(i - 1) + ": truncated " + what +
                  " escape";
          }
          return false;
        }
        v = v * 16 + static_cast<std::uint32_t>(h);
        ++i;
      }
      if (v > 0x10FFFF) {
        err = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
              std::to_string(start) + "-" + std::to_string(i - 1) + ": illegal Unicode character";
        return false;
      }
      if (bytes) {
        out.push_back(static_cast<char>(v));
      } else {
        support::utf8_append(out, v);
      }
      return true;
    }
    case 'N': {
      if (bytes) break;
      std::size_t close =
          i < body.size() && body[i] == '{' ? body.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos || close == i + 1) {
        err = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
              std::to_string(start) + "-" + std::to_string(i - 1) +
              ": malformed \\N character escape";
      } else {
        err = "\\N{...} escapes are not supported by Interleave";
      }
      return false;
    }
    default:
      break;
  }
  // Unknown escape: kept as written (CPython only warns).
  out.push_back('\\');
  if (static_cast<unsigned char>(c) < 0x80) {
    out.push_back(c);
  } else {
    i -= 1;  // let the caller copy the multi-byte character
  }
  return true;
}

bool decode_plain(std::string_view body, bool raw, bool bytes, std::string& out, std::string& err) {
  if (raw) {
    out.append(body);
    return true;
  }
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t next = body.find('\\', i);
    if (next == std::string_view::npos) next = body.size();
    out.append(body.substr(i, next - i));
    i = next;
    if (i < body.size() && !decode_escape(body, i, bytes, out, err)) return false;
  }
  return true;
}

}  // namespace

// The pieces of one JoinedStr under construction: literal text is buffered so that adjacent
// pieces (across implicit concatenation too) become one Constant, as in CPython.
struct Parser::FStringParts {
  ast::JoinedStr* node = nullptr;
  const ast::Node* group = nullptr;  // where the pieces are placed: the whole run of literals
  std::string literal;
};

Expr* Parser::parse_strings() {
  std::vector<const Token*> toks;
  while (at(TokenKind::String)) toks.push_back(&advance());
  const Token& first = *toks.front();
  const Token& last = *toks.back();
  const Token& anchor = peek();  // CPython reports most literal errors at the next token
  strings_anchor_ = &anchor;

  // CPython checks each literal against the first one as it goes, after decoding the previous
  // ones, so an error inside an earlier f-string wins over the mix.
  const bool any_bytes = split_literal(first.text).bytes;
  bool any_f = false;
  for (const Token* t : toks) any_f |= split_literal(t->text).fstring;
  auto mixes = [&](const Literal& lit) { return lit.bytes != any_bytes; };

  auto position = [&](ast::Node* n) {
    n->lineno = first.lineno;
    n->col_offset = first.col_offset;
    n->end_lineno = last.end_lineno;
    n->end_col_offset = last.end_col_offset;
  };

  if (!any_f) {
    auto* c = arena_.make<ast::Constant>();
    position(c);
    c->value_kind = any_bytes ? ast::ConstantKind::Bytes : ast::ConstantKind::Str;
    for (const Token* t : toks) {
      Literal lit = split_literal(t->text);
      if (mixes(lit)) return fail_token(anchor, "cannot mix bytes and nonbytes literals");
      if (lit.bytes) {
        for (char ch : lit.body) {
          if (static_cast<unsigned char>(ch) >= 0x80) {
            return fail_token(*t, "bytes can only contain ASCII literal characters");
          }
        }
      }
      std::string err;
      if (!decode_plain(lit.body, lit.raw, lit.bytes, c->str_value, err)) {
        return fail_token(anchor, err);
      }
    }
    return c;
  }

  FStringParts parts;
  parts.node = arena_.make<ast::JoinedStr>();
  position(parts.node);
  parts.group = parts.node;
  for (const Token* t : toks) {
    Literal lit = split_literal(t->text);
    if (mixes(lit)) return fail_token(anchor, "cannot mix bytes and nonbytes literals");
    if (!lit.fstring) {
      std::string err;
      if (!decode_plain(lit.body, lit.raw, false, parts.literal, err)) {
        return fail_token(anchor, err);
      }
      continue;
    }
    std::size_t i = 0;
    if (!parse_fstring_body(lit.body, i, lit.raw, 0, *t, parts)) return nullptr;
  }
  if (!parts.literal.empty()) {
    auto* c = make<ast::Constant>(parts.node);
    c->value_kind = ast::ConstantKind::Str;
    c->str_value = std::move(parts.literal);
    parts.node->values.push_back(c);
  }
  return parts.node;
}

// Literal text and fields up to the end of `body`, or (recurse > 0, a format spec) up to the
// `}` closing the field, which is left for the caller.
bool Parser::parse_fstring_body(std::string_view body, std::size_t& i, bool raw, int recurse,
                                const Token& tok, FStringParts& out) {
  const Token& anchor = *strings_anchor_;
  while (i < body.size()) {
    const char c = body[i];
    if (c == '{') {
      if (recurse == 0 && i + 1 < body.size() && body[i + 1] == '{') {
        out.literal.push_back('{');
        i += 2;
        continue;
      }
      if (!parse_fstring_field(body, i, raw, recurse, tok, out)) return false;
      continue;
    }
    if (c == '}') {
      if (recurse > 0) return true;
      if (i + 1 < body.size() && body[i + 1] == '}') {
        out.literal.push_back('}');
        i += 2;
        continue;
      }
      fail_token(anchor, "f-string: single '}' is not allowed");
      return false;
    }
    if (c == '\\' && !raw) {
      std::string err;
      if (!decode_escape(body, i, false, out.literal, err)) {
        fail_token(anchor, err);
        return false;
      }
      continue;
    }
    out.literal.push_back(c);
    ++i;
  }
  return true;
}

bool Parser::parse_fstring_field(std::string_view body, std::size_t& i, bool raw, int recurse,
                                 const Token& tok, FStringParts& out) {
  const Token& anchor = *strings_anchor_;
  auto error = [&](const std::string& msg) {
    fail_token(anchor, msg);
    return false;
  };
  if (recurse >= 2) return error("f-string: expressions nested too deeply");
  ++i;  // '{'
  const std::size_t expr_start = i;
  char quote = 0;
  int string_type = 0;
  std::vector<char> parens;
  for (; i < body.size(); ++i) {
    const char ch = body[i];
    if (ch == '\\') return error("f-string expression part cannot include a backslash");
    if (quote) {
      if (ch == quote) {
        if (string_type == 3) {
          if (i + 2 < body.size() && body[i + 1] == ch && body[i + 2] == ch) {
            i += 2;
            quote = 0;
            string_type = 0;
          }
        } else {
          quote = 0;
          string_type = 0;
        }
      }
      continue;
    }
    if (ch == '\'' || ch == '"') {
      if (i + 2 < body.size() && body[i + 1] == ch && body[i + 2] == ch) {
        string_type = 3;
        i += 2;
      } else {
        string_type = 1;
      }
      quote = ch;
    } else if (ch == '[' || ch == '{' || ch == '(') {
      if (parens.size() >= static_cast<std::size_t>(kMaxParenLevel)) {
        return error("f-string: too many nested parenthesis");
      }
      parens.push_back(ch);
    } else if (ch == '#') {
      return error("f-string expression part cannot include '#'");
    } else if (parens.empty() &&
               (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
      if (i + 1 < body.size()) {
        char next = body[i + 1];
        if ((ch == '!' || ch == '=' || ch == '<' || ch == '>') && next == '=') {
          ++i;
          continue;
        }
      }
      if (ch == '>' || ch == '<') continue;
      break;
    } else if (ch == ']' || ch == '}' || ch == ')') {
      if (parens.empty()) return error(std::string("f-string: unmatched '") + ch + "'");
      char open = parens.back();
      parens.pop_back();
      if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
            (open == '{' && ch == '}'))) {
        return error(std::string("f-string: closing parenthesis '") + ch +
                     "' does not match opening parenthesis '" + open + "'");
      }
    }
  }
  const std::size_t expr_end = i;
  if (quote) return error("f-string: unterminated string");
  if (!parens.empty()) return error(std::string("f-string: unmatched '") + parens.back() + "'");
  if (i >= body.size()) return error("f-string: expecting '}'");

  std::string_view expr_text = body.substr(expr_start, expr_end - expr_start);
  if (expr_text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) {
    return error("f-string: empty expression not allowed");
  }
  Expr* value = parse_fstring_field_expression(expr_text, tok);
  if (!value) return false;

  std::string_view debug_text;
  if (body[i] == '=') {
    ++i;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' ||
                               body[i] == '\r' || body[i] == '\f' || body[i] == '\v')) {
      ++i;
    }
    if (i >= body.size()) return error("f-string: expecting '}'");
    debug_text = body.substr(expr_start, i - expr_start);
  }
  int conversion = ast::FormattedValue::kNoConversion;
  if (body[i] == '!') {
    ++i;
    if (i >= body.size()) return error("f-string: expecting '}'");
    conversion = static_cast<unsigned char>(body[i]);
    ++i;
    if (conversion != 's' && conversion != 'r' && conversion != 'a') {
      return error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
  }
  ast::JoinedStr* spec = nullptr;
  if (i < body.size() && body[i] == ':') {
    ++i;
    if (i >= body.size()) return error("f-string: expecting '}'");
    FStringParts spec_parts;
    spec_parts.node = make<ast::JoinedStr>(out.group);
    spec_parts.group = out.group;
    finish(spec_parts.node, tok);  // CPython 3.11 ends a format spec with its own string token
    if (!parse_fstring_body(body, i, raw, recurse + 1, tok, spec_parts)) return false;
    if (!spec_parts.literal.empty()) {
      auto* c = make<ast::Constant>(out.group);
      c->value_kind = ast::ConstantKind::Str;
      c->str_value = std::move(spec_parts.literal);
      spec_parts.node->values.push_back(c);
    }
    spec = spec_parts.node;
  }
  if (i >= body.size() || body[i] != '}') return error("f-string: expecting '}'");
  ++i;

  if (!debug_text.empty()) {
    out.literal.append(debug_text);
    if (spec == nullptr && conversion == ast::FormattedValue::kNoConversion) conversion = 'r';
  }
  if (!out.literal.empty()) {
    auto* c = make<ast::Constant>(out.group);
    c->value_kind = ast::ConstantKind::Str;
    c->str_value = std::move(out.literal);
    out.literal.clear();
    out.node->values.push_back(c);
  }
  auto* fv = make<ast::FormattedValue>(out.group);
  fv->value = value;
  fv->conversion = conversion;
  fv->format_spec = spec;
  out.node->values.push_back(fv);
  return true;
}

// Parses one field's expression as CPython 3.11 does: "(" + text + ")" through a fresh scanner
// and parser. Errors keep that text and its columns (CPython shows "(a b)"); on success the new
// nodes are moved to where the text sits in the real source.
Expr* Parser::parse_fstring_field_expression(std::string_view text, const Token& tok) {
  int base_line = tok.lineno;
  int base_col = tok.col_offset;
  for (const char* p = tok.text.data(); p < text.data(); ++p) {
    if (*p == '\n') {
      ++base_line;
      base_col = 0;
    } else {
      ++base_col;
    }
  }

  std::string sub = "(";
  sub.append(text);
  sub.push_back(')');
  Scanner scanner(sub, filename_);
  if (scanner.error() && !scanner.eof_in_paren()) {
    failed_ = true;
    error_ = *scanner.error();
    error_->filename = std::string(filename_);
    return nullptr;
  }
  const std::size_t first_node = arena_.size();
  Parser nested(scanner.tokens(), scanner.source(), filename_, arena_);
  nested.set_fstring_mode(&tok);
  nested.depth_ = depth_;
  Expr* e = nested.parse_fstring_expression();
  if (!e) {
    failed_ = true;
    error_ = nested.error();
    return nullptr;
  }
  auto move = [&](ast::Node& n) {
    if (n.lineno == 1) n.col_offset += base_col - 1;
    if (n.end_lineno == 1) n.end_col_offset += base_col - 1;
    n.lineno += base_line - 1;
    n.end_lineno += base_line - 1;
  };
  for (std::size_t k = first_node; k < arena_.size(); ++k) {
    ast::Node& n = arena_.node(k);
    move(n);
    if (auto* call = dynamic_cast<ast::Call*>(&n)) {
      for (ast::Keyword& kw : call->keywords) move(kw);
    } else if (auto* lambda = dynamic_cast<ast::Lambda*>(&n)) {
      ast::Arguments& a = lambda->args;
      for (ast::Arg& arg : a.posonlyargs) move(arg);
      for (ast::Arg& arg : a.args) move(arg);
      for (ast::Arg& arg : a.kwonlyargs) move(arg);
      if (a.vararg) move(*a.vararg);
      if (a.kwarg) move(*a.kwarg);
    }
  }
  return e;
}

}  // namespace interleave::lang::detail
