// Subscription (indexing and slicing of list, tuple, str, range; dict lookups), iteration over
// every built-in iterable and user classes with __iter__/__next__, and list growth. List and dict
// mutation takes the per-object lock (free-threaded mode only). Executing thread only.
#include <cstring>

#include "vm/dict.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm/seq.h"

namespace interleave::vm {

bool list_append(Thread& t, List* l, Value v) {
  const bool shared = t.interp().free_threaded();
  ObjectLock lock(l, shared);
  if (l->size == l->capacity) {
    std::int64_t cap = l->capacity < 4 ? 8 : l->capacity + (l->capacity >> 1);
    if (t.interp().would_exceed(cap * static_cast<std::int64_t>(sizeof(Value)))) {
      t.raise(t.interp().exc.MemoryError, "");
      return false;
    }
    t.interp().grow_list(l, cap);
  }
  l->items[l->size] = v;
  store_relaxed_if(shared, l->size, l->size + 1);
  return true;
}

Value list_item(Thread& t, List* l, std::int64_t i) {
  ObjectLock lock(l, t.interp().free_threaded());
  return i >= 0 && i < l->size ? l->items[i] : Value();
}

void list_resize(Thread& t, List* l, std::int64_t n) {
  if (n > l->capacity) {
    std::int64_t cap = n + (n >> 3) + 4;
    t.interp().grow_list(l, cap);
  }
  for (std::int64_t i = l->size; i < n; ++i) l->items[i] = t.interp().none;
  store_relaxed(l->size, n);
}

std::int64_t slice_indices(std::int64_t length, std::int64_t* start, std::int64_t* stop,
                           std::int64_t step) {
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = step < 0 ? -1 : 0;
  } else if (*start >= length) {
    *start = step < 0 ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = step < 0 ? -1 : 0;
  } else if (*stop >= length) {
    *stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

bool unpack_slice(Thread& t, Slice* s, std::int64_t length, std::int64_t* start, std::int64_t* stop,
                  std::int64_t* step, std::int64_t* count) {
  Interpreter& in = t.interp();
  *step = 1;
  if (s->step != in.none && !to_index(t, s->step, step)) return false;
  if (*step == 0) {
    t.raise(in.exc.ValueError, "slice step cannot be zero");
    return false;
  }
  if (*step < -INT64_MAX) *step = -INT64_MAX;  // PySlice_Unpack: -step must not overflow
  *start = *step < 0 ? INT64_MAX : 0;
  *stop = *step < 0 ? INT64_MIN + 1 : INT64_MAX;
  if (s->start != in.none && !to_index(t, s->start, start)) return false;
  if (s->stop != in.none && !to_index(t, s->stop, stop)) return false;
  if (*start == INT64_MAX) *start = length;
  if (*stop == INT64_MIN + 1) *stop = -length - 1;
  *count = slice_indices(length, start, stop, *step);
  return true;
}

namespace {

bool normalize_index(Thread& t, Value key, std::int64_t size, const char* what, std::int64_t* out) {
  std::int64_t i;
  if (!is_int(key) && layout_of(key) != Layout::Bool) {
    t.raise_fmt(t.interp().exc.TypeError, "%s indices must be integers or slices, not %s", what,
                type_name(t, key));
    return false;
  }
  i = int_value(key);
  if (i < 0) i += size;
  if (i < 0 || i >= size) {
    t.raise_fmt(t.interp().exc.IndexError, "%s index out of range", what);
    return false;
  }
  *out = i;
  return true;
}

Value slice_of(Thread& t, Value obj, Slice* s) {
  std::int64_t start, stop, step, count;
  Layout l = layout_of(obj);
  if (l == Layout::Str) {
    Str* str = as_str(obj);
    if (!unpack_slice(t, s, str->chars, &start, &stop, &step, &count)) return Value();
    if (str->ascii) {
      std::string out;
      out.reserve(count);
      for (std::int64_t i = 0, j = start; i < count; ++i, j += step) out.push_back(str->data()[j]);
      return str_value(t, out);
    }
    // Non-ASCII: collect code point boundaries once.
    std::vector<std::size_t> starts;
    for (std::size_t p = 0; p < str->length; ++p) {
      if ((static_cast<unsigned char>(str->data()[p]) & 0xC0) != 0x80) starts.push_back(p);
    }
    starts.push_back(str->length);
    std::string out;
    for (std::int64_t i = 0, j = start; i < count; ++i, j += step) {
      out.append(str->data() + starts[j], starts[j + 1] - starts[j]);
    }
    return str_value(t, out);
  }
  if (l == Layout::List) {
    List* src = as_list(obj);
    ObjectLock lock(src, t.interp().free_threaded());
    if (!unpack_slice(t, s, src->size, &start, &stop, &step, &count)) return Value();
    List* out = make_list(t, count);
    for (std::int64_t i = 0, j = start; i < count; ++i, j += step) out->items[i] = src->items[j];
    return Value::object(out);
  }
  if (l == Layout::Tuple) {
    Tuple* src = as_tuple(obj);
    if (!unpack_slice(t, s, src->size, &start, &stop, &step, &count)) return Value();
    Tuple* out = make_tuple(t, count);
    for (std::int64_t i = 0, j = start; i < count; ++i, j += step)
      out->items()[i] = src->items()[j];
    return Value::object(out);
  }
  auto* r = static_cast<Range*>(obj.as_object());
  std::int64_t len = range_length(r);
  if (len < 0) return range_too_long(t);
  if (!unpack_slice(t, s, len, &start, &stop, &step, &count)) return Value();
  Range* out = t.interp().make<Range>(&t, t.interp().types.range);
  out->start = r->start + start * r->step;
  out->step = r->step * step;
  out->stop = out->start + count * out->step;
  return Value::object(out);
}

}  // namespace

std::int64_t range_length(const Range* r) {
  // In unsigned arithmetic: stop - start may not fit int64 (range(-2**63, 2**63 - 1)).
  const auto start = static_cast<std::uint64_t>(r->start), stop = static_cast<std::uint64_t>(r->stop);
  std::uint64_t n = 0;
  if (r->step > 0 && r->stop > r->start) {
    n = (stop - start - 1) / static_cast<std::uint64_t>(r->step) + 1;
  } else if (r->step < 0 && r->stop < r->start) {
    n = (start - stop - 1) / (0 - static_cast<std::uint64_t>(r->step)) + 1;
  }
  return n > static_cast<std::uint64_t>(INT64_MAX) ? -1 : static_cast<std::int64_t>(n);
}

Value range_too_long(Thread& t) {
  return t.raise(t.interp().exc.OverflowError,
                 "range too long: Interleave's int holds 64 bits (arbitrary precision is not "
                 "supported)");
}

namespace {

bool is_user_object(Value v) {
  if (v.is_small()) return false;
  Layout l = v.as_object()->type->layout;
  return l == Layout::Instance || l == Layout::Exception;
}

// A sequence's subscript made of user objects with __index__ (`xs[Idx(1)]`, `xs[Idx(1):]`) becomes
// the ints they stand for, before any list lock is taken (Python code never runs under one).
// Other keys are left as they are, for the subscript's own error. False with an exception set.
bool resolve_index_key(Thread& t, Value* key) {
  if (key->is_small()) return true;
  Layout kl = key->as_object()->type->layout;
  if (kl == Layout::Instance || kl == Layout::Exception) {
    Value i = index_of(t, *key);
    if (!i.is_null()) *key = i;
    return !t.has_exception();
  }
  if (kl != Layout::Slice) return true;
  auto* s = static_cast<Slice*>(key->as_object());
  Value parts[3] = {s->start, s->stop, s->step};
  if (!is_user_object(parts[0]) && !is_user_object(parts[1]) && !is_user_object(parts[2])) {
    return true;
  }
  for (Value& part : parts) {
    if (!is_user_object(part)) continue;
    Value i = index_of(t, part);
    if (t.has_exception()) return false;
    if (!i.is_null()) part = i;
  }
  Interpreter& in = t.interp();
  Slice* resolved = in.make<Slice>(&t, in.types.slice);
  resolved->start = parts[0];
  resolved->stop = parts[1];
  resolved->step = parts[2];
  *key = Value::object(resolved);
  return true;
}

bool is_indexed_sequence(Layout l) {
  return l == Layout::List || l == Layout::Tuple || l == Layout::Str || l == Layout::Range;
}

}  // namespace

Value get_item(Thread& t, Value obj, Value key) {
  Interpreter& in = t.interp();
  Layout l = layout_of(obj);
  if (!key.is_small() && is_indexed_sequence(l) && !resolve_index_key(t, &key)) return Value();
  bool is_slice = layout_of(key) == Layout::Slice;
  switch (l) {
    case Layout::List: {
      if (is_slice) return slice_of(t, obj, static_cast<Slice*>(key.as_object()));
      List* list = as_list(obj);
      ObjectLock lock(list, in.free_threaded());
      std::int64_t i;
      if (!normalize_index(t, key, list->size, "list", &i)) return Value();
      return list->items[i];
    }
    case Layout::Tuple: {
      if (is_slice) return slice_of(t, obj, static_cast<Slice*>(key.as_object()));
      Tuple* tu = as_tuple(obj);
      std::int64_t i;
      if (!normalize_index(t, key, tu->size, "tuple", &i)) return Value();
      return tu->items()[i];
    }
    case Layout::Str: {
      if (is_slice) return slice_of(t, obj, static_cast<Slice*>(key.as_object()));
      Str* s = as_str(obj);
      std::int64_t i;
      if (!is_int(key)) {
        return t.raise_fmt(in.exc.TypeError, "string indices must be integers, not '%s'",
                           type_name(t, key));
      }
      i = int_value(key);
      if (i < 0) i += s->chars;
      if (i < 0 || i >= s->chars) return t.raise(in.exc.IndexError, "string index out of range");
      std::size_t a = str_byte_offset(s, i);
      std::size_t b = str_byte_offset(s, i + 1);
      return str_value(t, std::string_view(s->data() + a, b - a));
    }
    case Layout::Range: {
      if (is_slice) return slice_of(t, obj, static_cast<Slice*>(key.as_object()));
      auto* r = static_cast<Range*>(obj.as_object());
      std::int64_t i;
      const std::int64_t len = range_length(r);
      if (len < 0) return range_too_long(t);
      if (!normalize_index(t, key, len, "range object", &i)) return Value();
      return make_int(t, r->start + i * r->step);
    }
    case Layout::Dict: {
      bool err = false;
      Value v = dict_get(t, as_dict(obj), key, &err);
      if (err) return Value();
      if (v.is_null()) {
        Value args = Value::object(make_tuple(t, &key, 1));
        return t.raise(Value::object(make_exception(t, in.exc.KeyError, as_tuple(args))));
      }
      return v;
    }
    case Layout::Instance:
    case Layout::Exception: {
      bool found = false;
      Value r = call_special(t, obj, names(t).__getitem__, &key, 1, &found);
      if (found) return r;
      break;
    }
    case Layout::Type: {
      // list[int] and friends in annotations: the built-in class itself (CPython makes a
      // types.GenericAlias). A class of the program: its __class_getitem__, as CPython.
      Type* type = as_type(obj);
      if (type->builtin) return obj;
      Str* name = in.intern("__class_getitem__");
      Value method = get_attr_opt(t, obj, name);
      if (method.is_null()) {
        if (t.has_exception()) return method;
        return t.raise_fmt(in.exc.TypeError, "type '%s' is not subscriptable", type->name->data());
      }
      return t.call(method, &key, 1);
    }
    default:
      break;
  }
  return t.raise_fmt(in.exc.TypeError, "'%s' object is not subscriptable", type_name(t, obj));
}

bool set_item(Thread& t, Value obj, Value key, Value v) {
  Interpreter& in = t.interp();
  if (!key.is_small() && layout_of(obj) == Layout::List && !resolve_index_key(t, &key)) {
    return false;
  }
  switch (layout_of(obj)) {
    case Layout::List: {
      List* list = as_list(obj);
      if (layout_of(key) == Layout::Slice) {
        List* items = list_from_iterable(t, v);
        if (items == nullptr) return false;
        ObjectLock lock(list, in.free_threaded());
        std::int64_t start, stop, step, count;
        if (!unpack_slice(t, static_cast<Slice*>(key.as_object()), list->size, &start, &stop, &step,
                          &count)) {
          return false;
        }
        if (step != 1) {
          if (items->size != count) {
            t.raise_fmt(in.exc.ValueError,
                        "attempt to assign sequence of size %lld to extended slice of size %lld",
                        static_cast<long long>(items->size), static_cast<long long>(count));
            return false;
          }
          for (std::int64_t i = 0, j = start; i < count; ++i, j += step)
            list->items[j] = items->items[i];
          return true;
        }
        if (stop < start) stop = start;
        std::vector<Value> result(list->items, list->items + start);
        result.insert(result.end(), items->items, items->items + items->size);
        result.insert(result.end(), list->items + stop, list->items + list->size);
        list_resize(t, list, static_cast<std::int64_t>(result.size()));
        for (std::size_t i = 0; i < result.size(); ++i) list->items[i] = result[i];
        return true;
      }
      ObjectLock lock(list, in.free_threaded());
      std::int64_t i;
      if (!is_int(key)) {
        t.raise_fmt(in.exc.TypeError, "list indices must be integers or slices, not %s",
                    type_name(t, key));
        return false;
      }
      i = int_value(key);
      if (i < 0) i += list->size;
      if (i < 0 || i >= list->size) {
        t.raise(in.exc.IndexError, "list assignment index out of range");
        return false;
      }
      list->items[i] = v;
      return true;
    }
    case Layout::Dict:
      return dict_set(t, as_dict(obj), key, v);
    case Layout::Instance:
    case Layout::Exception: {
      bool found = false;
      Value args[2] = {key, v};
      Value r = call_special(t, obj, names(t).__setitem__, args, 2, &found);
      if (found) return !r.is_null();
      break;
    }
    default:
      break;
  }
  t.raise_fmt(in.exc.TypeError, "'%s' object does not support item assignment", type_name(t, obj));
  return false;
}

bool del_item(Thread& t, Value obj, Value key) {
  Interpreter& in = t.interp();
  if (!key.is_small() && layout_of(obj) == Layout::List && !resolve_index_key(t, &key)) {
    return false;
  }
  switch (layout_of(obj)) {
    case Layout::List: {
      List* list = as_list(obj);
      ObjectLock lock(list, in.free_threaded());
      if (layout_of(key) == Layout::Slice) {
        std::int64_t start, stop, step, count;
        if (!unpack_slice(t, static_cast<Slice*>(key.as_object()), list->size, &start, &stop, &step,
                          &count)) {
          return false;
        }
        std::vector<bool> drop(list->size, false);
        for (std::int64_t i = 0, j = start; i < count; ++i, j += step) drop[j] = true;
        std::int64_t k = 0;
        for (std::int64_t i = 0; i < list->size; ++i) {
          if (!drop[i]) list->items[k++] = list->items[i];
        }
        store_relaxed(list->size, k);
        return true;
      }
      std::int64_t i;
      if (!normalize_index(t, key, list->size, "list", &i)) {
        if (is_subtype(type_of(t, t.exc), in.exc.IndexError)) {
          t.take_exception();
          t.raise(in.exc.IndexError, "list assignment index out of range");
        }
        return false;
      }
      std::memmove(list->items + i, list->items + i + 1, sizeof(Value) * (list->size - i - 1));
      store_relaxed(list->size, list->size - 1);
      return true;
    }
    case Layout::Dict: {
      int r = dict_del(t, as_dict(obj), key);
      if (r < 0) return false;
      if (r == 0) {
        t.raise(Value::object(make_exception(t, in.exc.KeyError, make_tuple(t, &key, 1))));
        return false;
      }
      return true;
    }
    case Layout::Instance: {
      bool found = false;
      Value r = call_special(t, obj, names(t).__delitem__, &key, 1, &found);
      if (found) return !r.is_null();
      break;
    }
    default:
      break;
  }
  t.raise_fmt(in.exc.TypeError, "'%s' object doesn't support item deletion", type_name(t, obj));
  return false;
}

// --- iteration -----------------------------------------------------------------------------------

Iterator* make_iterator(Thread& t, Type* type, IterKind kind, Value source) {
  Iterator* it = t.interp().make<Iterator>(&t, type);
  it->kind = kind;
  it->source = source;
  return it;
}

Value get_iter(Thread& t, Value v) {
  Interpreter& in = t.interp();
  Types& ty = in.types;
  switch (layout_of(v)) {
    case Layout::List:
      return Value::object(make_iterator(t, ty.list_iter, IterKind::List, v));
    case Layout::Tuple:
      return Value::object(make_iterator(t, ty.tuple_iter, IterKind::Tuple, v));
    case Layout::Str:
      return Value::object(make_iterator(t, ty.str_iter, IterKind::Str, v));
    case Layout::Range: {
      auto* r = static_cast<Range*>(v.as_object());
      Iterator* it = make_iterator(t, ty.range_iter, IterKind::Range, Value());
      it->index = r->start;
      it->stop = r->stop;
      it->step = r->step;
      return Value::object(it);
    }
    case Layout::Dict: {
      Iterator* it = make_iterator(t, ty.dict_keyiter, IterKind::DictKeys, v);
      it->expected_used = dict_len(as_dict(v));
      return Value::object(it);
    }
    case Layout::Set: {
      Iterator* it = make_iterator(t, ty.set_iter, IterKind::SetItems, v);
      it->expected_used = dict_len(as_dict(v));
      return Value::object(it);
    }
    case Layout::DictView: {
      auto* dv = static_cast<DictView*>(v.as_object());
      Value d = Value::object(dv->dict);
      Iterator* it = dv->kind == ViewKind::Keys
                         ? make_iterator(t, ty.dict_keyiter, IterKind::DictKeys, d)
                     : dv->kind == ViewKind::Values
                         ? make_iterator(t, ty.dict_valueiter, IterKind::DictValues, d)
                         : make_iterator(t, ty.dict_itemiter, IterKind::DictItems, d);
      it->expected_used = dict_len(dv->dict);
      return Value::object(it);
    }
    case Layout::Iterator:
    case Layout::Generator:
      return v;
    case Layout::Instance:
    case Layout::Exception: {
      bool found = false;
      Value r = call_special(t, v, names(t).__iter__, nullptr, 0, &found);
      if (found) {
        if (r.is_null()) return r;
        if (type_lookup(type_of(t, r), names(t).__next__).is_null() &&
            layout_of(r) != Layout::Iterator && layout_of(r) != Layout::Generator) {
          return t.raise_fmt(in.exc.TypeError, "iter() returned non-iterator of type '%s'",
                             type_name(t, r));
        }
        return r;
      }
      if (!type_lookup(type_of(t, v), names(t).__getitem__).is_null()) {
        Iterator* it = make_iterator(t, ty.callable_iter, IterKind::Callable, v);
        it->index = 0;
        return Value::object(it);
      }
      break;
    }
    default:
      break;
  }
  return t.raise_fmt(in.exc.TypeError, "'%s' object is not iterable", type_name(t, v));
}

Value raise_stop_iteration(Thread& t, Value returned) {
  Tuple* args = nullptr;
  if (!returned.is_null() && returned != t.interp().none) args = make_tuple(t, &returned, 1);
  return t.raise(Value::object(make_exception(t, t.interp().exc.StopIteration, args)));
}

Value iter_next(Thread& t, Value itv) {
  Interpreter& in = t.interp();
  // sum(range(10**12)), list(huge iterable), str.join(...) loop here in native code.
  if (t.poll()) return Value();
  Layout l = layout_of(itv);
  if (l == Layout::Generator) {
    bool done = false;
    Value r = generator_send(t, static_cast<Generator*>(itv.as_object()), in.none, &done);
    if (done) return Value();  // r: the return value, dropped (StopIteration is implicit)
    return r;
  }
  if (l != Layout::Iterator) {
    bool found = false;
    Value r = call_special(t, itv, names(t).__next__, nullptr, 0, &found);
    if (!found) {
      return t.raise_fmt(in.exc.TypeError, "'%s' object is not an iterator", type_name(t, itv));
    }
    if (r.is_null() && t.has_exception() && isinstance(t, t.exc, in.exc.StopIteration)) {
      t.take_exception();
    }
    return r;
  }
  auto* it = static_cast<Iterator*>(itv.as_object());
  // With the GIL off several threads may advance one iterator: each step holds the iterator's
  // lock while it reads and moves the position (CPython 3.13t's per-object critical section), so
  // every item comes out once. Kinds that call Python code (map, filter, __getitem__, a sentinel
  // callable) or other iterators hold it only around their own fields, never across the call.
  const bool shared = in.free_threaded();
  switch (it->kind) {
    case IterKind::List: {
      ObjectLock own(it, shared);
      if (it->source.is_null()) return Value();
      List* list = as_list(it->source);
      {
        ObjectLock lock(list, shared);
        if (it->index < list->size) return list->items[it->index++];
      }
      it->source = Value();
      return Value();
    }
    case IterKind::Tuple: {
      ObjectLock own(it, shared);
      if (it->source.is_null()) return Value();
      Tuple* tu = as_tuple(it->source);
      if (it->index < tu->size) return tu->items()[it->index++];
      it->source = Value();
      return Value();
    }
    case IterKind::Str: {
      ObjectLock own(it, shared);
      if (it->source.is_null()) return Value();
      Str* s = as_str(it->source);
      if (it->index >= s->length) {
        it->source = Value();
        return Value();
      }
      std::size_t a = static_cast<std::size_t>(it->index);
      std::size_t b = a + 1;
      while (b < s->length && (static_cast<unsigned char>(s->data()[b]) & 0xC0) == 0x80) ++b;
      it->index = static_cast<std::int64_t>(b);
      return str_value(t, std::string_view(s->data() + a, b - a));
    }
    case IterKind::Range: {
      ObjectLock own(it, shared);
      if (it->step > 0 ? it->index >= it->stop : it->index <= it->stop) return Value();
      std::int64_t v = it->index;
      // Past the int64 range means past `stop`: the iteration is over.
      if (__builtin_add_overflow(it->index, it->step, &it->index)) it->index = it->stop;
      return make_int(t, v);
    }
    case IterKind::DictKeys:
    case IterKind::DictValues:
    case IterKind::DictItems:
    case IterKind::SetItems: {
      ObjectLock own(it, shared);
      if (it->source.is_null()) return Value();
      Dict* d = as_dict(it->source);
      if (dict_len(d) != it->expected_used) {
        it->source = Value();
        return t.raise_fmt(in.exc.RuntimeError, "%s changed size during iteration",
                           it->kind == IterKind::SetItems ? "Set" : "dictionary");
      }
      auto pos = static_cast<std::uint32_t>(it->index);
      DictEntry* e = dict_next(d, &pos);
      it->index = pos;
      if (e == nullptr) {
        it->source = Value();
        return Value();
      }
      if (it->kind == IterKind::DictValues) return e->value;
      if (it->kind == IterKind::DictItems) {
        Value kv[2] = {e->key, e->value};
        return Value::object(make_tuple(t, kv, 2));
      }
      return e->key;
    }
    case IterKind::Enumerate: {
      Value x = iter_next(t, it->source);
      if (x.is_null()) return x;
      RootScope roots(t);
      roots.add(x);
      std::int64_t index;
      {
        ObjectLock own(it, shared);
        if (it->index == INT64_MAX) {
          return t.raise(t.interp().exc.OverflowError,
                         "integer overflow: Interleave's int holds 64 bits (arbitrary precision "
                         "is not supported)");
        }
        index = it->index++;
      }
      Value pair[2] = {make_int(t, index), x};
      return Value::object(make_tuple(t, pair, 2));
    }
    case IterKind::Zip: {
      Tuple* its = as_tuple(it->source);
      if (its->size == 0) return Value();
      Tuple* out = make_tuple(t, its->size);
      for (std::int64_t i = 0; i < its->size; ++i) {
        Value x = iter_next(t, its->items()[i]);
        if (x.is_null()) return x;
        out->items()[i] = x;
      }
      return Value::object(out);
    }
    case IterKind::Map: {
      Tuple* its = as_tuple(it->source);
      std::vector<Value> args(its->size);
      for (std::int64_t i = 0; i < its->size; ++i) {
        Value x = iter_next(t, its->items()[i]);
        if (x.is_null()) return x;
        args[i] = x;
      }
      RootScope roots(t);
      for (Value a : args) roots.add(a);
      return t.call(it->func, args.data(), static_cast<int>(args.size()));
    }
    case IterKind::Filter: {
      for (;;) {
        Value x = iter_next(t, it->source);
        if (x.is_null()) return x;
        int keep;
        if (it->func == in.none) {
          keep = truthy(t, x);
        } else {
          RootScope roots(t);
          roots.add(x);
          Value r = t.call(it->func, &x, 1);
          if (r.is_null()) return r;
          keep = truthy(t, r);
        }
        if (keep < 0) return Value();
        if (keep) return x;
      }
    }
    case IterKind::Reversed: {
      Value src;
      std::int64_t index;
      {
        ObjectLock own(it, shared);
        if (it->index < 0 || it->source.is_null()) return Value();
        src = it->source;
        if (layout_of(src) == Layout::List) {
          Value v = list_item(t, as_list(src), it->index);
          if (v.is_null()) {
            it->index = -1;
            return Value();
          }
          --it->index;
          return v;
        }
        if (layout_of(src) == Layout::Tuple) return as_tuple(src)->items()[it->index--];
        if (layout_of(src) == Layout::Range) {
          auto* r = static_cast<Range*>(src.as_object());
          return make_int(t, r->start + (it->index--) * r->step);
        }
        if (layout_of(src) == Layout::Str) {
          Str* s = as_str(src);
          std::size_t a = str_byte_offset(s, it->index);
          std::size_t b = str_byte_offset(s, it->index + 1);
          --it->index;
          return str_value(t, std::string_view(s->data() + a, b - a));
        }
        index = it->index--;
      }
      return get_item(t, src, make_int(t, index));  // __getitem__: Python code, lock released
    }
    case IterKind::Sentinel: {
      // iter(callable, sentinel): call until the sentinel comes back.
      Value callable;
      {
        ObjectLock own(it, shared);
        callable = it->source;
      }
      if (callable.is_null()) return Value();
      Value r = t.call(callable, nullptr, 0);
      if (r.is_null()) return r;
      int eq = equal(t, r, it->func);
      if (eq < 0) return Value();
      if (eq) {
        ObjectLock own(it, shared);
        it->source = Value();
        return Value();
      }
      return r;
    }
    case IterKind::Callable: {
      std::int64_t index;
      {
        ObjectLock own(it, shared);
        index = it->index++;
      }
      Value key = make_int(t, index);
      Value r = get_item(t, it->source, key);
      if (r.is_null() && t.has_exception() &&
          (isinstance(t, t.exc, in.exc.IndexError) || isinstance(t, t.exc, in.exc.StopIteration))) {
        t.take_exception();
      }
      return r;
    }
  }
  return Value();
}

namespace {

// A new list holding items[0..n): one copy, no None fill first (big lists stay quick to make).
List* list_of(Thread& t, const Value* items, std::int64_t n) {
  List* out = make_list(t, 0);
  if (n == 0) return out;
  t.interp().grow_list(out, n);
  std::memcpy(out->items, items, sizeof(Value) * static_cast<std::size_t>(n));
  store_relaxed(out->size, n);
  return out;
}

}  // namespace

List* list_from_iterable(Thread& t, Value iterable) {
  Layout l = layout_of(iterable);
  if (l == Layout::List) {
    List* src = as_list(iterable);
    ObjectLock lock(src, t.interp().free_threaded());
    return list_of(t, src->items, src->size);
  }
  if (l == Layout::Tuple) {
    Tuple* src = as_tuple(iterable);
    return list_of(t, src->items(), src->size);
  }
  RootScope roots(t);
  Value it = get_iter(t, iterable);
  if (it.is_null()) return nullptr;
  roots.add(it);
  List* out = make_list(t, 0);
  roots.add(Value::object(out));
  for (;;) {
    Value x = iter_next(t, it);
    if (x.is_null()) {
      if (t.has_exception()) return nullptr;
      return out;
    }
    if (!list_append(t, out, x)) return nullptr;
  }
}

}  // namespace interleave::vm
