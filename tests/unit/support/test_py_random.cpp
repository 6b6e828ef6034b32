// random against CPython 3.11: the expected sequences were printed by python3 for the same seeds.
// Each PyRandom here is local to its test case. Single-threaded.
#include <doctest/doctest.h>

#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "support/py_random.h"

using namespace interleave::support;

TEST_CASE("seed(42): random, randint, choice, uniform as CPython") {
  // random.seed(42); random.random(), random.randint(1,100), random.choice([1,2,3]),
  // random.uniform(1,2)
  PyRandom r(42);
  CHECK(r.random() == 0.6394267984578837);
  CHECK(*r.randint(1, 100) == 4);
  CHECK(*r.choice_index(3) + 1 == 3);
  CHECK(r.uniform(1, 2) == 1.2750293183691193);
  r.seed(42);
  CHECK(r.random() == 0.6394267984578837);
  CHECK(r.random() == 0.025010755222666936);
  CHECK(r.random() == 0.27502931836911926);
}

TEST_CASE("seeding by absolute value and by 32-bit words") {
  PyRandom r(-7);  // seed(-7) == seed(7)
  CHECK(r.random() == 0.32383276483316237);
  r.seed((std::int64_t{1} << 40) + 5);
  CHECK(r.random() == 0.5043802970418443);
  const std::uint32_t words[] = {5, 256, 0, 0};  // high zero words are ignored, as in CPython
  r.seed_words(words);
  CHECK(r.random() == 0.5043802970418443);
  r.seed_entropy(0x123456789abcdefULL);
  const double a = r.random();
  r.seed_entropy(0x123456789abcdefULL);
  CHECK(r.random() == a);
}

TEST_CASE("getrandbits") {
  PyRandom r(0);
  CHECK(r.getrandbits(32) == 3626764237u);
  CHECK(r.getrandbits(1) == 0u);
  CHECK(r.getrandbits(64) == 16422101724900707500ull);
  CHECK(r.getrandbits(40) == 44756014165ull);
  CHECK(r.getrandbits(0) == 0u);
  r.seed(0);
  std::vector<std::uint32_t> words = r.getrandbits_words(32);
  REQUIRE(words.size() == 1);
  CHECK(words[0] == 3626764237u);
  r.getrandbits(1);
  words = r.getrandbits_words(64);
  REQUIRE(words.size() == 2);
  CHECK(((std::uint64_t{words[1]} << 32) | words[0]) == 16422101724900707500ull);
}

TEST_CASE("randrange, randint, shuffle") {
  PyRandom r(123);
  // [random.randrange(10) for _ in range(5)], randrange(5, 50, 7) x5, randrange(50, 5, -3) x5
  for (std::int64_t want : {0, 4, 1, 6, 4}) CHECK(*r.randrange(10) == want);
  for (std::int64_t want : {5, 47, 47, 5, 26}) CHECK(*r.randrange(5, 50, 7) == want);
  for (std::int64_t want : {26, 26, 35, 35, 11}) CHECK(*r.randrange(50, 5, -3) == want);
  r.seed(123);
  std::vector<int> x(10);
  std::iota(x.begin(), x.end(), 0);
  r.shuffle(std::span<int>(x));
  CHECK(x == std::vector<int>{8, 7, 5, 9, 2, 3, 6, 1, 4, 0});
  r.seed(123);
  std::vector<int> y(10);
  std::iota(y.begin(), y.end(), 0);
  for (auto [i, j] : r.shuffle_swaps(10))
    std::swap(y[static_cast<std::size_t>(i)], y[static_cast<std::size_t>(j)]);
  CHECK(y == x);
  r.seed(1);
  CHECK(*r.randint(-1000000000000000, 1000000000000000) == 281730487366133);
  CHECK(*r.randrange(std::int64_t{1} << 62) == 582057716445789124);
  r.seed(77);
  for (std::int64_t want : {3, 3, 2, 2, 2, 1, 3, 4, 5, 5, 2, 2, 5, 6, 6, 5, 1, 3, 1, 4}) {
    CHECK(*r.randint(1, 6) == want);
  }
}

TEST_CASE("sample and choices indices") {
  PyRandom r(5);
  CHECK(*r.sample_indices(100, 5) == std::vector<std::int64_t>{79, 32, 94, 45, 88});
  CHECK(*r.sample_indices(10, 10) == std::vector<std::int64_t>{8, 0, 7, 6, 1, 9, 5, 4, 3, 2});
  CHECK(*r.sample_indices(1000, 8) ==
        std::vector<std::int64_t>{889, 252, 389, 556, 104, 587, 255, 13});
  r.seed(5);
  CHECK(*r.choices_indices(10, 5) == std::vector<std::int64_t>{6, 7, 7, 9, 7});
  const double cum[] = {1, 3, 6, 10};  // weights [1, 2, 3, 4]
  CHECK(*r.choices_indices(4, 5, cum) == std::vector<std::int64_t>{3, 0, 2, 3, 3});
  const double cum2[] = {1, 1, 10};
  CHECK(*r.choices_indices(3, 4, cum2) == std::vector<std::int64_t>{2, 2, 2, 2});
}

TEST_CASE("gauss and normalvariate") {
  // The libm of the platform enters here (cos, sin, log, sqrt), as it does in CPython.
  PyRandom r(9);
  CHECK(r.gauss(0, 1) == doctest::Approx(-0.9407568840284877).epsilon(1e-15));
  CHECK(r.gauss(0, 1) == doctest::Approx(0.22268633975498442).epsilon(1e-15));
  CHECK(r.gauss(5, 2) == doctest::Approx(7.586954722464196).epsilon(1e-15));
  CHECK(r.normalvariate(0, 1) == doctest::Approx(0.2428655422273804).epsilon(1e-15));
  CHECK(r.normalvariate(10, 3) == doctest::Approx(6.195019669666703).epsilon(1e-15));
}

TEST_CASE("random errors carry CPython's messages") {
  PyRandom r(1);
  CHECK(r.randrange(0).error().message == "empty range for randrange()");
  CHECK(r.randrange(5, 5).error().message == "empty range for randrange() (5, 5, 0)");
  CHECK(r.randrange(5, 1).error().message == "empty range for randrange() (5, 1, -4)");
  CHECK(r.randrange(1, 5, 0).error().message == "zero step for randrange()");
  CHECK(r.randrange(1, 5, -1).error().message == "empty range for randrange()");
  auto c = r.choice_index(0);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().kind == ErrorKind::IndexError);
  CHECK(c.error().message == "Cannot choose from an empty sequence");
  CHECK(r.sample_indices(3, 4).error().message == "Sample larger than population or is negative");
  const double zero[] = {0, 0, 0};
  CHECK(r.choices_indices(3, 1, zero).error().message ==
        "Total of weights must be greater than zero");
  const double two[] = {1, 2};
  CHECK(r.choices_indices(3, 1, two).error().message ==
        "The number of weights does not match the population");
  const double inf[] = {1, 2, 1e308 * 10};
  CHECK(r.choices_indices(3, 1, inf).error().message == "Total of weights must be finite");
}

TEST_CASE("state copies replay the sequence") {
  PyRandom r(42);
  r.gauss();
  const PyRandom::State saved = r.state();
  const double a = r.random();
  const double g = r.gauss();
  r.set_state(saved);
  CHECK(r.random() == a);
  CHECK(r.gauss() == g);
  PyRandom copy = r;
  CHECK(copy.random() == r.random());
}

TEST_CASE("Mt19937 reference output") {
  // mt19937ar.c's published test: init_by_array({0x123, 0x234, 0x345, 0x456}) starts with
  // 1067595299 955945823 477289528.
  Mt19937 mt;
  const std::uint32_t key[] = {0x123, 0x234, 0x345, 0x456};
  mt.init_by_array(key);
  CHECK(mt.genrand_uint32() == 1067595299u);
  CHECK(mt.genrand_uint32() == 955945823u);
  CHECK(mt.genrand_uint32() == 477289528u);
  Mt19937 unseeded;  // the reference default seed 5489
  CHECK(unseeded.genrand_uint32() == 3499211612u);
}
