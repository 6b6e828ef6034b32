// The Memory panel: each process of the last run as a box holding its module globals (name =
// repr, as the run left them) and its threads (name, state at the end), so that "the thread changed
// `result`, the process did not" reads at a glance: threads sit inside the one box whose globals
// they share; a child process is a box of its own. Globals are known for the main process (run::
// Options::globals_ready; the box says why when they are not); a child's live in its own memory,
// which the box says. Drawn inside the
// caller's window. UI thread only.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "trace/trace.h"
#include "ui/theme.h"

namespace interleave::ui {

struct MemoryView {
  const trace::Trace* trace = nullptr;  // processes and threads; null: none recorded
  const std::vector<std::pair<std::string, std::string>>* globals = nullptr;  // main process's
  const char* globals_missing = "(globals not captured)";  // said when `globals` is null
  const char* title = nullptr;  // e.g. "Simulated run" in a compare run; null: none
  bool running = false;
};

void draw_memory(const MemoryView& view, ImFont* mono, const Palette& palette);

}  // namespace interleave::ui
