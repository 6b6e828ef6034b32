// Python code called back from a builtin (sorted's key, a generator consumed by sum() or list(),
// __hash__ / __eq__ from a dict, map and filter) runs in a nested interpreter loop; under a GIL
// the real driver hands the GIL over there too (vm::Driver::nested_safepoint), as CPython does.
// The programs check it from inside: a callback spins until another thread has appended to a
// list, which can only happen if the GIL changed hands while the builtin was on the C++ stack.
// No wall-clock bound is asserted: without the hand-over a spin ends at its cap and prints False.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "run/program.h"
#include "run/real_driver.h"
#include "vm/interp.h"

namespace interleave::run {
namespace {

struct Outcome {
  int status = -1;
  std::string out, err;
  RealDriverStats stats;
};

// The real driver and the VM, as run_source wires them, with the collector's interval exposed.
Outcome run_real(const std::string& source, GilMode mode, std::int64_t gc_interval = 0,
                 double timeout = 120) {
  Options options;
  options.gil = std::string(to_string(mode));
  options.timeout = timeout;
  Outcome r;
  RealDriver driver(mode, options, [&](int fd, std::string_view text) {
    (fd == 2 ? r.err : r.out).append(text);
  });
  vm::Config config;
  config.gc_interval = gc_interval;
  config.free_threaded = mode == GilMode::Off;
  vm::Interpreter interp(driver, config);
  std::string syntax_error;
  vm::Thread* main = interp.load_main(source, "prog.py", &syntax_error);
  REQUIRE_MESSAGE(main != nullptr, syntax_error);
  const RunResult result = driver.run(*main);
  r.status = result.exit_status;
  r.stats = driver.stats();
  return r;
}

// A ticker thread appends to `ticks`; each callback waits (spinning, inside the builtin) until
// the ticker appended again, or gives up after CAP rounds (seconds of CPU: a failure, not a
// timing). Every case prints its name and whether the ticker ran during the builtin.
const char* const kTickerProgram = R"PY(
import threading
ticks = []
stop = False
def ticker():
    while not stop:
        ticks.append(1)
t = threading.Thread(target=ticker)
t.start()
while not ticks:
    pass
CAP = 20000000
results = []
def ticker_ran():
    seen = len(ticks)
    i = 0
    while len(ticks) == seen and i < CAP:
        i += 1
    return i < CAP
def key(x):
    if x == 5:
        results.append(('sorted key', ticker_ran()))
    return -x
print(sorted(range(10), key=key)[:3])
def gen(name):
    seen = len(ticks)
    i = 0
    while len(ticks) == seen and i < CAP:
        yield 1
        i += 1
    results.append((name, i < CAP))
sum(gen('sum(gen())'))
list(gen('list(gen())'))
class K:
    def __hash__(self):
        results.append(('__hash__', ticker_ran()))
        return 1
    def __eq__(self, other):
        results.append(('__eq__', ticker_ran()))
        return True
d = {K(): 'x'}
print(d[K()])
list(map(lambda x: results.append(('map', ticker_ran())), [1]))
list(filter(lambda x: results.append(('filter', ticker_ran())), [1]))
stop = True
t.join()
for name, ran in results:
    print(name, ran)
)PY";

const char* const kTickerExpected =
    "[9, 8, 7]\n"
    "x\n"
    "sorted key True\n"
    "sum(gen()) True\n"
    "list(gen()) True\n"
    "__hash__ True\n"
    "__hash__ True\n"
    "__eq__ True\n"
    "map True\n"
    "filter True\n";

TEST_CASE("nested GIL: other threads run while a builtin calls back into Python") {
  for (GilMode mode : {GilMode::On, GilMode::Legacy}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(kTickerProgram, mode);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == kTickerExpected);
    // Hand-overs inside the callbacks happened (counted apart from the top-level ones).
    CHECK(r.stats.nested_yields >= 8);
    if (mode == GilMode::On) CHECK(r.stats.gil.drop_requests >= 8);
  }
}

TEST_CASE("nested GIL: the collector waits while a thread is switched out inside a builtin") {
  // The main thread sorts fresh objects with a key that allocates and lets the GIL go; the
  // other thread allocates garbage meanwhile, past a tiny collection interval. Values held only
  // by the sort (C++ locals) must survive: the result is checked (and ASan checks the memory).
  const char* src = R"PY(
import threading
stop = False
def churn():
    n = 0
    while not stop:
        s = [str(i) + 'x' for i in range(50)]
        n += len(s)
t = threading.Thread(target=churn)
t.start()
def key(s):
    junk = [s + str(i) for i in range(20)]
    return junk[-1]
words = sorted([str(i * 7919 % 10007) for i in range(3000)], key=key)
ok = all(words[i] + '19' <= words[i + 1] + '19' for i in range(len(words) - 1))
stop = True
t.join()
print(len(words), ok, words[0], words[-1])
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Legacy}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(src, mode, 32 << 10);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "3000 True 0 9997\n");
  }
}

TEST_CASE("nested GIL: a time limit ends threads that wait for the GIL inside a builtin") {
  // Both threads spend their time in nested loops and hand the GIL to each other there.
  const char* src = R"PY(
import threading
def forever():
    while True:
        yield 1
def spin():
    sum(forever())
threading.Thread(target=spin, daemon=True).start()
sorted(range(10), key=lambda x: sum(forever()))
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Legacy}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(src, mode, 0, 0.3);
    CHECK(r.status == exit_status::kTimeout);
    CHECK(r.out.empty());
    CHECK(r.err == "Stopped: time limit of 0.3 s reached.\n");
    CHECK(r.stats.nested_yields >= 1);
    CHECK(r.stats.stop_latency_ns >= 0);
  }
}

}  // namespace
}  // namespace interleave::run
