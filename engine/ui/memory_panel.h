// The Memory panel: each process of the last run as a box holding its module globals (name =
// repr, as the process left them) and its threads (name, state at the end), so that "the thread
// changed `result`, the process did not" reads at a glance: threads sit inside the one box whose
// globals they share; a child process is a box of its own with its own copy of the globals, and
// a child's value that differs from the main process's is marked, with the main process's value
// beside it. Globals come from the runner (RunStatus::globals, child_globals); when they are
// missing the box says why. Drawn inside the caller's window. UI thread only.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "trace/trace.h"
#include "ui/runner.h"
#include "ui/theme.h"

namespace interleave::ui {

struct MemoryView {
  const trace::Trace* trace = nullptr;  // processes and threads; null: none recorded
  const Globals* globals = nullptr;     // the main process's; null: not captured
  const char* globals_missing = "(globals not captured)";  // said when `globals` is null
  // The child processes' (by trace process id); null: not captured, `children_missing` says why.
  const std::vector<ProcessGlobals>* child_globals = nullptr;
  const char* children_missing = "Globals of child processes are not available in this mode.";
  // The program uses multiprocessing: when its children's globals are not carried and the trace
  // shows no child either (the page's real runs), the view still says why they are missing.
  bool uses_processes = false;
  const char* title = nullptr;  // e.g. "Simulated run" in a compare run; null: none
  bool running = false;
};

void draw_memory(const MemoryView& view, ImFont* mono, const Palette& palette);

// What draw_memory shows, as plain text: a line per process ("Process-1 (pid 7) · own memory"),
// then its globals ("  result = 49   (main: None)") and threads, indented (tests, copying).
std::string memory_text(const MemoryView& view);

// A child's value for `name` that the main process does not share: the main process's value
// ("None"), or "" when they agree or the main process has no such global (pure; for tests too).
std::string differs_from_main(const Globals& main, const std::string& name,
                              const std::string& value);

}  // namespace interleave::ui
