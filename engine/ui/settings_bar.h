// The run settings bar above the editor: Run and Stop, mode, GIL, switch interval, cores, start
// method, time limit, the Model button (the simulator's model, model_panel.h; it names how many
// keys are edited) and a progress slot. It wraps onto more rows when the panel is narrow.
// UI thread only.
#pragma once

#include <string>

#include "ui/run_settings.h"
#include "ui/theme.h"

namespace interleave::ui {

enum class RunAction { None, Run, Stop, ShowModel };

struct RunBarState {
  bool running = false;
  double fill = 0;           // the progress bar's fill, 0..1 (progress_pacer.h)
  std::string elapsed_text;  // run_status_text.h's progress_text(), shown in the bar
  bool can_run = true;       // false: there is nothing to run (e.g. an empty editor)
};

RunAction settings_bar(RunSettings* settings, const RunBarState& state, const Palette& palette);

}  // namespace interleave::ui
