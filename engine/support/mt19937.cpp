// The reference MT19937 of Matsumoto and Nishimura (mt19937ar.c, 2002/1/26) as CPython's
// Modules/_randommodule.c carries it, rewritten here; constants are the published ones.
#include "support/mt19937.h"

namespace interleave::support {
namespace {
constexpr int kM = 397;
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;
}  // namespace

void Mt19937::init_genrand(std::uint32_t s) {
  mt[0] = s;
  for (int i = 1; i < kN; ++i) {
    mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  }
  index = kN;
}

void Mt19937::init_by_array(std::span<const std::uint32_t> key) {
  init_genrand(19650218U);
  const auto key_length = key.size();
  std::size_t i = 1, j = 0;
  for (std::size_t k = kN > key_length ? kN : key_length; k > 0; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] +
            static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (std::size_t k = kN - 1; k > 0; --k) {
    mt[i] =
        (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // MSB set: a non-zero initial array
}

std::uint32_t Mt19937::genrand_uint32() {
  static constexpr std::uint32_t mag01[2] = {0x0U, kMatrixA};
  if (index >= kN) {
    if (index == kN + 1) init_genrand(5489U);  // never seeded: the reference default
    int kk = 0;
    for (; kk < kN - kM; ++kk) {
      std::uint32_t y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + kM] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < kN - 1; ++kk) {
      std::uint32_t y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    std::uint32_t y = (mt[kN - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    index = 0;
  }
  std::uint32_t y = mt[index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

}  // namespace interleave::support
