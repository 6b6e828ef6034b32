// The JSON pull parser (json_reader.h). Strict RFC 8259: no comments, no trailing commas, no
// leading zeros; nesting is bounded (kMaxDepth) so hostile input cannot exhaust the stack of
// skip_value(). Not thread-safe: one reader per input.
#include "trace/json_reader.h"

#include "support/utf8.h"

namespace interleave::trace {

namespace {
constexpr std::size_t kMaxDepth = 256;
}  // namespace

bool JsonReader::fail(std::string_view message) {
  if (error_.empty()) error_ = "byte " + std::to_string(pos_) + ": " + std::string(message);
  return false;
}

void JsonReader::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
    ++pos_;
  }
}

bool JsonReader::expect(char c) {
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return fail(std::string("expected '") + c + "'");
}

JsonReader::Type JsonReader::peek() {
  if (failed()) return Type::Error;
  skip_space();
  if (pos_ >= text_.size()) return Type::End;
  switch (text_[pos_]) {
    case 'n':
      return Type::Null;
    case 't':
    case 'f':
      return Type::Bool;
    case '"':
      return Type::String;
    case '[':
      return Type::Array;
    case '{':
      return Type::Object;
    default:
      return (text_[pos_] == '-' || (text_[pos_] >= '0' && text_[pos_] <= '9')) ? Type::Number
                                                                                : Type::Error;
  }
}

bool JsonReader::begin_object() {
  if (failed() || !expect('{')) return false;
  if (stack_.size() >= kMaxDepth) return fail("nesting too deep");
  stack_.push_back('o');
  return true;
}

bool JsonReader::next_key(std::string& key) {
  if (failed() || stack_.empty() || (stack_.back() | 0x20) != 'o') return fail("not in an object");
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == '}') {
    ++pos_;
    stack_.pop_back();
    return false;
  }
  if (stack_.back() == 'O' && !expect(',')) return false;
  stack_.back() = 'O';
  return read_string(key) && expect(':');
}

bool JsonReader::begin_array() {
  if (failed() || !expect('[')) return false;
  if (stack_.size() >= kMaxDepth) return fail("nesting too deep");
  stack_.push_back('a');
  return true;
}

bool JsonReader::next_element() {
  if (failed() || stack_.empty() || (stack_.back() | 0x20) != 'a') return fail("not in an array");
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == ']') {
    ++pos_;
    stack_.pop_back();
    return false;
  }
  if (stack_.back() == 'A' && !expect(',')) return false;
  stack_.back() = 'A';
  return true;
}

bool JsonReader::parse_hex4(std::uint32_t& out) {
  if (pos_ + 4 > text_.size()) return fail("truncated \\u escape");
  out = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[pos_++];
    out <<= 4;
    if (c >= '0' && c <= '9') {
      out |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      out |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      out |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return fail("bad \\u escape");
    }
  }
  return true;
}

bool JsonReader::read_string(std::string& out) {
  out.clear();
  if (failed() || !expect('"')) return false;
  while (true) {
    if (pos_ >= text_.size()) return fail("unterminated string");
    const char c = text_[pos_++];
    if (c == '"') return true;
    if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (pos_ >= text_.size()) return fail("unterminated string");
    const char e = text_[pos_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out.push_back(e);
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        std::uint32_t cp;
        if (!parse_hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
            text_[pos_ + 1] == 'u') {
          const std::size_t save = pos_;
          pos_ += 2;
          std::uint32_t low;
          if (!parse_hex4(low)) return false;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            pos_ = save;  // a lone high surrogate followed by another escape
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // lone surrogate: not encodable
        support::utf8_append(out, cp);
        break;
      }
      default:
        return fail("bad escape");
    }
  }
}

bool JsonReader::read_uint(std::uint64_t& out) {
  if (failed()) return false;
  skip_space();
  const std::size_t start = pos_;
  out = 0;
  while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
    const auto d = static_cast<std::uint64_t>(text_[pos_] - '0');
    if (out > (UINT64_MAX - d) / 10) return fail("integer out of range");
    out = out * 10 + d;
    ++pos_;
  }
  if (pos_ == start) return fail("expected an integer");
  if (text_[start] == '0' && pos_ - start > 1) return fail("leading zero");
  if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E'))
    return fail("expected an integer");
  return true;
}

bool JsonReader::peek_negative() {
  if (failed()) return false;
  skip_space();
  return pos_ < text_.size() && text_[pos_] == '-';
}

bool JsonReader::read_int(std::int64_t& out) {
  if (failed()) return false;
  skip_space();
  const bool negative = pos_ < text_.size() && text_[pos_] == '-';
  if (negative) ++pos_;
  std::uint64_t magnitude;
  if (!read_uint(magnitude)) return false;
  const std::uint64_t limit = negative ? (1ull << 63) : (1ull << 63) - 1;
  if (magnitude > limit) return fail("integer out of range");
  out = negative ? static_cast<std::int64_t>(~magnitude + 1) : static_cast<std::int64_t>(magnitude);
  return true;
}

bool JsonReader::read_bool(bool& out) {
  if (failed()) return false;
  skip_space();
  if (text_.substr(pos_, 4) == "true") {
    pos_ += 4;
    out = true;
    return true;
  }
  if (text_.substr(pos_, 5) == "false") {
    pos_ += 5;
    out = false;
    return true;
  }
  return fail("expected true or false");
}

bool JsonReader::read_null() {
  if (failed()) return false;
  skip_space();
  if (text_.substr(pos_, 4) != "null") return fail("expected null");
  pos_ += 4;
  return true;
}

bool JsonReader::skip_value() {
  switch (peek()) {
    case Type::Null:
      return read_null();
    case Type::Bool: {
      bool b;
      return read_bool(b);
    }
    case Type::String: {  // validated like read_string, without building the text
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"') {
        const auto c = static_cast<unsigned char>(text_[pos_++]);
        if (c < 0x20) return fail("control character in string");
        if (c != '\\') continue;
        if (pos_ >= text_.size()) break;
        const char e = text_[pos_++];
        if (e == 'u') {
          std::uint32_t cp;
          if (!parse_hex4(cp)) return false;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail("bad escape");
        }
      }
      if (pos_ >= text_.size()) return fail("unterminated string");
      ++pos_;
      return true;
    }
    case Type::Number: {
      if (text_[pos_] == '-') ++pos_;
      const std::size_t digits = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      if (pos_ == digits) return fail("bad number");
      if (text_[digits] == '0' && pos_ - digits > 1) return fail("leading zero");
      if (pos_ < text_.size() && text_[pos_] == '.') {
        const std::size_t f = ++pos_;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
        if (pos_ == f) return fail("bad number");
      }
      if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
        const std::size_t x = pos_;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
        if (pos_ == x) return fail("bad number");
      }
      return true;
    }
    case Type::Array: {
      if (!begin_array()) return false;
      while (next_element())
        if (!skip_value()) return false;
      return !failed();
    }
    case Type::Object: {
      if (!begin_object()) return false;
      std::string key;
      while (next_key(key))
        if (!skip_value()) return false;
      return !failed();
    }
    case Type::End:
      return fail("unexpected end");
    case Type::Error:
      return fail("unexpected character");
  }
  return false;
}

bool JsonReader::at_end() {
  skip_space();
  return pos_ >= text_.size();
}

}  // namespace interleave::trace
