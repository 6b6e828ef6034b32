// The pure parts of the real driver: which waits can end by themselves, the deadlock report's
// exact wording, and the watchdog's time arithmetic. No threads.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>

#include "run/deadlock.h"
#include "run/watchdog.h"

namespace interleave::run {
namespace {

using namespace std::chrono_literals;

class Named final : public vm::ThreadHandle {
 public:
  explicit Named(std::string n) : n_(std::move(n)) {}
  vm::Stop run(std::int64_t) override { return vm::Stop::Finished; }
  const vm::Wait& wait() const override { return w_; }
  int exit_code() const override { return 0; }
  std::string name() const override { return n_; }
  std::uint64_t ident() const override { return 1; }
  bool daemon() const override { return false; }
  bool is_main() const override { return false; }

 private:
  std::string n_;
  vm::Wait w_;
};

TEST_CASE("deadlock: which waits can end by themselves") {
  vm::Wait w;
  w.kind = vm::WaitKind::Lock;
  CHECK_FALSE(can_wake_by_itself(w));
  w.deadline_ns = 5;
  CHECK(can_wake_by_itself(w));
  w.deadline_ns = -1;
  for (auto k :
       {vm::WaitKind::Io, vm::WaitKind::Process, vm::WaitKind::Pipe, vm::WaitKind::Sleep}) {
    w.kind = k;
    CHECK(can_wake_by_itself(w));
  }
  for (auto k :
       {vm::WaitKind::RLock, vm::WaitKind::Condition, vm::WaitKind::Semaphore, vm::WaitKind::Event,
        vm::WaitKind::Barrier, vm::WaitKind::Queue, vm::WaitKind::Join}) {
    w.kind = k;
    CHECK_FALSE(can_wake_by_itself(w));
  }
}

TEST_CASE("deadlock: report text") {
  Named main("MainThread");
  vm::Wait w;
  w.kind = vm::WaitKind::Lock;
  w.what = "Lock 0x55d0c1a2 (acquire)";
  w.holder = &main;
  vm::Wait q;
  q.kind = vm::WaitKind::Queue;  // no `what`, no holder
  const std::string report = format_deadlock_report(
      {describe_stuck("MainThread", w), describe_stuck("Thread-1 (consumer)", q)});
  CHECK(report ==
        "Deadlock: every thread is blocked and none can wake.\n"
        "  MainThread waits for Lock 0x55d0c1a2 (acquire), held by MainThread\n"
        "  Thread-1 (consumer) waits for Queue\n");
}

TEST_CASE("watchdog: time limit and stop request") {
  const auto t0 = Watchdog::Clock::now();
  Watchdog none(0, nullptr, t0);
  CHECK_FALSE(none.check(t0 + 1000s).has_value());
  CHECK(none.next_check(t0) == Watchdog::Clock::time_point::max());

  Watchdog limit(0.25, nullptr, t0);
  CHECK_FALSE(limit.check(t0 + 249ms).has_value());
  CHECK(limit.check(t0 + 250ms) == Watchdog::Reason::TimeLimit);
  CHECK(limit.next_check(t0) == t0 + 250ms);

  std::atomic<bool> stop{false};
  Watchdog polled(10, &stop, t0);
  CHECK(polled.next_check(t0) == t0 + Watchdog::kPollInterval);
  CHECK_FALSE(polled.check(t0).has_value());
  stop = true;
  CHECK(polled.check(t0) == Watchdog::Reason::StopRequest);

  Watchdog huge(1e30, nullptr, t0);  // clamped, no overflow
  CHECK_FALSE(huge.check(t0 + 1000000s).has_value());
}

}  // namespace
}  // namespace interleave::run
