// The set table (set.h): CPython 3.11's setobject.c algorithms, written for Interleave's
// DictTable storage. Mutations under the set's ObjectLock; lookups lock-free.
#include "vm/set.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>
#include <vector>

#include "vm/dict.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

constexpr std::int32_t kUnused = -1;
constexpr std::int32_t kDummy = -2;
constexpr std::uint64_t kMinSize = 8;
constexpr std::uint64_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

DictTable* new_table(Thread& t, std::uint64_t size) {
  auto n = static_cast<std::uint32_t>(size);
  auto* tb = static_cast<DictTable*>(std::malloc(DictTable::bytes(n, n)));
  if (tb == nullptr) throw std::bad_alloc();
  tb->index_size = n;
  tb->capacity = n;
  tb->used = n;
  tb->reserved = 0;  // fill
  std::memset(tb->index(), 0xff, sizeof(std::int32_t) * n);
  for (std::uint32_t j = 0; j < n; ++j) new (&tb->entries()[j]) DictEntry{0, Value(), Value()};
  t.interp().account(static_cast<std::int64_t>(DictTable::bytes(n, n)));
  return tb;
}

void replace_table(Thread& t, Set* s, DictTable* tb) {
  DictTable* old = s->table;
  store_release(s->table, tb);
  if (old != nullptr) {
    t.interp().account(-static_cast<std::int64_t>(DictTable::bytes(old->index_size, old->capacity)));
    t.interp().retire(old);
  }
}

// The table, created at CPython's minimum size on first use. Under the lock.
DictTable* table_of(Thread& t, Set* s) {
  if (s->table == nullptr) replace_table(t, s, new_table(t, kMinSize));
  return s->table;
}

std::uint64_t mask_of(const Set* s) {
  return s->table == nullptr ? kMinSize - 1 : s->table->index_size - 1;
}
std::uint64_t fill_of(const Set* s) {
  return s->table == nullptr ? 0 : s->table->reserved;
}

// Slot j's hash changes when a dummy is reused, so lock-free readers (lookkey) read it
// atomically and writers store it so.
void put(DictTable* tb, std::uint64_t j, Value key, std::int64_t hash) {
  DictEntry& e = tb->entries()[j];
  store_relaxed(e.hash, hash);
  e.key = key;
  store_release(tb->index()[j], static_cast<std::int32_t>(j));  // publishes the entry
}

// set_insert_clean: the first unused slot of key's probe sequence (the key is known absent and
// the table has no dummies on the way that matter).
void insert_clean(DictTable* tb, Value key, std::int64_t hash) {
  std::uint64_t mask = tb->index_size - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t i = perturb & mask;
  std::int32_t* index = tb->index();
  for (;;) {
    if (index[i] == kUnused) return put(tb, i, key, hash);
    if (i + kLinearProbes <= mask) {
      for (std::uint64_t j = i + 1; j <= i + kLinearProbes; ++j) {
        if (index[j] == kUnused) return put(tb, j, key, hash);
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// set_table_resize: the smallest power of two above `minused` (at least 8), live keys reinserted
// in slot order, dummies dropped. A minimum-size table without dummies stays as it is.
void resize(Thread& t, Set* s, std::uint64_t minused) {
  std::uint64_t size = kMinSize;
  while (size <= minused) size <<= 1;
  DictTable* old = s->table;
  if (old != nullptr && size == kMinSize && old->index_size == kMinSize && old->reserved == s->count) {
    return;
  }
  DictTable* tb = new_table(t, size);
  if (old != nullptr) {
    for (std::uint32_t j = 0; j < old->index_size; ++j) {
      if (old->index()[j] >= 0) insert_clean(tb, old->entries()[j].key, old->entries()[j].hash);
    }
  }
  tb->reserved = s->count;
  replace_table(t, s, tb);
}

// set_lookkey: the active slot holding key, -1 when absent, -2 on an exception. Re-probes when
// a user __eq__ changed the table or the slot meanwhile.
std::int64_t lookkey(Thread& t, Set* s, Value key, std::int64_t hash) {
restart:
  DictTable* tb = load_acquire(s->table);
  if (tb == nullptr) return -1;
  std::uint64_t mask = tb->index_size - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t i = perturb & mask;
  for (;;) {
    std::uint64_t last = i + kLinearProbes <= mask ? i + kLinearProbes : i;
    for (std::uint64_t j = i; j <= last; ++j) {
      std::int32_t state = load_acquire(tb->index()[j]);
      if (state == kUnused) return -1;
      if (state < 0) continue;  // dummy
      DictEntry& e = tb->entries()[j];
      if (load_relaxed(e.hash) != hash) continue;
      Value k = e.key;
      if (k == key) return static_cast<std::int64_t>(j);
      if (k.is_null()) continue;
      bool error = false;
      bool eq = dict_keys_equal(t, k, key, &error);
      if (error) return -2;
      if (load_acquire(s->table) != tb || e.key.load() != k) goto restart;
      if (eq) return static_cast<std::int64_t>(j);
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// set_add_entry, under the lock: false on an exception.
bool add_entry(Thread& t, Set* s, Value key, std::int64_t hash) {
restart:
  DictTable* tb = table_of(t, s);
  std::uint64_t mask = tb->index_size - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::uint64_t i = perturb & mask;
  std::int64_t freeslot = -1;
  for (;;) {
    std::uint64_t last = i + kLinearProbes <= mask ? i + kLinearProbes : i;
    for (std::uint64_t j = i; j <= last; ++j) {
      std::int32_t state = tb->index()[j];
      if (state == kUnused) {
        store_relaxed(s->count, s->count + 1);
        if (freeslot >= 0) {  // reuses the last dummy met on the way
          put(tb, static_cast<std::uint64_t>(freeslot), key, hash);
          return true;
        }
        put(tb, j, key, hash);
        tb->reserved += 1;
        if (static_cast<std::uint64_t>(tb->reserved) * 5 < mask * 3) return true;
        resize(t, s, s->count > 50000 ? std::uint64_t{s->count} * 2 : std::uint64_t{s->count} * 4);
        return true;
      }
      if (state == kDummy) {
        freeslot = static_cast<std::int64_t>(j);
        continue;
      }
      DictEntry& e = tb->entries()[j];
      if (e.hash != hash) continue;
      Value k = e.key;
      if (k == key) return true;
      bool error = false;
      bool eq = dict_keys_equal(t, k, key, &error);
      if (error) return false;
      if (eq) return true;
      if (s->table != tb || e.key.load() != k) goto restart;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// set_discard_entry, under the lock: 1, 0 or -1.
int discard_entry(Thread& t, Set* s, Value key, std::int64_t hash) {
  std::int64_t slot = lookkey(t, s, key, hash);
  if (slot == -2) return -1;
  if (slot < 0) return 0;
  DictTable* tb = s->table;
  store_release(tb->index()[slot], kDummy);
  tb->entries()[slot].key = Value();
  store_relaxed(tb->entries()[slot].hash, std::int64_t{-1});
  store_relaxed(s->count, s->count - 1);
  return 1;
}

// set_merge: one resize up front, then the table copied slot for slot when the shapes agree, or
// reinserted cleanly into an empty table, or added key by key.
void merge(Thread& t, Set* s, Set* other) {
  if (other == s || other->count == 0) return;
  if ((fill_of(s) + other->count) * 5 >= mask_of(s) * 3) {
    resize(t, s, (std::uint64_t{s->count} + other->count) * 2);
  }
  DictTable* tb = table_of(t, s);
  DictTable* src = other->table;
  if (tb->reserved == 0 && tb->index_size == src->index_size && src->reserved == other->count) {
    for (std::uint32_t j = 0; j < src->index_size; ++j) {
      if (src->index()[j] >= 0) put(tb, j, src->entries()[j].key, src->entries()[j].hash);
    }
    tb->reserved = src->reserved;
    store_relaxed(s->count, other->count);
    return;
  }
  if (tb->reserved == 0) {
    for (std::uint32_t j = 0; j < src->index_size; ++j) {
      if (src->index()[j] >= 0) insert_clean(tb, src->entries()[j].key, src->entries()[j].hash);
    }
    tb->reserved = other->count;
    store_relaxed(s->count, other->count);
    return;
  }
  for (std::uint32_t j = 0; j < src->index_size; ++j) {
    if (src->index()[j] >= 0) add_entry(t, s, src->entries()[j].key, src->entries()[j].hash);
  }
}

Set* new_set_like(Thread& t, Set* s) {
  Set* out = make_set(t);
  out->type = s->type;
  return out;
}

// The live (key, hash) pairs of a set or dict, in its order, copied out (callbacks may mutate).
struct Item {
  Value key;
  std::int64_t hash;
};
std::vector<Item> items_of(Dict* d) {
  std::vector<Item> out;
  std::uint32_t pos = 0;
  while (DictEntry* e = dict_next(d, &pos)) {
    Value k = e->key;
    if (!k.is_null()) out.push_back(Item{k, e->hash});
  }
  return out;
}
// The items of any iterable with their hashes; false on an exception.
bool hashed_items(Thread& t, Value iterable, std::vector<Item>* out) {
  Layout l = layout_of(iterable);
  if (l == Layout::Set || l == Layout::Dict) {
    *out = items_of(as_dict(iterable));
    return true;
  }
  List* items = list_from_iterable(t, iterable);
  if (items == nullptr) return false;
  for (std::int64_t i = 0; i < items->size; ++i) {
    std::int64_t h;
    if (!hash_value(t, items->items[i], &h)) return false;
    out->push_back(Item{items->items[i], h});
  }
  return true;
}

// Takes `from`'s table and count into s (intersection_update); `from` is left empty.
void take_table(Thread& t, Set* s, Set* from) {
  ObjectLock lock(s, t.interp().free_threaded());
  DictTable* old = s->table;
  store_release(s->table, from->table);
  store_relaxed(s->count, from->count);
  from->table = old;
  from->count = 0;
  dict_clear(t, from);
}

}  // namespace

int set_contains(Thread& t, Set* s, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return -1;
  std::int64_t slot = lookkey(t, s, key, hash);
  return slot == -2 ? -1 : slot >= 0 ? 1 : 0;
}

bool set_add_hashed(Thread& t, Set* s, Value key, std::int64_t hash) {
  ObjectLock lock(s, t.interp().free_threaded());
  return add_entry(t, s, key, hash);
}

bool set_add(Thread& t, Set* s, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return false;
  return set_add_hashed(t, s, key, hash);
}

int set_discard(Thread& t, Set* s, Value key) {
  std::int64_t hash;
  if (!hash_value(t, key, &hash)) return -1;
  ObjectLock lock(s, t.interp().free_threaded());
  return discard_entry(t, s, key, hash);
}

Value set_pop(Thread& t, Set* s) {
  ObjectLock lock(s, t.interp().free_threaded());
  if (s->count == 0) return t.raise(t.interp().exc.KeyError, "pop from an empty set");
  DictTable* tb = s->table;
  std::uint64_t mask = tb->index_size - 1;
  std::uint64_t j = s->finger & mask;
  while (tb->index()[j] < 0) j = j == mask ? 0 : j + 1;
  Value key = tb->entries()[j].key;
  store_release(tb->index()[j], kDummy);
  tb->entries()[j].key = Value();
  store_relaxed(tb->entries()[j].hash, std::int64_t{-1});
  store_relaxed(s->count, s->count - 1);
  s->finger = static_cast<std::uint32_t>(j + 1);
  return key;
}

bool set_update(Thread& t, Set* s, Value iterable) {
  Layout l = layout_of(iterable);
  if (l == Layout::Set) {
    ObjectLock lock(s, t.interp().free_threaded());
    merge(t, s, as_dict(iterable));
    return true;
  }
  std::vector<Item> items;
  if (!hashed_items(t, iterable, &items)) return false;
  ObjectLock lock(s, t.interp().free_threaded());
  if (l == Layout::Dict && (fill_of(s) + items.size()) * 5 >= mask_of(s) * 3) {
    resize(t, s, (s->count + items.size()) * 2);
  }
  for (const Item& it : items) {
    if (!add_entry(t, s, it.key, it.hash)) return false;
  }
  return true;
}

Set* set_copy(Thread& t, Set* s) {
  Set* out = new_set_like(t, s);
  merge(t, out, s);
  return out;
}

Set* set_intersection(Thread& t, Set* s, Value other) {
  if (other == Value::object(s)) return set_copy(t, s);
  Set* out = new_set_like(t, s);
  RootScope roots(t);
  roots.add(Value::object(out));
  if (layout_of(other) == Layout::Set) {
    Set* big = s;
    Set* small = as_dict(other);
    if (small->count > big->count) std::swap(big, small);
    for (const Item& it : items_of(small)) {
      std::int64_t slot = lookkey(t, big, it.key, it.hash);
      if (slot == -2) return nullptr;
      if (slot >= 0 && !set_add_hashed(t, out, it.key, it.hash)) return nullptr;
    }
    return out;
  }
  std::vector<Item> items;
  if (!hashed_items(t, other, &items)) return nullptr;
  for (const Item& it : items) {
    std::int64_t slot = lookkey(t, s, it.key, it.hash);
    if (slot == -2) return nullptr;
    if (slot >= 0 && !set_add_hashed(t, out, it.key, it.hash)) return nullptr;
  }
  return out;
}

bool set_difference_update(Thread& t, Set* s, Value other) {
  if (other == Value::object(s)) {
    dict_clear(t, s);
    return true;
  }
  std::vector<Item> items;
  if (!hashed_items(t, other, &items)) return false;
  ObjectLock lock(s, t.interp().free_threaded());
  for (const Item& it : items) {
    if (discard_entry(t, s, it.key, it.hash) < 0) return false;
  }
  // More than a quarter of the table dummies: rebuilt, as CPython does here.
  if (fill_of(s) - s->count > mask_of(s) / 4) {
    resize(t, s, s->count > 50000 ? std::uint64_t{s->count} * 2 : std::uint64_t{s->count} * 4);
  }
  return true;
}

Set* set_difference(Thread& t, Set* s, Value other) {
  Layout l = layout_of(other);
  bool sized = l == Layout::Set || l == Layout::Dict;
  if (!sized || (s->count >> 2) > dict_len(as_dict(other))) {
    Set* out = set_copy(t, s);
    RootScope roots(t);
    roots.add(Value::object(out));
    return set_difference_update(t, out, other) ? out : nullptr;
  }
  Set* out = new_set_like(t, s);
  RootScope roots(t);
  roots.add(Value::object(out));
  for (const Item& it : items_of(s)) {
    int c;
    if (l == Layout::Set) {
      std::int64_t slot = lookkey(t, as_dict(other), it.key, it.hash);
      c = slot == -2 ? -1 : slot >= 0;
    } else {
      std::int64_t ix = dict_find(t, as_dict(other), it.key, it.hash);
      c = ix == -2 ? -1 : ix >= 0;
    }
    if (c < 0) return nullptr;
    if (c == 0 && !set_add_hashed(t, out, it.key, it.hash)) return nullptr;
  }
  return out;
}

bool set_symmetric_difference_update(Thread& t, Set* s, Value other) {
  if (other == Value::object(s)) {
    dict_clear(t, s);
    return true;
  }
  RootScope roots(t);
  Layout l = layout_of(other);
  if (l != Layout::Set && l != Layout::Dict) {
    Set* tmp = make_set(t);
    roots.add(Value::object(tmp));
    if (!set_update(t, tmp, other)) return false;
    other = Value::object(tmp);
  }
  ObjectLock lock(s, t.interp().free_threaded());
  for (const Item& it : items_of(as_dict(other))) {
    int r = discard_entry(t, s, it.key, it.hash);
    if (r < 0) return false;
    if (r == 0 && !add_entry(t, s, it.key, it.hash)) return false;
  }
  return true;
}

Set* set_symmetric_difference(Thread& t, Set* s, Value other) {
  Set* out = new_set_like(t, s);
  RootScope roots(t);
  roots.add(Value::object(out));
  if (!set_update(t, out, other)) return nullptr;
  return set_symmetric_difference_update(t, out, Value::object(s)) ? out : nullptr;
}

std::int64_t set_frozen_hash(Set* s) {
  auto shuffle = [](std::uint64_t h) { return ((h ^ 89869747u) ^ (h << 16)) * 3644798167u; };
  std::uint64_t hash = 0;
  std::uint32_t pos = 0;
  while (DictEntry* e = dict_next(s, &pos)) hash ^= shuffle(static_cast<std::uint64_t>(e->hash));
  hash ^= (std::uint64_t{dict_len(s)} + 1) * 1927868237u;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069u + 907133923u;
  auto h = static_cast<std::int64_t>(hash);
  return h == -1 ? 590923713 : h;
}

bool set_intersection_update(Thread& t, Set* s, Value other) {
  Set* tmp = set_intersection(t, s, other);
  if (tmp == nullptr) return false;
  take_table(t, s, tmp);
  return true;
}

}  // namespace interleave::vm
