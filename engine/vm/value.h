// Value: one 64-bit word that is either a small int (low bit 1, 63-bit payload), a pointer to a
// heap Object (low 3 bits 000, 8-byte aligned), or one of two sentinels that never reach Python
// code: null ("an exception is pending on the thread") and blocked ("the call must be retried").
// Small-int arithmetic therefore allocates nothing. Plain data: copy freely on any thread.
#pragma once

#include <cstdint>

namespace interleave::vm {

struct Object;

class Value {
 public:
  static constexpr std::int64_t kSmallMax = (std::int64_t{1} << 62) - 1;
  static constexpr std::int64_t kSmallMin = -(std::int64_t{1} << 62);

  constexpr Value() = default;
  static constexpr Value small(std::int64_t v) {
    return Value((static_cast<std::uint64_t>(v) << 1) | 1u);
  }
  static Value object(const Object* o) { return Value(reinterpret_cast<std::uintptr_t>(o)); }
  // Returned by a native function that would block: the interpreter yields Stop::Blocked and
  // re-executes the call on resume.
  static constexpr Value blocked() { return Value(2); }
  static constexpr bool fits_small(std::int64_t v) { return v >= kSmallMin && v <= kSmallMax; }

  constexpr bool is_null() const { return bits_ == 0; }
  constexpr bool is_blocked() const { return bits_ == 2; }
  constexpr bool is_small() const { return (bits_ & 1u) != 0; }
  constexpr bool is_object() const { return (bits_ & 7u) == 0 && bits_ != 0; }
  constexpr std::int64_t as_small() const { return static_cast<std::int64_t>(bits_) >> 1; }
  Object* as_object() const {
    return reinterpret_cast<Object*>(static_cast<std::uintptr_t>(bits_));
  }
  constexpr std::uint64_t bits() const { return bits_; }

  // Identity (Python `is`).
  constexpr bool operator==(const Value& o) const { return bits_ == o.bits_; }
  constexpr bool operator!=(const Value& o) const { return bits_ != o.bits_; }

 private:
  constexpr explicit Value(std::uint64_t bits) : bits_(bits) {}
  std::uint64_t bits_ = 0;
};

}  // namespace interleave::vm
