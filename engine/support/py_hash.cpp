// Python/pyhash.c (_Py_HashDouble, _Py_HashPointer) and Objects/tupleobject.c (tuplehash) for a
// 64-bit Py_hash_t, plus the deterministic str hash that replaces CPython's randomised SipHash.
#include "support/py_hash.h"

#include <cmath>

namespace interleave::support {
namespace {
constexpr std::uint64_t kModulus = static_cast<std::uint64_t>(kHashModulus);
}

std::int64_t int_hash(std::int64_t v) {
  std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  auto h = static_cast<std::int64_t>(mag % kModulus);
  if (v < 0) h = -h;
  return h == -1 ? -2 : h;
}

std::int64_t float_hash(double v, std::int64_t nan_hash) {
  if (!std::isfinite(v)) {
    if (std::isinf(v)) return v > 0 ? kHashInf : -kHashInf;
    return nan_hash;
  }
  int e = 0;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  // 28 bits at a time, folding the exponent in modulo 2**61 - 1 by rotation.
  std::uint64_t x = 0;
  while (m != 0.0) {
    x = ((x << 28) & kModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    auto y = static_cast<std::uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kModulus) x -= kModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kModulus) | x >> (kHashBits - e);
  x = x * static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
  auto h = static_cast<std::int64_t>(x);
  return h == -1 ? -2 : h;
}

std::int64_t pointer_hash(std::uint64_t address) {
  std::uint64_t y = address;
  y = (y >> 4) | (y << 60);  // the low bits of aligned pointers carry nothing
  auto h = static_cast<std::int64_t>(y);
  return h == -1 ? -2 : h;
}

std::int64_t tuple_hash(std::span<const std::int64_t> item_hashes) {
  constexpr std::uint64_t kPrime1 = 11400714785074694791ULL;
  constexpr std::uint64_t kPrime2 = 14029467366897019727ULL;
  constexpr std::uint64_t kPrime5 = 2870177450012600261ULL;
  std::uint64_t acc = kPrime5;
  for (std::int64_t item : item_hashes) {
    acc += static_cast<std::uint64_t>(item) * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += item_hashes.size() ^ (kPrime5 ^ 3527539UL);
  if (acc == static_cast<std::uint64_t>(-1)) return 1546275796;
  return static_cast<std::int64_t>(acc);
}

std::int64_t str_hash(std::string_view utf8) {
  if (utf8.empty()) return 0;
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64
  for (char c : utf8) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  auto r = static_cast<std::int64_t>(h);
  return r == -1 ? -2 : r;
}

}  // namespace interleave::support
