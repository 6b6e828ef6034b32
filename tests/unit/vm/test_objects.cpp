// Unit tests of the object model, the dict, the collector and the disassembler, driven directly
// through the VM's C++ API (an Interpreter under a cooperative driver, no program running).
#include <doctest/doctest.h>

#include <string>

#include "vm/dict.h"
#include "vm/disassembler.h"
#include "vm/runtime.h"
#include "vm/seq.h"
#include "vm_test_util.h"

using namespace interleave;
using namespace interleave::vm;

using test::Fixture;

TEST_CASE("small ints are unboxed and overflow is an OverflowError") {
  Fixture fx;
  Value a = make_int(fx.t, 41);
  CHECK(a.is_small());
  CHECK(a.as_small() == 41);
  Value big = make_int(fx.t, Value::kSmallMax + 1);
  CHECK_FALSE(big.is_small());
  CHECK(int_value(big) == Value::kSmallMax + 1);
  Value sum = binary_op(fx.t, kAdd, big, Value::small(5));
  CHECK(int_value(sum) == Value::kSmallMax + 6);
  Value overflow = binary_op(fx.t, kMul, sum, sum);
  CHECK(overflow.is_null());
  REQUIRE(fx.t.has_exception());
  CHECK(isinstance(fx.t, fx.t.exc, fx.interp.exc.OverflowError));
  fx.t.take_exception();
  Value neg = binary_op(fx.t, kFloorDiv, Value::small(-7), Value::small(2));
  CHECK(int_value(neg) == -4);
  CHECK(int_value(binary_op(fx.t, kMod, Value::small(-7), Value::small(2))) == 1);
}

TEST_CASE("repr and str follow CPython") {
  Fixture fx;
  auto r = [&](Value v) {
    std::string s;
    REQUIRE(repr_into(fx.t, v, s));
    return s;
  };
  CHECK(r(make_float(fx.t, 0.1)) == "0.1");
  CHECK(r(make_float(fx.t, 1e16)) == "1e+16");
  CHECK(r(make_float(fx.t, 2.0)) == "2.0");
  CHECK(r(str_value(fx.t, "it's")) == "\"it's\"");
  Value items[2] = {Value::small(1), str_value(fx.t, "a")};
  CHECK(r(Value::object(make_tuple(fx.t, items, 1))) == "(1,)");
  List* l = make_list(fx.t, 2);
  l->items[0] = items[0];
  l->items[1] = Value::object(l);  // a list containing itself
  CHECK(r(Value::object(l)) == "[1, [...]]");
}

TEST_CASE("dict keeps insertion order through deletions and resizes") {
  Fixture fx;
  Thread& t = fx.t;
  Dict* d = make_dict(t);
  for (int i = 0; i < 1000; ++i) REQUIRE(dict_set(t, d, Value::small(i), Value::small(i * 2)));
  for (int i = 0; i < 1000; i += 2) CHECK(dict_del(t, d, Value::small(i)) == 1);
  CHECK(d->count == 500);
  for (int i = 1000; i < 1100; ++i) REQUIRE(dict_set(t, d, Value::small(i), Value::small(0)));
  bool err = false;
  CHECK(dict_get(t, d, Value::small(7), &err).as_small() == 14);
  CHECK(dict_get(t, d, Value::small(8), &err).is_null());
  CHECK_FALSE(err);
  // Equal keys of different types hit the same entry (1 == 1.0 == True).
  REQUIRE(dict_set(t, d, make_float(t, 7.0), Value::small(-1)));
  CHECK(dict_get(t, d, Value::small(7), &err).as_small() == -1);
  std::uint32_t pos = 0;
  std::int64_t prev = -1;
  int n = 0;
  while (DictEntry* e = dict_next(d, &pos)) {
    CHECK(e->key.as_small() > prev);
    prev = e->key.as_small();
    ++n;
  }
  CHECK(n == 600);
  // Unhashable keys raise TypeError.
  CHECK_FALSE(dict_set(t, d, Value::object(make_list(t, 0)), Value::small(1)));
  CHECK(isinstance(t, t.take_exception(), fx.interp.exc.TypeError));
}

TEST_CASE("str keys: interned and fresh strings find the same entry") {
  Fixture fx;
  Dict* d = make_dict(fx.t);
  dict_set_str(fx.t, d, fx.interp.intern("name"), Value::small(1));
  Str* fresh = make_str(fx.t, "name");
  CHECK(dict_get_str(d, fresh).as_small() == 1);
  CHECK(dict_find_str(d, make_str(fx.t, "other")) == -1);
}

TEST_CASE("the collector frees unreachable cycles and keeps reachable objects") {
  run::CoopDriver driver{run::Options{}, {}};
  Interpreter interp{driver, Config{}};
  std::string err;
  Thread* main = interp.load_main(
      "keep = []\n"
      "for i in range(20000):\n"
      "    a = [i]\n"
      "    a.append(a)\n"
      "    b = {'self': None}\n"
      "    b['self'] = b\n"
      "keep.append(a)\n",
      "gc.py", &err);
  REQUIRE(main != nullptr);
  REQUIRE(driver.run(*main) == 0);
  interp.collect();
  std::size_t after_first = interp.object_count();
  interp.collect();
  CHECK(interp.object_count() == after_first);  // a second collection finds nothing new
  CHECK(after_first < 20000);                   // 40000 cyclic containers were created
  // The last cycle is still reachable through `keep`.
  Value keep = dict_get_str(interp.main_module->dict, interp.intern("keep"));
  REQUIRE(!keep.is_null());
  List* l = as_list(keep);
  REQUIRE(l->size == 1);
  List* a = as_list(l->items[0]);
  CHECK(a->items[1] == l->items[0]);
}

TEST_CASE("a heap limit turns runaway allocation into MemoryError") {
  auto r = test::run_program("x = []\nwhile True:\n    x.append('abc' * 1000)\n", {}, "bomb.py",
                             4'000'000);
  CHECK(r.status == 1);
  CHECK(r.err.find("MemoryError") != std::string::npos);
}

TEST_CASE("recursion limit: RecursionError, and sys.setrecursionlimit raises it") {
  auto r = test::run_program(
      "import sys\n"
      "def f(n):\n    return f(n + 1) if n < 5000 else n\n"
      "try:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\n"
      "sys.setrecursionlimit(10000)\nprint(f(0), sys.getrecursionlimit())\n");
  CHECK(r.err == "");
  CHECK(r.out == "caught maximum recursion depth exceeded\n5000 10000\n");
}

TEST_CASE("disassembly: counter += 1 on a global is a load, an add and a store") {
  Fixture fx;
  std::string out;
  REQUIRE(disassemble(fx.interp, "counter = 0\ndef bump():\n    global counter\n    counter += 1\n",
                      "p.py", &out));
  std::size_t body = out.find("Disassembly of <code object bump");
  REQUIRE(body != std::string::npos);
  std::string f = out.substr(body);
  CHECK(f.find("  4           2 LOAD_GLOBAL              0 (counter)\n") != std::string::npos);
  CHECK(f.find("             4 LOAD_CONST               1 (1)\n") != std::string::npos);
  CHECK(f.find("             6 BINARY_OP               13 (+=)\n") != std::string::npos);
  CHECK(f.find("             8 STORE_GLOBAL             0 (counter)\n") != std::string::npos);
}

TEST_CASE("syntax errors are reported as CPython does") {
  auto r = test::run_program("x = (1 +\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("SyntaxError") != std::string::npos);
  auto r2 = test::run_program("def f():\n    pass\nreturn 5\n");
  CHECK(r2.status == 1);
  CHECK(r2.err.find("SyntaxError: 'return' outside function") != std::string::npos);
}

TEST_CASE("import multiprocessing names the missing feature") {
  auto r = test::run_program("import multiprocessing\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("ModuleNotFoundError: No module named 'multiprocessing'") != std::string::npos);
  CHECK(r.err.find("not supported yet") != std::string::npos);
}

TEST_CASE("stop request ends spinning threads quickly") {
  std::atomic<bool> stop{false};
  run::Options options;
  options.stop_request = &stop;
  // Measured from the request itself: the stopper's sleep and the program's start stretch on a
  // loaded machine and are not what this checks. The 200 ms promise is measured under load by
  // tests/races (stop latency); here "quickly" means well before the run's own 10 s limit.
  std::atomic<std::int64_t> raised_ns{0};
  const auto now_ns = [] {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    raised_ns = now_ns();
    stop = true;
  });
  auto r = test::run_program(
      "import threading\n"
      "def spin():\n    while True:\n        pass\n"
      "for _ in range(3):\n    threading.Thread(target=spin).start()\n"
      "while True:\n    pass\n",
      options);
  const std::int64_t ended_ns = now_ns();
  stopper.join();
  CHECK(r.status == 124);
  REQUIRE(raised_ns.load() > 0);
  const double latency_ms = static_cast<double>(ended_ns - raised_ns.load()) / 1e6;
  MESSAGE("stopped " << latency_ms << " ms after the request");
  CHECK(latency_ms < 1000);
}

TEST_CASE("free-threaded mode: locked containers and deferred frees give the same results") {
  const char* program =
      "import threading\n"
      "shared = []\n"
      "index = {}\n"
      "def work(k):\n"
      "    for i in range(2000):\n"
      "        shared.append(i)\n"
      "        index[(k, i)] = i\n"
      "        if i % 3 == 0:\n"
      "            del index[(k, i)]\n"
      "ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n"
      "print(len(shared), len(index), sum(shared))\n";
  auto gil = test::run_program(program);
  auto nogil = test::run_program(program, {}, "ft.py", 0, true);
  CHECK(gil.err == "");
  CHECK(nogil.err == "");
  CHECK(gil.out == "8000 5332 7996000\n");
  CHECK(nogil.out == gil.out);
}
