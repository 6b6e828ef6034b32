// hash() as CPython 3.11 on a 64-bit build: numeric hashes reduce modulo the Mersenne prime
// 2**61 - 1 so equal numbers hash equally (hash(1) == hash(1.0) == hash(True)), hash(-1) == -2,
// tuples use CPython's xxHash-style combiner. str hashes are NOT CPython's (which randomises
// SipHash per process): str_hash is a fixed FNV-1a, so runs are reproducible. Pure: any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace interleave::support {

inline constexpr int kHashBits = 61;
inline constexpr std::int64_t kHashModulus = (std::int64_t{1} << kHashBits) - 1;
inline constexpr std::int64_t kHashInf = 314159;

std::int64_t int_hash(std::int64_t v);
// nan_hash: NaN hashes by object identity in 3.10+; the VM passes pointer_hash(object).
std::int64_t float_hash(double v, std::int64_t nan_hash = 0);
std::int64_t pointer_hash(
    std::uint64_t address);  // _Py_HashPointer (64-bit rotation): objects, None
std::int64_t tuple_hash(std::span<const std::int64_t> item_hashes);
std::int64_t str_hash(std::string_view utf8);  // deterministic; hash('') == 0 as CPython

}  // namespace interleave::support
