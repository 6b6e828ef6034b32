// Methods of the built-in types: str (over support's CPython-exact str functions), list, dict,
// set, tuple, int, float and generators. Mutating list/dict/set methods take the per-object lock
// in free-threaded mode (inside the dict/list helpers). Executing thread only.
#include <cmath>
#include <cstring>

#include "support/str_format.h"
#include "support/str_methods.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

namespace {

#define NATIVE(name)                                                         \
  Value name([[maybe_unused]] Thread& t, [[maybe_unused]] const Value* args, \
             [[maybe_unused]] int nargs, [[maybe_unused]] Tuple* kwnames)

Value none(Thread& t) {
  return t.interp().none;
}

// --- str -----------------------------------------------------------------------------------------

bool opt_text(Thread& t, Value v, support::OptText* out, const char* what) {
  if (v.is_null() || v == t.interp().none) {
    *out = std::nullopt;
    return true;
  }
  if (!is_str(v)) {
    t.raise_fmt(t.interp().exc.TypeError, "%s arg must be None or str", what);
    return false;
  }
  *out = as_str(v)->view();
  return true;
}

bool opt_index(Thread& t, Value v, support::OptIndex* out) {
  if (v.is_null() || v == t.interp().none) {
    *out = std::nullopt;
    return true;
  }
  std::int64_t i;
  if (!to_index(t, v, &i)) return false;
  *out = i;
  return true;
}

Str* self_str(const Value* args) {
  return as_str(args[0]);
}

Value str_list(Thread& t, const std::vector<std::string_view>& parts) {
  List* l = make_list(t, static_cast<std::int64_t>(parts.size()));
  for (std::size_t i = 0; i < parts.size(); ++i) l->items[i] = str_value(t, parts[i]);
  return Value::object(l);
}

NATIVE(str_split) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Value sepv = kw.npos > 1 ? args[1] : kw.get("sep");
  Value maxv = kw.npos > 2 ? args[2] : kw.get("maxsplit");
  support::OptText sep;
  if (!opt_text(t, sepv, &sep, "sep")) return Value();
  std::int64_t maxsplit = -1;
  if (!maxv.is_null() && !to_index(t, maxv, &maxsplit)) return Value();
  auto r = support::str_split(self_str(args)->view(), sep, maxsplit);
  if (!r) return raise_support_error(t, r.error());
  return str_list(t, *r);
}

NATIVE(str_rsplit) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Value sepv = kw.npos > 1 ? args[1] : kw.get("sep");
  Value maxv = kw.npos > 2 ? args[2] : kw.get("maxsplit");
  support::OptText sep;
  if (!opt_text(t, sepv, &sep, "sep")) return Value();
  std::int64_t maxsplit = -1;
  if (!maxv.is_null() && !to_index(t, maxv, &maxsplit)) return Value();
  auto r = support::str_rsplit(self_str(args)->view(), sep, maxsplit);
  if (!r) return raise_support_error(t, r.error());
  return str_list(t, *r);
}

NATIVE(str_splitlines) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Value kv = kw.npos > 1 ? args[1] : kw.get("keepends");
  bool keep = !kv.is_null() && truthy(t, kv) == 1;
  return str_list(t, support::str_splitlines(self_str(args)->view(), keep));
}

NATIVE(str_join) {
  (void)kwnames;
  if (!check_nargs(t, "join", nargs - 1, 1, 1)) return Value();
  List* items = list_from_iterable(t, args[1]);
  if (items == nullptr) return Value();
  std::string out;
  std::string_view sep = self_str(args)->view();
  for (std::int64_t i = 0; i < items->size; ++i) {
    if (!is_str(items->items[i])) {
      return t.raise_fmt(t.interp().exc.TypeError,
                         "sequence item %lld: expected str instance, %s found",
                         static_cast<long long>(i), type_name(t, items->items[i]));
    }
    if (i > 0) out += sep;
    out += as_str(items->items[i])->view();
  }
  return str_value(t, out);
}

template <std::string_view (*Fn)(std::string_view, support::OptText)>
Value str_strip_impl(Thread& t, const Value* args, int nargs) {
  support::OptText chars;
  if (nargs > 1 && !opt_text(t, args[1], &chars, "strip")) return Value();
  std::string_view r = Fn(self_str(args)->view(), chars);
  if (r.size() == self_str(args)->length) return args[0];
  return str_value(t, r);
}
NATIVE(str_strip) {
  (void)kwnames;
  return str_strip_impl<support::str_strip>(t, args, nargs);
}
NATIVE(str_lstrip) {
  (void)kwnames;
  return str_strip_impl<support::str_lstrip>(t, args, nargs);
}
NATIVE(str_rstrip) {
  (void)kwnames;
  return str_strip_impl<support::str_rstrip>(t, args, nargs);
}

template <std::string (*Fn)(std::string_view)>
Value str_transform(Thread& t, const Value* args, int nargs) {
  if (!check_nargs(t, "method", nargs - 1, 0, 0)) return Value();
  return str_value(t, Fn(self_str(args)->view()));
}
NATIVE(str_upper) {
  (void)kwnames;
  return str_transform<support::str_upper>(t, args, nargs);
}
NATIVE(str_lower) {
  (void)kwnames;
  return str_transform<support::str_lower>(t, args, nargs);
}
NATIVE(str_capitalize) {
  (void)kwnames;
  return str_transform<support::str_capitalize>(t, args, nargs);
}
NATIVE(str_title) {
  (void)kwnames;
  return str_transform<support::str_title>(t, args, nargs);
}
NATIVE(str_swapcase) {
  (void)kwnames;
  return str_transform<support::str_swapcase>(t, args, nargs);
}
NATIVE(str_casefold) {
  (void)kwnames;
  return str_transform<support::str_casefold>(t, args, nargs);
}

template <bool (*Fn)(std::string_view)>
Value str_predicate(Thread& t, const Value* args, int nargs) {
  (void)nargs;
  return make_bool(t, Fn(self_str(args)->view()));
}
NATIVE(str_isdigit) {
  (void)kwnames;
  return str_predicate<support::str_isdigit>(t, args, nargs);
}
NATIVE(str_isdecimal) {
  (void)kwnames;
  return str_predicate<support::str_isdecimal>(t, args, nargs);
}
NATIVE(str_isnumeric) {
  (void)kwnames;
  return str_predicate<support::str_isnumeric>(t, args, nargs);
}
NATIVE(str_isalpha) {
  (void)kwnames;
  return str_predicate<support::str_isalpha>(t, args, nargs);
}
NATIVE(str_isalnum) {
  (void)kwnames;
  return str_predicate<support::str_isalnum>(t, args, nargs);
}
NATIVE(str_isspace) {
  (void)kwnames;
  return str_predicate<support::str_isspace>(t, args, nargs);
}
NATIVE(str_istitle) {
  (void)kwnames;
  return str_predicate<support::str_istitle>(t, args, nargs);
}
NATIVE(str_isupper) {
  (void)kwnames;
  return str_predicate<support::str_isupper>(t, args, nargs);
}
NATIVE(str_islower) {
  (void)kwnames;
  return str_predicate<support::str_islower>(t, args, nargs);
}
NATIVE(str_isidentifier) {
  (void)kwnames;
  return str_predicate<support::str_isidentifier>(t, args, nargs);
}

bool sub_args(Thread& t, const Value* args, int nargs, const char* fname, std::string_view* sub,
              support::OptIndex* start, support::OptIndex* end) {
  if (!check_nargs(t, fname, nargs - 1, 1, 3)) return false;
  if (!is_str(args[1])) {
    t.raise_fmt(t.interp().exc.TypeError, "must be str, not %s", type_name(t, args[1]));
    return false;
  }
  *sub = as_str(args[1])->view();
  if (nargs > 2 && !opt_index(t, args[2], start)) return false;
  if (nargs > 3 && !opt_index(t, args[3], end)) return false;
  return true;
}

NATIVE(str_find) {
  (void)kwnames;
  std::string_view sub;
  support::OptIndex a, b;
  if (!sub_args(t, args, nargs, "find", &sub, &a, &b)) return Value();
  return make_int(t, support::str_find(self_str(args)->view(), sub, a, b));
}
NATIVE(str_rfind) {
  (void)kwnames;
  std::string_view sub;
  support::OptIndex a, b;
  if (!sub_args(t, args, nargs, "rfind", &sub, &a, &b)) return Value();
  return make_int(t, support::str_rfind(self_str(args)->view(), sub, a, b));
}
NATIVE(str_index) {
  (void)kwnames;
  std::string_view sub;
  support::OptIndex a, b;
  if (!sub_args(t, args, nargs, "index", &sub, &a, &b)) return Value();
  auto r = support::str_index(self_str(args)->view(), sub, a, b);
  if (!r) return raise_support_error(t, r.error());
  return make_int(t, *r);
}
NATIVE(str_rindex) {
  (void)kwnames;
  std::string_view sub;
  support::OptIndex a, b;
  if (!sub_args(t, args, nargs, "rindex", &sub, &a, &b)) return Value();
  auto r = support::str_rindex(self_str(args)->view(), sub, a, b);
  if (!r) return raise_support_error(t, r.error());
  return make_int(t, *r);
}
NATIVE(str_count) {
  (void)kwnames;
  std::string_view sub;
  support::OptIndex a, b;
  if (!sub_args(t, args, nargs, "count", &sub, &a, &b)) return Value();
  return make_int(t, support::str_count(self_str(args)->view(), sub, a, b));
}

Value starts_ends(Thread& t, const Value* args, int nargs, bool starts) {
  const char* fname = starts ? "startswith" : "endswith";
  if (!check_nargs(t, fname, nargs - 1, 1, 3)) return Value();
  support::OptIndex a, b;
  if (nargs > 2 && !opt_index(t, args[2], &a)) return Value();
  if (nargs > 3 && !opt_index(t, args[3], &b)) return Value();
  std::string_view s = self_str(args)->view();
  auto test = [&](std::string_view x) {
    return starts ? support::str_startswith(s, x, a, b) : support::str_endswith(s, x, a, b);
  };
  if (layout_of(args[1]) == Layout::Tuple) {
    Tuple* tu = as_tuple(args[1]);
    for (std::int64_t i = 0; i < tu->size; ++i) {
      if (!is_str(tu->items()[i])) {
        return t.raise_fmt(t.interp().exc.TypeError, "tuple for %s must only contain str, not %s",
                           fname, type_name(t, tu->items()[i]));
      }
      if (test(as_str(tu->items()[i])->view())) return t.interp().true_;
    }
    return t.interp().false_;
  }
  if (!is_str(args[1])) {
    return t.raise_fmt(t.interp().exc.TypeError,
                       "%s first arg must be str or a tuple of str, not %s", fname,
                       type_name(t, args[1]));
  }
  return make_bool(t, test(as_str(args[1])->view()));
}
NATIVE(str_startswith) {
  (void)kwnames;
  return starts_ends(t, args, nargs, true);
}
NATIVE(str_endswith) {
  (void)kwnames;
  return starts_ends(t, args, nargs, false);
}

NATIVE(str_replace) {
  (void)kwnames;
  if (!check_nargs(t, "replace", nargs - 1, 2, 3)) return Value();
  if (!is_str(args[1]) || !is_str(args[2])) {
    return t.raise(t.interp().exc.TypeError, "replace() argument must be str");
  }
  std::int64_t count = -1;
  if (nargs > 3 && !to_index(t, args[3], &count)) return Value();
  return str_value(t, support::str_replace(self_str(args)->view(), as_str(args[1])->view(),
                                           as_str(args[2])->view(), count));
}

bool fill_arg(Thread& t, const Value* args, int nargs, std::int64_t* width, char32_t* fill) {
  if (!to_index(t, args[1], width)) return false;
  *fill = U' ';
  if (nargs > 2) {
    if (!is_str(args[2]) || as_str(args[2])->chars != 1) {
      t.raise(t.interp().exc.TypeError, "The fill character must be exactly one character long");
      return false;
    }
    std::string_view f = as_str(args[2])->view();
    *fill = static_cast<unsigned char>(f[0]);
    if (f.size() > 1) {
      // Decode a multi-byte fill character.
      auto* p = reinterpret_cast<const unsigned char*>(f.data());
      if (p[0] < 0xE0) {
        *fill = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
      } else if (p[0] < 0xF0) {
        *fill = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      } else {
        *fill =
            ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      }
    }
  }
  return true;
}
NATIVE(str_ljust) {
  (void)kwnames;
  std::int64_t w;
  char32_t f;
  if (!check_nargs(t, "ljust", nargs - 1, 1, 2) || !fill_arg(t, args, nargs, &w, &f))
    return Value();
  return str_value(t, support::str_ljust(self_str(args)->view(), w, f));
}
NATIVE(str_rjust) {
  (void)kwnames;
  std::int64_t w;
  char32_t f;
  if (!check_nargs(t, "rjust", nargs - 1, 1, 2) || !fill_arg(t, args, nargs, &w, &f))
    return Value();
  return str_value(t, support::str_rjust(self_str(args)->view(), w, f));
}
NATIVE(str_center) {
  (void)kwnames;
  std::int64_t w;
  char32_t f;
  if (!check_nargs(t, "center", nargs - 1, 1, 2) || !fill_arg(t, args, nargs, &w, &f))
    return Value();
  return str_value(t, support::str_center(self_str(args)->view(), w, f));
}
NATIVE(str_zfill) {
  (void)kwnames;
  std::int64_t w;
  if (!check_nargs(t, "zfill", nargs - 1, 1, 1) || !to_index(t, args[1], &w)) return Value();
  return str_value(t, support::str_zfill(self_str(args)->view(), w));
}

NATIVE(str_expandtabs) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  static const char* const allowed[] = {"tabsize", nullptr};
  if (!check_kwargs(t, "expandtabs", kw, allowed)) return Value();
  std::int64_t size = 8;
  Value sv = kw.npos > 0 ? args[1] : kw.get("tabsize");
  if (!sv.is_null() && !to_index(t, sv, &size)) return Value();
  return str_value(t, support::str_expandtabs(self_str(args)->view(), size));
}

// removeprefix / removesuffix: the string without `affix` at that end, or unchanged.
Value remove_affix(Thread& t, const Value* args, int nargs, const char* fname, bool prefix) {
  if (!check_nargs(t, fname, nargs - 1, 1, 1)) return Value();
  if (!is_str(args[1])) {
    return t.raise_fmt(t.interp().exc.TypeError, "%s() argument must be str, not %s", fname,
                       type_name(t, args[1]));
  }
  std::string_view s = self_str(args)->view(), affix = as_str(args[1])->view();
  if (prefix && s.starts_with(affix)) return str_value(t, s.substr(affix.size()));
  if (!prefix && s.ends_with(affix) && !affix.empty()) {
    return str_value(t, s.substr(0, s.size() - affix.size()));
  }
  return args[0];
}
NATIVE(str_removeprefix) {
  (void)kwnames;
  return remove_affix(t, args, nargs, "removeprefix", true);
}
NATIVE(str_removesuffix) {
  (void)kwnames;
  return remove_affix(t, args, nargs, "removesuffix", false);
}

Value partition_result(Thread& t, const std::array<std::string_view, 3>& p) {
  Value items[3] = {str_value(t, p[0]), str_value(t, p[1]), str_value(t, p[2])};
  return Value::object(make_tuple(t, items, 3));
}
NATIVE(str_partition) {
  (void)kwnames;
  if (!check_nargs(t, "partition", nargs - 1, 1, 1)) return Value();
  if (!is_str(args[1])) return t.raise(t.interp().exc.TypeError, "must be str");
  auto r = support::str_partition(self_str(args)->view(), as_str(args[1])->view());
  if (!r) return raise_support_error(t, r.error());
  return partition_result(t, *r);
}
NATIVE(str_rpartition) {
  (void)kwnames;
  if (!check_nargs(t, "rpartition", nargs - 1, 1, 1)) return Value();
  if (!is_str(args[1])) return t.raise(t.interp().exc.TypeError, "must be str");
  auto r = support::str_rpartition(self_str(args)->view(), as_str(args[1])->view());
  if (!r) return raise_support_error(t, r.error());
  return partition_result(t, *r);
}

// str.format through support's parser, resolving fields against args/kwargs. A field's value
// stays on a stack until its spec is rendered: the nested fields of a spec ("{0:>{1}}") are
// looked up and rendered in between.
class Resolver final : public support::FormatResolver {
 public:
  Resolver(Thread& t, const Value* pos, int npos, const KwArgs& kw)
      : t_(t), pos_(pos), npos_(npos), kw_(kw) {}
  support::Result<support::Unit> lookup(const support::FieldName& name) override {
    Value cur;
    if (name.index >= 0) {
      if (name.index >= npos_) {
        return support::Error{support::ErrorKind::IndexError,
                              "Replacement index " + std::to_string(name.index) +
                                  " out of range for positional args tuple"};
      }
      cur = pos_[name.index];
    } else {
      Value v = kw_.get(name.first);
      if (v.is_null()) {
        std::string k(name.first);
        t_.raise(Value::object(
            make_exception(t_, t_.interp().exc.KeyError,
                           make_tuple(t_, std::array<Value, 1>{str_value(t_, k)}.data(), 1))));
        return support::Error{support::ErrorKind::Propagate, ""};
      }
      cur = v;
    }
    support::FieldNameIterator it(name.rest);
    for (;;) {
      support::FieldAccess acc;
      auto step = it.next(acc);
      if (!step) return step.error();
      if (!*step) break;
      if (acc.is_attribute) {
        cur = get_attr(t_, cur, t_.interp().intern(acc.name));
      } else {
        Value key = acc.index >= 0 ? make_int(t_, acc.index) : str_value(t_, acc.name);
        cur = get_item(t_, cur, key);
      }
      if (cur.is_null()) return support::Error{support::ErrorKind::Propagate, ""};
    }
    stack_.push_back(cur);
    return support::Unit{};
  }
  support::Result<support::Unit> convert(char32_t conversion) override {
    Value& cur = stack_.back();
    if (conversion == 's') cur = to_str(t_, cur);
    if (conversion == 'r' || conversion == 'a') cur = repr(t_, cur);
    if (cur.is_null()) return support::Error{support::ErrorKind::Propagate, ""};
    return support::Unit{};
  }
  support::Result<support::Unit> render(std::string_view spec, std::string& out) override {
    Value cur = stack_.back();
    stack_.pop_back();
    Value v = format_value(t_, cur, spec);
    if (v.is_null()) return support::Error{support::ErrorKind::Propagate, ""};
    out += as_str(v)->view();
    return support::Unit{};
  }

 private:
  Thread& t_;
  const Value* pos_;
  int npos_;
  const KwArgs& kw_;
  std::vector<Value> stack_;
};

NATIVE(str_format) {
  KwArgs kw = split_kwargs(args + 1, nargs - 1, kwnames);
  Resolver r(t, args + 1, kw.npos, kw);
  auto out = support::str_format(self_str(args)->view(), r);
  if (!out) return raise_support_error(t, out.error());
  return str_value(t, *out);
}

NATIVE(str_encode) {
  (void)kwnames;
  (void)nargs;
  (void)args;
  return t.raise(t.interp().exc.NotImplementedError, "bytes are not supported by Interleave");
}

// --- list ----------------------------------------------------------------------------------------

List* self_list(const Value* args) {
  return as_list(args[0]);
}

NATIVE(list_append_m) {
  if (!no_kwargs(t, "list.append", kwnames)) return Value();
  if (nargs != 2) {
    return t.raise_fmt(t.interp().exc.TypeError,
                       "list.append() takes exactly one argument (%d given)", nargs - 1);
  }
  list_append(t, self_list(args), args[1]);
  return none(t);
}

NATIVE(list_extend) {
  (void)kwnames;
  if (!check_nargs(t, "list.extend", nargs - 1, 1, 1)) return Value();
  List* items = list_from_iterable(t, args[1]);
  if (items == nullptr) return Value();
  for (std::int64_t i = 0; i < items->size; ++i) list_append(t, self_list(args), items->items[i]);
  return none(t);
}

NATIVE(list_insert) {
  (void)kwnames;
  if (!check_nargs(t, "insert", nargs - 1, 2, 2)) return Value();
  std::int64_t i;
  if (!to_index(t, args[1], &i)) return Value();
  List* l = self_list(args);
  ObjectLock lock(l, t.interp().free_threaded());  // re-entrant: list_append nests
  list_append(t, l, t.interp().none);
  std::int64_t n = l->size - 1;
  if (i < 0) i += n;
  if (i < 0) i = 0;
  if (i > n) i = n;
  std::memmove(l->items + i + 1, l->items + i, sizeof(Value) * (n - i));
  l->items[i] = args[2];
  return none(t);
}

NATIVE(list_pop) {
  (void)kwnames;
  if (!check_nargs(t, "pop", nargs - 1, 0, 1)) return Value();
  List* l = self_list(args);
  std::int64_t i = -1;
  if (nargs > 1 && !to_index(t, args[1], &i)) return Value();
  ObjectLock lock(l, t.interp().free_threaded());
  if (l->size == 0) return t.raise(t.interp().exc.IndexError, "pop from empty list");
  if (nargs <= 1) {
    i = l->size - 1;
  } else {
    if (i < 0) i += l->size;
    if (i < 0 || i >= l->size) return t.raise(t.interp().exc.IndexError, "pop index out of range");
  }
  Value v = l->items[i];
  std::memmove(l->items + i, l->items + i + 1, sizeof(Value) * (l->size - i - 1));
  store_relaxed(l->size, l->size - 1);
  return v;
}

NATIVE(list_remove) {
  (void)kwnames;
  if (!check_nargs(t, "list.remove", nargs - 1, 1, 1)) return Value();
  List* l = self_list(args);
  for (std::int64_t i = 0;; ++i) {
    Value item = list_item(t, l, i);  // the comparison may run Python code: no lock held
    if (item.is_null()) break;
    int r = equal(t, item, args[1]);
    if (r < 0) return Value();
    if (r) {
      ObjectLock lock(l, t.interp().free_threaded());
      if (i >= l->size || l->items[i] != item) {  // another thread moved it: search again
        i = -1;
        continue;
      }
      std::memmove(l->items + i, l->items + i + 1, sizeof(Value) * (l->size - i - 1));
      store_relaxed(l->size, l->size - 1);
      return none(t);
    }
  }
  return t.raise(t.interp().exc.ValueError, "list.remove(x): x not in list");
}

NATIVE(list_index) {
  (void)kwnames;
  if (!check_nargs(t, "index", nargs - 1, 1, 3)) return Value();
  List* l = self_list(args);
  std::int64_t start = 0, stop = l->size;
  if (nargs > 2 && !to_index(t, args[2], &start)) return Value();
  if (nargs > 3 && !to_index(t, args[3], &stop)) return Value();
  if (start < 0) start = std::max<std::int64_t>(0, start + l->size);
  if (stop < 0) stop += l->size;
  for (std::int64_t i = start; i < stop; ++i) {
    Value item = list_item(t, l, i);
    if (item.is_null()) break;
    int r = equal(t, item, args[1]);
    if (r < 0) return Value();
    if (r) return make_int(t, i);
  }
  std::string s;
  if (!repr_into(t, args[1], s)) return Value();
  return t.raise(t.interp().exc.ValueError, s + " is not in list");
}

NATIVE(list_count) {
  (void)kwnames;
  if (!check_nargs(t, "list.count", nargs - 1, 1, 1)) return Value();
  List* l = self_list(args);
  std::int64_t n = 0;
  for (std::int64_t i = 0;; ++i) {
    Value item = list_item(t, l, i);
    if (item.is_null()) break;
    int r = equal(t, item, args[1]);
    if (r < 0) return Value();
    n += r;
  }
  return make_int(t, n);
}

NATIVE(list_sort) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  static const char* const allowed[] = {"key", "reverse", nullptr};
  if (!check_kwargs(t, "sort", kw, allowed)) return Value();
  if (kw.npos > 1) return t.raise(t.interp().exc.TypeError, "sort() takes no positional arguments");
  List* l = self_list(args);
  Value rev = kw.get("reverse");
  bool reverse = !rev.is_null() && truthy(t, rev) == 1;
  // Sort a copy so that a failing comparison leaves the list consistent.
  std::vector<Value> items;
  {
    ObjectLock lock(l, t.interp().free_threaded());
    items.assign(l->items, l->items + l->size);
  }
  if (!sort_values(t, items.data(), static_cast<std::int64_t>(items.size()), kw.get("key"),
                   reverse)) {
    return Value();
  }
  ObjectLock lock(l, t.interp().free_threaded());
  for (std::size_t i = 0; i < items.size() && static_cast<std::int64_t>(i) < l->size; ++i) {
    l->items[i] = items[i];
  }
  return none(t);
}

NATIVE(list_reverse) {
  (void)kwnames;
  (void)nargs;
  List* l = self_list(args);
  ObjectLock lock(l, t.interp().free_threaded());
  for (std::int64_t i = 0, j = l->size - 1; i < j; ++i, --j) std::swap(l->items[i], l->items[j]);
  return none(t);
}

NATIVE(list_clear) {
  (void)kwnames;
  (void)nargs;
  ObjectLock lock(self_list(args), t.interp().free_threaded());
  store_relaxed(self_list(args)->size, std::int64_t{0});
  return none(t);
}

NATIVE(list_copy) {
  (void)kwnames;
  (void)nargs;
  List* l = list_from_iterable(t, args[0]);
  return l == nullptr ? Value() : Value::object(l);
}

// --- tuple ---------------------------------------------------------------------------------------

NATIVE(tuple_index) {
  (void)kwnames;
  if (!check_nargs(t, "index", nargs - 1, 1, 1)) return Value();
  Tuple* tu = as_tuple(args[0]);
  for (std::int64_t i = 0; i < tu->size; ++i) {
    int r = equal(t, tu->items()[i], args[1]);
    if (r < 0) return Value();
    if (r) return make_int(t, i);
  }
  return t.raise(t.interp().exc.ValueError, "tuple.index(x): x not in tuple");
}

NATIVE(tuple_count) {
  (void)kwnames;
  if (!check_nargs(t, "tuple.count", nargs - 1, 1, 1)) return Value();
  Tuple* tu = as_tuple(args[0]);
  std::int64_t n = 0;
  for (std::int64_t i = 0; i < tu->size; ++i) {
    int r = equal(t, tu->items()[i], args[1]);
    if (r < 0) return Value();
    n += r;
  }
  return make_int(t, n);
}

// --- dict ----------------------------------------------------------------------------------------

Dict* self_dict(const Value* args) {
  return as_dict(args[0]);
}

NATIVE(dict_get_m) {
  (void)kwnames;
  if (!check_nargs(t, "get", nargs - 1, 1, 2)) return Value();
  bool err = false;
  Value v = dict_get(t, self_dict(args), args[1], &err);
  if (err) return Value();
  if (v.is_null()) return nargs > 2 ? args[2] : none(t);
  return v;
}

Value make_view(Thread& t, Value d, ViewKind kind) {
  Interpreter& in = t.interp();
  Type* type = kind == ViewKind::Keys     ? in.types.dict_keys
               : kind == ViewKind::Values ? in.types.dict_values
                                          : in.types.dict_items;
  DictView* v = in.make<DictView>(&t, type);
  v->dict = as_dict(d);
  v->kind = kind;
  return Value::object(v);
}
NATIVE(dict_keys) {
  (void)kwnames;
  (void)nargs;
  return make_view(t, args[0], ViewKind::Keys);
}
NATIVE(dict_values) {
  (void)kwnames;
  (void)nargs;
  return make_view(t, args[0], ViewKind::Values);
}
NATIVE(dict_items) {
  (void)kwnames;
  (void)nargs;
  return make_view(t, args[0], ViewKind::Items);
}

NATIVE(dict_pop) {
  (void)kwnames;
  if (!check_nargs(t, "pop", nargs - 1, 1, 2)) return Value();
  bool err = false;
  Value v = dict_get(t, self_dict(args), args[1], &err);
  if (err) return Value();
  if (v.is_null()) {
    if (nargs > 2) return args[2];
    return t.raise(
        Value::object(make_exception(t, t.interp().exc.KeyError, make_tuple(t, &args[1], 1))));
  }
  if (dict_del(t, self_dict(args), args[1]) < 0) return Value();
  return v;
}

NATIVE(dict_popitem) {
  (void)kwnames;
  (void)nargs;
  Dict* d = self_dict(args);
  DictTable* tb = load_acquire(d->table);
  for (std::uint32_t i = tb == nullptr ? 0 : load_acquire(tb->used); i-- > 0;) {
    Value kv[2] = {tb->entries()[i].key, tb->entries()[i].value};
    if (kv[0].is_null() || kv[1].is_null()) continue;
    Value r = Value::object(make_tuple(t, kv, 2));
    if (dict_del(t, d, kv[0]) != 1) continue;  // another thread took it first
    return r;
  }
  return t.raise(t.interp().exc.KeyError, "popitem(): dictionary is empty");
}

NATIVE(dict_setdefault) {
  (void)kwnames;
  if (!check_nargs(t, "setdefault", nargs - 1, 1, 2)) return Value();
  bool err = false;
  Value v = dict_get(t, self_dict(args), args[1], &err);
  if (err) return Value();
  if (!v.is_null()) return v;
  Value d = nargs > 2 ? args[2] : none(t);
  if (!dict_set(t, self_dict(args), args[1], d)) return Value();
  return d;
}

NATIVE(dict_update_m) {
  KwArgs kw = split_kwargs(args, nargs, kwnames);
  Dict* d = self_dict(args);
  if (kw.npos > 1) {
    Value src = args[1];
    Dict* mapping = layout_of(src) == Layout::Dict ? as_dict(src) : mapping_to_dict(t, src);
    if (mapping != nullptr) {
      if (!dict_update(t, d, mapping)) return Value();
    } else if (t.has_exception()) {
      return Value();
    } else {
      List* items = list_from_iterable(t, src);
      if (items == nullptr) return Value();
      for (std::int64_t i = 0; i < items->size; ++i) {
        List* pair = list_from_iterable(t, items->items[i]);
        if (pair == nullptr || pair->size != 2) {
          if (pair != nullptr) {
            return t.raise_fmt(
                t.interp().exc.ValueError,
                "dictionary update sequence element #%lld has length %lld; 2 is required",
                static_cast<long long>(i), static_cast<long long>(pair->size));
          }
          return Value();
        }
        if (!dict_set(t, d, pair->items[0], pair->items[1])) return Value();
      }
    }
  }
  if (kwnames != nullptr) {
    for (std::int64_t i = 0; i < kwnames->size; ++i) {
      if (!dict_set(t, d, kwnames->items()[i], args[kw.npos + i])) return Value();
    }
  }
  return none(t);
}

NATIVE(dict_clear_m) {
  (void)kwnames;
  (void)nargs;
  dict_clear(t, self_dict(args));
  return none(t);
}

NATIVE(dict_copy_m) {
  (void)kwnames;
  (void)nargs;
  Dict* c = dict_copy(t, self_dict(args));
  c->type = t.interp().types.dict;
  return Value::object(c);
}

NATIVE(dict_fromkeys) {
  (void)kwnames;
  if (!check_nargs(t, "fromkeys", nargs, 1, 2)) return Value();
  Dict* d = make_dict(t);
  RootScope roots(t);
  roots.add(Value::object(d));
  List* keys = list_from_iterable(t, args[0]);
  if (keys == nullptr) return Value();
  for (std::int64_t i = 0; i < keys->size; ++i) {
    if (!dict_set(t, d, keys->items[i], nargs > 1 ? args[1] : none(t))) return Value();
  }
  return Value::object(d);
}

// --- set -----------------------------------------------------------------------------------------

NATIVE(set_add_m) {
  (void)kwnames;
  if (!check_nargs(t, "set.add", nargs - 1, 1, 1)) return Value();
  if (!set_add(t, as_dict(args[0]), args[1])) return Value();
  return none(t);
}

NATIVE(set_remove) {
  (void)kwnames;
  if (!check_nargs(t, "set.remove", nargs - 1, 1, 1)) return Value();
  int r = set_discard(t, as_dict(args[0]), args[1]);
  if (r < 0) return Value();
  if (r == 0) {
    return t.raise(
        Value::object(make_exception(t, t.interp().exc.KeyError, make_tuple(t, &args[1], 1))));
  }
  return none(t);
}

NATIVE(set_discard_m) {
  (void)kwnames;
  if (!check_nargs(t, "set.discard", nargs - 1, 1, 1)) return Value();
  if (set_discard(t, as_dict(args[0]), args[1]) < 0) return Value();
  return none(t);
}

NATIVE(set_pop) {
  (void)kwnames;
  if (!check_nargs(t, "pop", nargs - 1, 0, 0)) return Value();
  return set_pop(t, as_dict(args[0]));
}

NATIVE(set_clear) {
  (void)kwnames;
  (void)nargs;
  dict_clear(t, as_dict(args[0]));
  return none(t);
}

NATIVE(set_copy_m) {
  (void)kwnames;
  (void)nargs;
  return Value::object(set_copy(t, as_dict(args[0])));
}

// union/intersection/difference(*others) and their _update forms, each argument in turn as
// CPython's set methods take them (any iterable).
Value set_result(Set* s) {
  return s == nullptr ? Value() : Value::object(s);
}
NATIVE(set_union) {
  (void)kwnames;
  Set* out = set_copy(t, as_dict(args[0]));
  RootScope roots(t);
  roots.add(Value::object(out));
  for (int i = 1; i < nargs; ++i) {
    if (!set_update(t, out, args[i])) return Value();
  }
  return Value::object(out);
}
NATIVE(set_intersection_m) {
  (void)kwnames;
  if (nargs == 1) return Value::object(set_copy(t, as_dict(args[0])));
  RootScope roots(t);
  Set* acc = as_dict(args[0]);
  for (int i = 1; i < nargs; ++i) {
    acc = set_intersection(t, acc, args[i]);
    if (acc == nullptr) return Value();
    roots.add(Value::object(acc));
  }
  return Value::object(acc);
}
NATIVE(set_difference_m) {
  (void)kwnames;
  if (nargs == 1) return Value::object(set_copy(t, as_dict(args[0])));
  if (nargs == 2) return set_result(set_difference(t, as_dict(args[0]), args[1]));
  Set* out = set_copy(t, as_dict(args[0]));
  RootScope roots(t);
  roots.add(Value::object(out));
  for (int i = 1; i < nargs; ++i) {
    if (!set_difference_update(t, out, args[i])) return Value();
  }
  return Value::object(out);
}
NATIVE(set_symmetric_difference_m) {
  (void)kwnames;
  if (!check_nargs(t, "symmetric_difference", nargs - 1, 1, 1)) return Value();
  return set_result(set_symmetric_difference(t, as_dict(args[0]), args[1]));
}
NATIVE(set_update_m) {
  (void)kwnames;
  for (int i = 1; i < nargs; ++i) {
    if (!set_update(t, as_dict(args[0]), args[i])) return Value();
  }
  return none(t);
}
NATIVE(set_issubset) {
  (void)kwnames;
  if (!check_nargs(t, "issubset", nargs - 1, 1, 1)) return Value();
  return rich_compare(t, kLe, args[0], args[1]);
}
NATIVE(set_intersection_update_m) {
  (void)kwnames;
  for (int i = 1; i < nargs; ++i) {
    if (!set_intersection_update(t, as_dict(args[0]), args[i])) return Value();
  }
  return none(t);
}
NATIVE(set_difference_update_m) {
  (void)kwnames;
  for (int i = 1; i < nargs; ++i) {
    if (!set_difference_update(t, as_dict(args[0]), args[i])) return Value();
  }
  return none(t);
}
NATIVE(set_symmetric_difference_update_m) {
  (void)kwnames;
  if (!check_nargs(t, "symmetric_difference_update", nargs - 1, 1, 1)) return Value();
  if (!set_symmetric_difference_update(t, as_dict(args[0]), args[1])) return Value();
  return none(t);
}
NATIVE(set_isdisjoint) {
  (void)kwnames;
  if (!check_nargs(t, "isdisjoint", nargs - 1, 1, 1)) return Value();
  Set* common = set_intersection(t, as_dict(args[0]), args[1]);
  if (common == nullptr) return Value();
  return make_bool(t, dict_len(common) == 0);
}
NATIVE(set_issuperset) {
  (void)kwnames;
  if (!check_nargs(t, "issuperset", nargs - 1, 1, 1)) return Value();
  return rich_compare(t, kGe, args[0], args[1]);
}

// --- numbers and generators ----------------------------------------------------------------------

NATIVE(int_bit_length) {
  (void)kwnames;
  (void)nargs;
  std::int64_t v = int_value(args[0]);
  std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  int n = 0;
  while (m != 0) {
    ++n;
    m >>= 1;
  }
  return Value::small(n);
}

NATIVE(float_is_integer) {
  (void)kwnames;
  (void)nargs;
  double d = float_value(args[0]);
  return make_bool(t, std::isfinite(d) && std::floor(d) == d);
}

NATIVE(generator_send_m) {
  (void)kwnames;
  if (!check_nargs(t, "send", nargs - 1, 1, 1)) return Value();
  bool done = false;
  Value v = generator_send(t, static_cast<Generator*>(args[0].as_object()), args[1], &done);
  if (done) return raise_stop_iteration(t, v);
  return v;
}

NATIVE(generator_throw_m) {
  (void)kwnames;
  Interpreter& in = t.interp();
  if (!check_nargs(t, "throw", nargs - 1, 1, 3)) return Value();
  // throw(exc), throw(type), throw(type, value): the exception as `raise` would make it.
  Value e = args[1];
  Value value = nargs > 2 ? args[2] : in.none;
  Value exc;
  if (layout_of(e) == Layout::Type && is_subtype(as_type(e), in.exc.BaseException)) {
    if (layout_of(value) == Layout::Exception && isinstance(t, value, as_type(e))) {
      exc = value;
    } else if (value == in.none) {
      exc = t.call(e, nullptr, 0);
    } else if (layout_of(value) == Layout::Tuple) {
      exc = t.call(e, as_tuple(value)->items(), static_cast<int>(as_tuple(value)->size));
    } else {
      exc = t.call(e, &value, 1);
    }
    if (exc.is_null()) return Value();
  } else if (layout_of(e) == Layout::Exception) {
    if (value != in.none) {
      return t.raise(in.exc.TypeError, "instance exception may not have a separate value");
    }
    exc = e;
  } else {
    return t.raise_fmt(in.exc.TypeError,
                       "exceptions must be classes or instances deriving from BaseException, not %s",
                       type_name(t, e));
  }
  bool done = false;
  Value v = generator_throw(t, static_cast<Generator*>(args[0].as_object()), exc, &done);
  if (done) return raise_stop_iteration(t, v);
  return v;
}

NATIVE(generator_close_m) {
  (void)kwnames;
  if (!check_nargs(t, "close", nargs - 1, 0, 0)) return Value();
  return generator_close(t, static_cast<Generator*>(args[0].as_object()));
}

}  // namespace

void install_type_methods(Thread& t) {
  Types& ty = t.interp().types;
  struct M {
    Type* type;
    const char* name;
    NativeFn fn;
  };
  const M methods[] = {
      {ty.str, "split", str_split},
      {ty.str, "rsplit", str_rsplit},
      {ty.str, "splitlines", str_splitlines},
      {ty.str, "join", str_join},
      {ty.str, "strip", str_strip},
      {ty.str, "lstrip", str_lstrip},
      {ty.str, "rstrip", str_rstrip},
      {ty.str, "upper", str_upper},
      {ty.str, "lower", str_lower},
      {ty.str, "capitalize", str_capitalize},
      {ty.str, "title", str_title},
      {ty.str, "swapcase", str_swapcase},
      {ty.str, "casefold", str_casefold},
      {ty.str, "isdigit", str_isdigit},
      {ty.str, "isdecimal", str_isdecimal},
      {ty.str, "isnumeric", str_isnumeric},
      {ty.str, "isalpha", str_isalpha},
      {ty.str, "isalnum", str_isalnum},
      {ty.str, "isspace", str_isspace},
      {ty.str, "isupper", str_isupper},
      {ty.str, "islower", str_islower},
      {ty.str, "isidentifier", str_isidentifier},
      {ty.str, "find", str_find},
      {ty.str, "rfind", str_rfind},
      {ty.str, "rindex", str_rindex},
      {ty.str, "istitle", str_istitle},
      {ty.str, "expandtabs", str_expandtabs},
      {ty.str, "removeprefix", str_removeprefix},
      {ty.str, "removesuffix", str_removesuffix},
      {ty.str, "index", str_index},
      {ty.str, "count", str_count},
      {ty.str, "startswith", str_startswith},
      {ty.str, "endswith", str_endswith},
      {ty.str, "replace", str_replace},
      {ty.str, "ljust", str_ljust},
      {ty.str, "rjust", str_rjust},
      {ty.str, "center", str_center},
      {ty.str, "zfill", str_zfill},
      {ty.str, "partition", str_partition},
      {ty.str, "rpartition", str_rpartition},
      {ty.str, "format", str_format},
      {ty.str, "encode", str_encode},
      {ty.list, "append", list_append_m},
      {ty.list, "extend", list_extend},
      {ty.list, "insert", list_insert},
      {ty.list, "pop", list_pop},
      {ty.list, "remove", list_remove},
      {ty.list, "index", list_index},
      {ty.list, "count", list_count},
      {ty.list, "sort", list_sort},
      {ty.list, "reverse", list_reverse},
      {ty.list, "clear", list_clear},
      {ty.list, "copy", list_copy},
      {ty.tuple, "index", tuple_index},
      {ty.tuple, "count", tuple_count},
      {ty.dict, "get", dict_get_m},
      {ty.dict, "keys", dict_keys},
      {ty.dict, "values", dict_values},
      {ty.dict, "items", dict_items},
      {ty.dict, "pop", dict_pop},
      {ty.dict, "popitem", dict_popitem},
      {ty.dict, "setdefault", dict_setdefault},
      {ty.dict, "update", dict_update_m},
      {ty.dict, "clear", dict_clear_m},
      {ty.dict, "copy", dict_copy_m},
      {ty.set, "add", set_add_m},
      {ty.set, "remove", set_remove},
      {ty.set, "discard", set_discard_m},
      {ty.set, "pop", set_pop},
      {ty.set, "clear", set_clear},
      {ty.set, "copy", set_copy_m},
      {ty.set, "union", set_union},
      {ty.set, "intersection", set_intersection_m},
      {ty.set, "difference", set_difference_m},
      {ty.set, "symmetric_difference", set_symmetric_difference_m},
      {ty.set, "update", set_update_m},
      {ty.set, "issubset", set_issubset},
      {ty.set, "issuperset", set_issuperset},
      {ty.set, "isdisjoint", set_isdisjoint},
      {ty.set, "intersection_update", set_intersection_update_m},
      {ty.set, "difference_update", set_difference_update_m},
      {ty.set, "symmetric_difference_update", set_symmetric_difference_update_m},
      {ty.frozenset, "copy", set_copy_m},
      {ty.frozenset, "union", set_union},
      {ty.frozenset, "intersection", set_intersection_m},
      {ty.frozenset, "difference", set_difference_m},
      {ty.frozenset, "symmetric_difference", set_symmetric_difference_m},
      {ty.frozenset, "issubset", set_issubset},
      {ty.frozenset, "issuperset", set_issuperset},
      {ty.frozenset, "isdisjoint", set_isdisjoint},
      {ty.int_, "bit_length", int_bit_length},
      {ty.float_, "is_integer", float_is_integer},
      {ty.generator, "send", generator_send_m},
      {ty.generator, "throw", generator_throw_m},
      {ty.generator, "close", generator_close_m},
  };
  for (const M& m : methods) add_method(t, m.type, m.name, m.fn);
  // dict.fromkeys is called on the class: a plain function in the type's namespace.
  add_function(t, ty.dict->dict, "fromkeys", dict_fromkeys);
}

}  // namespace interleave::vm
