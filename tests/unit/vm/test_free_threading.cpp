// Free-threading mechanisms tested directly: the seqlocked inline cache under concurrent fills.
// The whole interpreter is stressed by tests/races (run.sh, under ThreadSanitizer too), and stop
// latency with the real driver by tests/races/stop_latency.py (test_vm has no real driver).
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "vm/inline_cache.h"

namespace interleave::vm {

TEST_CASE("inline cache: a reader never sees the words of two different fills") {
  std::vector<std::uint64_t> cache(kCacheWords, 0);
  std::atomic<bool> done{false};
  // Each fill writes (k, 3k, 5k): a torn read would break the relation.
  auto writer = [&](std::uint64_t first) {
    for (std::uint64_t k = first; k < first + 200000; ++k) {
      cache_write(cache.data(), k, 3 * k, 5 * k);
    }
  };
  std::int64_t consistent = 0, torn = 0;
  std::atomic<bool> reading{false};
  std::thread reader([&] {
    reading = true;
    // Until the writers are done and one read got through: on a busy machine the writers may
    // finish before this thread is scheduled again, and a read of the settled cache still counts.
    while (!done.load() || consistent == 0) {
      CacheWords w;
      if (!cache_read(cache.data(), &w)) continue;
      if (w.w1 == 3 * w.w0 && w.w2 == 5 * w.w0) {
        ++consistent;
      } else {
        ++torn;
      }
    }
  });
  while (!reading.load()) std::this_thread::yield();
  std::thread a(writer, 1), b(writer, 1000000);
  a.join();
  b.join();
  done = true;
  reader.join();
  CHECK(torn == 0);
  CacheWords last;
  REQUIRE(cache_read(cache.data(), &last));
  CHECK(last.w1 == 3 * last.w0);
}

}  // namespace interleave::vm
