// Names and bounds of the run settings.
#include "ui/run_settings.h"

#include <algorithm>
#include <cmath>

namespace interleave::ui {

RunSettings clamped(RunSettings s) {
  const RunSettings defaults;
  if (!std::isfinite(s.switch_interval)) s.switch_interval = defaults.switch_interval;
  if (!std::isfinite(s.time_limit)) s.time_limit = defaults.time_limit;
  s.switch_interval = std::clamp(s.switch_interval, kMinSwitchInterval, kMaxSwitchInterval);
  s.cores = std::clamp(s.cores, kMinCores, kMaxCores);
  s.time_limit = std::clamp(s.time_limit, kMinTimeLimit, kMaxTimeLimit);
  s.model = clamped_model(s.model);
  return s;
}

std::string_view to_string(RunMode m) {
  switch (m) {
    case RunMode::Simulated:
      return "sim";
    case RunMode::Real:
      return "real";
    case RunMode::Compare:
      return "compare";
  }
  return "sim";
}

std::string_view to_string(GilMode g) {
  switch (g) {
    case GilMode::On:
      return "on";
    case GilMode::Off:
      return "off";
    case GilMode::Legacy:
      return "legacy";
  }
  return "on";
}

std::string_view to_string(StartMethod s) {
  return s == StartMethod::Fork ? "fork" : "spawn";
}

std::optional<RunMode> parse_run_mode(std::string_view s) {
  for (RunMode m : {RunMode::Simulated, RunMode::Real, RunMode::Compare}) {
    if (to_string(m) == s) return m;
  }
  return std::nullopt;
}

std::optional<GilMode> parse_gil_mode(std::string_view s) {
  for (GilMode g : {GilMode::On, GilMode::Off, GilMode::Legacy}) {
    if (to_string(g) == s) return g;
  }
  return std::nullopt;
}

std::optional<StartMethod> parse_start_method(std::string_view s) {
  for (StartMethod m : {StartMethod::Spawn, StartMethod::Fork}) {
    if (to_string(m) == s) return m;
  }
  return std::nullopt;
}

}  // namespace interleave::ui
