// A pull parser for JSON (RFC 8259), enough to read our own traces back without building a tree:
// the caller walks objects and arrays and skips what it does not need. Strings are unescaped
// (\uXXXX with surrogate pairs to UTF-8). The first error sticks: every later call fails too.
// One reader per input; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::trace {

class JsonReader {
 public:
  enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object, End, Error };

  explicit JsonReader(std::string_view text) : text_(text) {}

  Type peek();  // the type of the next value (after whitespace)
  // Containers: begin_*, then while (next_*(...)) read the element; next_* consumes the closing
  // bracket and returns false at the end.
  bool begin_object();
  bool next_key(std::string& key);
  bool begin_array();
  bool next_element();
  // Scalars.
  bool read_string(std::string& out);
  bool read_int(std::int64_t& out);  // an integer literal in range
  bool read_uint(std::uint64_t& out);
  bool peek_negative();  // the next value starts with '-'
  bool read_bool(bool& out);
  bool read_null();
  bool skip_value();
  bool at_end();  // only whitespace left

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool fail(std::string_view message);  // records "byte N: message"; returns false

 private:
  void skip_space();
  bool expect(char c);
  bool parse_hex4(std::uint32_t& out);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
  // Per open container: whether an element was read (to expect ',').
  std::string stack_;  // 'o' / 'a' per level, upper-case once an element was seen
};

}  // namespace interleave::trace
