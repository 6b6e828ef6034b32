// Test doubles of the VM for the simulator: SimScript is a tiny "interpreter" whose program is a
// list of steps (spin N instructions, block on I/O for T ns, sleep, lock, start, join, print,
// read the clock, exit), keeping the yield protocol of vm/driver.h (epoch read before an attempt,
// Wait filled in, eval breaker checked after every instruction) and counting its cost from the
// driver's table (spin instructions are of class Other; the other steps are free). Thread-safety:
// one thread, the driver's.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "vm/driver.h"

namespace interleave::run::sim::testing {

struct SimLock {
  explicit SimLock(std::string n) : name(std::move(n)) {}
  std::string name;
  const vm::ThreadHandle* owner = nullptr;
};

class SimScript final : public vm::ThreadHandle {
 public:
  struct Step {
    enum Kind { Spin, Io, Sleep, Acquire, Release, Start, Join, Print, Clock, Exit };
    Kind kind = Spin;
    std::int64_t n = 0;  // Spin: instructions (-1: forever); Io/Sleep: ns
    SimLock* lock = nullptr;
    SimScript* thread = nullptr;
    std::string text;
  };

  SimScript(std::string name, std::vector<Step> steps, bool is_main = false)
      : name_(std::move(name)), steps_(std::move(steps)), is_main_(is_main) {}

  void bind(vm::Driver& d) { driver_ = &d; }

  vm::Stop run(std::int64_t budget) override {
    executed_ = 0;
    cost_ = 0;
    vm::Driver& d = *driver_;
    while (pc_ < steps_.size()) {
      Step& s = steps_[pc_];
      if (s.kind != Step::Spin) ++executed_;  // one free instruction, so that the run is counted
      switch (s.kind) {
        case Step::Spin:
          if (!started_) {
            left_ = s.n;
            started_ = true;
          }
          while (left_ != 0) {
            ++executed_;
            cost_ += table_ != nullptr ? table_[static_cast<int>(vm::OpClass::Other)] : 0;
            if (left_ > 0) --left_;
            if (--budget <= 0 || d.eval_breaker().load() != 0) {
              if (left_ == 0) next();
              return vm::Stop::Budget;
            }
          }
          next();
          break;
        case Step::Io:
        case Step::Sleep:
          if (!started_) {
            deadline_ = d.monotonic_ns() + s.n;
            started_ = true;
          }
          if (d.monotonic_ns() >= deadline_) {
            next();
            break;
          }
          return block(s.kind == Step::Io ? vm::WaitKind::Io : vm::WaitKind::Sleep, nullptr,
                       deadline_, d.epoch(), nullptr, s.kind == Step::Io ? "I/O" : "sleep");
        case Step::Acquire: {
          const std::uint64_t epoch = d.epoch();
          if (s.lock->owner == nullptr) {
            s.lock->owner = this;
            next();
            break;
          }
          return block(vm::WaitKind::Lock, s.lock, -1, epoch, s.lock->owner,
                       "Lock " + s.lock->name + " (acquire)");
        }
        case Step::Release:
          s.lock->owner = nullptr;
          d.notify(s.lock);
          next();
          break;
        case Step::Start:
          s.thread->bind(d);
          d.start_thread(*s.thread);
          next();
          break;
        case Step::Join: {
          const std::uint64_t epoch = d.epoch();
          if (s.thread->finished_) {
            next();
            break;
          }
          return block(vm::WaitKind::Join, static_cast<const vm::ThreadHandle*>(s.thread), -1,
                       epoch, s.thread, s.thread->name_ + " (join)");
        }
        case Step::Print:
          d.write(1, s.text + "\n");
          next();
          break;
        case Step::Clock:
          clocks.push_back(d.monotonic_ns());
          next();
          break;
        case Step::Exit:
          exit_code_ = static_cast<int>(s.n);
          return vm::Stop::Exited;
      }
    }
    ++executed_;  // the return itself
    finished_ = true;
    d.notify(this);
    return vm::Stop::Finished;
  }

  const vm::Wait& wait() const override { return wait_; }
  int exit_code() const override { return exit_code_; }
  std::string name() const override { return name_; }
  std::uint64_t ident() const override { return reinterpret_cast<std::uintptr_t>(this); }
  bool daemon() const override { return false; }
  bool is_main() const override { return is_main_; }
  void set_cost_table(const std::int64_t* table) override { table_ = table; }
  std::int64_t executed() const override { return executed_; }
  std::int64_t run_cost_ns() const override { return cost_; }

  std::vector<std::int64_t> clocks;  // monotonic_ns() read by Clock steps

 private:
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
    started_ = false;
  }

  std::string name_;
  std::vector<Step> steps_;
  bool is_main_;
  vm::Driver* driver_ = nullptr;
  const std::int64_t* table_ = nullptr;
  std::size_t pc_ = 0;
  bool started_ = false;
  std::int64_t left_ = 0;
  std::int64_t deadline_ = -1;
  std::int64_t executed_ = 0;
  std::int64_t cost_ = 0;
  bool finished_ = false;
  vm::Wait wait_;
  int exit_code_ = 0;
};

using Step = SimScript::Step;
inline Step make_step(Step::Kind kind, std::int64_t n = 0) {
  Step s;
  s.kind = kind;
  s.n = n;
  return s;
}
inline Step spin(std::int64_t n) {
  return make_step(Step::Spin, n);
}
inline Step spin_forever() {
  return make_step(Step::Spin, -1);
}
inline Step io_us(std::int64_t us) {
  return make_step(Step::Io, us * 1000);
}
inline Step sleep_us(std::int64_t us) {
  return make_step(Step::Sleep, us * 1000);
}
inline Step acquire(SimLock& l) {
  Step s = make_step(Step::Acquire);
  s.lock = &l;
  return s;
}
inline Step release(SimLock& l) {
  Step s = make_step(Step::Release);
  s.lock = &l;
  return s;
}
inline Step start(SimScript& t) {
  Step s = make_step(Step::Start);
  s.thread = &t;
  return s;
}
inline Step join(SimScript& t) {
  Step s = make_step(Step::Join);
  s.thread = &t;
  return s;
}
inline Step print(std::string text) {
  Step s = make_step(Step::Print);
  s.text = std::move(text);
  return s;
}
inline Step clock() {
  return make_step(Step::Clock);
}
inline Step exit_with(int code) {
  return make_step(Step::Exit, code);
}

}  // namespace interleave::run::sim::testing
