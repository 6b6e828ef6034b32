// Whole Python programs through run_source(mode=sim): the VM's cost accounting, the simulator and
// the --trace / --summary files together. Checks determinism (same program twice: the same stdout
// and the same trace bytes), the deterministic process facts, virtual time, usage errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "run/program.h"
#include "temp_path.h"

namespace interleave::run {
namespace {

struct Ran {
  int status = -1;
  std::string out, err;
};

Ran run_with(const std::string& source, Options o) {
  Ran r;
  r.status = run_source(source, "prog.py", o, [&](int fd, std::string_view text) {
    (fd == 2 ? r.err : r.out).append(text);
  });
  return r;
}

Options sim_options() {
  Options o;
  o.mode = "sim";
  o.timeout = 30;
  return o;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const char* name) {
  return interleave::testing::temp_path(std::string("sim_program_") + name);
}

const char* const kRace =
    "import threading, random, os, time\n"
    "n = 0\n"
    "lock = threading.Lock()\n"
    "def work():\n"
    "    global n\n"
    "    for i in range(3000):\n"
    "        with lock:\n"
    "            n += 1\n"
    "t0 = time.perf_counter()\n"
    "ts = [threading.Thread(target=work) for _ in range(4)]\n"
    "for t in ts: t.start()\n"
    "for t in ts: t.join()\n"
    "print(n, random.random(), os.getpid(), os.getppid(), os.cpu_count())\n"
    "print(time.perf_counter() - t0)\n";

TEST_CASE("sim programs: the same program twice gives the same stdout, trace and summary") {
  Options o = sim_options();
  o.trace_path = temp_path("a.json");
  o.summary_path = temp_path("a_summary.json");
  Ran a = run_with(kRace, o);
  const std::string trace_a = read_all(o.trace_path);
  const std::string summary_a = read_all(o.summary_path);
  o.trace_path = temp_path("b.json");
  o.summary_path = temp_path("b_summary.json");
  Ran b = run_with(kRace, o);
  const std::string trace_b = read_all(o.trace_path);
  const std::string summary_b = read_all(o.summary_path);
  CHECK(a.status == 0);
  CHECK(a.err.empty());
  CHECK(a.out == b.out);
  CHECK(!trace_a.empty());
  CHECK(trace_a == trace_b);
  CHECK(summary_a.find("\"format\":\"interleave-summary\"") != std::string::npos);
  CHECK(summary_a == summary_b);
  // Deterministic process facts and random seeded with 0: no --seed given.
  CHECK(a.out.rfind("12000 0.8444218515250481 1000 999 4\n", 0) == 0);
  for (const char* name : {"a.json", "a_summary.json", "b.json", "b_summary.json"}) {
    std::remove(temp_path(name).c_str());
  }
}

TEST_CASE("sim programs: --seed and --cores reach random and os.cpu_count") {
  Options o = sim_options();
  o.seed = 7;
  o.cores = 8;
  Ran r = run_with("import random, os\nprint(random.random(), os.cpu_count())\n", o);
  CHECK(r.status == 0);
  CHECK(r.out == "0.32383276483316237 8\n");
}

TEST_CASE("sim programs: virtual time advances by the cost of the executed bytecode") {
  // 100000 iterations of countdown in a function, 54 ns each with the built-in profile (four
  // loads, COMPARE_OP, two jumps, BINARY_OP, STORE_FAST): 5.4 ms, the same every run; a VM that
  // did not count would be charged whole budgets instead.
  const char* src =
      "import time\n"
      "def countdown(n):\n"
      "    while n > 0:\n"
      "        n -= 1\n"
      "t0 = time.perf_counter()\n"
      "countdown(100000)\n"
      "dt = time.perf_counter() - t0\n"
      "print(0.0053 < dt < 0.0055, dt)\n";
  Ran a = run_with(src, sim_options());
  CHECK(a.status == 0);
  CHECK(a.out.rfind("True ", 0) == 0);
  CHECK(a.out == run_with(src, sim_options()).out);
}

TEST_CASE("sim programs: exit statuses: deadlock, time limit, uncaught exception, usage") {
  Ran d =
      run_with("import threading\nl = threading.Lock()\nl.acquire()\nl.acquire()\n", sim_options());
  CHECK(d.status == exit_status::kDeadlock);
  CHECK(!d.err.empty());

  Options o = sim_options();
  o.timeout = 0.5;
  Ran t = run_with("while True: pass\n", o);
  CHECK(t.status == exit_status::kTimeout);

  Ran e = run_with("raise ValueError('x')\n", sim_options());
  CHECK(e.status == exit_status::kError);
  CHECK(e.err.find("ValueError: x") != std::string::npos);

  o = sim_options();
  o.gil = "sometimes";
  Ran u = run_with("print(1)\n", o);
  CHECK(u.status == exit_status::kUsage);
  CHECK(u.err.find("--gil") != std::string::npos);
  CHECK(u.out.empty());
}

TEST_CASE("trace files: real mode writes both; an unwritable path is reported, status kept") {
  Options o;
  o.mode = "real";
  o.timeout = 30;
  o.trace_path = temp_path("real.json");
  o.summary_path = temp_path("real_summary.json");
  Ran r = run_with(
      "import threading\nt = threading.Thread(target=print, args=(1,))\n"
      "t.start()\nt.join()\n",
      o);
  CHECK(r.status == 0);
  CHECK(r.out == "1\n");
  CHECK(read_all(o.trace_path).find("\"traceEvents\"") != std::string::npos);
  CHECK(read_all(o.summary_path).find("\"threads\"") != std::string::npos);
  std::remove(o.trace_path.c_str());
  std::remove(o.summary_path.c_str());

  Options s = sim_options();
  s.trace_path = "/nonexistent-dir/x.json";
  Ran w = run_with("print(2)\n", s);
  CHECK(w.status == 0);
  CHECK(w.out == "2\n");
  CHECK(w.err.find("cannot write trace '/nonexistent-dir/x.json'") != std::string::npos);
}

}  // namespace
}  // namespace interleave::run
