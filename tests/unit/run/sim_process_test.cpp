// Simulated processes and GIL-off races through run_source(mode=sim) with the real VM: children
// run in parallel on the virtual cores after their start cost, messages arrive after the
// profile's latency, exit codes and kills reach the parent, fork and spawn both start, runs are
// deterministic (stdout and trace bytes), and with --gil off `counter += 1` loses updates, the
// same number for the same seed.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "run/program.h"
#include "sim_run.h"

namespace interleave::run {
namespace {

using test::Ran;
using test::read_all;
using test::run_sim;

std::string temp_path(const char* name) {
  return std::string(P_tmpdir) + "/interleave_sim_process_" + name;
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
  o.profile_path = write_profile("spawn.ini", "[process]\nspawn = 1ms\n");
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
