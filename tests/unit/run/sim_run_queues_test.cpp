// The simulator's per-core run queues (sim_driver.cpp, "[per-core run queues]"): with more
// runnable threads than cores, each waiting thread belongs to one core's queue, so three
// CPU-bound threads on two cores split two and one (as Linux leaves them) instead of rotating
// evenly over both cores; an idle core pulls a waiting thread at once.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run/program.h"
#include "sim_run.h"
#include "temp_path.h"

namespace interleave::run {
namespace {

// Three threads spinning at once with the GIL off (so all three want a core all the time) for
// many time slices (1 ms here), each noting when it ends, after one spin alone: virtual ms.
const char* const kThreeOnTwo =
    "import threading, time\n"
    "def spin(n, t0, ends):\n"
    "    while n > 0:\n"
    "        n -= 1\n"
    "    ends.append(round((time.monotonic() - t0) * 1e3, 3))\n"
    "N = 300000\n"
    "alone = []\n"
    "t0 = time.monotonic()\n"
    "spin(N, t0, alone)\n"
    "ends = []\n"
    "t0 = time.monotonic()\n"
    "ts = [threading.Thread(target=spin, args=(N, t0, ends)) for _ in range(3)]\n"
    "for t in ts: t.start()\n"
    "for t in ts: t.join()\n"
    "print(alone[0], *sorted(ends))\n";

std::vector<double> numbers(const std::string& text) {
  std::vector<double> v;
  std::istringstream in(text);
  double x = 0;
  while (in >> x) v.push_back(x);
  return v;
}

TEST_CASE("sim run queues: three spinning threads on two cores split two and one") {
  Options o;
  o.gil = "off";
  o.cores = 2;
  o.profile_path = interleave::testing::temp_path("run_queues.ini");
  std::ofstream(o.profile_path, std::ios::binary) << "[os]\ntime_slice = 1ms\n";
  const test::Ran r = test::run_sim(kThreeOnTwo, o);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  const std::vector<double> v = numbers(r.out);
  REQUIRE(v.size() == 4);
  const double alone = v[0];
  REQUIRE(alone > 1.0);
  // The thread alone on its core ends about when one thread alone does (its start and the
  // others' starts on the way); a single queue rotating the three would end none before
  // 1.5x (each getting two thirds of a core).
  CHECK(v[1] < alone * 1.1);
  // The two sharing the other core had half of it until then, and then a core each (the idle
  // core pulls one of them at once): they end at about 1.5x.
  CHECK(v[2] > alone * 1.4);
  CHECK(v[3] < alone * 1.6);
}

}  // namespace
}  // namespace interleave::run
