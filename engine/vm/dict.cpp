// The compact dict (sets have their own table, set.cpp): an index array of int32 slots (-1 empty, -2 dummy) probed with CPython's
// perturbation scheme, over a dense array of entries kept in insertion order, both in one
// DictTable (object.h). Deleted entries keep their place (key null) until the next resize
// compacts them away. Free-threaded: writers hold the ObjectLock and publish with release stores;
// lookups take no lock (an entry is appended before its index slot points at it, and a replaced
// table stays allocated until the next stop-the-world collection).
#include "vm/dict.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/runtime.h"

namespace interleave::vm {

namespace {

constexpr std::int32_t kEmpty = -1;
constexpr std::int32_t kDummy = -2;

}  // namespace

bool dict_keys_equal(Thread& t, Value a, Value b, bool* error) {
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

namespace {

// A new table with room for `min_live` + 1 entries, holding d's live entries in order. Under
// d's lock (or single-threaded). Entries past `used` stay uninitialised: nobody reads them.
void resize(Thread& t, Dict* d, std::uint32_t min_live) {
  std::uint32_t size = 8;
  while (size * 2 < (min_live + 1) * 3) size *= 2;
  std::uint32_t cap = size * 2 / 3;
  if (cap < min_live + 1) cap = min_live + 1;
  auto* tb = static_cast<DictTable*>(std::malloc(DictTable::bytes(size, cap)));
  if (tb == nullptr) throw std::bad_alloc();
  tb->index_size = size;
  tb->capacity = cap;
  tb->reserved = 0;
  std::int32_t* index = tb->index();
  DictEntry* entries = tb->entries();
  std::memset(index, 0xff, sizeof(std::int32_t) * size);
  std::uint32_t n = 0;
  std::uint32_t mask = size - 1;
  DictTable* old = d->table;
  std::uint32_t old_used = old == nullptr ? 0 : old->used;
  for (std::uint32_t i = 0; i < old_used; ++i) {
    DictEntry& e = old->entries()[i];
    Value key = e.key;
    if (key.is_null()) continue;
    new (&entries[n]) DictEntry{e.hash, key, e.value};
    std::uint64_t perturb = static_cast<std::uint64_t>(e.hash);
    std::uint64_t j = perturb & mask;
    while (index[j] != kEmpty) {
      perturb >>= 5;
      j = (j * 5 + perturb + 1) & mask;
    }
    index[j] = static_cast<std::int32_t>(n);
    ++n;
  }
  tb->used = n;
  std::int64_t old_bytes =
      old == nullptr ? 0
                     : static_cast<std::int64_t>(DictTable::bytes(old->index_size, old->capacity));
  t.interp().account(static_cast<std::int64_t>(DictTable::bytes(size, cap)) - old_bytes);
  store_release(d->table, tb);  // publishes the filled table to lock-free readers
  store_relaxed(d->count, n);
  t.interp().retire(old);
}

constexpr std::int64_t kRestart = -3;

// Probes `tb` for `key`: the index slot holding its entry, -1 when absent, or kRestart when a
// user __eq__ ran and replaced d's table meanwhile (then `tb` may be gone: probe again).
std::int64_t probe(Thread& t, Dict* d, DictTable* tb, Value key, std::int64_t hash, bool* error) {
  std::uint64_t mask = tb->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  std::int32_t* index = tb->index();
  for (;;) {
    std::int32_t ix = load_acquire(index[j]);
    if (ix == kEmpty) return -1;
    if (ix >= 0 && static_cast<std::uint32_t>(ix) < tb->capacity) {
      DictEntry& e = tb->entries()[ix];
      Value k = e.key;
      if (k == key) return static_cast<std::int64_t>(j);
      if (e.hash == hash && !k.is_null()) {
        bool eq = dict_keys_equal(t, k, key, error);
        if (*error) return -1;
        if (load_acquire(d->table) != tb) return kRestart;
        if (eq) return static_cast<std::int64_t>(j);
      }
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
}

// Looks `key` up in d's current table: *tb_out receives the table, the result is the index slot
// or -1. Re-probes when user code replaced the table meanwhile (CPython does the same).
std::int64_t find_slot(Thread& t, Dict* d, Value key, std::int64_t hash, bool* error,
                       DictTable** tb_out) {
  for (;;) {
    DictTable* tb = load_acquire(d->table);
    *tb_out = tb;
    if (tb == nullptr) return -1;
    std::int64_t slot = probe(t, d, tb, key, hash, error);
    if (slot != kRestart) return slot;
  }
}

}  // namespace

std::int64_t dict_find(Thread& t, Dict* d, Value key, std::int64_t hash) {
  bool error = false;
  DictTable* tb;
  std::int64_t slot = find_slot(t, d, key, hash, &error, &tb);
  if (error) return -2;
  if (slot < 0) return -1;
  return load_relaxed(tb->index()[slot]);
}

int dict_contains(Thread& t, Dict* d, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return -1;
  std::int64_t ix = dict_find(t, d, key, hash);
  return ix == -2 ? -1 : ix >= 0 ? 1 : 0;
}

Value dict_get(Thread& t, Dict* d, Value key, bool* error) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) {
    *error = true;
    return Value();
  }
  bool err = false;
  DictTable* tb;
  std::int64_t slot = find_slot(t, d, key, hash, &err, &tb);
  if (err) {
    *error = true;
    return Value();
  }
  if (slot < 0) return Value();
  std::int32_t ix = load_relaxed(tb->index()[slot]);
  if (ix < 0) return Value();  // deleted meanwhile
  return tb->entries()[ix].value;
}

bool dict_insert(Thread& t, Dict* d, Value key, std::int64_t hash, Value value) {
  const bool shared = t.interp().free_threaded();
  ObjectLock lock(d, shared);
  bool error = false;
  DictTable* tb;
  std::int64_t slot = find_slot(t, d, key, hash, &error, &tb);
  if (error) return false;
  if (slot >= 0) {
    std::int32_t ix = tb->index()[slot];
    if (ix >= 0) {
      tb->entries()[ix].value.set(value, shared);
      return true;
    }
  }
  std::uint32_t count = d->count;
  if (tb == nullptr || tb->used >= tb->capacity) {
    resize(t, d, count + 1);
    tb = d->table;
  }
  std::uint64_t mask = tb->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  std::int32_t* index = tb->index();
  while (index[j] >= 0) {
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
  std::uint32_t pos = tb->used;
  new (&tb->entries()[pos]) DictEntry{hash, key, value};
  store_release(index[j], static_cast<std::int32_t>(pos));  // publishes the entry
  store_release(tb->used, pos + 1);
  store_relaxed(d->count, d->count + 1);
  store_release(d->keys_version, d->keys_version + 1);
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
  DictTable* tb;
  std::int64_t slot = find_slot(t, d, key, hash, &error, &tb);
  if (error) return -1;
  if (slot < 0) return 0;
  std::int32_t ix = tb->index()[slot];
  if (ix < 0) return 0;
  DictEntry& e = tb->entries()[ix];
  store_relaxed(tb->index()[slot], kDummy);
  e.key = Value();
  e.value = Value();
  store_relaxed(d->count, d->count - 1);
  store_release(d->keys_version, d->keys_version + 1);
  return 1;
}

std::int64_t dict_find_str_in(DictTable* tb, Str* key) {
  if (tb == nullptr) return -1;
  std::int64_t hash = hash_str(key);
  std::uint64_t mask = tb->index_size - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t j = perturb & mask;
  std::int32_t* index = tb->index();
  DictEntry* entries = tb->entries();
  for (;;) {
    std::int32_t ix = load_acquire(index[j]);
    if (ix == kEmpty) return -1;
    if (ix >= 0 && static_cast<std::uint32_t>(ix) < tb->capacity) {
      DictEntry& e = entries[ix];
      Value k = e.key;
      if (k == Value::object(key)) return ix;
      if (e.hash == hash && is_str(k)) {
        Str* s = as_str(k);
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

std::int64_t dict_find_str(Dict* d, Str* key) {
  return dict_find_str_in(load_acquire(d->table), key);
}

Value dict_get_str(Dict* d, Str* key) {
  DictTable* tb = load_acquire(d->table);
  std::int64_t ix = dict_find_str_in(tb, key);
  return ix < 0 ? Value() : tb->entries()[ix].value.load();
}

void dict_set_str(Thread& t, Dict* d, Str* key, Value value) {
  dict_insert(t, d, Value::object(key), hash_str(key), value);
}

void dict_clear(Thread& t, Dict* d) {
  ObjectLock lock(d, t.interp().free_threaded());
  DictTable* old = d->table;
  if (old == nullptr) return;
  t.interp().account(-static_cast<std::int64_t>(DictTable::bytes(old->index_size, old->capacity)));
  store_release(d->table, static_cast<DictTable*>(nullptr));
  store_relaxed(d->count, 0u);
  store_release(d->keys_version, d->keys_version + 1);
  t.interp().retire(old);
}

bool dict_update(Thread& t, Dict* dst, Dict* src) {
  std::uint32_t pos = 0;
  while (DictEntry* e = dict_next(src, &pos)) {
    Value key = e->key, value = e->value;
    if (key.is_null()) continue;
    if (!dict_insert(t, dst, key, e->hash, value)) return false;
  }
  return true;
}

Dict* dict_copy(Thread& t, Dict* d) {
  Dict* c = t.interp().make<Dict>(&t, d->type);
  dict_update(t, c, d);
  return c;
}

Dict* dict_in_slot(Thread& t, Dict*& slot) {
  Dict* d = load_acquire(slot);
  if (d != nullptr) return d;
  Dict* made = make_dict(t);
  Dict* expected = nullptr;
  if (__atomic_compare_exchange_n(&slot, &expected, made, false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    return made;
  }
  return expected;  // another thread's; ours is garbage
}

void dict_free_table(Interpreter& in, Dict* d) {
  DictTable* tb = d->table;
  if (tb == nullptr) return;
  in.account(-static_cast<std::int64_t>(DictTable::bytes(tb->index_size, tb->capacity)));
  std::free(tb);
  d->table = nullptr;
}

}  // namespace interleave::vm
