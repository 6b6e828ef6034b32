// Python code called back from a builtin (sorted's key, a generator resumed by next(), __hash__ /
// __eq__ from a dict, map and filter) runs in a nested interpreter loop; under a GIL
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
    // Hand-overs inside the callbacks happened (counted apart from the top-level ones): the key,
    // __hash__ twice, __eq__, map and filter. sum() and list() of a generator run their Python
    // equivalents (Builtin::consumes), which hand over at the top level.
    CHECK(r.stats.nested_yields >= 6);
    if (mode == GilMode::On) CHECK(r.stats.gil.drop_requests >= 6);
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
    sorted([1, 2], key=lambda x: [y for y in forever() if y > 1])
threading.Thread(target=spin, daemon=True).start()
sorted(range(10), key=lambda x: [y for y in forever() if y > 1])
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Legacy}) {
    CAPTURE(to_string(mode));
    // The limit counts from the run's start, and `import threading` alone takes 0.1-0.5 s in an
    // ASan build on a loaded machine: 0.3 s sometimes ended the run before its threads began.
    const Outcome r = run_real(src, mode, 0, 1.5);
    CHECK(r.status == exit_status::kTimeout);
    CHECK(r.out.empty());
    CHECK(r.err == "Stopped: time limit of 1.5 s reached.\n");
    CHECK(r.stats.nested_yields >= 1);
    CHECK(r.stats.stop_latency_ns >= 0);
  }
}

// --- blocking inside a builtin (vm::Driver::nested_block) -------------------------------------

TEST_CASE("nested block: next(), list(), sum() and sorted()'s key wait for other threads") {
  // Each wait below can only end if another thread runs while this one is inside the builtin.
  const char* src = R"PY(
import threading, queue
q = queue.Queue()
def producer(n):
    for i in range(n):
        q.put(i)
    q.put(None)
def items():
    while (item := q.get()) is not None:
        yield item
threading.Thread(target=producer, args=(50,)).start()
print(list(items())[-3:])
threading.Thread(target=producer, args=(100,)).start()
print(sum(items()))
threading.Thread(target=producer, args=(3,)).start()
g = items()
print(next(g), next(g), next(g))
lock = threading.Lock()
lock.acquire()
threading.Timer(0.01, lock.release).start()
def key(x):
    with lock:
        return -x
print(sorted(range(5), key=key))
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Legacy, GilMode::Off}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(src, mode);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "[47, 48, 49]\n4950\n0 1 2\n[4, 3, 2, 1, 0]\n");
    CHECK(r.stats.nested_blocks >= 1);  // the key's first acquire waits for the Timer
  }
}

TEST_CASE("nested block: the collector waits while a thread waits inside a builtin") {
  // sorted() holds fresh keys in C++ locals while its key function waits on a Queue; the other
  // thread allocates garbage past a tiny collection interval meanwhile. The keys must survive.
  const char* src = R"PY(
import threading, queue, time
q = queue.Queue()
def churn():
    n = 0
    for i in range(300):
        s = [str(j) + 'x' for j in range(50)]
        if i % 10 == 0:
            time.sleep(0.001)
        q.put(i)
t = threading.Thread(target=churn)
t.start()
def key(i):
    q.get()
    return [str(i * 7919 % 10007)] * 3
words = sorted(range(300), key=key)
t.join()
print(len(words), words[:3])
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Off}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(src, mode, 32 << 10);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "300 [0, 196, 57]\n");
    CHECK(r.stats.nested_blocks >= 10);  // at least once per sleep of the other thread
  }
}

TEST_CASE("nested block: a time limit and a deadlock end a thread that waits inside a builtin") {
  const char* forever = R"PY(
import time
def ticks():
    while True:
        time.sleep(0.01)
    yield 1
print(next(ticks()))
)PY";
  const char* stuck = R"PY(
import queue
q = queue.Queue()
def one():
    yield q.get()
print(next(one()))
)PY";
  for (GilMode mode : {GilMode::On, GilMode::Off}) {
    CAPTURE(to_string(mode));
    const Outcome r = run_real(forever, mode, 0, 0.3);
    CHECK(r.status == exit_status::kTimeout);
    CHECK(r.err == "Stopped: time limit of 0.3 s reached.\n");
    CHECK(r.stats.nested_blocks >= 1);
    const Outcome d = run_real(stuck, mode);
    CHECK(d.status == exit_status::kDeadlock);
    CHECK(d.out.empty());
    CHECK(d.err.rfind("Deadlock: every thread is blocked and none can wake.\n", 0) == 0);
  }
}

}  // namespace
}  // namespace interleave::run
