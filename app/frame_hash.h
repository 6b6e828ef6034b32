// FrameHash: a fast 64-bit fingerprint of a frame's drawing data (vertices, indices, commands and
// our passes' requests), for Renderer::signature. Not cryptographic; order-sensitive; word-wise
// so that hashing a frame's few hundred KB costs a fraction of a millisecond. Any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace interleave::gfx {

class FrameHash {
 public:
  void add_word(std::uint64_t w) {
    h_ = (h_ ^ mix(w)) * 0x9E3779B97F4A7C15ull;
    h_ ^= h_ >> 29;
  }
  void add_bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    add_word(n);
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      add_word(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    add_word(tail);
  }
  template <typename... F>
  void add(F... values) {
    (add_float(static_cast<float>(values)), ...);
  }
  std::uint64_t value() const { return mix(h_); }

 private:
  void add_float(float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    add_word(bits);
  }
  static std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  std::uint64_t h_ = 0x243F6A8885A308D3ull;
};

}  // namespace interleave::gfx
