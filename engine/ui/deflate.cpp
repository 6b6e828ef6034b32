// LZ77 over a 32 KiB window (hash chains of 3-byte prefixes, a bounded search, one step of lazy
// matching) into one fixed-Huffman block. Huffman codes go out most significant bit first, every
// other field least significant bit first (RFC 1951, 3.1.1).
#include "ui/deflate.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace interleave::ui {
namespace {

constexpr int kWindow = 32768;
constexpr int kMinMatch = 3, kMaxMatch = 258;
constexpr int kMaxChain = 128;  // candidates looked at per position
constexpr int kHashBits = 15;

constexpr std::array<int, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,
                                             15, 17, 19, 23, 27, 31, 35, 43, 51,  59,
                                             67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<int, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                              2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<int, 30> kDistBase = {1,    2,    3,    4,    5,    7,     9,     13,
                                           17,   25,   33,   49,   65,   97,    129,   193,
                                           257,  385,  513,  769,  1025, 1537,  2049,  3073,
                                           4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<int, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                            6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

class BitWriter {
 public:
  // `count` bits of `value`, least significant first.
  void bits(std::uint32_t value, int count) {
    acc_ |= static_cast<std::uint64_t>(value) << filled_;
    filled_ += count;
    while (filled_ >= 8) {
      out_.push_back(static_cast<char>(acc_ & 0xff));
      acc_ >>= 8;
      filled_ -= 8;
    }
  }
  // A Huffman code of `length` bits, most significant first.
  void code(std::uint32_t code, int length) {
    std::uint32_t reversed = 0;
    for (int i = 0; i < length; ++i) reversed |= ((code >> i) & 1u) << (length - 1 - i);
    bits(reversed, length);
  }
  std::string finish() {
    if (filled_ > 0) out_.push_back(static_cast<char>(acc_ & 0xff));
    acc_ = 0;
    filled_ = 0;
    return std::move(out_);
  }

 private:
  std::string out_;
  std::uint64_t acc_ = 0;
  int filled_ = 0;
};

// The fixed literal/length code of symbol 0..287 (RFC 1951, 3.2.6).
void literal_length(BitWriter& w, int symbol) {
  if (symbol < 144) {
    w.code(0x30u + static_cast<std::uint32_t>(symbol), 8);
  } else if (symbol < 256) {
    w.code(0x190u + static_cast<std::uint32_t>(symbol - 144), 9);
  } else if (symbol < 280) {
    w.code(static_cast<std::uint32_t>(symbol - 256), 7);
  } else {
    w.code(0xc0u + static_cast<std::uint32_t>(symbol - 280), 8);
  }
}

void match(BitWriter& w, int length, int distance) {
  int l = 28;
  while (kLengthBase[static_cast<std::size_t>(l)] > length) --l;
  literal_length(w, 257 + l);
  w.bits(static_cast<std::uint32_t>(length - kLengthBase[static_cast<std::size_t>(l)]),
         kLengthExtra[static_cast<std::size_t>(l)]);
  int d = 29;
  while (kDistBase[static_cast<std::size_t>(d)] > distance) --d;
  w.code(static_cast<std::uint32_t>(d), 5);
  w.bits(static_cast<std::uint32_t>(distance - kDistBase[static_cast<std::size_t>(d)]),
         kDistExtra[static_cast<std::size_t>(d)]);
}

class Matcher {
 public:
  explicit Matcher(std::string_view in)
      : in_(in), head_(std::size_t{1} << kHashBits, -1), prev_(in.size(), -1) {}

  // Records position `i` in its chain (needs 3 bytes from i).
  void insert(int i) {
    if (i + kMinMatch > static_cast<int>(in_.size())) return;
    const std::uint32_t h = hash(i);
    prev_[static_cast<std::size_t>(i)] = head_[h];
    head_[h] = i;
  }

  // The longest match for position `i` among earlier positions (length 0 when under 3).
  void longest(int i, int* length, int* distance) const {
    *length = 0;
    *distance = 0;
    const int n = static_cast<int>(in_.size());
    if (i + kMinMatch > n) return;
    const int limit = std::min(kMaxMatch, n - i);
    int candidate = head_[hash(i)];
    for (int chain = 0; candidate >= 0 && chain < kMaxChain; ++chain) {
      if (i - candidate > kWindow - 1) break;
      if (candidate < i) {
        int len = 0;
        while (len < limit && in_[static_cast<std::size_t>(candidate + len)] ==
                                  in_[static_cast<std::size_t>(i + len)]) {
          ++len;
        }
        if (len > *length) {
          *length = len;
          *distance = i - candidate;
          if (len == limit) break;
        }
      }
      candidate = prev_[static_cast<std::size_t>(candidate)];
    }
    if (*length < kMinMatch) *length = 0;
  }

 private:
  std::uint32_t hash(int i) const {
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data()) + i;
    const std::uint32_t v = (static_cast<std::uint32_t>(p[0]) << 16) |
                            (static_cast<std::uint32_t>(p[1]) << 8) | p[2];
    return (v * 2654435761u) >> (32 - kHashBits);
  }

  std::string_view in_;
  std::vector<int> head_, prev_;
};

}  // namespace

std::string deflate_raw(std::string_view in) {
  BitWriter w;
  w.bits(1, 1);  // BFINAL: the only block
  w.bits(1, 2);  // BTYPE 01: fixed Huffman codes
  Matcher m(in);
  const int n = static_cast<int>(in.size());
  int i = 0;
  while (i < n) {
    int length, distance;
    m.longest(i, &length, &distance);
    if (length > 0 && length < kMaxMatch && i + 1 < n) {
      // Lazy matching: a longer match one byte on is worth a literal first.
      m.insert(i);
      int next_length, next_distance;
      m.longest(i + 1, &next_length, &next_distance);
      if (next_length > length) {
        literal_length(w, static_cast<unsigned char>(in[static_cast<std::size_t>(i)]));
        ++i;
        length = next_length;
        distance = next_distance;
      } else {
        match(w, length, distance);
        for (int k = 1; k < length; ++k) m.insert(i + k);
        i += length;
        continue;
      }
    }
    if (length > 0) {
      match(w, length, distance);
      for (int k = 0; k < length; ++k) m.insert(i + k);
      i += length;
    } else {
      literal_length(w, static_cast<unsigned char>(in[static_cast<std::size_t>(i)]));
      m.insert(i);
      ++i;
    }
  }
  literal_length(w, 256);  // end of block
  return w.finish();
}

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                            (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

}  // namespace interleave::ui
