// Result<T>: a value or a Python-style error (exception type + message), the error channel of every
// fallible function in interleave::support. No exceptions are thrown on any path of this library;
// the VM turns an Error into the named Python exception. The message is only built on failure, so
// the success path never allocates for it. Plain values: any thread.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace interleave::support {

// Named after the Python exception the VM should raise.
enum class ErrorKind : std::uint8_t {
  ValueError,
  TypeError,
  OverflowError,
  ZeroDivisionError,
  IndexError,
  KeyError,
  // Raised by a VM callback (str.format resolver): the VM already holds the real exception and
  // only needs the failure propagated; the message is empty.
  Propagate,
};

struct Error {
  ErrorKind kind = ErrorKind::ValueError;
  std::string message;
};

inline Error value_error(std::string message) {
  return {ErrorKind::ValueError, std::move(message)};
}
inline Error type_error(std::string message) {
  return {ErrorKind::TypeError, std::move(message)};
}
inline Error overflow_error(std::string message) {
  return {ErrorKind::OverflowError, std::move(message)};
}
inline Error zero_division_error(std::string message) {
  return {ErrorKind::ZeroDivisionError, std::move(message)};
}

// For Result<Unit>: success carries nothing.
struct Unit {};

// A deliberately tiny std::expected: T must be default-constructible (all uses hold std types).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like expected
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }

  T& value() & { return value_; }
  const T& value() const& { return value_; }
  T&& value() && { return std::move(value_); }
  T& operator*() & { return value_; }
  const T& operator*() const& { return value_; }
  T* operator->() { return &value_; }
  const T* operator->() const { return &value_; }

  const Error& error() const { return error_; }
  Error&& take_error() { return std::move(error_); }

 private:
  T value_{};
  Error error_;
  bool ok_ = true;
};

}  // namespace interleave::support
