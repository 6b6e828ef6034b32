// The real-thread driver with real OS threads and the ScriptThread doubles of doubles.h: waking,
// lost wake-ups under stress, deadlines, deadlock reports, time limits and stop requests, the
// thread limit, exits, daemons, output order and the stop-the-world safepoint. Every run has a
// generous time limit so that a bug fails a check instead of hanging the suite.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "doubles.h"
#include "run/real_driver.h"
#include "sanitizer.h"

namespace interleave::run {
namespace {

using namespace std::chrono_literals;
using namespace testing;
using Clock = std::chrono::steady_clock;
using End = RunResult::End;

const char* const kModes[] = {"on", "legacy", "off"};

struct Harness {
  Options options;
  std::mutex out_mu;
  std::string out, err;
  std::atomic<int> in_sink{0};
  std::atomic<bool> overlapped{false};
  std::unique_ptr<RealDriver> driver;
  double elapsed_ms = 0;

  explicit Harness(const char* gil = "on", double timeout = 20) {
    options.gil = gil;
    options.timeout = timeout;
  }

  RealDriver& make(int max_threads = RealDriver::kMaxThreads) {
    auto sink = [this](int fd, std::string_view text) {
      if (in_sink.fetch_add(1) != 0) overlapped = true;
      {
        std::lock_guard<std::mutex> lock(out_mu);
        (fd == 2 ? err : out).append(text);
      }
      in_sink.fetch_sub(1);
    };
    driver = std::make_unique<RealDriver>(*parse_gil_mode(options.gil), options, sink, max_threads);
    return *driver;
  }

  RunResult run(ScriptThread& main, int max_threads = RealDriver::kMaxThreads) {
    if (!driver) make(max_threads);
    main.bind(*driver);
    const auto t0 = Clock::now();
    const RunResult r = driver->run(main);
    elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    return r;
  }
};

TEST_CASE("driver: factory reads Options") {
  Options o;
  o.gil = "legacy";
  o.switch_interval = 0.002;
  auto d = make_real_driver(o, nullptr);
  REQUIRE(d != nullptr);
  CHECK(d->gil().mode() == GilMode::Legacy);
  CHECK(d->switch_interval() == 0.002);
  CHECK(d->serialises_run());
  d->set_switch_interval(0.0001);  // CPython: 9.999999999999999e-05 (100 us, times 1e-6)
  CHECK(d->switch_interval() == 1e-6 * 100);
  o.gil = "off";
  CHECK_FALSE(make_real_driver(o, nullptr)->serialises_run());
  o.gil = "maybe";
  CHECK(make_real_driver(o, nullptr) == nullptr);
}

TEST_CASE("driver: clocks") {
  auto d = make_real_driver(Options{}, nullptr);
  const std::int64_t m0 = d->monotonic_ns(), c0 = d->cpu_ns();
  // Busy until this process used 5 ms of CPU (other processes may hold the cores a while).
  const auto give_up = Clock::now() + 10s;
  while (d->cpu_ns() - c0 < 5'000'000 && Clock::now() < give_up) {
  }
  const std::int64_t cpu = d->cpu_ns() - c0, wall = d->monotonic_ns() - m0;
  CHECK(cpu >= 5'000'000);
  CHECK(wall >= cpu - 1'000'000);  // one thread busy: CPU time cannot outrun the clock
  CHECK(d->wall_ns() > 1'600'000'000'000'000'000);  // after 2020
}

TEST_CASE("driver: main thread finishes; its exit code is the status") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    ScriptThread main("MainThread", {spin(1000)}, nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Finished);
    CHECK(r.exit_status == 0);
    CHECK(h.err.empty());
  }
}

TEST_CASE("driver: threads run, join and never overlap under a GIL") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    Probe probe;
    ScriptThread t1("Thread-1", {spin(200000)}, &probe), t2("Thread-2", {spin(200000)}, &probe);
    ScriptThread main("MainThread", {start(t1), start(t2), join(t1), join(t2)}, &probe, true);
    h.options.switch_interval = 0.0005;
    const RunResult r = h.run(main);
    CHECK(r.end == End::Finished);
    CHECK(t1.finished());
    CHECK(t2.finished());
    CHECK(probe.instructions.load() == 400000);
    if (std::string(mode) != "off") CHECK(probe.max_inside.load() == 1);
    CHECK(h.driver->stats().threads_started == 3);
  }
}

TEST_CASE("driver on: two spinners at a 1 ms interval switch about every millisecond") {
  Harness h("on");
  h.options.switch_interval = 0.001;
  Probe probe;
  ScriptThread t1("Thread-1", {spin_for_ms(300)}, &probe),
      t2("Thread-2", {spin_for_ms(300)}, &probe);
  ScriptThread main("MainThread", {start(t1), start(t2), join(t1), join(t2)}, nullptr, true);
  CHECK(h.run(main).end == End::Finished);
  const GilStats s = h.driver->gil().stats();
  MESSAGE("on, 1 ms: " << h.elapsed_ms << " ms, " << s.switches << " switches, " << s.drop_requests
                       << " drop requests, " << s.forced_switches << " forced");
  CHECK(probe.max_inside.load() == 1);
  // About 300 on an idle machine; these 2 cores are shared, and a waiter can only time out and
  // ask when it is scheduled. The upper bound is firm: no switch without a waited interval.
  CHECK(s.drop_requests >= 10);
  CHECK(s.switches >= 10);
  CHECK(static_cast<double>(s.switches) <= h.elapsed_ms * 1.5 + 20);
}

// CPU time over wall time of two threads spinning for `ms` under `mode`.
double cpu_per_wall(const char* mode, int ms, int* max_inside) {
  Harness h(mode);
  Probe probe;
  ScriptThread t1("Thread-1", {spin_for_ms(ms)}, &probe), t2("Thread-2", {spin_for_ms(ms)}, &probe);
  ScriptThread main("MainThread", {start(t1), start(t2), join(t1), join(t2)}, nullptr, true);
  RealDriver& d = h.make();
  const std::int64_t c0 = d.cpu_ns(), w0 = d.monotonic_ns();
  CHECK(h.run(main).end == End::Finished);
  *max_inside = probe.max_inside.load();
  return static_cast<double>(d.cpu_ns() - c0) / static_cast<double>(d.monotonic_ns() - w0);
}

// CPU/wall of two plain std::threads spinning: what this machine can give us right now.
double raw_parallelism() {
  auto d = make_real_driver(Options{}, nullptr);
  const std::int64_t c0 = d->cpu_ns(), w0 = d->monotonic_ns();
  auto body = [] {
    const auto until = Clock::now() + 100ms;
    while (Clock::now() < until) {
    }
  };
  std::thread a(body), b(body);
  a.join();
  b.join();
  return static_cast<double>(d->cpu_ns() - c0) / static_cast<double>(d->monotonic_ns() - w0);
}

TEST_CASE("driver off: two spinners run in parallel (CPU time about twice the wall time)") {
  if (std::thread::hardware_concurrency() < 2) return;
  // Both threads inside run() at the same moment proves parallel execution; the CPU-time ratio
  // is only checked when the machine can show it (2 shared cores: other processes may take one).
  // Load can change between the plain-thread sample and the driver's (ctest -j2 runs another
  // suite beside this one), so the machine's parallelism is sampled before and after the driver's
  // run and counts only when both showed it; a sample where they did but the driver did not is
  // taken again; one good sample must come.
  // Under ThreadSanitizer every atomic access goes through the sanitizer's own synchronisation, so
  // two threads of the driver reach 1.1-1.4 where plain threads reach 1.5-2: there only the
  // "both inside at once" half is checked.
  int shown = 0, parallel = 0;
  for (int attempt = 0; attempt < 6 && parallel == 0; ++attempt) {
    int inside_off = 0, inside_on = 0;
    const double raw = raw_parallelism();
    const double off = cpu_per_wall("off", 200, &inside_off);
    const double raw_after = raw_parallelism();
    const double on = cpu_per_wall("on", 200, &inside_on);
    MESSAGE("CPU/wall: plain threads " << raw << " then " << raw_after << ", off " << off << " ("
                                       << inside_off << " inside run() at once), on " << on
                                       << " (" << inside_on << ")");
    CHECK(inside_off == 2);
    CHECK(inside_on == 1);
    CHECK(on < 1.3);  // a GIL never lets two threads burn CPU at once for long
    if (raw >= 1.8 && raw_after >= 1.8 && !interleave::testing::kUnderTsan) {
      ++shown;
      if (off >= 1.5) ++parallel;
    }
  }
  if (shown > 0) CHECK(parallel == 1);  // off >= 1.5 in a sample where plain threads reached 1.8
}

TEST_CASE("driver: no lost wake-up: producer/consumer with racing notifies") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    constexpr int kItems = 20000;
    FakeCounter items;
    ScriptThread consumer("consumer", {take(items, kItems)});
    ScriptThread producer("producer", {put(items, kItems)});
    ScriptThread main("MainThread",
                      {start(consumer), start(producer), join(producer), join(consumer)}, nullptr,
                      true);
    const RunResult r = h.run(main);
    // A lost wake-up leaves the consumer asleep for good: a deadlock report, status 3.
    CHECK(r.end == End::Finished);
    CHECK(h.err == "");
    CHECK(items.value() == 0);
    MESSAGE(std::string(mode) << ": " << h.driver->stats().blocks << " sleeps, " << h.elapsed_ms
                              << " ms");
  }
}

TEST_CASE("driver: no lost wake-up: a token passed round three threads, many rounds") {
  // Every hand-over needs a wake-up; notifies race with the receiver's failed attempt (with the
  // GIL off, on another core). One lost wake-up strands the ring: a deadlock report, status 3.
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    constexpr int kRounds = 3000;
    FakeCounter slot[3];
    std::vector<Step> steps[3];
    for (int i = 0; i < kRounds; ++i) {
      for (int k = 0; k < 3; ++k) {
        steps[k].push_back(take(slot[k]));
        steps[k].push_back(put(slot[(k + 1) % 3]));
      }
    }
    steps[0].insert(steps[0].begin(), put(slot[0]));
    ScriptThread a("A", steps[0]), b("B", steps[1]), c("C", steps[2]);
    ScriptThread main("MainThread", {start(a), start(b), start(c), join(a), join(b), join(c)},
                      nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Finished);
    CHECK(h.err == "");
    MESSAGE(std::string(mode) << ": " << h.driver->stats().blocks << " sleeps, " << h.elapsed_ms
                              << " ms");
  }
}

TEST_CASE("driver: deadlines wake sleepers and timed acquires") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    Probe probe;
    FakeLock lock("L");
    std::int64_t t0 = 0, t1 = 0, t2 = 0;
    ScriptThread main("MainThread",
                      {call([&] { t0 = h.driver->monotonic_ns(); }), sleep_ms(30),
                       call([&] { t1 = h.driver->monotonic_ns(); }), acquire(lock),
                       acquire(lock, 40'000'000),  // held by ourselves: times out after 40 ms
                       call([&] { t2 = h.driver->monotonic_ns(); })},
                      &probe, true);
    CHECK(h.run(main).end == End::Finished);
    CHECK(t1 - t0 >= 30'000'000);
    CHECK(t1 - t0 < 1'000'000'000);
    CHECK(t2 - t1 >= 40'000'000);
    CHECK(probe.acquire_timeouts.load() == 1);
  }
}

TEST_CASE("driver: self-deadlock on a Lock is reported, status 3") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    FakeLock lock("0x55d0c1a2");
    ScriptThread main("MainThread", {acquire(lock), acquire(lock)}, nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Deadlock);
    CHECK(r.exit_status == 3);
    CHECK(h.err ==
          "Deadlock: every thread is blocked and none can wake.\n"
          "  MainThread waits for Lock 0x55d0c1a2 (acquire), held by MainThread\n");
    CHECK(h.elapsed_ms < 1000);
  }
}

TEST_CASE("driver: two locks taken in opposite orders: exact report") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    FakeLock a("A"), b("B");
    ScriptThread t1("Thread-1 (worker)",
                    {acquire(a), sleep_ms(30), acquire(b), release(b), release(a)});
    ScriptThread t2("Thread-2 (worker)",
                    {acquire(b), sleep_ms(30), acquire(a), release(a), release(b)});
    ScriptThread main("MainThread", {start(t1), start(t2), join(t1), join(t2)}, nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Deadlock);
    CHECK(r.exit_status == 3);
    CHECK(h.err ==
          "Deadlock: every thread is blocked and none can wake.\n"
          "  MainThread waits for Thread-1 (worker) (join), held by Thread-1 (worker)\n"
          "  Thread-1 (worker) waits for Lock B (acquire), held by Thread-2 (worker)\n"
          "  Thread-2 (worker) waits for Lock A (acquire), held by Thread-1 (worker)\n");
  }
}

TEST_CASE("driver: a lock left held by a finished thread strands its waiter") {
  Harness h("on");
  FakeLock lock("L");
  ScriptThread t1("Thread-1", {acquire(lock)});  // finishes holding it
  ScriptThread main("MainThread", {start(t1), join(t1), acquire(lock)}, nullptr, true);
  const RunResult r = h.run(main);
  CHECK(r.end == End::Deadlock);
  CHECK(h.err ==
        "Deadlock: every thread is blocked and none can wake.\n"
        "  MainThread waits for Lock L (acquire), held by Thread-1\n");
}

TEST_CASE("driver: waits with a deadline are never a deadlock") {
  Harness h("on");
  FakeLock lock("L");
  Probe probe;
  ScriptThread main("MainThread", {acquire(lock), acquire(lock, 50'000'000)}, &probe, true);
  CHECK(h.run(main).end == End::Finished);
  CHECK(probe.acquire_timeouts.load() == 1);
}

TEST_CASE("driver: time limit stops two `while True: pass` threads, status 124") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode, 0.2);
    ScriptThread t1("Thread-1", {spin_forever()}), t2("Thread-2", {spin_forever()});
    ScriptThread main("MainThread", {start(t1), start(t2), join(t1), join(t2)}, nullptr, true);
    const RunResult r = h.run(main);
    const RealDriverStats s = h.driver->stats();
    MESSAGE(std::string(mode) << ": stopped " << s.stop_latency_ns / 1e6
                              << " ms after the limit, run " << h.elapsed_ms << " ms");
    CHECK(r.end == End::TimeLimit);
    CHECK(r.exit_status == 124);
    CHECK(h.elapsed_ms >= 200);
    // Promptly after the limit: the driver's own measure (limit -> every thread gone), which
    // leaves out starting the threads, slow on a loaded machine.
    CHECK(s.stop_latency_ns >= 0);
    CHECK(s.stop_latency_ns < 1'000'000'000);
    CHECK(h.err == "Stopped: time limit of 0.2 s reached.\n");
  }
}

TEST_CASE("driver: time limit also ends sleeping and blocked threads") {
  Harness h("on", 0.1);
  FakeLock lock("L");
  ScriptThread t1("Thread-1", {acquire(lock, 60'000'000'000)});
  ScriptThread main("MainThread", {acquire(lock), start(t1), sleep_ms(60000)}, nullptr, true);
  const RunResult r = h.run(main);
  CHECK(r.end == End::TimeLimit);
  CHECK(h.driver->stats().stop_latency_ns >= 0);
  CHECK(h.driver->stats().stop_latency_ns < 1'000'000'000);  // not at the 60 s wake-ups
}

TEST_CASE("driver: stop request from another thread, status 124") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode, 0);
    std::atomic<bool> stop{false};
    h.options.stop_request = &stop;
    ScriptThread t1("Thread-1", {spin_forever()});
    ScriptThread main("MainThread", {start(t1), spin_forever()}, nullptr, true);
    std::thread ui([&] {
      std::this_thread::sleep_for(100ms);
      stop = true;
    });
    const RunResult r = h.run(main);
    ui.join();
    CHECK(r.end == End::Stopped);
    CHECK(r.exit_status == 124);
    CHECK(h.driver->stats().stop_latency_ns >= 0);  // request -> every thread gone
    CHECK(h.driver->stats().stop_latency_ns < 1'000'000'000);
  }
}

TEST_CASE("driver: exit from a thread ends the run with its code, other threads stopped") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    ScriptThread spinner("Thread-1", {spin_forever()});
    ScriptThread quitter("Thread-2", {spin(1000), exit_with(7)});
    ScriptThread main("MainThread", {start(spinner), start(quitter), join(spinner)}, nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Exited);
    CHECK(r.exit_status == 7);
    CHECK(h.elapsed_ms < 1000);
  }
}

TEST_CASE("driver: daemon threads are abandoned when the main thread finishes") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    FakeLock lock("L");
    ScriptThread d1("daemon-1", {spin_forever()}, nullptr, false, true);
    ScriptThread d2("daemon-2", {acquire(lock), acquire(lock)}, nullptr, false, true);
    ScriptThread main("MainThread", {start(d1), start(d2), sleep_ms(20)}, nullptr, true);
    const RunResult r = h.run(main);
    CHECK(r.end == End::Finished);
    CHECK(r.exit_status == 0);
    CHECK(h.err.empty());
  }
}

TEST_CASE("driver: thread limit") {
  // 255 OS threads at once. Under node (web-mt) each pthread past the pre-started pool is a new
  // Web Worker, started one at a time by node's own thread: this test took 83 s there with the
  // 2-core machine at load 20, so the run's time limit (a hang guard, not a measurement) is 5
  // minutes, within the suite's 10 (tests/CMakeLists.txt). Natively it takes well under a second.
  Harness h("on", 300);
  Probe probe;
  FakeLock gate("gate");
  constexpr int kTried = 300, kFit = RealDriver::kMaxThreads - 1;  // the main thread counts
  std::vector<std::unique_ptr<ScriptThread>> workers;
  std::vector<Step> steps = {acquire(gate)};
  for (int i = 0; i < kTried; ++i) {
    workers.push_back(std::make_unique<ScriptThread>(
        "Thread-" + std::to_string(i + 1),
        std::vector<Step>{acquire(gate, 30'000'000'000), release(gate)}));
    steps.push_back(start(*workers.back()));
  }
  steps.push_back(release(gate));
  for (int i = 0; i < kFit; ++i) steps.push_back(join(*workers[i]));
  ScriptThread main("MainThread", steps, &probe, true);
  const RunResult r = h.run(main);
  CHECK(r.end == End::Finished);
  CHECK(probe.start_failures.load() == kTried - kFit);
  CHECK(h.driver->stats().max_live_threads == RealDriver::kMaxThreads);
  CHECK(h.driver->stats().threads_started == RealDriver::kMaxThreads);
  CHECK_FALSE(workers[kFit]->finished());
}

TEST_CASE("driver: a smaller thread limit") {
  Harness h("off");
  Probe probe;
  ScriptThread a("A", {sleep_ms(20)}), b("B", {sleep_ms(20)}), c("C", {sleep_ms(20)});
  ScriptThread main("MainThread", {start(a), start(b), start(c), join(a), join(b)}, &probe, true);
  CHECK(h.run(main, 3).end == End::Finished);
  CHECK(probe.start_failures.load() == 1);
}

TEST_CASE("driver: output is serialised and in order") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    std::vector<std::unique_ptr<ScriptThread>> writers;
    std::vector<Step> steps;
    for (int i = 0; i < 4; ++i) {
      std::vector<Step> w;
      for (int k = 0; k < 200; ++k) {
        w.push_back(call([&h, i, k] {
          h.driver->write(1, "t" + std::to_string(i) + " " + std::to_string(k) + "\n");
        }));
        w.push_back(spin(50));
      }
      writers.push_back(std::make_unique<ScriptThread>("w" + std::to_string(i), w));
      steps.push_back(start(*writers.back()));
    }
    for (auto& w : writers) steps.push_back(join(*w));
    ScriptThread main("MainThread", steps, nullptr, true);
    CHECK(h.run(main).end == End::Finished);
    CHECK_FALSE(h.overlapped.load());
    // Each thread's lines appear whole and in its own order.
    for (int i = 0; i < 4; ++i) {
      std::size_t at = 0;
      for (int k = 0; k < 200; ++k) {
        const std::string line = "t" + std::to_string(i) + " " + std::to_string(k) + "\n";
        const std::size_t found = h.out.find(line, at);
        REQUIRE(found != std::string::npos);
        at = found + line.size();
      }
    }
  }
}

TEST_CASE("driver off: a GC request stops the world, collects once, resumes") {
  Harness h("off");
  Probe probe;
  std::atomic<int> collections{0}, inside_during_collect{0};
  ScriptThread t1("Thread-1", {spin_for_ms(150)}, &probe),
      t2("Thread-2", {spin_for_ms(150)}, &probe);
  auto collect = [&] {
    collections.fetch_add(1);
    inside_during_collect.fetch_add(probe.inside.load());
  };
  t1.on_collect = collect;
  t2.on_collect = collect;
  std::vector<Step> steps = {start(t1), start(t2)};
  for (int i = 0; i < 5; ++i) {
    steps.push_back(sleep_ms(20));
    steps.push_back(call([&] {  // the VM's allocator asks for a collection
      h.driver->eval_breaker().fetch_or(vm::breaker::kGcRequest);
    }));
    steps.push_back(spin(10));  // returns at the next safepoint: Budget, then the rendezvous
  }
  steps.push_back(join(t1));
  steps.push_back(join(t2));
  ScriptThread main("MainThread", steps, nullptr, true);
  main.on_collect = collect;
  CHECK(h.run(main).end == End::Finished);
  CHECK(collections.load() == 5);
  CHECK(inside_during_collect.load() == 0);
  CHECK(h.driver->stats().collections == 5);
  CHECK((h.driver->eval_breaker().load() & vm::breaker::kGcRequest) == 0);
}

TEST_CASE("driver: run_at_safepoint from outside and from inside run()") {
  for (const char* mode : kModes) {
    CAPTURE(std::string(mode));
    Harness h(mode);
    Probe probe;
    std::atomic<int> outside_calls{0}, inside_seen{0}, inner_calls{0};
    ScriptThread t1("Thread-1", {spin_for_ms(200)}, &probe),
        t2("Thread-2", {spin_for_ms(200)}, &probe);
    // From inside run() (as os.fork would): only the caller itself may be inside.
    ScriptThread main("MainThread",
                      {start(t1), start(t2), sleep_ms(30), call([&] {
                         h.driver->run_at_safepoint([&] {
                           inner_calls.fetch_add(1);
                           inside_seen.fetch_add(probe.inside.load());
                         });
                       }),
                       join(t1), join(t2)},
                      nullptr, true);
    std::atomic<bool> done{false};
    RealDriver& d = h.make();
    std::thread outsider([&] {
      // From a thread of no Python thread (the UI taking a memory snapshot).
      while (!done.load()) {
        if (probe.instructions.load() > 0) {
          d.run_at_safepoint([&] {
            outside_calls.fetch_add(1);
            inside_seen.fetch_add(probe.inside.load());
          });
          if (outside_calls.load() >= 5) break;
        }
        std::this_thread::sleep_for(5ms);
      }
    });
    const RunResult r = h.run(main);
    done = true;
    outsider.join();
    CHECK(r.end == End::Finished);
    CHECK(inner_calls.load() == 1);
    CHECK(outside_calls.load() >= 1);
    CHECK(inside_seen.load() == 0);
  }
}

}  // namespace
}  // namespace interleave::run

namespace interleave::run {
namespace {

// Reads epoch(), lets `notifies` happen (the racing notifier, here played by the thread itself),
// then reports Blocked with the old epoch, as module code does when its attempt failed just
// before the notify. The driver must retry at once when the object was among the notifies.
class RacingWaiter final : public vm::ThreadHandle {
 public:
  RacingWaiter(vm::Driver& d, int others_before, bool notify_mine, int others_after)
      : d_(d), before_(others_before), mine_(notify_mine), after_(others_after) {}
  int runs = 0;

  vm::Stop run(std::int64_t) override {
    if (++runs > 1) return vm::Stop::Finished;  // the retry
    wait_.kind = vm::WaitKind::Event;
    wait_.object = &object_;
    wait_.epoch = d_.epoch();
    wait_.what = "Event (wait)";
    for (int i = 0; i < before_; ++i) d_.notify(&others_[i % 8]);
    if (mine_) d_.notify(&object_);
    for (int i = 0; i < after_; ++i) d_.notify(&others_[i % 8]);
    return vm::Stop::Blocked;
  }
  const vm::Wait& wait() const override { return wait_; }
  int exit_code() const override { return 0; }
  std::string name() const override { return "MainThread"; }
  std::uint64_t ident() const override { return 1; }
  bool daemon() const override { return false; }
  bool is_main() const override { return true; }

 private:
  vm::Driver& d_;
  int before_;
  bool mine_;
  int after_;
  int object_ = 0;
  int others_[8] = {};
  vm::Wait wait_;
};

TEST_CASE("driver: a notify between the attempt and the sleep is never lost (notify log)") {
  struct Case {
    int before;
    bool mine;
    int after;
    End end;
  };
  const Case cases[] = {
      {0, true, 0, End::Finished},       // notified right after the attempt
      {100, true, 100, End::Finished},   // found among other notifies in the log
      {0, true, 600, End::Finished},     // the log forgot (> 512 since): retry anyway
      {100, false, 100, End::Deadlock},  // only other objects: sleep; nobody left to wake it
  };
  for (const Case& c : cases) {
    CAPTURE(c.before);
    CAPTURE(c.mine);
    CAPTURE(c.after);
    Harness h("on", 5);
    RealDriver& d = h.make();
    RacingWaiter w(d, c.before, c.mine, c.after);
    const RunResult r = d.run(w);
    CHECK(r.end == c.end);
    CHECK(w.runs == (c.end == End::Finished ? 2 : 1));
    if (c.end == End::Deadlock) {
      CHECK(h.err ==
            "Deadlock: every thread is blocked and none can wake.\n"
            "  MainThread waits for Event (wait)\n");
    }
  }
}

}  // namespace
}  // namespace interleave::run
