// Atomic operations on a 64-bit word that may live in memory shared between processes (Value,
// Array, Semaphore counters). std::atomic_ref would do, but libc++ 14 (the browser build's) lacks
// it; the compiler's __atomic builtins are lock-free on 64-bit words on every target we build for.
// Any thread of any process may call these on a word it has mapped.
#pragma once

#include <cstdint>

namespace interleave::ipc {

class SharedWord {
 public:
  explicit SharedWord(std::int64_t& word) : word_(&word) {}
  std::int64_t load() const { return __atomic_load_n(word_, __ATOMIC_SEQ_CST); }
  void store(std::int64_t v) { __atomic_store_n(word_, v, __ATOMIC_SEQ_CST); }
  std::int64_t fetch_add(std::int64_t d) { return __atomic_fetch_add(word_, d, __ATOMIC_SEQ_CST); }
  // On failure `expected` receives the current value, as std::atomic's does.
  bool compare_exchange_weak(std::int64_t& expected, std::int64_t desired) {
    return __atomic_compare_exchange_n(word_, &expected, desired, true, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
  }

 private:
  std::int64_t* word_;
};

}  // namespace interleave::ipc
