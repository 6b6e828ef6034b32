// The run settings the playground shows above the editor, as a plain struct with the URL spellings
// of PRODUCT.md's page contract (mode=sim|real|compare, gil=on|off|legacy, start=fork|spawn), and
// the simulator's model that the Model panel edits (model_settings.h).
// run_options.h maps it onto run::Options. Plain data: any thread may copy it.
#pragma once

#include <optional>
#include <string_view>

#include "ui/model_settings.h"

namespace interleave::ui {

enum class RunMode { Simulated, Real, Compare };
enum class GilMode { On, Off, Legacy };
enum class StartMethod { Spawn, Fork };

struct RunSettings {
  RunMode mode = RunMode::Simulated;
  GilMode gil = GilMode::On;
  double switch_interval = 0.005;  // seconds (sys.setswitchinterval's default)
  int cores = 4;                   // simulated cores; the real run uses this machine's
  StartMethod start_method = StartMethod::Spawn;
  double time_limit = 10.0;  // seconds; the run stops with status 124 after it
  // The cost profile of simulated runs (and of a compare's simulated half); the built-in one
  // unless a person edited it.
  Model model = run::sim::default_profile();
  bool operator==(const RunSettings&) const = default;
};

// Bounds the UI enforces (and a share link's values are clamped to).
inline constexpr double kMinSwitchInterval = 0.0001, kMaxSwitchInterval = 1.0;
inline constexpr int kMinCores = 1, kMaxCores = 64;
inline constexpr double kMinTimeLimit = 0.1, kMaxTimeLimit = 600.0;

// Clamps every field into its bounds (NaN becomes the default; the model: clamped_model).
RunSettings clamped(RunSettings s);

std::string_view to_string(RunMode m);      // "sim", "real", "compare"
std::string_view to_string(GilMode g);      // "on", "off", "legacy"
std::string_view to_string(StartMethod s);  // "spawn", "fork"
std::optional<RunMode> parse_run_mode(std::string_view s);
std::optional<GilMode> parse_gil_mode(std::string_view s);
std::optional<StartMethod> parse_start_method(std::string_view s);

}  // namespace interleave::ui
