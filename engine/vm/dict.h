// dict and set storage: CPython's compact, insertion-ordered open-addressing table (an index of
// slots pointing into a dense entry array). Lookups with str keys compare interned pointers first.
// Callers mutate only under the table's ObjectLock in free-threaded mode (these functions take it).
#pragma once

#include <cstdint>

#include "vm/interp.h"

namespace interleave::vm {

// Entry position of `key`, -1 when absent, -2 on an exception (a failing __eq__/__hash__).
std::int64_t dict_find(Thread& t, Dict* d, Value key, std::int64_t hash);
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

// Sets (value slot unused).
int set_contains(Thread& t, Set* s, Value key);  // 1, 0, -1
bool set_add(Thread& t, Set* s, Value key);
int set_discard(Thread& t, Set* s, Value key);

// Iteration helper: next live entry at or after *pos, or null at the end.
inline DictEntry* dict_next(Dict* d, std::uint32_t* pos) {
  while (*pos < d->used) {
    DictEntry* e = &d->entries[(*pos)++];
    if (!e->key.is_null()) return e;
  }
  return nullptr;
}

}  // namespace interleave::vm
