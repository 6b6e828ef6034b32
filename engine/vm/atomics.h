// Atomic access to plain fields that threads read without a lock while the interpreter runs
// free-threaded (GIL off): container tables, list storage, inline caches, version counters.
// Writers still serialise on the object's ObjectLock; these only make the lock-free readers'
// loads (and the stores they may overlap) defined behaviour. On x86-64 and arm64 a relaxed access
// is an ordinary load or store, so single-threaded speed is unchanged. Any thread may use them.
#pragma once

#include <cstdint>
#include <type_traits>

#include "vm/value.h"

namespace interleave::vm {

template <class T>
inline T load_relaxed(const T& field) {
  static_assert(std::is_trivially_copyable_v<T>);
  T out;
  __atomic_load(&field, &out, __ATOMIC_RELAXED);
  return out;
}
template <class T>
inline T load_acquire(const T& field) {
  static_assert(std::is_trivially_copyable_v<T>);
  T out;
  __atomic_load(&field, &out, __ATOMIC_ACQUIRE);
  return out;
}
template <class T>
inline void store_relaxed(T& field, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  __atomic_store(&field, &value, __ATOMIC_RELAXED);
}
template <class T>
inline void store_release(T& field, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  __atomic_store(&field, &value, __ATOMIC_RELEASE);
}

// A relaxed store when `shared`, else a plain one. Lock-free readers exist only while the
// interpreter runs free-threaded (GIL off); otherwise a GIL or a single OS thread serialises every
// access to the heap and its hand-off orders them, so a plain store is enough. Natively the two
// are the same mov; on wasm32 with threads every atomic store, whatever the C++ order, is a
// sequentially consistent atomic.store (an xchg on x86-64, tens of cycles), so the interpreter's
// hot stores (list append, dict update, attribute store) use this.
template <class T>
inline void store_relaxed_if(bool shared, T& field, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (shared) {
    store_relaxed(field, value);
  } else {
    field = value;
  }
}

// A Value slot read by lock-free readers (dict entries): every access is a relaxed atomic one,
// and it converts to and from Value so that code reads as if it were a plain Value.
class AtomicValue {
 public:
  AtomicValue() = default;
  AtomicValue(Value v) { store_relaxed(v_, v); }  // NOLINT: implicit by design
  AtomicValue(const AtomicValue& o) : v_(o.load()) {}
  AtomicValue& operator=(Value v) {
    store_relaxed(v_, v);
    return *this;
  }
  AtomicValue& operator=(const AtomicValue& o) {
    store_relaxed(v_, o.load());
    return *this;
  }
  // store_relaxed_if: a plain store unless lock-free readers may run (free-threaded).
  void set(Value v, bool shared) { store_relaxed_if(shared, v_, v); }
  Value load() const { return load_relaxed(v_); }
  operator Value() const { return load(); }  // NOLINT: implicit by design
  bool is_null() const { return load().is_null(); }
  bool is_small() const { return load().is_small(); }
  bool is_object() const { return load().is_object(); }
  Object* as_object() const { return load().as_object(); }
  std::int64_t as_small() const { return load().as_small(); }
  bool operator==(Value o) const { return load() == o; }
  bool operator!=(Value o) const { return load() != o; }

 private:
  Value v_;
};

}  // namespace interleave::vm
