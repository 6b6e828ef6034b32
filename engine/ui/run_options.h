// The adapter from the UI's RunSettings to the engine's run::Options, the one place where the UI
// meets engine/run's types. A compare run is two runs: the simulated one and the real one; the
// edited model (RunSettings::model) goes to the simulated one as Options::profile_text.
// Pure functions: any thread.
#pragma once

#include "run/program.h"
#include "ui/run_settings.h"

namespace interleave::ui {

// Options for one run. `simulated` picks the side of a compare run (ignored otherwise: the mode
// decides). stop_request, trace and summary paths are the runner's to fill.
run::Options to_run_options(const RunSettings& settings, bool simulated);

}  // namespace interleave::ui
