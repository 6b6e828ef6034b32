// The simulator's fork (run/sim_process_host.cpp over ipc/heap_snapshot.h) through
// run_source(mode=sim) with the real VM: a fork child gets a copy of the parent's heap, so writes
// on either side after the fork are invisible to the other, as with fork(); a spawn child re-runs
// the module instead; a parent joining a long-running fork child is not a deadlock; the start
// cost grows with the snapshot (process.fork_per_kib); runs stay deterministic for every seed.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "run/program.h"
#include "sim_run.h"
#include "temp_path.h"

namespace interleave::run {
namespace {

using test::Ran;
using test::read_all;
using test::run_sim;

const char* const kIsolation = R"PY(
import multiprocessing as mp
import os
import time

counter = 0
items = ['before']
print('module ran as', __name__)

def child(q, parent):
    global counter
    time.sleep(0.01)          # the parent writes meanwhile
    q.put(('child sees', counter, items))
    counter += 100
    items.append('child')
    q.put(('child wrote', counter, items, os.getppid() == parent, os.getpid() != parent))

if __name__ == '__main__':
    counter = 1
    q = mp.Queue()
    p = mp.Process(target=child, args=(q, os.getpid()))
    p.start()
    counter = 2
    items.append('parent')
    print(q.get())
    print(q.get())
    p.join()
    print('parent sees', counter, items, p.exitcode)
)PY";

TEST_CASE("sim fork: the child's writes and the parent's are invisible to each other") {
  Options o;
  o.start_method = "fork";
  const Ran r = run_sim(kIsolation, o);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "module ran as __main__\n"
        "('child sees', 1, ['before'])\n"
        "('child wrote', 101, ['before', 'child'], True, True)\n"
        "parent sees 2 ['before', 'parent'] 0\n");
}

TEST_CASE("sim spawn: the child re-runs the module and sees none of the parent's writes") {
  Options o;
  o.start_method = "spawn";
  const Ran r = run_sim(kIsolation, o);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "module ran as __main__\n"
        "module ran as __mp_main__\n"
        "('child sees', 0, ['before'])\n"
        "('child wrote', 100, ['before', 'child'], True, True)\n"
        "parent sees 2 ['before', 'parent'] 0\n");
}

TEST_CASE("sim fork: a fork child's own children, forked and spawned, see its program") {
  // The spawned grandchild pickles a Point as __mp_main__.Point; the fork child resolves it in
  // its restored __main__ (also installed as __mp_main__).
  const char* const kNested = R"PY(
import multiprocessing as mp

class Point:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return 'Point(%r)' % self.x

seen = []

def grand(q, how):
    seen.append(how)
    q.put((Point(len(seen)), list(seen)))

def child(q):
    seen.append('child')
    for how in ('fork', 'spawn'):
        ctx = mp.get_context(how)
        q2 = ctx.Queue()
        p = ctx.Process(target=grand, args=(q2, how))
        p.start()
        got, grand_seen = q2.get()
        p.join()
        q.put((how, got, type(got) is Point, grand_seen, p.exitcode))

if __name__ == '__main__':
    mp.set_start_method('fork')
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    p.start()
    print(q.get())
    print(q.get())
    p.join()
    print(seen, p.exitcode)
)PY";
  const Ran r = run_sim(kNested, Options{});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "('fork', Point(2), True, ['child', 'fork'], 0)\n"
        "('spawn', Point(1), True, ['spawn'], 0)\n"
        "[] 0\n");
}

TEST_CASE("sim fork: a parent joining children that run for a second is not a deadlock") {
  // With the shared heap of old, the first child's _bootstrap cleared the parent's
  // multiprocessing._children, and the join's deadlock check saw no live child: exit 3.
  const char* const kLong = R"PY(
import multiprocessing as mp
import time

def work(n):
    time.sleep(1.0)

if __name__ == '__main__':
    mp.set_start_method('fork')
    ps = [mp.Process(target=work, args=(i,)) for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('done', [p.exitcode for p in ps], mp.current_process().name)
)PY";
  const Ran r = run_sim(kLong, Options{});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "done [0, 0] MainProcess\n");
}

TEST_CASE("sim fork: the start cost grows with the snapshot (process.fork_per_kib)") {
  // The child reports the virtual time it began at; the parent knows when it forked.
  const char* const kStart = R"PY(
import multiprocessing as mp
import time
import sys

ballast = list(range(int(sys.argv[1])))

def report(q):
    q.put(time.perf_counter())

if __name__ == '__main__':
    mp.set_start_method('fork')
    q = mp.Queue()
    p = mp.Process(target=report, args=(q,))
    t = time.perf_counter()
    p.start()
    print(q.get() - t)
    p.join()
)PY";
  const std::string profile = interleave::testing::temp_path("sim_fork.ini");
  std::ofstream(profile) << "[process]\nfork = 1ms\nfork_per_mib = 0\nfork_per_kib = 1us\n";
  auto start_delay = [&](const char* n) {
    Options o;
    o.profile_path = profile;
    o.argv = {"prog.py", n};
    const Ran r = run_sim(kStart, o);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return std::stod(r.out);
  };
  const double small = start_delay("10");
  const double big = start_delay("20000");
  // 20000 more ints in the snapshot: 9 bytes each (a tag and 8 bytes), about 176 KiB at 1 us.
  CHECK(small > 0.001);
  CHECK(big - small > 0.000150);
  CHECK(big - small < 0.000250);
}

TEST_CASE("sim fork: the same seed gives the same output and trace, every seed runs to its end") {
  // Two children and a Pipe and a Queue, on 2 cores: GIL hand-offs and message arrivals interleave
  // differently per seed, never into a deadlock or a different result.
  const char* const kMix = R"PY(
import multiprocessing as mp

def square(conn, q, n):
    total = 0
    for i in range(n):
        total += i * i
    conn.send(total)
    q.put(n)

if __name__ == '__main__':
    mp.set_start_method('fork')
    a, b = mp.Pipe()
    q = mp.Queue()
    ps = [mp.Process(target=square, args=(b, q, 2000 * (k + 1))) for k in range(2)]
    for p in ps:
        p.start()
    got = sorted([a.recv(), a.recv()])
    ns = sorted([q.get(), q.get()])
    for p in ps:
        p.join()
    print(got, ns, [p.exitcode for p in ps])
)PY";
  const std::string trace = interleave::testing::temp_path("sim_fork_trace");
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    Options o;
    o.cores = 2;
    o.seed = seed;
    o.trace_path = trace + "1.json";
    const Ran first = run_sim(kMix, o);
    o.trace_path = trace + "2.json";
    const Ran second = run_sim(kMix, o);
    INFO("seed " << seed << ": " << first.err);
    REQUIRE(first.status == 0);
    CHECK(first.out == "[2664667000, 21325334000] [2000, 4000] [0, 0]\n");
    CHECK(second.out == first.out);
    CHECK(read_all(trace + "1.json") == read_all(trace + "2.json"));
  }
}

}  // namespace
}  // namespace interleave::run
