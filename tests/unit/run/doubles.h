// Test doubles of the VM for the real-thread driver: ScriptThread is a tiny "interpreter" whose
// program is a list of steps (spin, acquire, release, start, join, sleep, exit...) and which keeps
// the yield protocol of vm/driver.h exactly as vm::Thread does (epoch read before the attempt,
// Wait filled in, breaker checked at every "backward jump"). Only the threads are real.
// Thread-safety: a ScriptThread is run by one OS thread at a time (the driver's); FakeLock and
// FakeCounter are shared and guard themselves, since with the GIL off threads truly overlap.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "vm/driver.h"

namespace interleave::run::testing {

// A plain Lock as threading.Lock behaves: no owner rules, release wakes the waiters.
class FakeLock {
 public:
  explicit FakeLock(std::string name) : name_(std::move(name)) {}
  bool try_acquire(const vm::ThreadHandle* who) {
    std::lock_guard<std::mutex> lock(m_);
    if (owner_ != nullptr) return false;
    owner_ = who;
    return true;
  }
  void release() {
    std::lock_guard<std::mutex> lock(m_);
    owner_ = nullptr;
  }
  const vm::ThreadHandle* owner() {
    std::lock_guard<std::mutex> lock(m_);
    return owner_;
  }
  const std::string& name() const { return name_; }

 private:
  std::mutex m_;
  const vm::ThreadHandle* owner_ = nullptr;
  std::string name_;
};

// A counting semaphore: put() adds one and notifies; take() blocks while it is zero.
class FakeCounter {
 public:
  void put() { value_.fetch_add(1); }
  bool try_take() {
    std::int64_t v = value_.load();
    while (v > 0) {
      if (value_.compare_exchange_weak(v, v - 1)) return true;
    }
    return false;
  }
  std::int64_t value() const { return value_.load(); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Shared observations of a test: never two threads inside run() when a GIL serialises it.
struct Probe {
  std::atomic<int> inside{0};
  std::atomic<int> max_inside{0};
  std::atomic<std::int64_t> instructions{0};
  std::atomic<int> start_failures{0};
  std::atomic<int> acquire_timeouts{0};
};

class ScriptThread final : public vm::ThreadHandle {
 public:
  struct Step {
    enum Kind {
      Spin,     // n instructions (n < 0: forever), checking the breaker at each one
      SpinFor,  // spin until monotonic_ns() passes n ns after the step began
      SpinUntil,  // spin until until() returns true (asked every 64 instructions)
      Acquire,  // lock->try_acquire, else block (deadline n ns from the first try if n >= 0)
      Release,  // lock->release + notify(lock)
      Put,      // counter->put + notify(counter), n times
      Take,     // counter->try_take, else block; n times
      Start,    // driver.start_thread(*thread)
      Join,     // block until thread finished (notified on its handle by the driver)
      Sleep,    // n ns
      Call,     // fn() once, holding nothing special (e.g. set a flag, raise a GC request)
      Exit,     // return Stop::Exited with exit code n
    };
    Step(Kind k, std::int64_t count = 0) : kind(k), n(count) {}
    Kind kind;
    std::int64_t n = 0;
    FakeLock* lock = nullptr;
    FakeCounter* counter = nullptr;
    ScriptThread* thread = nullptr;
    std::function<void()> fn;
    std::function<bool()> until;  // SpinUntil
  };

  ScriptThread(std::string name, std::vector<Step> steps, Probe* probe = nullptr,
               bool is_main = false, bool daemon = false)
      : name_(std::move(name)),
        steps_(std::move(steps)),
        probe_(probe),
        is_main_(is_main),
        daemon_(daemon) {}

  void bind(vm::Driver& driver) { driver_ = &driver; }

  vm::Stop run(std::int64_t budget) override {
    if (probe_ != nullptr) {
      const int now = probe_->inside.fetch_add(1) + 1;
      int seen = probe_->max_inside.load();
      while (now > seen && !probe_->max_inside.compare_exchange_weak(seen, now)) {
      }
    }
    const vm::Stop stop = step(budget);
    if (probe_ != nullptr) probe_->inside.fetch_sub(1);
    if (stop == vm::Stop::Finished) finished_.store(true);
    return stop;
  }

  const vm::Wait& wait() const override { return wait_; }
  int exit_code() const override { return exit_code_; }
  std::string name() const override { return name_; }
  std::uint64_t ident() const override { return reinterpret_cast<std::uintptr_t>(this); }
  bool daemon() const override { return daemon_; }
  bool is_main() const override { return is_main_; }
  void collect_garbage() override {
    if (on_collect) on_collect();
    driver_->eval_breaker().fetch_and(~vm::breaker::kGcRequest);
  }

  bool finished() const { return finished_.load(); }
  std::int64_t spun() const { return spun_.load(std::memory_order_relaxed); }
  std::function<void()> on_collect;

 private:
  vm::Stop step(std::int64_t budget) {
    vm::Driver& d = *driver_;
    while (pc_ < steps_.size()) {
      Step& s = steps_[pc_];
      switch (s.kind) {
        case Step::Spin:
        case Step::SpinFor:
        case Step::SpinUntil: {
          if (s.kind == Step::SpinFor && !step_started_) {
            step_deadline_ = d.monotonic_ns() + s.n;
            step_started_ = true;
          }
          if (s.kind == Step::Spin && !step_started_) {
            remaining_ = s.n;
            step_started_ = true;
          }
          for (;;) {
            if (s.kind == Step::Spin && remaining_ == 0) break;
            if (s.kind == Step::SpinFor && (spin_count_ & 63) == 0 &&
                d.monotonic_ns() >= step_deadline_) {
              break;
            }
            if (s.kind == Step::SpinUntil && (spin_count_ & 63) == 0 && s.until()) break;
            ++spin_count_;
            spun_.fetch_add(1, std::memory_order_relaxed);
            if (probe_ != nullptr) probe_->instructions.fetch_add(1, std::memory_order_relaxed);
            if (remaining_ > 0) --remaining_;
            // A backward jump: the interpreter's safepoint.
            if (--budget <= 0 || d.eval_breaker().load(std::memory_order_relaxed) != 0) {
              return vm::Stop::Budget;
            }
          }
          next();
          break;
        }
        case Step::Acquire: {
          const std::uint64_t epoch = d.epoch();
          if (!step_started_) {
            step_deadline_ = s.n >= 0 ? d.monotonic_ns() + s.n : -1;
            step_started_ = true;
          }
          if (s.lock->try_acquire(this)) {
            next();
            break;
          }
          if (step_deadline_ >= 0 && d.monotonic_ns() >= step_deadline_) {
            if (probe_ != nullptr) probe_->acquire_timeouts.fetch_add(1);
            next();
            break;
          }
          return block(vm::WaitKind::Lock, s.lock, step_deadline_, epoch, s.lock->owner(),
                       "Lock " + s.lock->name() + " (acquire)");
        }
        case Step::Release:
          s.lock->release();
          d.notify(s.lock);
          next();
          break;
        case Step::Put:
          for (std::int64_t i = 0; i < s.n; ++i) {
            s.counter->put();
            d.notify(s.counter);
          }
          next();
          break;
        case Step::Take: {
          if (!step_started_) {
            remaining_ = s.n;
            step_started_ = true;
          }
          while (remaining_ > 0) {
            const std::uint64_t epoch = d.epoch();
            if (!s.counter->try_take()) {
              return block(vm::WaitKind::Queue, s.counter, -1, epoch, nullptr, "queue.get()");
            }
            --remaining_;
            if (--budget <= 0) return vm::Stop::Budget;
          }
          next();
          break;
        }
        case Step::Start:
          s.thread->bind(d);
          if (!d.start_thread(*s.thread) && probe_ != nullptr) probe_->start_failures.fetch_add(1);
          next();
          break;
        case Step::Join: {
          const std::uint64_t epoch = d.epoch();
          if (s.thread->finished()) {
            next();
            break;
          }
          return block(vm::WaitKind::Join, static_cast<const vm::ThreadHandle*>(s.thread), -1,
                       epoch, s.thread, s.thread->name() + " (join)");
        }
        case Step::Sleep:
          if (!step_started_) {
            step_deadline_ = d.monotonic_ns() + s.n;
            step_started_ = true;
          }
          if (d.monotonic_ns() >= step_deadline_) {
            next();
            break;
          }
          return block(vm::WaitKind::Sleep, nullptr, step_deadline_, d.epoch(), nullptr, "sleep");
        case Step::Call:
          s.fn();
          next();
          break;
        case Step::Exit:
          exit_code_ = static_cast<int>(s.n);
          return vm::Stop::Exited;
      }
    }
    return vm::Stop::Finished;
  }

  vm::Stop block(vm::WaitKind kind, const void* object, std::int64_t deadline, std::uint64_t epoch,
                 const vm::ThreadHandle* holder, std::string what) {
    wait_.kind = kind;
    wait_.object = object;
    wait_.deadline_ns = deadline;
    wait_.epoch = epoch;
    wait_.holder = holder;
    wait_.what = std::move(what);
    return vm::Stop::Blocked;
  }

  void next() {
    ++pc_;
    step_started_ = false;
  }

  std::string name_;
  std::vector<Step> steps_;
  Probe* probe_;
  bool is_main_;
  bool daemon_;
  vm::Driver* driver_ = nullptr;
  std::size_t pc_ = 0;
  bool step_started_ = false;
  std::int64_t remaining_ = 0;
  std::int64_t step_deadline_ = -1;
  std::uint64_t spin_count_ = 0;
  std::atomic<std::int64_t> spun_{0};
  vm::Wait wait_;
  int exit_code_ = 0;
  std::atomic<bool> finished_{false};
};

// Step builders, so that scripts read like the Python they stand for.
using Step = ScriptThread::Step;
inline Step spin(std::int64_t n) {
  return Step{Step::Spin, n};
}
inline Step spin_forever() {
  return Step{Step::Spin, -1};
}
inline Step spin_for_ms(std::int64_t ms) {
  return Step{Step::SpinFor, ms * 1'000'000};
}
// Spins (a busy loop with safepoints, never blocking) until `done()` holds: for scripts that must
// wait for another thread's progress without adding a block of their own to the run.
inline Step spin_until(std::function<bool()> done) {
  Step s{Step::SpinUntil};
  s.until = std::move(done);
  return s;
}
inline Step acquire(FakeLock& l, std::int64_t timeout_ns = -1) {
  Step s{Step::Acquire, timeout_ns};
  s.lock = &l;
  return s;
}
inline Step release(FakeLock& l) {
  Step s{Step::Release};
  s.lock = &l;
  return s;
}
inline Step put(FakeCounter& c, std::int64_t n = 1) {
  Step s{Step::Put, n};
  s.counter = &c;
  return s;
}
inline Step take(FakeCounter& c, std::int64_t n = 1) {
  Step s{Step::Take, n};
  s.counter = &c;
  return s;
}
inline Step start(ScriptThread& t) {
  Step s{Step::Start};
  s.thread = &t;
  return s;
}
inline Step join(ScriptThread& t) {
  Step s{Step::Join};
  s.thread = &t;
  return s;
}
inline Step sleep_ms(std::int64_t ms) {
  return Step{Step::Sleep, ms * 1'000'000};
}
inline Step call(std::function<void()> fn) {
  Step s{Step::Call};
  s.fn = std::move(fn);
  return s;
}
inline Step exit_with(int code) {
  return Step{Step::Exit, code};
}

}  // namespace interleave::run::testing
