// The run's words (run_status_text.h): seconds printed with the clock they were read from.
#include "ui/run_status_text.h"

#include <cstdio>

namespace interleave::ui {
namespace {

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, s < 10 ? "%.3f s" : "%.2f s", s);
  return text;
}

std::string exit_words(int status) {
  char text[96];
  std::snprintf(text, sizeof text, "%s (exit status %d)", describe_exit(status), status);
  return text;
}

std::string simulated_time(const RunOutcome& o) {
  if (o.sim_seconds) return " after " + seconds(*o.sim_seconds) + " of simulated time";
  if (o.elapsed_virtual) return " after " + seconds(o.elapsed) + " of simulated time";
  return " (simulated; it took " + seconds(o.elapsed) + " to compute)";
}

}  // namespace

const char* describe_exit(int status) {
  switch (status) {
    case 0:
      return "finished";
    case 1:
      return "ended with an exception";
    case 2:
      return "could not start (usage error)";
    case 3:
      return "stopped: deadlock detected";
    case 124:
      return "stopped at the time limit or by Stop";
    default:
      return "ended";
  }
}

std::string progress_text(RunMode mode, double elapsed, bool elapsed_virtual) {
  char text[64];
  if (elapsed_virtual) {
    std::snprintf(text, sizeof text, "simulated %.2f s", elapsed);
  } else if (mode == RunMode::Simulated) {
    std::snprintf(text, sizeof text, "simulating (%.1f s real)", elapsed);
  } else {
    std::snprintf(text, sizeof text, "running %.1f s", elapsed);
  }
  return text;
}

std::string outcome_text(const RunOutcome& o) {
  switch (o.mode) {
    case RunMode::Simulated:
      return o.filename + " " + exit_words(o.exit_status) + simulated_time(o);
    case RunMode::Real:
      return o.filename + " " + exit_words(o.exit_status) + " in " + seconds(o.elapsed);
    case RunMode::Compare:
      break;
  }
  std::string text;
  if (o.compare_exit_status) {
    text = o.filename + ": simulated run " + exit_words(o.exit_status) + simulated_time(o) +
           "; real run " + exit_words(*o.compare_exit_status);
  } else {
    // The runner reported one status for both runs (the page's does).
    text = o.filename + ": compare " + exit_words(o.exit_status) + ": simulated run" +
           simulated_time(o) + "; real run";
  }
  if (o.real_seconds) text += " in " + seconds(*o.real_seconds);
  return text;
}

}  // namespace interleave::ui
