// What a finished process hands on when processes share no clock and no memory (the browser's
// Web Workers, docs/processes.md "Processes in the browser"), as bytes: a child process's report
// to the program's process at its exit (its trace, its clock origin, its multiprocessing name,
// its module globals), and the run worker's report to the page (the merged trace, the program's
// globals and its children's). Little-endian, a magic and a version first; the layout is in
// process_report.cpp. The trace travels in trace/trace_bytes.h's form and is checked by its own
// reader when used; read_process_report checks everything else: every length against what is
// left and the memory view's bounds (run/process_globals.h), nothing after the end. So a damaged
// or foreign buffer is an error naming the problem, never a crash or an unbounded allocation.
// Pure functions: any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run/process_globals.h"
#include "run/program.h"

namespace interleave::run {

struct ProcessReport {
  // When the trace's time 0 was on the clock every process shares (ns; the page's clock:
  // performance.timeOrigin + performance.now()). 0 in the report to the page.
  std::int64_t origin_ns = 0;
  std::string name;            // the multiprocessing name ("Process-1"); "" when unknown
  std::string trace;           // trace/trace_bytes.h's bytes; empty: none recorded
  std::optional<GlobalsList> globals;                // this process's; nullopt: not captured
  std::optional<std::vector<ChildGlobals>> children;  // its children's; nullopt: not captured
};

// Most child processes one report names (the router gives out fewer pids than this).
inline constexpr std::size_t kReportChildrenMax = 10000;
// Longest multiprocessing name carried (longer ones are cut).
inline constexpr std::size_t kReportNameMax = 256;

std::string write_process_report(const ProcessReport& report);
// True when `bytes` starts with a report's magic (a plain trace_bytes buffer does not).
bool is_process_report(std::string_view bytes);
// Reads what write_process_report wrote; false with *error naming the problem (*report then
// holds nothing useful).
bool read_process_report(std::string_view bytes, ProcessReport* report, std::string* error);

}  // namespace interleave::run
