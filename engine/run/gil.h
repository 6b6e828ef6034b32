// The global interpreter lock of the real-thread driver, in three modes: `on` (CPython 3.2+'s GIL
// of Python/ceval_gil.c: switch interval, drop request, forced switching), `legacy` (Python 2's
// lock released and re-taken every 100 ticks, no fairness) and `off` (free-threaded: no lock).
// Invariants: at most one holder in `on`/`legacy`; only the holder calls drop()/yield().
// Thread-safety: take/drop/yield from the Python threads' OS threads; getters and set_interval
// from any thread. How each mode works is told at the top of gil.cpp and in docs/gil.md.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>

namespace interleave::run {

enum class GilMode : std::uint8_t { On, Legacy, Off };

std::optional<GilMode> parse_gil_mode(std::string_view name);  // "on" | "legacy" | "off"
std::string_view to_string(GilMode mode);

// Counters, read at any time (each one is exact; together they are a near-consistent snapshot).
struct GilStats {
  std::uint64_t takes = 0;            // successful acquisitions
  std::uint64_t contended_takes = 0;  // acquisitions that had to wait for another holder
  std::uint64_t switches = 0;         // switch_number: acquisitions by a thread other than the last
  std::uint64_t drop_requests = 0;    // `on`: times a waiter set kGilDropRequest after an interval
  std::uint64_t forced_switches = 0;  // `on`: drops that waited on switch_cond for a new holder
  std::uint64_t yields = 0;  // yield() calls: eval-breaker drops (`on`), tick checks (legacy)
  std::int64_t wait_ns = 0;  // total time spent waiting in take()
};

// Recording hooks (traces). Each is called on the OS thread of the thread it names, so that a
// per-thread trace writer can record it without locks; `holder`/`waiter` are take()'s arguments.
class GilObserver {
 public:
  virtual ~GilObserver() = default;
  virtual void drop_requested(const void* waiter, const void* holder) = 0;  // inside take()
  virtual void forced_switch(const void* dropper) = 0;  // inside drop(), before the wait
};

class Gil {
 public:
  static constexpr unsigned long kDefaultIntervalUs = 5000;  // sys.getswitchinterval() == 0.005
  static constexpr std::int64_t kLegacyCheckInterval = 100;  // Python 2's sys.getcheckinterval()

  // `eval_breaker` is the interpreter's: `on` sets and resets breaker::kGilDropRequest on it.
  Gil(GilMode mode, std::atomic<std::uint32_t>& eval_breaker,
      unsigned long interval_us = kDefaultIntervalUs);
  Gil(const Gil&) = delete;
  Gil& operator=(const Gil&) = delete;

  // `holder` identifies the calling Python thread (its thread state); never null, never
  // dereferenced. take() returns the previous holder (last_holder before it; null if none).
  const void* take(const void* holder);
  // take() for a thread that has nothing left to do once the run ends: returns false, without the
  // GIL, as soon as the leave flag (set_leave_flag) is true while it waits; else takes it, stores
  // the previous holder in *previous and returns true.
  bool take_or_leave(const void* holder, const void** previous);
  void drop(const void* holder);
  // "Give another thread a chance": the holder drops and re-takes. `on`: called when run() stopped
  // on kGilDropRequest; the drop waits until another thread took the GIL (FORCE_SWITCHING).
  // `legacy`: called every kLegacyCheckInterval ticks; usually the caller wins again. `off`: no-op.
  // Returns what take() returned.
  const void* yield(const void* holder);

  // Set before any thread uses the GIL; null: none.
  void set_observer(GilObserver* observer) { observer_ = observer; }
  // The run's "ending" flag, set before any thread uses the GIL: once it is true, take_or_leave()
  // gives up waiting and a forced switch no longer waits for a new holder (the waiter it waited
  // for may have left). After raising it, call wake_all() so that sleeping waiters look at it.
  void set_leave_flag(const std::atomic<bool>* flag) { leave_ = flag; }
  void wake_all();

  GilMode mode() const { return mode_; }
  // The switch interval, in microseconds as CPython keeps it (sys.setswitchinterval truncates
  // seconds * 1e6; 0 is allowed and waits 1 us). Only `on` uses it; the others keep it for getters.
  unsigned long interval() const { return interval_.load(std::memory_order_relaxed); }
  void set_interval(unsigned long microseconds);
  double interval_seconds() const { return 1e-6 * static_cast<double>(interval()); }
  void set_interval_seconds(double seconds);

  bool locked() const { return locked_.load(std::memory_order_relaxed); }
  // Runs `fn` with the GIL's own mutexes held (a fork inside `fn` then copies neither of them
  // locked by a thread the child will not have). The caller holds neither.
  template <typename Fn>
  void with_mutexes_held(Fn&& fn) {
    std::scoped_lock held(mutex_, switch_mutex_);
    fn();
  }
  const void* last_holder() const { return last_holder_.load(std::memory_order_relaxed); }
  std::uint64_t switch_number() const { return switch_number_.load(std::memory_order_relaxed); }
  GilStats stats() const;

 private:
  bool leaving() const { return leave_ != nullptr && leave_->load(std::memory_order_acquire); }
  bool take_on(const void* holder, bool may_leave, const void** previous);
  void drop_on(const void* holder);
  bool take_legacy(const void* holder, bool may_leave, const void** previous);
  void drop_legacy(const void* holder);
  void set_drop_request(const void* waiter);
  void reset_drop_request();
  void count_take(bool contended, std::int64_t waited_ns);

  const GilMode mode_;
  std::atomic<std::uint32_t>& eval_breaker_;
  GilObserver* observer_ = nullptr;
  const std::atomic<bool>* leave_ = nullptr;
  std::atomic<unsigned long> interval_;

  // ceval_gil.c's _gil_runtime_state. `locked` and `switch_number` change under `mutex`;
  // `last_holder` under `switch_mutex` (so that a forced-switch waiter cannot miss the change).
  std::mutex mutex_;
  std::condition_variable cond_;  // `on`: signalled on drop; legacy: Python 2's lock_released
  std::mutex switch_mutex_;
  std::condition_variable switch_cond_;
  std::atomic<bool> locked_{false};
  std::atomic<const void*> last_holder_{nullptr};
  std::atomic<std::uint64_t> switch_number_{0};

  std::atomic<std::uint64_t> takes_{0}, contended_takes_{0}, drop_requests_{0}, forced_switches_{0},
      yields_{0};
  std::atomic<std::int64_t> wait_ns_{0};
};

}  // namespace interleave::run
