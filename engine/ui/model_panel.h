// The Model window: the simulator's cost profile (run::sim::profile_keys(), every key, grouped by
// section) for a person to read and edit. Each key shows its value in readable units, the
// built-in value beside it and its doc; edited keys are marked, each can be reset, and all at
// once. The background load (machine.background_load: "what if this machine is busy") has a
// slider of its own at the top. Values are typed with units ("8.5us", "4 ms", "26" ns) and kept in
// model_settings.h's ranges; what cannot be read is refused with a message, the value unchanged.
// Edits apply to the next simulated run (RunSettings::model). UI thread only.
#pragma once

#include <string>

#include <imgui.h>

#include "ui/model_settings.h"
#include "ui/theme.h"

namespace interleave::ui {

class ModelPanel {
 public:
  // The window's contents (the caller opens and closes the window); true when *model changed.
  bool draw(Model* model, const Palette& palette);

 private:
  void draw_key(Model* model, std::size_t key, const Palette& palette);

  ImGuiTextFilter filter_;
  int columns_ = 5;     // key, value, built-in, reset, description: fewer when narrow
  int editing_ = -1;    // the key whose text field is being typed in
  char edit_[48] = {};  // its text while typing
  int refused_ = -1;    // the key whose last typed text could not be read
  std::string refused_text_;
};

}  // namespace interleave::ui
