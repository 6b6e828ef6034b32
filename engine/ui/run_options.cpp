// RunSettings -> run::Options.
#include "ui/run_options.h"

#include <string>

namespace interleave::ui {

run::Options to_run_options(const RunSettings& in, bool simulated) {
  const RunSettings s = clamped(in);
  if (s.mode == RunMode::Simulated) simulated = true;
  if (s.mode == RunMode::Real) simulated = false;
  run::Options o;
  o.mode = simulated ? "sim" : "real";
  o.gil = std::string(to_string(s.gil));
  o.switch_interval = s.switch_interval;
  o.cores = simulated ? s.cores : 0;  // a real run has this machine's cores
  o.start_method = std::string(to_string(s.start_method));
  o.timeout = s.time_limit;
  // Only the edited keys: an unedited model runs the built-in profile exactly as before.
  if (simulated) o.profile_text = model_profile_text(s.model);
  return o;
}

}  // namespace interleave::ui
