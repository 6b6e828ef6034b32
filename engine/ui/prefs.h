// What the playground remembers between launches: theme, run settings (with the simulator's model:
// the keys a person edited, model_settings.h), the example last open and whether the Model window
// was,
// as a small "key=value" text (one per line) that the desktop keeps in the user's config directory
// and the web page in local storage. Reading is forgiving: unknown keys and bad values are skipped
// (the defaults stay), numbers are clamped as RunSettings demands. Pure functions: any thread.
#pragma once

#include <string>
#include <string_view>

#include "ui/run_settings.h"
#include "ui/theme.h"

namespace interleave::ui {

struct Prefs {
  Theme theme = Theme::Dark;
  RunSettings settings;
  std::string example;  // file name in examples/, "" for none
  bool model_window = false;  // the Model window was open (it opens again)
  bool operator==(const Prefs&) const = default;
};

std::string prefs_to_text(const Prefs& prefs);
Prefs parse_prefs(std::string_view text);

}  // namespace interleave::ui
