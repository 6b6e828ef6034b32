// The run's watchdog: when the time limit (Options::timeout) passes or the UI's stop request
// (Options::stop_request) is raised, the driver must stop within 200 ms. The stop request is a
// plain atomic<bool> with nobody to signal it, so the supervisor polls it every kPollInterval.
// Thread-safety: owned by the supervising thread (RealDriver::run); stop_request from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>

namespace interleave::run {

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kPollInterval{10};

  enum class Reason { TimeLimit, StopRequest };

  // timeout_seconds <= 0: no time limit. stop_request may be null.
  Watchdog(double timeout_seconds, const std::atomic<bool>* stop_request,
           Clock::time_point start = Clock::now());

  // Why the run must end now, if it must.
  std::optional<Reason> check(Clock::time_point now) const;
  // When the supervisor should look again (waits end earlier when something else happens).
  Clock::time_point next_check(Clock::time_point now) const;

  bool has_deadline() const { return deadline_.has_value(); }
  // When the time limit passes (the moment a stop latency is measured from); empty: no limit.
  std::optional<Clock::time_point> deadline() const { return deadline_; }
  double timeout_seconds() const { return timeout_seconds_; }

 private:
  double timeout_seconds_;
  const std::atomic<bool>* stop_request_;
  std::optional<Clock::time_point> deadline_;
};

}  // namespace interleave::run
