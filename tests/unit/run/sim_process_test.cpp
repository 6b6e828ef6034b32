// Simulated processes and GIL-off races through run_source(mode=sim) with the real VM: children
// run in parallel on the virtual cores after their start cost, messages arrive after the
// profile's latency, exit codes and kills reach the parent, fork and spawn both start, runs are
// deterministic (stdout and trace bytes), and with --gil off `counter += 1` loses updates, the
// same number for the same seed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "run/program.h"
#include "sim_run.h"
#include "temp_path.h"

namespace interleave::run {
namespace {

using test::Ran;
using test::read_all;
using test::run_sim;

std::string temp_path(const char* name) {
  return interleave::testing::temp_path(std::string("sim_process_") + name);
}

// A profile with cheap, round start costs so that small programs show the effects.
std::string write_profile(const char* name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    char* end = nullptr;
    const double v = std::strtod(word.c_str(), &end);
    if (end != word.c_str() && *end == '\0') out.push_back(v);
  }
  return out;
}

const char* const kCountdown =
    "import time\n"
    "from multiprocessing import Process\n"
    "def countdown(n):\n"
    "    while n > 0:\n"
    "        n -= 1\n"
    "if __name__ == '__main__':\n"
    "    N = 200000\n"
    "    t = time.perf_counter()\n"
    "    countdown(N)\n"
    "    one = time.perf_counter() - t\n"
    "    ps = [Process(target=countdown, args=(N // 2,)) for _ in range(2)]\n"
    "    t = time.perf_counter()\n"
    "    for p in ps: p.start()\n"
    "    for p in ps: p.join()\n"
    "    two = time.perf_counter() - t\n"
    "    print(ps[0].exitcode, ps[1].exitcode, one, two)\n";

TEST_CASE("sim processes: two spawned halves run in parallel on two cores after the spawn cost") {
  Options o;
  o.cores = 2;
  // Only the child's start costs here (the parent's and the exit are priced in the next test,
  // the resource tracker in its own).
  o.profile_path = write_profile(
      "spawn.ini",
      "[process]\nspawn = 1ms\nfirst_start = 0\nspawn_start = 0\nexit = 0\nresource_tracker = 0\n");
  const Ran r = run_sim(kCountdown, o);
  REQUIRE(r.status == 0);
  INFO(r.out << r.err);
  const std::vector<double> v = numbers(r.out);
  REQUIRE(v.size() == 4);
  CHECK(v[0] == 0);
  CHECK(v[1] == 0);
  const double one = v[2], two = v[3];
  // Each child: the 1 ms start, re-running the module, then half the work, at once on 2 cores.
  CHECK(two > 0.001 + 0.5 * one);
  CHECK(two < 0.001 + 0.6 * one);

  // One core: the halves take turns, the whole work again plus the starts.
  o.cores = 1;
  const std::vector<double> w = numbers(run_sim(kCountdown, o).out);
  REQUIRE(w.size() == 4);
  CHECK(w[3] > w[2]);
}

// Prints, in ms since the first start(): each start() returning, each child's target beginning
// with the CPU its process used until then, each join() returning.
const char* const kPhases =
    "import multiprocessing as mp, sys, time\n"
    "def work(i, t0):\n"
    "    print('enter', i, round((time.monotonic() - t0) * 1e3, 3),\n"
    "          round(time.process_time() * 1e3, 3))\n"
    "if __name__ == '__main__':\n"
    "    mp.set_start_method(sys.argv[1])\n"
    "    t0 = time.monotonic()\n"
    "    ps = [mp.Process(target=work, args=(i, t0)) for i in range(int(sys.argv[2]))]\n"
    "    for i, p in enumerate(ps):\n"
    "        p.start()\n"
    "        print('start', i, round((time.monotonic() - t0) * 1e3, 3))\n"
    "    for i, p in enumerate(ps):\n"
    "        p.join()\n"
    "        print('join', i, round((time.monotonic() - t0) * 1e3, 3))\n";

// "start 0 4.01\nenter 0 14.2 10.1\n..." -> {"start0": 4.01, "enter0": 14.2, "enter_cpu0": 10.1}
std::map<std::string, double> phases(const std::string& out) {
  std::map<std::string, double> m;
  std::istringstream in(out);
  std::string what, i;
  double v = 0;
  while (in >> what >> i >> v) {
    m[what + i] = v;
    if (what == "enter") in >> m["enter_cpu" + i];
  }
  return m;
}

TEST_CASE("sim processes: spawn costs the parent's start, the child's start-up and exit on cores") {
  // Hand-worked with round costs (ms): the parent's first start() 3 + 1, a second start() 1;
  // a child: runnable when its start() returned, 10 of CPU before its target (+ the module
  // re-run and the bootstrap's bytecode, well under 0.2), 5 of finalisation after it, then
  // the parent's join() wakes after a wake-up (10-12 us). No resource tracker (its own test).
  Options o;
  o.profile_path = write_profile(
      "phases.ini",
      "[process]\nfirst_start = 3ms\nspawn_start = 1ms\nspawn = 10ms\nexit = 5ms\n"
      "resource_tracker = 0\n");
  o.argv = {"prog.py", "spawn", "2"};
  o.cores = 2;
  Ran r = run_sim(kPhases, o);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::map<std::string, double> m = phases(r.out);
  CHECK(m["start0"] == doctest::Approx(4.0).epsilon(0.02));
  CHECK(m["start1"] == doctest::Approx(5.0).epsilon(0.02));
  // Two cores: each child starts up on its own core while the parent waits in join().
  CHECK(m["enter0"] >= 14.0);
  CHECK(m["enter0"] < 14.2);
  CHECK(m["enter1"] >= 15.0);
  CHECK(m["enter1"] < 15.2);
  // process_time() is the child's own CPU: its start-up and a little bytecode.
  CHECK(m["enter_cpu0"] >= 10.0);
  CHECK(m["enter_cpu0"] < 10.2);
  CHECK(m["join0"] >= m["enter0"] + 5.0 + 0.010);
  CHECK(m["join0"] < m["enter0"] + 5.0 + 0.2);
  CHECK(m["join1"] >= m["enter1"] + 5.0 + 0.010);
  CHECK(m["join1"] < m["enter1"] + 5.0 + 0.2);

  // One core: the two start-ups and finalisations take turns with each other, so the second
  // join returns after the parent's 5 and both children's 10 + 5 at least.
  o.cores = 1;
  r = run_sim(kPhases, o);
  REQUIRE(r.status == 0);
  m = phases(r.out);
  CHECK(m["join1"] >= 5.0 + 2 * (10.0 + 5.0));
  CHECK(m["join1"] < 5.0 + 2 * (10.0 + 5.0) + 0.5);
}

TEST_CASE("sim processes: the first spawn starts the resource tracker, which takes its CPU") {
  // The costs of the test above, and a tracker of 20 ms that the first start() starts beside
  // the children (or none).
  const char* const kCosts =
      "[process]\nfirst_start = 3ms\nspawn_start = 1ms\nspawn = 10ms\nexit = 5ms\n";
  Options o;
  o.argv = {"prog.py", "spawn", "2"};
  o.cores = 1;
  o.profile_path =
      write_profile("no_tracker.ini", std::string(kCosts) + "resource_tracker = 0\n");
  Ran r = run_sim(kPhases, o);
  REQUIRE(r.status == 0);
  const double alone = phases(r.out)["join1"];
  CHECK(alone >= 5.0 + 2 * (10.0 + 5.0));

  o.profile_path =
      write_profile("tracker.ini", std::string(kCosts) + "resource_tracker = 20ms\n");
  o.summary_path = temp_path("tracker_summary.json");
  r = run_sim(kPhases, o);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::map<std::string, double> m = phases(r.out);
  // One core, taken in turns: the tracker's start-up delays the children by its share of the
  // core until they end (most of its 20 ms), never by more than all of it.
  CHECK(m["join1"] > alone + 10.0);
  CHECK(m["join1"] <= alone + 20.0 + 0.5);
  // The tracker is a process of the run with its CPU, not one of the program's children: they
  // keep their pids.
  const std::string summary = read_all(o.summary_path);
  CHECK(summary.find("\"name\":\"resource tracker\"") != std::string::npos);
  CHECK(summary.find("\"name\":\"Process 1001\"") != std::string::npos);
  CHECK(summary.find("\"name\":\"Process 1002\"") != std::string::npos);

  // Two cores, per-core run queues: the tracker runs from the first start() on the core the
  // parent does not use; the first child, runnable at 4, queues behind the parent and has core
  // 0 to itself from 5 (its target at 15, as without a tracker); the second joins the shorter
  // queue, the tracker's, and shares core 1 with it (10 ms of start-up in about 17). A single
  // queue for both cores would have rotated the three evenly (both targets at 18-23).
  o.cores = 2;
  r = run_sim(kPhases, o);
  REQUIRE(r.status == 0);
  m = phases(r.out);
  CHECK(std::min(m["enter0"], m["enter1"]) >= 15.0);
  CHECK(std::min(m["enter0"], m["enter1"]) < 15.2);
  CHECK(std::max(m["enter0"], m["enter1"]) > 20.0);

  // Fork starts no tracker.
  o.argv = {"prog.py", "fork", "2"};
  r = run_sim(kPhases, o);
  REQUIRE(r.status == 0);
  CHECK(read_all(o.summary_path).find("resource tracker") == std::string::npos);
}

TEST_CASE("sim processes: fork costs the parent's fork() and the child's after-fork CPU") {
  // The parent: first start 3 + fork 2, then 2 for the second; a fork child: 4 of CPU before
  // its target (the snapshot's restore and bootstrap bytecode on top), no finalisation
  // (os._exit), the join's wake-up.
  Options o;
  o.profile_path = write_profile("fork_phases.ini",
                                 "[process]\nfirst_start = 3ms\nfork = 2ms\nfork_per_mib = 0\n"
                                 "fork_child = 4ms\nfork_per_kib = 0\nexit = 50ms\n");
  o.argv = {"prog.py", "fork", "2"};
  o.cores = 2;
  const Ran r = run_sim(kPhases, o);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::map<std::string, double> m = phases(r.out);
  CHECK(m["start0"] == doctest::Approx(5.0).epsilon(0.02));
  CHECK(m["start1"] == doctest::Approx(7.0).epsilon(0.02));
  CHECK(m["enter0"] >= 9.0);
  CHECK(m["enter0"] < 9.5);
  CHECK(m["enter_cpu0"] >= 4.0);
  CHECK(m["enter_cpu0"] < 4.5);
  // process.exit is the finalisation of a spawned interpreter: a fork child leaves by os._exit.
  CHECK(m["join0"] < m["enter0"] + 0.2);
  CHECK(m["join1"] < m["enter1"] + 0.2);
}

TEST_CASE("sim processes: a round trip through a Pipe costs two messages and the pickled bytes") {
  const char* const kEcho =
      "import time\n"
      "from multiprocessing import Process, Pipe\n"
      "def echo(conn):\n"
      "    conn.send(conn.recv())\n"
      "if __name__ == '__main__':\n"
      "    a, b = Pipe()\n"
      "    p = Process(target=echo, args=(b,))\n"
      "    p.start()\n"
      "    a.send('warm-up is the child start')\n"
      "    a.recv()\n"
      "    p.join()\n"
      "    p = Process(target=echo, args=(b,))\n"
      "    p.start()\n"
      "    time.sleep(1)\n"
      "    t = time.perf_counter()\n"
      "    a.send('x' * 1024 * 100)\n"
      "    a.recv()\n"
      "    print(time.perf_counter() - t)\n"
      "    p.join()\n";
  Options o;
  o.profile_path =
      write_profile("ipc.ini", "[process]\nspawn = 1ms\nipc_message = 1ms\nipc_per_kib = 1us\n");
  o.summary_path = temp_path("ipc_summary.json");
  const Ran r = run_sim(kEcho, o);
  const std::string summary = read_all(o.summary_path);
  std::remove(o.summary_path.c_str());
  CHECK(summary.find("\"messages\":4,") != std::string::npos);  // 2 round trips
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  const std::vector<double> v = numbers(r.out);
  REQUIRE(v.size() == 1);
  // Two messages of 1 ms, 100 KiB pickled twice at 1 us per KiB, plus the bytecode around.
  CHECK(v[0] >= 0.002 + 0.0002);
  CHECK(v[0] < 0.002 + 0.0002 + 0.0002);
}

TEST_CASE("sim processes: exit codes, terminate, os.abort and both start methods") {
  const char* const kCodes =
      "import multiprocessing as mp, os, sys, time\n"
      "def ok(): pass\n"
      "def fail(): sys.exit(3)\n"
      "def crash(): os.abort()\n"
      "def forever():\n"
      "    while True: pass\n"
      "def run(method):\n"
      "    ctx = mp.get_context(method)\n"
      "    ps = [ctx.Process(target=f) for f in (ok, fail, crash, forever)]\n"
      "    for p in ps: p.start()\n"
      "    for p in ps[:3]: p.join()\n"
      "    ps[3].terminate()\n"
      "    ps[3].join()\n"
      "    print(method, [p.exitcode for p in ps])\n"
      "if __name__ == '__main__':\n"
      "    run('spawn')\n"
      "    run('fork')\n";
  Options o;
  o.profile_path = write_profile("codes.ini", "[process]\nspawn = 1ms\n");
  const Ran r = run_sim(kCodes, o);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "spawn [0, 3, -6, -15]\nfork [0, 3, -6, -15]\n");
}

TEST_CASE("sim processes: the same program gives the same output and trace bytes") {
  const char* const kQueue =
      "import multiprocessing as mp\n"
      "def work(q, i):\n"
      "    for k in range(20):\n"
      "        q.put((i, k))\n"
      "if __name__ == '__main__':\n"
      "    q = mp.Queue()\n"
      "    ps = [mp.Process(target=work, args=(q, i)) for i in range(3)]\n"
      "    for p in ps: p.start()\n"
      "    got = [q.get() for _ in range(60)]\n"
      "    for p in ps: p.join()\n"
      "    print(got)\n";
  Options o;
  std::string out[2], trace[2];
  for (int i = 0; i < 2; ++i) {
    o.trace_path = temp_path(i == 0 ? "trace1.json" : "trace2.json");
    const Ran r = run_sim(kQueue, o);
    REQUIRE(r.status == 0);
    out[i] = r.out;
    trace[i] = read_all(o.trace_path);
    std::remove(o.trace_path.c_str());
  }
  CHECK(out[0] == out[1]);
  CHECK(trace[0] == trace[1]);
  CHECK(trace[0].find("Process 1001") != std::string::npos);  // the children have lanes
  CHECK(out[0].size() > 60 * 6);
}

TEST_CASE("sim --gil off: counter += 1 in two threads loses updates, the same for a seed") {
  const char* const kRace =
      "import threading\n"
      "N = 20000\n"
      "counter = 0\n"
      "def unsafe():\n"
      "    global counter\n"
      "    for _ in range(N):\n"
      "        counter += 1\n"
      "ts = [threading.Thread(target=unsafe) for _ in range(2)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n"
      "print(2 * N - counter)\n";
  auto lost = [&](const char* gil, std::uint64_t seed) {
    Options o;
    o.gil = gil;
    o.seed = seed;
    o.cores = 2;
    const Ran r = run_sim(kRace, o);
    REQUIRE(r.status == 0);
    return std::stoll(r.out);
  };
  const long long a = lost("off", 1);
  CHECK(a > 0);
  CHECK(a < 20000);
  CHECK(lost("off", 1) == a);
  bool differs = false;
  for (std::uint64_t s = 2; s < 6 && !differs; ++s) differs = lost("off", s) != a;
  CHECK(differs);
  // With the GIL a thread switch happens only at a safepoint, never inside `counter += 1`.
  CHECK(lost("on", 1) == 0);
  // One core: the threads never overlap, so nothing is lost even without the GIL.
  Options one;
  one.gil = "off";
  one.cores = 1;
  CHECK(run_sim(kRace, one).out == "0\n");
}

}  // namespace
}  // namespace interleave::run
