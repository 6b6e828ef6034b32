// str objects: immutable UTF-8 with a cached hash and code-point count (ASCII strings index by
// byte), the intern table, and str repr. Interned strings live as long as the interpreter.
// make_str may run on any executing thread; intern() locks the interpreter's mutex.
#include <cstring>

#include "support/str_repr.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

std::uint32_t count_chars(std::string_view s, bool* ascii) {
  std::uint32_t n = 0;
  bool all_ascii = true;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0x80) all_ascii = false;
  }
  *ascii = all_ascii;
  return n;
}

}  // namespace

Str* make_str(Thread& t, std::string_view utf8) {
  Str* s = t.interp().make<Str>(&t, t.interp().types.str, utf8.size() + 1);
  s->length = static_cast<std::uint32_t>(utf8.size());
  std::memcpy(s->data(), utf8.data(), utf8.size());
  s->data()[utf8.size()] = '\0';
  s->chars = count_chars(utf8, &s->ascii);
  return s;
}

Value str_value(Thread& t, std::string_view utf8) {
  if (utf8.empty()) return Value::object(t.interp().empty_str);
  return Value::object(make_str(t, utf8));
}

Str* Interpreter::intern(std::string_view s) {
  std::lock_guard<std::mutex> lock(mutex);
  auto it = interned_.find(s);
  if (it != interned_.end()) return it->second;
  Str* str = make<Str>(nullptr, types.str, s.size() + 1);
  str->length = static_cast<std::uint32_t>(s.size());
  std::memcpy(str->data(), s.data(), s.size());
  str->data()[s.size()] = '\0';
  str->chars = count_chars(s, &str->ascii);
  str->interned = true;
  interned_.emplace(str->view(), str);
  return str;
}

std::int64_t hash_str(Str* s) {
  // Computed lazily by whichever thread asks first (racing threads store the same value).
  std::int64_t cached = load_relaxed(s->hash);
  if (cached != -1) return cached;
  // FNV-1a; CPython's SipHash is randomised per process, so no program can depend on the values.
  std::uint64_t h = 1469598103934665603ull;
  for (std::uint32_t i = 0; i < s->length; ++i) {
    h ^= static_cast<unsigned char>(s->data()[i]);
    h *= 1099511628211ull;
  }
  auto r = static_cast<std::int64_t>(h >> 1);
  if (r == -1) r = -2;
  store_relaxed(s->hash, r);
  return r;
}

std::string str_repr(std::string_view s) {
  return support::str_repr(s);
}

// Byte offset of code point `index` (0 <= index <= chars).
std::size_t str_byte_offset(const Str* s, std::int64_t index) {
  if (s->ascii) return static_cast<std::size_t>(index);
  std::size_t pos = 0;
  std::int64_t n = 0;
  while (pos < s->length && n < index) {
    ++pos;
    while (pos < s->length && (static_cast<unsigned char>(s->data()[pos]) & 0xC0) == 0x80) ++pos;
    ++n;
  }
  return pos;
}

}  // namespace interleave::vm
