// Measures the real-thread driver's GIL on this machine: hand-off latency (a forced drop until the
// waiter runs), switches and drop requests per second with two spinning threads at 5 ms and 1 ms
// intervals, the legacy lock's re-win rate, CPU/wall with the GIL off, and how long a time limit
// takes to stop two `while True: pass` threads. A benchmark, never a unit test: numbers vary with
// the machine and its load. Build and run with bench/gil_switching.sh.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "run/gil.h"
#include "run/real_driver.h"
#include "vm/driver.h"

using namespace interleave;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// A VM stand-in: spins, checking the eval breaker at every "backward jump", for `ns` (forever if
// negative), then finishes. The main thread starts its peers, then joins them.
class Spinner final : public vm::ThreadHandle {
 public:
  Spinner(std::string name, std::int64_t ns, bool is_main = false)
      : name_(std::move(name)), ns_(ns), main_(is_main) {}
  vm::Driver* driver = nullptr;
  std::vector<Spinner*> children;

  vm::Stop run(std::int64_t budget) override {
    vm::Driver& d = *driver;
    if (main_) {
      while (started_ < children.size()) {
        children[started_]->driver = driver;
        d.start_thread(*children[started_++]);
      }
      while (joined_ < children.size()) {
        const std::uint64_t epoch = d.epoch();
        if (!children[joined_]->done_.load()) {
          wait_.kind = vm::WaitKind::Join;
          wait_.object = static_cast<const vm::ThreadHandle*>(children[joined_]);
          wait_.epoch = epoch;
          wait_.holder = children[joined_];
          return vm::Stop::Blocked;
        }
        ++joined_;
      }
      return vm::Stop::Finished;
    }
    if (deadline_ < 0) deadline_ = ns_ < 0 ? INT64_MAX : d.monotonic_ns() + ns_;
    for (std::uint64_t i = 0;; ++i) {
      if ((i & 255) == 0 && d.monotonic_ns() >= deadline_) {
        done_.store(true);
        return vm::Stop::Finished;
      }
      if (--budget <= 0 || d.eval_breaker().load(std::memory_order_relaxed) != 0) {
        return vm::Stop::Budget;
      }
    }
  }
  const vm::Wait& wait() const override { return wait_; }
  int exit_code() const override { return 0; }
  std::string name() const override { return name_; }
  std::uint64_t ident() const override { return 0; }
  bool daemon() const override { return false; }
  bool is_main() const override { return main_; }

 private:
  std::string name_;
  std::int64_t ns_;
  bool main_;
  std::size_t started_ = 0, joined_ = 0;
  std::int64_t deadline_ = -1;
  std::atomic<bool> done_{false};
  vm::Wait wait_;
};

struct DriverRun {
  run::RealDriverStats stats;
  run::RunResult result;
  double wall_s = 0, cpu_s = 0;
};

DriverRun run_spinners(const char* gil, double interval, std::int64_t spin_ns, double timeout) {
  run::Options o;
  o.gil = gil;
  o.switch_interval = interval;
  o.timeout = timeout;
  auto driver = run::make_real_driver(o, nullptr);
  Spinner a("Thread-1", spin_ns), b("Thread-2", spin_ns), main("MainThread", 0, true);
  main.driver = driver.get();
  main.children = {&a, &b};
  const std::int64_t c0 = driver->cpu_ns(), w0 = now_ns();
  DriverRun r;
  r.result = driver->run(main);
  r.wall_s = static_cast<double>(now_ns() - w0) / 1e9;
  r.cpu_s = static_cast<double>(driver->cpu_ns() - c0) / 1e9;
  r.stats = driver->stats();
  return r;
}

// Hand-off latency in mode `on`: from the holder's drop on a drop request until the waiter that
// asked returns from take(). Two threads spin on the Gil directly, as the driver's loop does; with
// forced switching every drop is followed by the other thread's take, so every take by a thread
// other than the last dropper is one sample.
void handoff_latency(unsigned long interval_us, int ms) {
  std::atomic<std::uint32_t> breaker{0};
  run::Gil gil(run::GilMode::On, breaker, interval_us);
  std::atomic<bool> stop{false};
  std::int64_t dropped_at = 0;  // written by the holder before dropping, read by the next holder
  const void* dropper = nullptr;
  std::vector<std::int64_t> samples;  // touched only by the GIL holder
  auto body = [&](int me) {
    const void* id = &samples + me;
    gil.take(id);
    for (;;) {
      if (dropper != id && dropped_at != 0) {
        samples.push_back(now_ns() - dropped_at);
        dropped_at = 0;
      }
      if (stop.load(std::memory_order_relaxed)) break;
      if (breaker.load(std::memory_order_relaxed) & vm::breaker::kGilDropRequest) {
        dropper = id;
        dropped_at = now_ns();
        gil.yield(id);
      }
    }
    gil.drop(id);
  };
  std::thread a(body, 0), b(body, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  stop = true;
  a.join();
  b.join();
  std::sort(samples.begin(), samples.end());
  const auto pct = [&](double p) {
    if (samples.empty()) return 0.0;
    const auto i = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
    return static_cast<double>(samples[i]) / 1e3;
  };
  const run::GilStats s = gil.stats();
  std::printf(
      "  interval %5lu us: %5zu hand-offs in %d ms (%.0f/s); drop -> waiter runs: p50 "
      "%.1f us, p90 %.1f us, p99 %.1f us; forced-switch waits %llu, drop requests %llu\n",
      interval_us, samples.size(), ms, 1000.0 * static_cast<double>(samples.size()) / ms, pct(0.5),
      pct(0.9), pct(0.99), static_cast<unsigned long long>(s.forced_switches),
      static_cast<unsigned long long>(s.drop_requests));
}

}  // namespace

int main(int argc, char** argv) {
  const int ms = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::printf("GIL benchmark, %u hardware threads, %d ms per measurement\n",
              std::thread::hardware_concurrency(), ms);

  std::printf("Hand-off latency (mode on)\n");
  handoff_latency(5000, ms);
  handoff_latency(1000, ms);

  std::printf("Two spinning threads under the driver\n");
  for (const char* gil : {"on", "legacy", "off"}) {
    for (double interval : {0.005, 0.001}) {
      if (std::string(gil) != "on" && interval != 0.005) continue;
      const DriverRun r = run_spinners(gil, interval, static_cast<std::int64_t>(ms) * 1'000'000, 0);
      const run::GilStats& g = r.stats.gil;
      std::printf(
          "  gil=%-6s interval %.3f s: %.3f s wall, CPU/wall %.2f; switches %.0f/s, drop "
          "requests %.0f/s, forced waits %llu, releases (yields) %.0f/s\n",
          gil, interval, r.wall_s, r.cpu_s / r.wall_s, static_cast<double>(g.switches) / r.wall_s,
          static_cast<double>(g.drop_requests) / r.wall_s,
          static_cast<unsigned long long>(g.forced_switches),
          static_cast<double>(g.yields) / r.wall_s);
      if (std::string(gil) == "legacy" && g.yields > 0) {
        // Each release every 100 ticks that was not a switch was won back by the releaser.
        const double rewon = 1.0 - static_cast<double>(g.switches) / static_cast<double>(g.yields);
        std::printf("    legacy: the releasing thread re-took the GIL in %.1f%% of releases\n",
                    100.0 * rewon);
      }
    }
  }

  std::printf("Time limit 0.2 s on two `while True: pass` threads\n");
  for (const char* gil : {"on", "legacy", "off"}) {
    const DriverRun r = run_spinners(gil, 0.005, -1, 0.2);
    std::printf("  gil=%-6s exit %d after %.1f ms; all threads gone %.2f ms after the limit\n", gil,
                r.result.exit_status, r.wall_s * 1e3,
                static_cast<double>(r.stats.stop_latency_ns) / 1e6);
  }
  return 0;
}
