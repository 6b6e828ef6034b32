// Helpers over sequences and iterators shared by the interpreter loop and the built-ins: list
// growth, slice arithmetic (CPython's PySlice_AdjustIndices), iterator construction (the generator
// protocol is in generator.h). Executing thread only.
#pragma once

#include <cstdint>

#include "vm/generator.h"
#include "vm/interp.h"

namespace interleave::vm {

// Lists in free-threaded mode: every mutation and every read of the items takes the list's
// ObjectLock; `size` alone is also read without it (len(), truth), so it is stored atomically.
bool list_append(Thread& t, List* l, Value v);
// Item i, or null when i is past the end (read under the list's lock).
Value list_item(Thread& t, List* l, std::int64_t i);
// len(l) without the lock.
inline std::int64_t list_len(const List* l) {
  return load_relaxed(l->size);
}
void list_resize(Thread& t, List* l, std::int64_t n);
std::int64_t slice_indices(std::int64_t length, std::int64_t* start, std::int64_t* stop,
                           std::int64_t step);
bool unpack_slice(Thread& t, Slice* s, std::int64_t length, std::int64_t* start, std::int64_t* stop,
                  std::int64_t* step, std::int64_t* count);
// -1: longer than the int64 range (len() raises range_too_long's OverflowError).
std::int64_t range_length(const Range* r);
Value range_too_long(Thread& t);
Iterator* make_iterator(Thread& t, Type* type, IterKind kind, Value source);
// Raises StopIteration carrying a generator's return value (none when null or None).
Value raise_stop_iteration(Thread& t, Value returned);

}  // namespace interleave::vm
