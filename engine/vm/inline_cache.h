// One instruction's inline cache (Code::caches, kCacheWords words per instruction): three data
// words and a sequence word, a seqlock. Threads running the same code at once (GIL off) may fill
// the same cache; a reader never accepts the words of two different fills, so a cached method is
// always the one found for the cached type at the cached epoch. Any thread may read or fill.
#pragma once

#include <atomic>
#include <cstdint>

#include "vm/atomics.h"
#include "vm/object.h"

namespace interleave::vm {

static_assert(kCacheWords == 4, "three data words and a sequence word");

struct CacheWords {
  std::uint64_t w0, w1, w2;
};

// True with `out` filled when the cache holds one consistent fill (all zero when never filled).
inline bool cache_read(const std::uint64_t* c, CacheWords* out) {
  std::uint64_t seq = load_acquire(c[3]);
  if ((seq & 1) != 0) return false;  // being filled right now
  out->w0 = load_relaxed(c[0]);
  out->w1 = load_relaxed(c[1]);
  out->w2 = load_relaxed(c[2]);
  std::atomic_thread_fence(std::memory_order_acquire);
  return load_relaxed(c[3]) == seq;
}

// Fills the cache, unless another thread is filling it at this moment (then this fill is skipped:
// the next miss fills it again).
inline void cache_write(std::uint64_t* c, std::uint64_t w0, std::uint64_t w1, std::uint64_t w2) {
  std::uint64_t seq = load_relaxed(c[3]);
  if ((seq & 1) != 0) return;
  if (!__atomic_compare_exchange_n(&c[3], &seq, seq + 1, false, __ATOMIC_ACQUIRE,
                                   __ATOMIC_RELAXED)) {
    return;
  }
  std::atomic_thread_fence(std::memory_order_release);  // the odd sequence is seen first
  store_relaxed(c[0], w0);
  store_relaxed(c[1], w1);
  store_relaxed(c[2], w2);
  store_release(c[3], seq + 2);
}

}  // namespace interleave::vm
