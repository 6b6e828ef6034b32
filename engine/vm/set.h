// set and frozenset as CPython 3.11's Objects/setobject.c lays them out, so that iteration order,
// repr and pop() match python3 wherever hashes are deterministic (ints, floats, bools, tuples of
// them): an open-addressing table of 2**k slots probed LINEAR_PROBES (9) neighbours at a time,
// then by perturbation; deleted slots become dummies; the table grows when fill reaches 3/5
// (to the smallest power of two above 4x the live count, 2x past 50000). It lives in a DictTable
// (object.h) so that dict_next, the collector and the heap snapshot read it like a dict's:
// entries[j] is slot j (key null when unused or dummy), index[j] says which (-1 unused, -2 dummy,
// j active), used == index_size (every slot is scanned), reserved == fill (active + dummy).
// Mutations take the set's ObjectLock (free-threaded); lookups take none (a replaced table stays
// allocated until the next stop-the-world collection).
#pragma once

#include <cstdint>

#include "vm/interp.h"

namespace interleave::vm {

int set_contains(Thread& t, Set* s, Value key);  // 1, 0, -1
bool set_add(Thread& t, Set* s, Value key);
bool set_add_hashed(Thread& t, Set* s, Value key, std::int64_t hash);
int set_discard(Thread& t, Set* s, Value key);  // 1 removed, 0 absent, -1 exception
// set.pop(): the first active slot from the set's finger on (null with KeyError when empty).
Value set_pop(Thread& t, Set* s);
// CPython's set_update_internal: merges a set (set_merge's table copy rules), adds a dict's keys,
// or adds the items of any iterable in order.
bool set_update(Thread& t, Set* s, Value iterable);
// A new set of s's type with s's items (set.copy(): CPython's merge into an empty table).
Set* set_copy(Thread& t, Set* s);
// The operators and methods, each following CPython's algorithm (so the result's order matches):
// a & b / intersection, a - b / difference, a ^ b / symmetric_difference. `other` may be any
// iterable. Null with an exception set.
Set* set_intersection(Thread& t, Set* s, Value other);
Set* set_difference(Thread& t, Set* s, Value other);
Set* set_symmetric_difference(Thread& t, Set* s, Value other);
bool set_intersection_update(Thread& t, Set* s, Value other);
bool set_difference_update(Thread& t, Set* s, Value other);
bool set_symmetric_difference_update(Thread& t, Set* s, Value other);
// hash(frozenset): CPython's order-independent combination of the items' hashes.
std::int64_t set_frozen_hash(Set* s);

}  // namespace interleave::vm
