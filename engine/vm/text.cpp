// repr() and str() of every value, float repr (shortest round-trip, CPython's exponent rules),
// format() with the format-spec mini-language, and printf-style `str % args`. Output matches
// CPython 3.11. Recursive containers print as [...] / {...}. Executing thread only.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "support/format_spec.h"
#include "support/number_format.h"
#include "support/percent_format.h"
#include "support/utf8.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

namespace {

std::string hex_address(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx",
                static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
  return buf;
}

// Containers currently being printed on this OS thread (Python threads never interleave inside
// one repr call, since a repr never blocks).
thread_local std::vector<const Object*> repr_stack;

struct ReprGuard {
  bool recursive = false;
  explicit ReprGuard(const Object* o) {
    for (const Object* p : repr_stack) {
      if (p == o) recursive = true;
    }
    if (!recursive) repr_stack.push_back(o);
  }
  ~ReprGuard() {
    if (!recursive) repr_stack.pop_back();
  }
};

std::string qualified_type_name(Type* type) {
  std::string out;
  if (type->module.is_object() && is_str(type->module)) {
    std::string_view m = as_str(type->module)->view();
    if (m != "builtins") {
      out.append(m);
      out.push_back('.');
    }
  }
  out.append((type->qualname != nullptr ? type->qualname : type->name)->view());
  return out;
}

}  // namespace

std::string type_name_str(Type* type) {
  return std::string(type->name->view());
}

const char* type_name(Thread& t, Value v) {
  return type_of(t, v)->name->data();
}

std::string format_float(double d) {
  return support::float_repr(d);
}

bool repr_into(Thread& t, Value v, std::string& out) {
  Interpreter& in = t.interp();
  if (v.is_small()) {
    out += std::to_string(v.as_small());
    return true;
  }
  Object* o = v.as_object();
  switch (o->type->layout) {
    case Layout::None:
      out += "None";
      return true;
    case Layout::NotImplemented:
      out += "NotImplemented";
      return true;
    case Layout::Ellipsis:
      out += "Ellipsis";
      return true;
    case Layout::Bool:
      out += static_cast<BoolObject*>(o)->value ? "True" : "False";
      return true;
    case Layout::Int:
      out += std::to_string(static_cast<IntObject*>(o)->value);
      return true;
    case Layout::Float:
      out += format_float(static_cast<FloatObject*>(o)->value);
      return true;
    case Layout::Str:
      out += str_repr(static_cast<Str*>(o)->view());
      return true;
    case Layout::Tuple: {
      auto* tu = static_cast<Tuple*>(o);
      ReprGuard g(o);
      if (g.recursive) {
        out += "(...)";
        return true;
      }
      out.push_back('(');
      for (std::int64_t i = 0; i < tu->size; ++i) {
        if (i) out += ", ";
        if (!repr_into(t, tu->items()[i], out)) return false;
      }
      if (tu->size == 1) out.push_back(',');
      out.push_back(')');
      return true;
    }
    case Layout::List: {
      auto* l = static_cast<List*>(o);
      ReprGuard g(o);
      if (g.recursive) {
        out += "[...]";
        return true;
      }
      out.push_back('[');
      for (std::int64_t i = 0;; ++i) {
        Value item = list_item(t, l, i);
        if (item.is_null()) break;
        if (i) out += ", ";
        if (!repr_into(t, item, out)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Layout::Dict: {
      auto* d = static_cast<Dict*>(o);
      ReprGuard g(o);
      if (g.recursive) {
        out += "{...}";
        return true;
      }
      out.push_back('{');
      std::uint32_t pos = 0;
      bool first = true;
      while (DictEntry* e = dict_next(d, &pos)) {
        if (!first) out += ", ";
        first = false;
        Value key = e->key, val = e->value;
        if (!repr_into(t, key, out)) return false;
        out += ": ";
        if (!repr_into(t, val, out)) return false;
      }
      out.push_back('}');
      return true;
    }
    case Layout::Set: {
      auto* d = static_cast<Dict*>(o);
      if (dict_len(d) == 0) {
        out += o->type->name->view();
        out += "()";
        return true;
      }
      ReprGuard g(o);
      if (g.recursive) {
        out += "{...}";
        return true;
      }
      bool frozen = o->type == t.interp().types.frozenset;
      if (frozen) out += "frozenset(";
      out.push_back('{');
      std::uint32_t pos = 0;
      bool first = true;
      while (DictEntry* e = dict_next(d, &pos)) {
        if (!first) out += ", ";
        first = false;
        if (!repr_into(t, e->key, out)) return false;
      }
      out.push_back('}');
      if (frozen) out.push_back(')');
      return true;
    }
    case Layout::Range: {
      auto* r = static_cast<Range*>(o);
      out += "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
      if (r->step != 1) out += ", " + std::to_string(r->step);
      out += ")";
      return true;
    }
    case Layout::Slice: {
      auto* s = static_cast<Slice*>(o);
      out += "slice(";
      if (!repr_into(t, s->start, out)) return false;
      out += ", ";
      if (!repr_into(t, s->stop, out)) return false;
      out += ", ";
      if (!repr_into(t, s->step, out)) return false;
      out += ")";
      return true;
    }
    case Layout::Function: {
      auto* f = static_cast<Function*>(o);
      out += "<function " + std::string(f->qualname->view()) + " at " + hex_address(o) + ">";
      return true;
    }
    case Layout::Builtin: {
      auto* b = static_cast<Builtin*>(o);
      if (!b->self.is_null() && layout_of(b->self) != Layout::Module) {
        out += "<built-in method " + std::string(b->name) + " of " + type_name(t, b->self) +
               " object at " + hex_address(b->self.as_object()) + ">";
      } else {
        out += "<built-in function " + std::string(b->name) + ">";
      }
      return true;
    }
    case Layout::BoundMethod: {
      auto* b = static_cast<BoundMethod*>(o);
      out += "<bound method ";
      Value fn = b->func;
      if (layout_of(fn) == Layout::Function) {
        out += static_cast<Function*>(fn.as_object())->qualname->view();
      } else {
        out += "?";
      }
      out += " of ";
      if (!repr_into(t, b->self, out)) return false;
      out += ">";
      return true;
    }
    case Layout::Type:
      out += "<class '" + qualified_type_name(static_cast<Type*>(o)) + "'>";
      return true;
    case Layout::Module:
      out += "<module '" + std::string(static_cast<Module*>(o)->name->view()) + "' (built-in)>";
      return true;
    case Layout::Instance:
    case Layout::Exception: {
      Value method = type_lookup(o->type, names(t).__repr__);
      if (!method.is_null() && layout_of(method) != Layout::Builtin) {
        Value r = t.call(method, &v, 1);
        if (r.is_null()) return false;
        if (!is_str(r)) {
          t.raise_fmt(in.exc.TypeError, "__repr__ returned non-string (type %s)", type_name(t, r));
          return false;
        }
        out += as_str(r)->view();
        return true;
      }
      if (o->type->layout == Layout::Exception) {
        auto* e = static_cast<ExceptionObject*>(o);
        out += o->type->name->view();
        if (e->args != nullptr && e->args->size == 1) {
          out.push_back('(');
          if (!repr_into(t, e->args->items()[0], out)) return false;
          out.push_back(')');
        } else if (e->args != nullptr && e->args->size > 1) {
          if (!repr_into(t, Value::object(e->args), out)) return false;
        } else {
          out += "()";
        }
        return true;
      }
      out += "<" + qualified_type_name(o->type) + " object at " + hex_address(o) + ">";
      return true;
    }
    case Layout::Generator: {
      auto* g = static_cast<Generator*>(o);
      out +=
          "<generator object " + std::string(g->qualname->view()) + " at " + hex_address(o) + ">";
      return true;
    }
    case Layout::DictView: {
      auto* dv = static_cast<DictView*>(o);
      out += o->type->name->view();
      out += "([";
      std::uint32_t pos = 0;
      bool first = true;
      while (DictEntry* e = dict_next(dv->dict, &pos)) {
        if (!first) out += ", ";
        first = false;
        if (dv->kind == ViewKind::Keys) {
          if (!repr_into(t, e->key, out)) return false;
        } else if (dv->kind == ViewKind::Values) {
          if (!repr_into(t, e->value, out)) return false;
        } else {
          out += "(";
          if (!repr_into(t, e->key, out)) return false;
          out += ", ";
          if (!repr_into(t, e->value, out)) return false;
          out += ")";
        }
      }
      out += "])";
      return true;
    }
    case Layout::Lock: {
      auto* l = static_cast<LockObject*>(o);
      out += std::string("<") + (l->locked ? "locked" : "unlocked") + " _thread.lock object at " +
             hex_address(o) + ">";
      return true;
    }
    case Layout::RLock: {
      auto* l = static_cast<LockObject*>(o);
      out += std::string("<") + (l->count > 0 ? "locked" : "unlocked") +
             " _thread.RLock object owner=" + std::to_string(l->count > 0 ? l->owner : 0) +
             " count=" + std::to_string(l->count) + " at " + hex_address(o) + ">";
      return true;
    }
    default:
      out += "<" + qualified_type_name(o->type) + " object at " + hex_address(o) + ">";
      return true;
  }
}

bool str_into(Thread& t, Value v, std::string& out) {
  if (v.is_small()) {
    out += std::to_string(v.as_small());
    return true;
  }
  Object* o = v.as_object();
  switch (o->type->layout) {
    case Layout::Str:
      out += static_cast<Str*>(o)->view();
      return true;
    case Layout::Instance:
    case Layout::Exception: {
      Value method = type_lookup(o->type, names(t).__str__);
      if (!method.is_null() && layout_of(method) != Layout::Builtin) {
        Value r = t.call(method, &v, 1);
        if (r.is_null()) return false;
        if (!is_str(r)) {
          t.raise_fmt(t.interp().exc.TypeError, "__str__ returned non-string (type %s)",
                      type_name(t, r));
          return false;
        }
        out += as_str(r)->view();
        return true;
      }
      if (o->type->layout == Layout::Exception) {
        auto* e = static_cast<ExceptionObject*>(o);
        if (e->args == nullptr || e->args->size == 0) return true;
        if (e->args->size == 1) {
          // KeyError shows the repr of its key.
          if (is_subtype(o->type, t.interp().exc.KeyError)) {
            return repr_into(t, e->args->items()[0], out);
          }
          return str_into(t, e->args->items()[0], out);
        }
        return repr_into(t, Value::object(e->args), out);
      }
      return repr_into(t, v, out);
    }
    default:
      return repr_into(t, v, out);
  }
}

Value repr(Thread& t, Value v) {
  if (is_str(v)) return Value::object(make_str(t, str_repr(as_str(v)->view())));
  std::string out;
  if (!repr_into(t, v, out)) return Value();
  return str_value(t, out);
}

Value to_str(Thread& t, Value v) {
  if (is_str(v)) return v;
  std::string out;
  if (!str_into(t, v, out)) return Value();
  return str_value(t, out);
}

// --- format() ------------------------------------------------------------------------------------

namespace {

struct Spec {
  char fill = ' ';
  std::string fill_utf8 = " ";
  char align = 0;
  char sign = 0;
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;
};

}  // namespace

Value raise_support_error(Thread& t, const support::Error& e) {
  Interpreter& in = t.interp();
  Type* type = in.exc.ValueError;
  switch (e.kind) {
    case support::ErrorKind::TypeError:
      type = in.exc.TypeError;
      break;
    case support::ErrorKind::OverflowError:
      type = in.exc.OverflowError;
      break;
    case support::ErrorKind::ZeroDivisionError:
      type = in.exc.ZeroDivisionError;
      break;
    case support::ErrorKind::IndexError:
      type = in.exc.IndexError;
      break;
    case support::ErrorKind::KeyError:
      type = in.exc.KeyError;
      break;
    case support::ErrorKind::Propagate:
      return Value();
    default:
      break;
  }
  return t.raise(type, e.message);
}

Value format_value(Thread& t, Value v, std::string_view spec_text) {
  Interpreter& in = t.interp();
  Layout l = layout_of(v);
  if (l == Layout::Instance || l == Layout::Exception) {
    Value method = type_lookup(type_of(t, v), names(t).__format__);
    if (!method.is_null() && layout_of(method) == Layout::Function) {
      Value args[2] = {v, str_value(t, spec_text)};
      return t.call(method, args, 2);
    }
    if (spec_text.empty()) return to_str(t, v);
    return t.raise_fmt(in.exc.TypeError, "unsupported format string passed to %s.__format__",
                       type_name(t, v));
  }
  if (spec_text.empty()) return to_str(t, v);
  if (l == Layout::Int || l == Layout::Bool) {
    auto r = support::format_int(int_value(v), spec_text, type_name(t, v));
    if (!r) return raise_support_error(t, r.error());
    return str_value(t, *r);
  }
  if (l == Layout::Float) {
    auto r = support::format_float(float_value(v), spec_text);
    if (!r) return raise_support_error(t, r.error());
    return str_value(t, *r);
  }
  if (l == Layout::Str) {
    auto r = support::format_str(as_str(v)->view(), spec_text);
    if (!r) return raise_support_error(t, r.error());
    return str_value(t, *r);
  }
  return t.raise_fmt(in.exc.TypeError, "unsupported format string passed to %s.__format__",
                     type_name(t, v));
}

// --- str % args ----------------------------------------------------------------------------------

// Walks the format with support::PercentParser and feeds it arguments in CPython's order (the
// mapping key, a '*' width, a '*' precision, then the value), so errors come as CPython raises
// them; the VM's part is turning values into text or numbers (str(), repr(), __index__, __float__).
Value percent_format(Thread& t, Str* fmt, Value args) {
  Interpreter& in = t.interp();
  const Value* items;
  std::int64_t nitems;
  Value single[1] = {args};
  const bool is_tuple = layout_of(args) == Layout::Tuple;
  const bool is_mapping = layout_of(args) == Layout::Dict;
  // CPython skips the "not all arguments converted" check for anything subscriptable but a tuple
  // or str (PyMapping_Check): a list, a range, an object with __getitem__.
  const Layout args_layout = layout_of(args);
  const bool subscriptable =
      is_mapping || args_layout == Layout::List || args_layout == Layout::Range ||
      ((args_layout == Layout::Instance || args_layout == Layout::Exception) &&
       !type_lookup(type_of(t, args), names(t).__getitem__).is_null());
  if (is_tuple) {
    items = as_tuple(args)->items();
    nitems = as_tuple(args)->size;
  } else {
    items = single;
    nitems = 1;
  }
  std::int64_t next = 0;
  auto next_arg = [&]() -> Value {
    if (next >= nitems) {
      t.raise(in.exc.TypeError, support::kPercentNotEnoughArgs);
      return Value();
    }
    return items[next++];
  };
  auto star_int = [&](std::int64_t* out) -> bool {
    Value v = next_arg();
    if (v.is_null()) return false;
    if (!is_int(v)) {
      t.raise(in.exc.TypeError, support::kPercentStarWantsInt);
      return false;
    }
    *out = int_value(v);
    return true;
  };
  std::string out;
  support::PercentParser parser(fmt->view());
  support::PercentPiece piece;
  for (;;) {
    support::Result<bool> more = parser.next(piece);
    if (!more) return raise_support_error(t, more.error());
    if (!*more) break;
    out += piece.literal;
    if (!piece.has_spec) continue;
    support::PercentSpec& spec = piece.spec;
    Value arg;
    if (spec.has_key) {
      if (!is_mapping) return t.raise(in.exc.TypeError, support::kPercentNeedsMapping);
      if (spec.key_incomplete) return t.raise(in.exc.ValueError, "incomplete format key");
      Value key = str_value(t, spec.key);
      bool err = false;
      arg = dict_get(t, as_dict(args), key, &err);
      if (err) return Value();
      if (arg.is_null()) return t.raise(in.exc.KeyError, as_str(key)->view());
    }
    std::int64_t n = 0;
    if (spec.width_star) {
      if (!star_int(&n)) return Value();
      spec.set_star_width(n);
    }
    if (spec.precision_star) {
      if (!star_int(&n)) return Value();
      spec.set_star_precision(n);
    }
    if (spec.deferred_error != nullptr) return t.raise(in.exc.ValueError, spec.deferred_error);
    if (arg.is_null()) {
      arg = next_arg();
      if (arg.is_null()) return Value();
    }
    switch (spec.kind()) {
      case support::PercentKind::Str: {
        Value text = spec.conversion == 's' ? to_str(t, arg) : repr(t, arg);
        if (text.is_null()) return text;
        support::format_percent_str(out, as_str(text)->view(), spec);
        break;
      }
      case support::PercentKind::Int: {
        const bool real_ok =
            spec.conversion != 'o' && spec.conversion != 'x' && spec.conversion != 'X';
        std::int64_t v = 0;
        if (is_int(arg) || layout_of(arg) == Layout::Bool) {
          v = int_value(arg);
        } else if (real_ok && layout_of(arg) == Layout::Float) {
          double d = float_value(arg);
          if (!std::isfinite(d)) {
            return t.raise(std::isnan(d) ? in.exc.ValueError : in.exc.OverflowError,
                           std::isnan(d) ? "cannot convert float NaN to integer"
                                         : "cannot convert float infinity to integer");
          }
          if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
            return t.raise(in.exc.OverflowError,
                           "integer overflow: Interleave's int holds 64 bits");
          }
          v = static_cast<std::int64_t>(d);
        } else {
          Value idx = index_of(t, arg);
          if (idx.is_null()) {
            if (t.has_exception()) return Value();
            return raise_support_error(t, support::percent_type_error(spec, type_name(t, arg)));
          }
          v = int_value(idx);
        }
        support::format_percent_int(out, v, spec);
        break;
      }
      case support::PercentKind::Float: {
        double d;
        if (!to_double(t, arg, &d, true)) return Value();  // __float__, __index__, else TypeError
        support::format_percent_float(out, d, spec);
        break;
      }
      case support::PercentKind::Char: {
        std::int64_t cp = 0;
        if (is_int(arg)) {
          cp = int_value(arg);
        } else if (is_str(arg) && as_str(arg)->chars == 1) {
          cp = support::utf8_code_point_at(as_str(arg)->view(), 0);
        } else {
          return raise_support_error(t, support::percent_type_error(spec, type_name(t, arg)));
        }
        support::Result<support::Unit> r = support::format_percent_char(out, cp, spec);
        if (!r) return raise_support_error(t, r.error());
        break;
      }
      case support::PercentKind::Unsupported:
        return raise_support_error(t, support::percent_unsupported_error(spec));
    }
  }
  if (next < nitems && !subscriptable && (is_tuple || next == 0)) {
    return t.raise(in.exc.TypeError, support::kPercentNotAllConverted);
  }
  return str_value(t, out);
}

}  // namespace interleave::vm
