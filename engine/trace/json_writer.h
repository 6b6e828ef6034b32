// A small JSON writer for deterministic output: integers, fixed-point decimals done with integer
// arithmetic (no locale, no floating-point formatting differences between libc++ and libstdc++),
// strings escaped per RFC 8259 with UTF-8 passed through and invalid bytes replaced by U+FFFD.
// Commas are placed automatically. One writer per output; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::trace {

// Appends `text` to `out` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);
// The same literal as a string of its own.
std::string json_string(std::string_view text);
// Appends value / 10^decimals with exactly `decimals` digits after the point ("-1.050").
void append_fixed(std::string& out, std::int64_t value, int decimals);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& fixed(std::int64_t number, int decimals);  // see append_fixed
  JsonWriter& null();
  JsonWriter& raw(std::string_view json);  // an already-encoded value
  // Starts a new line before the next element (readable files, one event per line).
  JsonWriter& newline();

 private:
  void before_value();
  void close(char bracket);

  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
  bool newline_ = false;
};

}  // namespace interleave::trace
