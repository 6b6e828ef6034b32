// Time limit and stop request of a real run (see watchdog.h). Pure time arithmetic; the caller
// does the waiting. Used only by the supervising thread.
#include "run/watchdog.h"

#include <algorithm>

namespace interleave::run {

Watchdog::Watchdog(double timeout_seconds, const std::atomic<bool>* stop_request,
                   Clock::time_point start)
    : timeout_seconds_(timeout_seconds), stop_request_(stop_request) {
  if (timeout_seconds > 0) {
    // Clamp absurd limits (--timeout 1e30) instead of overflowing the clock.
    const double capped = std::min(timeout_seconds, 1e9);
    deadline_ =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(capped));
  }
}

std::optional<Watchdog::Reason> Watchdog::check(Clock::time_point now) const {
  if (stop_request_ != nullptr && stop_request_->load(std::memory_order_relaxed)) {
    return Reason::StopRequest;
  }
  if (deadline_ && now >= *deadline_) return Reason::TimeLimit;
  return std::nullopt;
}

Watchdog::Clock::time_point Watchdog::next_check(Clock::time_point now) const {
  Clock::time_point next = Clock::time_point::max();
  if (stop_request_ != nullptr) next = now + kPollInterval;
  if (deadline_) next = std::min(next, *deadline_);
  return next;
}

}  // namespace interleave::run
