// Scheduling: a blocked thread becomes runnable when the object it waits on was notified after
// the epoch it read before its failed attempt, or when its deadline passes; it then re-executes
// the blocking call. When nothing can run the driver sleeps until the nearest deadline (in short
// slices, so that stop requests are seen), or reports a deadlock when no wait has a deadline.
#include "run/coop_driver.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <thread>

#include "run/coop_trace.h"
#include "run/deadlock.h"

namespace interleave::run {

namespace {
// The driver whose thread's turn runs on this OS thread (set around each turn).
thread_local CoopDriver* t_running = nullptr;

// Sets t_running for one turn, restored however the turn ends (CoopExit included).
class TurnHere {
 public:
  explicit TurnHere(CoopDriver* driver) : previous_(t_running) { t_running = driver; }
  ~TurnHere() { t_running = previous_; }
  TurnHere(const TurnHere&) = delete;
  TurnHere& operator=(const TurnHere&) = delete;

 private:
  CoopDriver* previous_;
};
}  // namespace

CoopDriver* CoopDriver::running_here() {
  return t_running;
}

CoopDriver::CoopDriver(const Options& options, OutputSink output)
    : options_(options),
      output_(std::move(output)),
      switch_interval_(options.switch_interval),
      start_(std::chrono::steady_clock::now()) {
  if (options_.timeout > 0) {
    deadline_ns_ = monotonic_ns() + static_cast<std::int64_t>(options_.timeout * 1e9);
  }
}

CoopDriver::~CoopDriver() = default;

std::int64_t CoopDriver::monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t CoopDriver::wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t CoopDriver::cpu_ns() {
  return static_cast<std::int64_t>(static_cast<double>(std::clock()) * 1e9 / CLOCKS_PER_SEC);
}

bool CoopDriver::start_thread(vm::ThreadHandle& thread) {
  int live = 0;
  for (const Entry& e : threads_) live += e.done ? 0 : 1;
  if (live >= kMaxThreads) return false;
  Entry e;
  e.handle = &thread;
  threads_.push_back(e);
  if (trace_) trace_->add_thread(thread, running_tid(), monotonic_ns());
  return true;
}

void CoopDriver::notify(const void* object) {
  ++epoch_;
  last_notify_[object] = epoch_;
  if (trace_) {
    // The threads this wakes: recorded now, on the notifying thread, as the real driver does.
    const std::int64_t now = monotonic_ns();
    for (std::size_t i = 0; i < threads_.size(); ++i) {
      const Entry& e = threads_[i];
      if (!e.done && e.blocked && e.wait.object == object) {
        trace_->unblocked(static_cast<trace::ThreadId>(i), running_tid(), now);
      }
    }
  }
}

void CoopDriver::write(int fd, std::string_view text) {
  if (trace_) trace_->output(running_tid(), fd, text, monotonic_ns());
  if (output_) output_(fd, text);
}

void CoopDriver::record_into(trace::Recorder& recorder, trace::ProcessId pid,
                             std::string_view process_name) {
  trace_ = std::make_unique<CoopTrace>(recorder, pid, process_name, monotonic_ns());
}

void CoopDriver::finish_recording(int status) {
  if (trace_) trace_->end(status, monotonic_ns());
  trace_.reset();
}

void CoopDriver::message_sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) {
  if (trace_) trace_->message_sent(running_tid(), flow, bytes, channel, monotonic_ns());
}

void CoopDriver::message_received(std::uint64_t flow, std::uint64_t bytes,
                                  std::string_view channel) {
  if (trace_) trace_->message_received(running_tid(), flow, bytes, channel, monotonic_ns());
}

trace::ThreadId CoopDriver::running_tid() const {
  return running_ < threads_.size() ? static_cast<trace::ThreadId>(running_) : trace::kNoThread;
}

bool CoopDriver::can_run(const Entry& e, std::int64_t now) const {
  if (e.done) return false;
  if (!e.blocked) return true;
  if (e.wait.deadline_ns >= 0 && now >= e.wait.deadline_ns) return true;
  if (e.wait.object != nullptr) {
    auto it = last_notify_.find(e.wait.object);
    if (it != last_notify_.end() && it->second > e.wait.epoch) return true;
  }
  return false;
}

bool CoopDriver::stop_due(std::int64_t now) const {
  if (options_.stop_request != nullptr && options_.stop_request->load()) return true;
  return deadline_ns_ >= 0 && now >= deadline_ns_;
}

int CoopDriver::stop(std::int64_t now) {
  if (deadline_ns_ >= 0 && now >= deadline_ns_) {
    char line[96];
    std::snprintf(line, sizeof line, "Stopped: time limit of %g s reached.\n", options_.timeout);
    write(2, line);
  } else {
    write(2, "Stopped.\n");
  }
  return exit_status::kTimeout;
}

int CoopDriver::run(vm::ThreadHandle& main) {
  begin(main);
  std::int64_t wake = -1;
  return advance(-1, &wake, true);
}

void CoopDriver::begin(vm::ThreadHandle& main) {
  Entry first;
  first.handle = &main;
  threads_.insert(threads_.begin(), first);
  if (trace_) trace_->add_thread(main, trace::kNoThread, monotonic_ns());
  next_ = 0;
}

int CoopDriver::step(std::int64_t until_ns, std::int64_t* wake_ns) {
  return advance(until_ns, wake_ns, false);
}

int CoopDriver::advance(std::int64_t until_ns, std::int64_t* wake_ns, bool sleep) {
  for (;;) {
    std::int64_t now = monotonic_ns();
    if (stop_due(now)) return stop(now);
    if (!sleep && now >= until_ns) {
      *wake_ns = now;  // the slice is over; more to run at once
      return kRunning;
    }
    // Round-robin: the next thread (after the last one run) that can run.
    std::size_t n = threads_.size();
    std::size_t pick = n;
    for (std::size_t k = 0; k < n; ++k) {
      std::size_t i = (next_ + k) % n;
      if (can_run(threads_[i], now)) {
        pick = i;
        break;
      }
    }
    if (pick == n) {
      // Nothing can run: sleep until a deadline (or return, stepping), or report the deadlock.
      std::int64_t soonest = -1;
      bool outside = false;  // a wait only something outside this interpreter can end
      for (const Entry& e : threads_) {
        if (e.done || !e.blocked) continue;
        if (e.wait.deadline_ns >= 0 && (soonest < 0 || e.wait.deadline_ns < soonest)) {
          soonest = e.wait.deadline_ns;
        }
        if (e.wait.deadline_ns < 0 && can_wake_by_itself(e.wait)) outside = true;
      }
      if (soonest < 0 && !outside) {
        std::vector<StuckThread> stuck;
        for (const Entry& e : threads_) {
          if (!e.done) stuck.push_back(describe_stuck(e.handle->name(), e.wait));
        }
        write(2, format_deadlock_report(stuck));
        return exit_status::kDeadlock;
      }
      if (deadline_ns_ >= 0 && (soonest < 0 || deadline_ns_ < soonest)) soonest = deadline_ns_;
      if (!sleep) {
        *wake_ns = soonest;
        return kRunning;
      }
      // Woken from outside this interpreter (I/O, another process): poll.
      if (outside && (soonest < 0 || now + 5'000'000 < soonest)) soonest = now + 5'000'000;
      std::int64_t wait = std::min<std::int64_t>(soonest - now, 20'000'000);
      if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
      continue;
    }
    Entry& e = threads_[pick];
    e.blocked = false;
    vm::ThreadHandle* h = e.handle;
    running_ = pick;
    if (trace_) {
      trace_->unblocked(static_cast<trace::ThreadId>(pick), trace::kNoThread, now);  // deadline
      trace_->turn_begin(static_cast<trace::ThreadId>(pick), now);
    }
    vm::Stop why;
    try {
      const TurnHere here(this);
      why = h->run(kBudget);
    } catch (const CoopExit& exit) {  // os._exit, os.abort, a child process's end
      return exit.code;
    }
    running_ = kNone;
    if (trace_) trace_->turn_end(static_cast<trace::ThreadId>(pick), why, h->wait(), monotonic_ns());
    // The entry may have moved if the thread started others (the vector grew).
    Entry& cur = threads_[pick];
    next_ = pick + 1;
    // Bits this driver does not use would make every run() return at once.
    eval_breaker_.fetch_and(~(vm::breaker::kGilDropRequest | vm::breaker::kPendingCall));
    switch (why) {
      case vm::Stop::Budget:
        break;
      case vm::Stop::Blocked:
        cur.blocked = true;
        cur.wait = h->wait();
        break;
      case vm::Stop::Finished:
        cur.done = true;
        if (h->is_main()) return h->exit_code();
        break;
      case vm::Stop::Exited:
        return h->exit_code();
    }
    if (last_notify_.size() > 4096) {
      // Forget notifications no blocked thread can still be waiting for.
      std::uint64_t oldest = epoch_;
      for (const Entry& x : threads_) {
        if (!x.done && x.blocked) oldest = std::min(oldest, x.wait.epoch);
      }
      for (auto it = last_notify_.begin(); it != last_notify_.end();) {
        it = it->second <= oldest ? last_notify_.erase(it) : std::next(it);
      }
    }
  }
}

}  // namespace interleave::run
