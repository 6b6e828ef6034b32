// Lib/random.py (3.11) over the C core of Modules/_randommodule.c. Floating-point steps repeat
// Python's expressions operation for operation so the doubles come out identical.
#include "support/py_random.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <unordered_set>

#include "support/py_math.h"

namespace interleave::support {

void PyRandom::seed(std::int64_t n) {
  std::uint64_t mag = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::uint32_t words[2] = {static_cast<std::uint32_t>(mag), static_cast<std::uint32_t>(mag >> 32)};
  seed_words(std::span<const std::uint32_t>(words, mag >> 32 != 0 ? 2 : 1));
}

void PyRandom::seed_words(std::span<const std::uint32_t> words) {
  // CPython drops high zero words (it sizes the key from the bit count), keeping at least one.
  std::size_t used = words.size();
  while (used > 1 && words[used - 1] == 0) --used;
  static constexpr std::uint32_t kZero[1] = {0};
  state_.mt.init_by_array(used == 0 ? std::span<const std::uint32_t>(kZero) : words.first(used));
  state_.gauss_next.reset();
}

void PyRandom::seed_entropy(std::uint64_t entropy) {
  std::uint32_t words[2] = {static_cast<std::uint32_t>(entropy),
                            static_cast<std::uint32_t>(entropy >> 32)};
  state_.mt.init_by_array(words);
  state_.gauss_next.reset();
}

double PyRandom::random() {
  std::uint32_t a = state_.mt.genrand_uint32() >> 5, b = state_.mt.genrand_uint32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::uint64_t PyRandom::getrandbits(int k) {
  if (k <= 0) return 0;
  if (k <= 32) return state_.mt.genrand_uint32() >> (32 - k);
  std::uint64_t low = state_.mt.genrand_uint32();
  std::uint64_t high = state_.mt.genrand_uint32() >> (64 - std::min(k, 64));
  return low | (high << 32);
}

std::vector<std::uint32_t> PyRandom::getrandbits_words(std::int64_t k) {
  std::vector<std::uint32_t> words;
  if (k <= 0) return words;
  if (k <= 32) {
    words.push_back(state_.mt.genrand_uint32() >> (32 - k));
    return words;
  }
  for (; k > 0; k -= 32) {
    std::uint32_t r = state_.mt.genrand_uint32();
    if (k < 32) r >>= (32 - k);
    words.push_back(r);
  }
  return words;
}

std::uint64_t PyRandom::randbelow(std::uint64_t n) {
  const int k = std::bit_width(n);  // n.bit_length(), not (n-1): n may be 1
  std::uint64_t r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

Result<std::int64_t> PyRandom::randrange(std::int64_t stop) {
  if (stop > 0) return static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(stop)));
  return value_error("empty range for randrange()");
}

Result<std::int64_t> PyRandom::randrange(std::int64_t start, std::int64_t stop, std::int64_t step) {
  std::int64_t width = 0;
  if (!checked_sub(stop, start, width)) return overflow_error("randrange() range too large");
  if (step == 1) {
    if (width > 0)
      return start + static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(width)));
    return value_error("empty range for randrange() (" + std::to_string(start) + ", " +
                       std::to_string(stop) + ", " + std::to_string(width) + ")");
  }
  std::int64_t n = 0;
  if (step > 0) {
    Result<std::int64_t> q = int_floordiv(width + step - 1, step);
    n = *q;
  } else if (step < 0) {
    Result<std::int64_t> q = int_floordiv(width + step + 1, step);
    n = *q;
  } else {
    return value_error("zero step for randrange()");
  }
  if (n <= 0) return value_error("empty range for randrange()");
  return start + step * static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(n)));
}

Result<std::int64_t> PyRandom::randint(std::int64_t a, std::int64_t b) {
  std::int64_t stop = 0;
  if (!checked_add(b, 1, stop)) return overflow_error("randint() range too large");
  return randrange(a, stop);
}

Result<std::int64_t> PyRandom::choice_index(std::int64_t length) {
  if (length <= 0) return Error{ErrorKind::IndexError, "Cannot choose from an empty sequence"};
  return static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(length)));
}

std::vector<std::pair<std::int64_t, std::int64_t>> PyRandom::shuffle_swaps(std::int64_t length) {
  std::vector<std::pair<std::int64_t, std::int64_t>> swaps;
  for (std::int64_t i = length - 1; i > 0; --i) {
    swaps.emplace_back(i, static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(i) + 1)));
  }
  return swaps;
}

Result<std::vector<std::int64_t>> PyRandom::sample_indices(std::int64_t n, std::int64_t k) {
  if (k < 0 || k > n) return value_error("Sample larger than population or is negative");
  std::vector<std::int64_t> result(static_cast<std::size_t>(k));
  double setsize = 21;
  if (k > 5)
    setsize += std::pow(4.0, std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0)));
  if (static_cast<double>(n) <= setsize) {
    std::vector<std::int64_t> pool(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) pool[static_cast<std::size_t>(i)] = i;
    for (std::int64_t i = 0; i < k; ++i) {
      auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n - i)));
      result[static_cast<std::size_t>(i)] = pool[j];
      pool[j] = pool[static_cast<std::size_t>(n - i - 1)];
    }
  } else {
    std::unordered_set<std::int64_t> selected;
    for (std::int64_t i = 0; i < k; ++i) {
      auto j = static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(n)));
      while (selected.count(j) != 0)
        j = static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(n)));
      selected.insert(j);
      result[static_cast<std::size_t>(i)] = j;
    }
  }
  return result;
}

Result<std::vector<std::int64_t>> PyRandom::choices_indices(std::int64_t n, std::int64_t k,
                                                            std::span<const double> cum_weights) {
  std::vector<std::int64_t> result;
  if (cum_weights.empty()) {
    const double nf = static_cast<double>(n);
    for (std::int64_t i = 0; i < k; ++i) {
      const auto j = static_cast<std::int64_t>(std::floor(random() * nf));
      if (j >= n) return Error{ErrorKind::IndexError, "list index out of range"};  // n == 0
      result.push_back(j);
    }
    return result;
  }
  if (static_cast<std::int64_t>(cum_weights.size()) != n) {
    return value_error("The number of weights does not match the population");
  }
  const double total = cum_weights.back() + 0.0;
  if (total <= 0.0) return value_error("Total of weights must be greater than zero");
  if (!std::isfinite(total)) return value_error("Total of weights must be finite");
  const auto hi = static_cast<std::ptrdiff_t>(n - 1);
  for (std::int64_t i = 0; i < k; ++i) {
    const double x = random() * total;
    auto it = std::upper_bound(cum_weights.begin(), cum_weights.begin() + hi, x);  // bisect_right
    result.push_back(it - cum_weights.begin());
  }
  return result;
}

double PyRandom::uniform(double a, double b) {
  return a + (b - a) * random();
}

double PyRandom::gauss(double mu, double sigma) {
  std::optional<double> z = state_.gauss_next;
  state_.gauss_next.reset();
  if (!z) {
    const double x2pi = random() * (2.0 * 3.141592653589793);
    const double g2rad = std::sqrt(-2.0 * std::log(1.0 - random()));
    z = std::cos(x2pi) * g2rad;
    state_.gauss_next = std::sin(x2pi) * g2rad;
  }
  return mu + *z * sigma;
}

double PyRandom::normalvariate(double mu, double sigma) {
  static const double kNvMagic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  double z = 0;
  for (;;) {
    const double u1 = random();
    const double u2 = 1.0 - random();
    z = kNvMagic * (u1 - 0.5) / u2;
    const double zz = z * z / 4.0;
    if (zz <= -std::log(u2)) break;
  }
  return mu + z * sigma;
}

}  // namespace interleave::support
