// Python's `random` module over MT19937, reproducing CPython 3.11's sequences for the same seed:
// seed(int) via init_by_array of the absolute value's 32-bit words, random() from two outputs
// (53 bits), getrandbits, _randbelow_with_getrandbits and everything built on it (randrange,
// randint, choice, shuffle, sample), uniform, gauss, normalvariate, choices. Indices are returned
// for the VM to apply to its sequences. A PyRandom belongs to one owner; copy it to snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "support/mt19937.h"
#include "support/result.h"

namespace interleave::support {

class PyRandom {
 public:
  PyRandom() { seed(0); }
  explicit PyRandom(std::int64_t s) { seed(s); }

  // random.seed(n) for an int n (its absolute value; the VM passes big ints as words).
  void seed(std::int64_t n);
  // Little-endian 32-bit words of |n| (empty means 0).
  void seed_words(std::span<const std::uint32_t> words);
  // random.seed() / seed(None): CPython reads os.urandom; the caller supplies the entropy.
  void seed_entropy(std::uint64_t entropy);

  double random();                   // [0.0, 1.0)
  std::uint64_t getrandbits(int k);  // 0 <= k <= 64
  // getrandbits(k) for any k >= 0 as little-endian 32-bit words (what CPython builds its int from).
  std::vector<std::uint32_t> getrandbits_words(std::int64_t k);
  std::uint64_t randbelow(std::uint64_t n);  // [0, n), n > 0: _randbelow_with_getrandbits

  // randrange(stop) / randrange(start, stop[, step]) with CPython's ValueErrors:
  // "empty range for randrange()", "empty range for randrange() (5, 5, 0)",
  // "zero step for randrange()". OverflowError if the width leaves int64.
  Result<std::int64_t> randrange(std::int64_t stop);
  Result<std::int64_t> randrange(std::int64_t start, std::int64_t stop, std::int64_t step = 1);
  Result<std::int64_t> randint(std::int64_t a, std::int64_t b);  // randrange(a, b + 1)
  // Index for choice(seq); IndexError "Cannot choose from an empty sequence".
  Result<std::int64_t> choice_index(std::int64_t length);
  // shuffle(x): apply swap(x[i], x[j]) for the returned (i, j) pairs in order.
  std::vector<std::pair<std::int64_t, std::int64_t>> shuffle_swaps(std::int64_t length);
  template <class T>
  void shuffle(std::span<T> items) {
    for (std::int64_t i = static_cast<std::int64_t>(items.size()) - 1; i > 0; --i) {
      auto j = static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(i) + 1));
      std::swap(items[static_cast<std::size_t>(i)], items[static_cast<std::size_t>(j)]);
    }
  }
  // sample(population, k) as indices into the population; ValueError "Sample larger than
  // population or is negative".
  Result<std::vector<std::int64_t>> sample_indices(std::int64_t n, std::int64_t k);
  // choices(population, k=k) / choices(population, weights=w or cum_weights=c, k=k) as indices.
  // cum_weights, when given, must have n entries (the VM accumulates plain weights first).
  // ValueErrors: "The number of weights does not match the population", "Total of weights must be
  // greater than zero", "Total of weights must be finite"; IndexError on an empty population.
  Result<std::vector<std::int64_t>> choices_indices(std::int64_t n, std::int64_t k,
                                                    std::span<const double> cum_weights = {});

  double uniform(double a, double b);  // a + (b - a) * random()
  double gauss(double mu = 0.0, double sigma = 1.0);
  double normalvariate(double mu = 0.0, double sigma = 1.0);

  // getstate()/setstate(): the twister plus gauss()'s cached second value.
  struct State {
    Mt19937 mt;
    std::optional<double> gauss_next;
  };
  const State& state() const { return state_; }
  void set_state(const State& s) { state_ = s; }

 private:
  State state_;
};

}  // namespace interleave::support
