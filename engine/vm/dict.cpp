// The compact dict: an index array of int32 slots (-1 empty, -2 dummy) probed with CPython's
// perturbation scheme, over a dense array of entries kept in insertion order. Deleted entries keep
// their place (key null) until the next resize compacts them away.
#include "vm/dict.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/runtime.h"

namespace interleave::vm {

namespace {

constexpr std::int32_t kEmpty = -1;
constexpr std::int32_t kDummy = -2;

bool keys_equal(Thread& t, Value a, Value b, bool* error) {
  if (a == b) return true;
  if (is_str(a) && is_str(b)) {
    Str* x = as_str(a);
    Str* y = as_str(b);
    if (x->interned && y->interned) return false;
    return x->length == y->length && std::memcmp(x->data(), y->data(), x->length) == 0;
  }
  if (a.is_small() && b.is_small()) return false;
  if (is_str(a) || is_str(b)) {
    // A str never equals a non-str built-in; a user type may define __eq__ though.
    Layout la = layout_of(a), lb = layout_of(b);
    if ((la == Layout::Str || la == Layout::Int || la == Layout::Float || la == Layout::Tuple) &&
        (lb == Layout::Str || lb == Layout::Int || lb == Layout::Float || lb == Layout::Tuple)) {
      return false;
    }
  }
  int r = equal(t, a, b);
  if (r < 0) {
    *error = true;
    return false;
  }
  return r == 1;
}

void resize(Thread& t, Dict* d, std::uint32_t min_live) {
  std::uint32_t size = 8;
  while (size * 2 < (min_live + 1) * 3) size *= 2;
  std::uint32_t cap = size * 2 / 3;
  if (cap < min_live + 1) cap = min_live + 1;
  auto* entries = static_cast<DictEntry*>(std::malloc(sizeof(DictEntry) * cap));
  auto* index = static_cast<std::int32_t*>(std::malloc(sizeof(std::int32_t) * size));
  if (entries == nullptr || index == nullptr) throw std::bad_alloc();
  std::memset(index, 0xff, sizeof(std::int32_t) * size);
  std::uint32_t n = 0;
  std::uint32_t mask = size - 1;
  for (std::uint32_t i = 0; i < d->used; ++i) {
    DictEntry& e = d->entries[i];
    if (e.key.is_null()) continue;
    entries[n] = e;
    std::uint64_t perturb = static_cast<std::uint64_t>(e.hash);
    std::uint64_t j = perturb & mask;
    while (index[j] != kEmpty) {
      perturb >>= 5;
      j = (j * 5 + perturb + 1) & mask;
    }
    index[j] = static_cast<std::int32_t>(n);
    ++n;
  }
  t.interp().account(static_cast<std::int64_t>(cap) * sizeof(DictEntry) +
                     static_cast<std::int64_t>(size) * 4 -
                     (static_cast<std::int64_t>(d->capacity) * sizeof(DictEntry) +
                      static_cast<std::int64_t>(d->index_size) * 4));
  t.interp().retire(d->entries);
  t.interp().retire(d->index);
  d->entries = entries;
  d->index = index;
  d->index_size = size;
  d->capacity = cap;
  d->used = n;
  d->count = n;
}

// Slot in the index holding `key`'s entry, or -1; with *error on exceptions.
std::int64_t find_slot(Thread& t, Dict* d, Value key, std::int64_t hash, bool* error) {
  if (d->index_size == 0) return -1;
  std::uint64_t mask = d->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  for (;;) {
    std::int32_t ix = d->index[j];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      DictEntry& e = d->entries[ix];
      if (e.hash == hash && !e.key.is_null()) {
        if (keys_equal(t, e.key, key, error)) return static_cast<std::int64_t>(j);
        if (*error) return -1;
      }
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
}

}  // namespace

std::int64_t dict_find(Thread& t, Dict* d, Value key, std::int64_t hash) {
  bool error = false;
  std::int64_t slot = find_slot(t, d, key, hash, &error);
  if (error) return -2;
  if (slot < 0) return -1;
  return d->index[slot];
}

Value dict_get(Thread& t, Dict* d, Value key, bool* error) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) {
    *error = true;
    return Value();
  }
  ObjectLock lock(d, t.interp().free_threaded());
  std::int64_t ix = dict_find(t, d, key, hash);
  if (ix == -2) {
    *error = true;
    return Value();
  }
  if (ix < 0) return Value();
  return d->entries[ix].value;
}

bool dict_insert(Thread& t, Dict* d, Value key, std::int64_t hash, Value value) {
  ObjectLock lock(d, t.interp().free_threaded());
  bool error = false;
  std::int64_t slot = find_slot(t, d, key, hash, &error);
  if (error) return false;
  if (slot >= 0) {
    d->entries[d->index[slot]].value = value;
    return true;
  }
  if (d->used >= d->capacity) resize(t, d, d->count + 1);
  std::uint64_t mask = d->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  while (d->index[j] >= 0) {
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
  d->index[j] = static_cast<std::int32_t>(d->used);
  d->entries[d->used] = DictEntry{hash, key, value};
  ++d->used;
  ++d->count;
  ++d->keys_version;
  return true;
}

bool dict_set(Thread& t, Dict* d, Value key, Value value) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return false;
  return dict_insert(t, d, key, hash, value);
}

int dict_del(Thread& t, Dict* d, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return -1;
  ObjectLock lock(d, t.interp().free_threaded());
  bool error = false;
  std::int64_t slot = find_slot(t, d, key, hash, &error);
  if (error) return -1;
  if (slot < 0) return 0;
  DictEntry& e = d->entries[d->index[slot]];
  e.key = Value();
  e.value = Value();
  d->index[slot] = kDummy;
  --d->count;
  ++d->keys_version;
  return 1;
}

std::int64_t dict_find_str(Dict* d, Str* key) {
  if (d->index_size == 0) return -1;
  std::int64_t hash = hash_str(key);
  std::uint64_t mask = d->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  for (;;) {
    std::int32_t ix = d->index[j];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      DictEntry& e = d->entries[ix];
      if (e.key == Value::object(key)) return ix;
      if (e.hash == hash && is_str(e.key)) {
        Str* s = as_str(e.key);
        if (!(s->interned && key->interned) && s->length == key->length &&
            std::memcmp(s->data(), key->data(), key->length) == 0) {
          return ix;
        }
      }
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
}

Value dict_get_str(Dict* d, Str* key) {
  std::int64_t ix = dict_find_str(d, key);
  return ix < 0 ? Value() : d->entries[ix].value;
}

void dict_set_str(Thread& t, Dict* d, Str* key, Value value) {
  dict_insert(t, d, Value::object(key), hash_str(key), value);
}

void dict_clear(Thread& t, Dict* d) {
  ObjectLock lock(d, t.interp().free_threaded());
  t.interp().account(-(static_cast<std::int64_t>(d->capacity) * sizeof(DictEntry) +
                       static_cast<std::int64_t>(d->index_size) * 4));
  t.interp().retire(d->entries);
  t.interp().retire(d->index);
  d->entries = nullptr;
  d->index = nullptr;
  d->index_size = d->used = d->count = d->capacity = 0;
  ++d->keys_version;
}

bool dict_update(Thread& t, Dict* dst, Dict* src) {
  for (std::uint32_t i = 0; i < src->used; ++i) {
    DictEntry e = src->entries[i];
    if (e.key.is_null()) continue;
    if (!dict_insert(t, dst, e.key, e.hash, e.value)) return false;
  }
  return true;
}

Dict* dict_copy(Thread& t, Dict* d) {
  Dict* c = t.interp().make<Dict>(&t, d->type);
  dict_update(t, c, d);
  return c;
}

int set_contains(Thread& t, Set* s, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return -1;
  ObjectLock lock(s, t.interp().free_threaded());
  std::int64_t ix = dict_find(t, s, key, hash);
  if (ix == -2) return -1;
  return ix >= 0 ? 1 : 0;
}

bool set_add(Thread& t, Set* s, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return false;
  return dict_insert(t, s, key, hash, t.interp().none);
}

int set_discard(Thread& t, Set* s, Value key) {
  return dict_del(t, s, key);
}

}  // namespace interleave::vm
