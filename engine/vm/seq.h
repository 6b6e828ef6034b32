// Helpers over sequences and iterators shared by the interpreter loop and the built-ins: list
// growth, slice arithmetic (CPython's PySlice_AdjustIndices), iterator construction and the
// generator protocol. Executing thread only.
#pragma once

#include <cstdint>

#include "vm/interp.h"

namespace interleave::vm {

bool list_append(Thread& t, List* l, Value v);
void list_resize(Thread& t, List* l, std::int64_t n);
std::int64_t slice_indices(std::int64_t length, std::int64_t* start, std::int64_t* stop,
                           std::int64_t step);
bool unpack_slice(Thread& t, Slice* s, std::int64_t length, std::int64_t* start, std::int64_t* stop,
                  std::int64_t* step, std::int64_t* count);
std::int64_t range_length(const Range* r);
Iterator* make_iterator(Thread& t, Type* type, IterKind kind, Value source);
// Resumes a generator with `value` (nested run): the yielded value, or null with *done set when it
// returned (no exception) or with an exception set when it raised.
Value generator_send(Thread& t, Generator* g, Value value, bool* done);

}  // namespace interleave::vm
