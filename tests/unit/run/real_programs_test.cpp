// Whole Python programs through run_source(mode=real): the VM and the real-thread driver together,
// in every GIL mode. Checks what the driver owns: exit statuses, the deadlock report, time limits
// with `while True: pass`, wake-ups under lock contention, sleeps overlapping, exits.
#include <doctest/doctest.h>

#include <chrono>
#include <regex>
#include <string>

#include "run/program.h"

namespace interleave::run {
namespace {

struct Ran {
  int status = -1;
  std::string out, err;
  double ms = 0;
};

Ran run_real(const std::string& source, const char* gil, double timeout = 20) {
  Options o;
  o.mode = "real";
  o.gil = gil;
  o.timeout = timeout;
  Ran r;
  const auto t0 = std::chrono::steady_clock::now();
  r.status = run_source(source, "prog.py", o, [&](int fd, std::string_view text) {
    (fd == 2 ? r.err : r.out).append(text);
  });
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

const char* const kModes[] = {"on", "legacy", "off"};

TEST_CASE("real programs: a thread re-acquiring a Lock is reported as a deadlock") {
  const char* src =
      "import threading\n"
      "lock = threading.Lock()\n"
      "def f():\n"
      "    with lock:\n"
      "        with lock:\n"
      "            print('never')\n"
      "t = threading.Thread(target=f)\n"
      "t.start()\n"
      "t.join()\n";
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    const Ran r = run_real(src, mode);
    CHECK(r.status == exit_status::kDeadlock);
    CHECK(r.out.empty());
    CHECK(std::regex_match(r.err,
                           std::regex("Deadlock: every thread is blocked and none can wake\\.\n"
                                      "  MainThread waits for .*, held by Thread-1 \\(f\\)\n"
                                      "  Thread-1 \\(f\\) waits for Lock .*, held by "
                                      "Thread-1 \\(f\\)\n")));
    CHECK(r.ms < 5000);
  }
}

TEST_CASE("real programs: two locks in opposite orders") {
  const char* src =
      "import threading, time\n"
      "a = threading.Lock()\n"
      "b = threading.Lock()\n"
      "def one():\n"
      "    with a:\n"
      "        time.sleep(0.05)\n"
      "        with b:\n"
      "            pass\n"
      "def two():\n"
      "    with b:\n"
      "        time.sleep(0.05)\n"
      "        with a:\n"
      "            pass\n"
      "t1 = threading.Thread(target=one)\n"
      "t2 = threading.Thread(target=two)\n"
      "t1.start(); t2.start()\n"
      "t1.join(); t2.join()\n";
  const Ran r = run_real(src, "on");
  CHECK(r.status == exit_status::kDeadlock);
  CHECK(std::regex_search(r.err, std::regex("  Thread-1 \\(one\\) waits for .*, held by "
                                            "Thread-2 \\(two\\)\n")));
  CHECK(std::regex_search(r.err, std::regex("  Thread-2 \\(two\\) waits for .*, held by "
                                            "Thread-1 \\(one\\)\n")));
}

TEST_CASE("real programs: two `while True: pass` threads stop at the time limit") {
  const char* src =
      "import threading\n"
      "def spin():\n"
      "    while True:\n"
      "        pass\n"
      "ts = [threading.Thread(target=spin) for _ in range(2)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n";
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    const Ran r = run_real(src, mode, 0.3);
    CHECK(r.status == exit_status::kTimeout);
    CHECK(r.ms >= 300);
    CHECK(r.ms < 1300);
    MESSAGE(std::string(mode) << ": stopped after " << r.ms << " ms (limit 300 ms)");
  }
}

TEST_CASE("real programs: a run stopped inside a generator ends cleanly, in each driver") {
  // The generator's frame is linked into the thread's frames when the time limit abandons the
  // run (a for loop, sum() through its Python equivalent): tearing the interpreter down must free
  // it once (ASan checks), whichever of the generator and the thread goes first.
  const char* const programs[] = {
      "def forever():\n    while True:\n        yield 1\nfor x in forever():\n    pass\n",
      "def forever():\n    while True:\n        yield 1\nsum(forever())\n",
      "import threading\ndef forever():\n    while True:\n        yield 1\n"
      "def spin():\n    for x in forever():\n        pass\n"
      "threading.Thread(target=spin, daemon=True).start()\nsum(forever())\n",
  };
  for (const char* src : programs) {
    CAPTURE(std::string(src));
    for (const char* mode : kModes) {
      CAPTURE(std::string(mode));
      const Ran r = run_real(src, mode, 0.2);
      CHECK(r.status == exit_status::kTimeout);
      CHECK(r.err == "Stopped: time limit of 0.2 s reached.\n");
    }
    Options o;
    o.mode = "sim";
    o.timeout = 0.05;
    std::string err;
    CHECK(run_source(src, "prog.py", o, [&](int fd, std::string_view text) {
            if (fd == 2) err.append(text);
          }) == exit_status::kTimeout);
    CHECK(err == "Stopped: time limit of 0.05 s reached.\n");
  }
}

TEST_CASE("real programs: locks, queues and events under contention") {
  const char* src =
      "import threading, queue\n"
      "N = 20000\n"
      "counter = 0\n"
      "lock = threading.Lock()\n"
      "def safe():\n"
      "    global counter\n"
      "    for _ in range(N):\n"
      "        with lock:\n"
      "            counter += 1\n"
      "ts = [threading.Thread(target=safe) for _ in range(3)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n"
      "print(counter)\n"
      "q = queue.Queue(maxsize=2)\n"
      "done = threading.Event()\n"
      "def producer():\n"
      "    for i in range(2000):\n"
      "        q.put(i)\n"
      "    q.put(None)\n"
      "total = []\n"
      "def consumer():\n"
      "    s = 0\n"
      "    while True:\n"
      "        x = q.get()\n"
      "        if x is None:\n"
      "            break\n"
      "        s += x\n"
      "    total.append(s)\n"
      "    done.set()\n"
      "threading.Thread(target=consumer).start()\n"
      "threading.Thread(target=producer).start()\n"
      "done.wait()\n"
      "print(total[0])\n";
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    const Ran r = run_real(src, mode);
    CHECK(r.status == 0);
    CHECK(r.out == "60000\n1999000\n");
    CHECK(r.err.empty());
  }
}

TEST_CASE("real programs: sleeping threads overlap; switch interval round trip") {
  const char* src =
      "import threading, time, sys\n"
      "print(sys.getswitchinterval())\n"
      "sys.setswitchinterval(0.001)\n"
      "print(sys.getswitchinterval())\n"
      "start = time.monotonic()\n"
      "ts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(8)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n"
      "print(time.monotonic() - start < 0.8)\n";
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    const Ran r = run_real(src, mode);
    CHECK(r.status == 0);
    CHECK(r.out == "0.005\n0.001\nTrue\n");
  }
}

TEST_CASE("real programs: exit statuses") {
  CHECK(run_real("import sys\nsys.exit(5)\n", "on").status == 5);
  CHECK(run_real("raise ValueError('x')\n", "on").status == 1);
  const Ran r = run_real(
      "import threading, time\n"
      "def spin():\n"
      "    while True:\n"
      "        pass\n"
      "threading.Thread(target=spin, daemon=True).start()\n"
      "time.sleep(0.05)\n"
      "print('main done')\n",
      "on");
  CHECK(r.status == 0);  // the spinning daemon is abandoned
  CHECK(r.out == "main done\n");
}

}  // namespace
}  // namespace interleave::run
