// The Summary panel's contents: a run's numbers from trace::summarize (wall and CPU time, the wait
// breakdown GIL / locks / queues / joins / sleep / I/O, GIL switches and drop requests, speedup
// against one thread), a table per thread, in a compare run a table of differences between the
// simulated and the real run, and the simulator's speedup-vs-cores chart (ImGui's draw list).
// Drawn inside the caller's window. UI thread only.
#pragma once

#include <cstdint>
#include <string>

#include "trace/summary.h"
#include "ui/speedup_sweep.h"
#include "ui/theme.h"

namespace interleave::ui {

struct SummaryView {
  const trace::Summary* summary = nullptr;  // the run (the simulated side of a compare run)
  bool simulated = false;                   // its times are virtual
  const trace::Summary* compare = nullptr;  // the real side of a compare run, else null
  const SweepState* sweep = nullptr;        // the speedup-vs-cores curve, null: none asked
  bool running = false;                     // a run is going (the numbers are the last run's)
  bool show_compare = false;  // this frame, bring the "Sim vs real" tab forward (a new compare run)
};

enum class SummaryAction { None, StartSweep, CancelSweep };

SummaryAction draw_summary(const SummaryView& view, const Palette& palette);

// "1.23 s", "45.6 ms", "789 µs", "12 ns": three significant digits.
std::string format_ns(std::int64_t ns);

// "Speedup against one thread": all threads' CPU time over the wall time (what the same work
// would take on one thread, divided by what it took); negative without wall or CPU time.
double cpu_parallelism(const trace::Summary& s);

}  // namespace interleave::ui
