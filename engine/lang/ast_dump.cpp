// ast.dump() for Interleave's tree: field order, omitted None fields and value reprs follow
// Lib/ast.py and Parser/Python.asdl of CPython 3.11. Any thread.
#include "lang/ast_dump.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "lang/unicode.h"
#include "support/number_format.h"
#include "support/utf8.h"

namespace interleave::lang::ast {

namespace {

const char* ctx_name(ExprContext ctx) {
  return ctx == ExprContext::Load ? "Load()" : ctx == ExprContext::Store ? "Store()" : "Del()";
}

// An integer literal's digits (any base, prefix included) in decimal, for big ints.
std::string to_decimal(const std::string& literal) {
  int base = 10;
  std::size_t i = 0;
  if (literal.size() > 1 && literal[0] == '0' && literal[1] != '0') {
    base = literal[1] == 'x' ? 16 : literal[1] == 'o' ? 8 : literal[1] == 'b' ? 2 : 10;
    i = base == 10 ? 0 : 2;
  }
  std::vector<int> dec{0};  // little-endian decimal digits
  for (; i < literal.size(); ++i) {
    char c = literal[i];
    int carry = c <= '9' ? c - '0' : c - 'a' + 10;
    for (int& d : dec) {
      int v = d * base + carry;
      d = v % 10;
      carry = v / 10;
    }
    while (carry) {
      dec.push_back(carry % 10);
      carry /= 10;
    }
  }
  while (dec.size() > 1 && dec.back() == 0) dec.pop_back();
  std::string out;
  for (auto it = dec.rbegin(); it != dec.rend(); ++it) out.push_back(static_cast<char>('0' + *it));
  return out;
}

class Dumper {
 public:
  explicit Dumper(bool attributes) : attributes_(attributes) {}

  std::string out;

  void stmts(const StmtList& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      stmt(*list[i]);
    }
    out += ']';
  }

  void exprs(const ExprList& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      if (list[i]) {
        expr(*list[i]);
      } else {
        out += "None";
      }
    }
    out += ']';
  }

  void names(const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      out += repr_str(list[i]);
    }
    out += ']';
  }

  // Fields are written "name=value"; the first one of a node has no leading comma.
  void open(const char* name) {
    out += name;
    out += '(';
    first_ = true;
  }
  void field(const char* name) {
    if (!first_) out += ", ";
    first_ = false;
    out += name;
    out += '=';
  }
  void close(const Node& n, bool positioned) {
    if (attributes_ && positioned) {
      if (!first_) out += ", ";
      out += "lineno=" + std::to_string(n.lineno) + ", col_offset=" + std::to_string(n.col_offset) +
             ", end_lineno=" + std::to_string(n.end_lineno) +
             ", end_col_offset=" + std::to_string(n.end_col_offset);
    }
    out += ')';
    first_ = false;
  }
  void opt_expr(const char* name, const Expr* e) {
    if (!e) return;
    field(name);
    expr(*e);
  }
  void expr_field(const char* name, const Expr* e) {
    field(name);
    if (e) {
      expr(*e);
    } else {
      out += "None";
    }
  }
  void stmts_field(const char* name, const StmtList& l) {
    field(name);
    stmts(l);
  }
  void exprs_field(const char* name, const ExprList& l) {
    field(name);
    exprs(l);
  }
  void raw_field(const char* name, const std::string& text) {
    field(name);
    out += text;
  }

  void arg(const Arg& a) {
    open("arg");
    raw_field("arg", repr_str(a.arg));
    opt_expr("annotation", a.annotation);
    close(a, true);
  }

  void arguments(const Arguments& a) {
    auto args = [&](const char* name, const std::vector<Arg>& list) {
      field(name);
      out += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += ", ";
        arg(list[i]);
      }
      out += ']';
    };
    open("arguments");
    args("posonlyargs", a.posonlyargs);
    args("args", a.args);
    if (a.vararg) {
      field("vararg");
      arg(*a.vararg);
    }
    args("kwonlyargs", a.kwonlyargs);
    exprs_field("kw_defaults", a.kw_defaults);
    if (a.kwarg) {
      field("kwarg");
      arg(*a.kwarg);
    }
    exprs_field("defaults", a.defaults);
    close(a, false);
  }

  void keywords(const std::vector<Keyword>& list) {
    field("keywords");
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      open("keyword");
      if (!list[i].arg.empty()) raw_field("arg", repr_str(list[i].arg));
      expr_field("value", list[i].value);
      close(list[i], true);
    }
    out += ']';
  }

  void aliases(const std::vector<Alias>& list) {
    field("names");
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      open("alias");
      raw_field("name", repr_str(list[i].name));
      if (!list[i].asname.empty()) raw_field("asname", repr_str(list[i].asname));
      close(list[i], true);
    }
    out += ']';
  }

  void generators(const std::vector<Comprehension>& list) {
    field("generators");
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      open("comprehension");
      expr_field("target", list[i].target);
      expr_field("iter", list[i].iter);
      exprs_field("ifs", list[i].ifs);
      raw_field("is_async", "0");
      close(list[i], false);
    }
    out += ']';
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::FunctionDef: {
        const auto& n = cast<FunctionDef>(s);
        open("FunctionDef");
        raw_field("name", repr_str(n.name));
        field("args");
        arguments(n.args);
        stmts_field("body", n.body);
        exprs_field("decorator_list", n.decorator_list);
        opt_expr("returns", n.returns);
        break;
      }
      case StmtKind::ClassDef: {
        const auto& n = cast<ClassDef>(s);
        open("ClassDef");
        raw_field("name", repr_str(n.name));
        exprs_field("bases", n.bases);
        keywords(n.keywords);
        stmts_field("body", n.body);
        exprs_field("decorator_list", n.decorator_list);
        break;
      }
      case StmtKind::Return:
        open("Return");
        opt_expr("value", cast<Return>(s).value);
        break;
      case StmtKind::Delete:
        open("Delete");
        exprs_field("targets", cast<Delete>(s).targets);
        break;
      case StmtKind::Assign: {
        const auto& n = cast<Assign>(s);
        open("Assign");
        exprs_field("targets", n.targets);
        expr_field("value", n.value);
        break;
      }
      case StmtKind::AugAssign: {
        const auto& n = cast<AugAssign>(s);
        open("AugAssign");
        expr_field("target", n.target);
        raw_field("op", std::string(op_name(n.op)) + "()");
        expr_field("value", n.value);
        break;
      }
      case StmtKind::AnnAssign: {
        const auto& n = cast<AnnAssign>(s);
        open("AnnAssign");
        expr_field("target", n.target);
        expr_field("annotation", n.annotation);
        opt_expr("value", n.value);
        raw_field("simple", n.simple ? "1" : "0");
        break;
      }
      case StmtKind::For: {
        const auto& n = cast<For>(s);
        open("For");
        expr_field("target", n.target);
        expr_field("iter", n.iter);
        stmts_field("body", n.body);
        stmts_field("orelse", n.orelse);
        break;
      }
      case StmtKind::While: {
        const auto& n = cast<While>(s);
        open("While");
        expr_field("test", n.test);
        stmts_field("body", n.body);
        stmts_field("orelse", n.orelse);
        break;
      }
      case StmtKind::If: {
        const auto& n = cast<If>(s);
        open("If");
        expr_field("test", n.test);
        stmts_field("body", n.body);
        stmts_field("orelse", n.orelse);
        break;
      }
      case StmtKind::With: {
        const auto& n = cast<With>(s);
        open("With");
        field("items");
        out += '[';
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          if (i) out += ", ";
          open("withitem");
          expr_field("context_expr", n.items[i].context_expr);
          opt_expr("optional_vars", n.items[i].optional_vars);
          close(n.items[i], false);
        }
        out += ']';
        stmts_field("body", n.body);
        break;
      }
      case StmtKind::Raise: {
        const auto& n = cast<Raise>(s);
        open("Raise");
        opt_expr("exc", n.exc);
        opt_expr("cause", n.cause);
        break;
      }
      case StmtKind::Try: {
        const auto& n = cast<Try>(s);
        open("Try");
        stmts_field("body", n.body);
        field("handlers");
        out += '[';
        for (std::size_t i = 0; i < n.handlers.size(); ++i) {
          if (i) out += ", ";
          const ExceptHandler& h = n.handlers[i];
          open("ExceptHandler");
          opt_expr("type", h.type);
          if (!h.name.empty()) raw_field("name", repr_str(h.name));
          stmts_field("body", h.body);
          close(h, true);
        }
        out += ']';
        stmts_field("orelse", n.orelse);
        stmts_field("finalbody", n.finalbody);
        break;
      }
      case StmtKind::Assert: {
        const auto& n = cast<Assert>(s);
        open("Assert");
        expr_field("test", n.test);
        opt_expr("msg", n.msg);
        break;
      }
      case StmtKind::Import:
        open("Import");
        aliases(cast<Import>(s).names);
        break;
      case StmtKind::ImportFrom: {
        const auto& n = cast<ImportFrom>(s);
        open("ImportFrom");
        if (!n.module.empty()) raw_field("module", repr_str(n.module));
        aliases(n.names);
        raw_field("level", std::to_string(n.level));
        break;
      }
      case StmtKind::Global:
        open("Global");
        field("names");
        names(cast<Global>(s).names);
        break;
      case StmtKind::Nonlocal:
        open("Nonlocal");
        field("names");
        names(cast<Nonlocal>(s).names);
        break;
      case StmtKind::Expr:
        open("Expr");
        expr_field("value", cast<ExprStmt>(s).value);
        break;
      case StmtKind::Pass:
        open("Pass");
        break;
      case StmtKind::Break:
        open("Break");
        break;
      case StmtKind::Continue:
        open("Continue");
        break;
    }
    close(s, true);
  }

  void expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::BoolOp: {
        const auto& n = cast<BoolOp>(e);
        open("BoolOp");
        raw_field("op", std::string(op_name(n.op)) + "()");
        exprs_field("values", n.values);
        break;
      }
      case ExprKind::NamedExpr: {
        const auto& n = cast<NamedExpr>(e);
        open("NamedExpr");
        expr_field("target", n.target);
        expr_field("value", n.value);
        break;
      }
      case ExprKind::BinOp: {
        const auto& n = cast<BinOp>(e);
        open("BinOp");
        expr_field("left", n.left);
        raw_field("op", std::string(op_name(n.op)) + "()");
        expr_field("right", n.right);
        break;
      }
      case ExprKind::UnaryOp: {
        const auto& n = cast<UnaryOp>(e);
        open("UnaryOp");
        raw_field("op", std::string(op_name(n.op)) + "()");
        expr_field("operand", n.operand);
        break;
      }
      case ExprKind::Lambda: {
        const auto& n = cast<Lambda>(e);
        open("Lambda");
        field("args");
        arguments(n.args);
        expr_field("body", n.body);
        break;
      }
      case ExprKind::IfExp: {
        const auto& n = cast<IfExp>(e);
        open("IfExp");
        expr_field("test", n.test);
        expr_field("body", n.body);
        expr_field("orelse", n.orelse);
        break;
      }
      case ExprKind::Dict: {
        const auto& n = cast<Dict>(e);
        open("Dict");
        exprs_field("keys", n.keys);
        exprs_field("values", n.values);
        break;
      }
      case ExprKind::Set:
        open("Set");
        exprs_field("elts", cast<Set>(e).elts);
        break;
      case ExprKind::ListComp: {
        const auto& n = cast<ListComp>(e);
        open("ListComp");
        expr_field("elt", n.elt);
        generators(n.generators);
        break;
      }
      case ExprKind::SetComp: {
        const auto& n = cast<SetComp>(e);
        open("SetComp");
        expr_field("elt", n.elt);
        generators(n.generators);
        break;
      }
      case ExprKind::DictComp: {
        const auto& n = cast<DictComp>(e);
        open("DictComp");
        expr_field("key", n.key);
        expr_field("value", n.value);
        generators(n.generators);
        break;
      }
      case ExprKind::GeneratorExp: {
        const auto& n = cast<GeneratorExp>(e);
        open("GeneratorExp");
        expr_field("elt", n.elt);
        generators(n.generators);
        break;
      }
      case ExprKind::Yield:
        open("Yield");
        opt_expr("value", cast<Yield>(e).value);
        break;
      case ExprKind::YieldFrom:
        open("YieldFrom");
        expr_field("value", cast<YieldFrom>(e).value);
        break;
      case ExprKind::Compare: {
        const auto& n = cast<Compare>(e);
        open("Compare");
        expr_field("left", n.left);
        field("ops");
        out += '[';
        for (std::size_t i = 0; i < n.ops.size(); ++i) {
          if (i) out += ", ";
          out += op_name(n.ops[i]);
          out += "()";
        }
        out += ']';
        exprs_field("comparators", n.comparators);
        break;
      }
      case ExprKind::Call: {
        const auto& n = cast<Call>(e);
        open("Call");
        expr_field("func", n.func);
        exprs_field("args", n.args);
        keywords(n.keywords);
        break;
      }
      case ExprKind::FormattedValue: {
        const auto& n = cast<FormattedValue>(e);
        open("FormattedValue");
        expr_field("value", n.value);
        raw_field("conversion", std::to_string(n.conversion));
        opt_expr("format_spec", n.format_spec);
        break;
      }
      case ExprKind::JoinedStr:
        open("JoinedStr");
        exprs_field("values", cast<JoinedStr>(e).values);
        break;
      case ExprKind::Constant: {
        const auto& n = cast<Constant>(e);
        open("Constant");
        field("value");
        switch (n.value_kind) {
          case ConstantKind::None:
            out += "None";
            break;
          case ConstantKind::Bool:
            out += n.bool_value ? "True" : "False";
            break;
          case ConstantKind::Ellipsis:
            out += "Ellipsis";
            break;
          case ConstantKind::Int:
            out += n.int_fits ? std::to_string(n.int_value) : to_decimal(n.int_digits);
            break;
          case ConstantKind::Float:
            out += repr_float(n.float_value);
            break;
          case ConstantKind::Str:
            out += repr_str(n.str_value);
            break;
          case ConstantKind::Bytes:
            out += repr_bytes(n.str_value);
            break;
        }
        break;
      }
      case ExprKind::Attribute: {
        const auto& n = cast<Attribute>(e);
        open("Attribute");
        expr_field("value", n.value);
        raw_field("attr", repr_str(n.attr));
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::Subscript: {
        const auto& n = cast<Subscript>(e);
        open("Subscript");
        expr_field("value", n.value);
        expr_field("slice", n.slice);
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::Starred: {
        const auto& n = cast<Starred>(e);
        open("Starred");
        expr_field("value", n.value);
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::Name: {
        const auto& n = cast<Name>(e);
        open("Name");
        raw_field("id", repr_str(n.id));
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::List: {
        const auto& n = cast<List>(e);
        open("List");
        exprs_field("elts", n.elts);
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::Tuple: {
        const auto& n = cast<Tuple>(e);
        open("Tuple");
        exprs_field("elts", n.elts);
        raw_field("ctx", ctx_name(n.ctx));
        break;
      }
      case ExprKind::Slice: {
        const auto& n = cast<Slice>(e);
        open("Slice");
        opt_expr("lower", n.lower);
        opt_expr("upper", n.upper);
        opt_expr("step", n.step);
        break;
      }
    }
    close(e, true);
  }

 private:
  bool attributes_;
  bool first_ = true;
};

std::string quoted(std::string_view text, bool bytes) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  if (bytes) out += 'b';
  out += quote;
  char buf[16];
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = b;
    std::size_t len = 1;
    if (!bytes && b >= 0x80) {
      std::size_t next = i;
      cp = support::utf8_decode(text, next);
      len = next - i;
    }
    if (cp == static_cast<unsigned char>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F || (bytes && cp >= 0x80)) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp < 0x80 || unicode::is_printable(cp)) {
      out.append(text.substr(i, len));
    } else {
      const char* fmt = cp <= 0xFF ? "\\x%02x" : cp <= 0xFFFF ? "\\u%04x" : "\\U%08x";
      std::snprintf(buf, sizeof buf, fmt, static_cast<unsigned>(cp));
      out += buf;
    }
    i += len;
  }
  out += quote;
  return out;
}

}  // namespace

std::string repr_str(std::string_view utf8) {
  return quoted(utf8, false);
}
std::string repr_bytes(std::string_view bytes) {
  return quoted(bytes, true);
}

// CPython's float repr (shortest round trip, its fixed/exponent choice): support's, one
// implementation for the dumper and the VM, and available where libc++ lacks to_chars(double).
std::string repr_float(double value) { return support::float_repr(value); }

std::string dump(const Module& module, bool include_attributes) {
  Dumper d(include_attributes);
  d.out += "Module(body=";
  d.stmts(module.body);
  d.out += ", type_ignores=[])";
  return d.out;
}

std::string dump(const Expr& expr, bool include_attributes) {
  Dumper d(include_attributes);
  d.expr(expr);
  return d.out;
}

std::string dump(const Stmt& stmt, bool include_attributes) {
  Dumper d(include_attributes);
  d.stmt(stmt);
  return d.out;
}

}  // namespace interleave::lang::ast
