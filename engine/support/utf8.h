// UTF-8 helpers for the VM's str, which stores valid UTF-8 and indexes by code point as Python
// does. Inputs are assumed valid (the scanner and decoders validate once at the boundary); the
// functions never read out of bounds even on invalid input. ASCII text takes byte-wise fast paths.
// Pure functions: any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::support {

bool utf8_valid(std::string_view s);
// Index of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates
// and code points past U+10FFFF are invalid, as in CPython's decoder), or npos when s is valid.
std::size_t utf8_find_invalid(std::string_view s);
bool is_ascii(std::string_view s);

// Encodes cp (<= 0x10FFFF) into out (room for 4 bytes); returns the byte count.
std::size_t utf8_encode(char32_t cp, char* out);
void utf8_append(std::string& out, char32_t cp);
std::string utf8_from_code_point(char32_t cp);  // chr()

// Decodes the code point starting at byte `pos` and advances pos past it.
char32_t utf8_decode(std::string_view s, std::size_t& pos);
// Byte length of the sequence led by byte b (1 for continuation/invalid bytes).
inline std::size_t utf8_seq_len(unsigned char b) {
  return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

std::size_t utf8_length(std::string_view s);  // len() in code points
// Byte offset of code point `index` (0 <= index <= length; larger clamps to s.size()).
std::size_t utf8_offset(std::string_view s, std::size_t index);
// Code point index of byte offset `byte_offset` (which must start a sequence).
std::size_t utf8_index_of_offset(std::string_view s, std::size_t byte_offset);
// s[index] for 0 <= index < length (the VM normalises negative indices and raises
// "string index out of range"): the bytes of that one code point.
std::string_view utf8_at(std::string_view s, std::size_t index);
char32_t utf8_code_point_at(std::string_view s, std::size_t index);  // ord(s[index])

}  // namespace interleave::support
