// dict storage: CPython's compact, insertion-ordered open-addressing table (an index of slots
// pointing into a dense entry array); sets keep CPython's set table in the same DictTable
// (set.h). Lookups with str keys compare interned pointers first.
// Callers mutate only under the table's ObjectLock in free-threaded mode (these functions take it).
#pragma once

#include <cstdint>

#include "vm/interp.h"
#include "vm/set.h"  // sets share the DictTable storage

namespace interleave::vm {

// Entry position of `key`, -1 when absent, -2 on an exception (a failing __eq__/__hash__).
std::int64_t dict_find(Thread& t, Dict* d, Value key, std::int64_t hash);
// `key in d`: 1, 0, or -1 on an exception.
int dict_contains(Thread& t, Dict* d, Value key);
// Value for `key` or null (with *error set when an exception was raised).
Value dict_get(Thread& t, Dict* d, Value key, bool* error);
bool dict_set(Thread& t, Dict* d, Value key, Value value);
// 1 deleted, 0 absent, -1 exception.
int dict_del(Thread& t, Dict* d, Value key);
// Fast paths for str keys (never raise).
Value dict_get_str(Dict* d, Str* key);
std::int64_t dict_find_str(Dict* d, Str* key);
void dict_set_str(Thread& t, Dict* d, Str* key, Value value);
void dict_clear(Thread& t, Dict* d);
bool dict_update(Thread& t, Dict* dst, Dict* src);
Dict* dict_copy(Thread& t, Dict* d);
// Known-hash insert (used when the hash is already computed).
bool dict_insert(Thread& t, Dict* d, Value key, std::int64_t hash, Value value);

// Key equality as lookups see it: identity, str contents, then __eq__ (*error on an exception).
bool dict_keys_equal(Thread& t, Value a, Value b, bool* error);

// Iteration helper: next live entry at or after *pos, or null at the end. Safe against
// concurrent writers (free-threaded): read the entry's key and value once each (they are atomic).
inline DictEntry* dict_next(Dict* d, std::uint32_t* pos) {
  DictTable* tb = load_acquire(d->table);
  if (tb == nullptr) return nullptr;
  std::uint32_t used = load_acquire(tb->used);
  while (*pos < used) {
    DictEntry* e = &tb->entries()[(*pos)++];
    if (!e->key.is_null()) return e;
  }
  return nullptr;
}
// Lookup in one table (load d->table with load_acquire): entry index or -1. Never raises.
std::int64_t dict_find_str_in(DictTable* tb, Str* key);
// The dict held in `slot` (an instance's or function's __dict__), created on first use; threads
// creating it at once agree on one (compare-and-swap), so no attribute store is lost.
Dict* dict_in_slot(Thread& t, Dict*& slot);
// Live entries (len()).
inline std::uint32_t dict_len(const Dict* d) {
  return load_relaxed(d->count);
}
// Frees d's table at once (the sweep of a dead dict, or interpreter shutdown).
void dict_free_table(Interpreter& in, Dict* d);

}  // namespace interleave::vm
