// The Mersenne Twister MT19937 exactly as CPython's Modules/_randommodule.c uses it (Matsumoto &
// Nishimura's reference genrand_uint32, init_genrand, init_by_array). The state is plain data, so
// getstate/setstate and snapshots are struct copies. An Mt19937 belongs to one owner (a Random
// instance); it is not synchronised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace interleave::support {

struct Mt19937 {
  static constexpr int kN = 624;
  std::uint32_t mt[kN] = {};
  int index = kN + 1;  // kN + 1: never seeded

  void init_genrand(std::uint32_t s);
  void init_by_array(std::span<const std::uint32_t> key);
  std::uint32_t genrand_uint32();
};

}  // namespace interleave::support
