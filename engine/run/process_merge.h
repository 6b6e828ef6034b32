// Puts child processes into the program's finished trace when every process recorded on a clock
// of its own (the browser's Web Workers, docs/processes.md "Processes in the browser"): each
// child's report (run/process_report.h) is merged with its times moved onto the program's clock,
// and every child the program started gets its lane's start and end as the program saw them,
// also a child that sent nothing (terminated, killed, crashed).
//
// Clocks: each process knows one moment of its trace on a clock all of them share (the page's
// performance.timeOrigin + performance.now(), in ms): `anchor_ms`, when its trace's time
// `anchor` was. origin_ns() turns that into the shared time of the trace's time 0, and a child's
// times move by the difference of the two origins (see web/web_process_host.h for the anchor the
// page's processes use and its error bound; the page's clock as a double in ms adds at most
// 2^-12 ms, 244 ns, around 1.7e12 ms).
// Pure functions: any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "run/process_report.h"
#include "trace/trace.h"

namespace interleave::run {

// The shared clock's time (ns) of a trace's time 0, from one moment known on both.
std::int64_t origin_ns(double anchor_ms, trace::Time anchor);
// A moment of the shared clock (ms) as a time of the trace whose time 0 is `origin_ns`.
trace::Time trace_time(double shared_ms, std::int64_t origin_ns);

// What the program's process saw of one child it started (its process host's records).
struct ChildSeen {
  trace::ProcessId pid = 0;
  std::string name;                 // multiprocessing's name; "" when not known
  std::optional<double> started_ms;  // the shared clock at its start (the spawn call began)
  // When the program's own trace recorded that start (a real driver's: right after the spawn
  // call returned, on the same thread): the anchor of such a program.
  std::optional<double> recorded_ms;
  std::optional<double> ended_ms;    // at its exit (nullopt: not seen ending)
  int exitcode = 0;                  // as the parent's Process.exitcode says
};

struct MergedProcesses {
  trace::Trace trace;
  std::vector<ChildGlobals> child_globals;  // those the reports carried, by pid
  std::vector<std::string> problems;        // reports left out, and why
};

// `program`: the program's own trace, whose time `anchor` was `anchor_ms` on the shared clock;
// when it recorded a child's start itself (a real driver's run), that start and the child's
// recorded_ms anchor it instead (see process_merge.cpp). A child's lane starts at its started_ms
// (the program's own record of it comes after the spawn call, which may outlast the child's
// first instructions). Every event keeps its fields: the messages' flow ids, (sender pid << 32)
// | counter, pair a send in one process with its receive in another, so the merged trace's
// timeline draws their arrows: a receive sorts after its send (one that the clocks' error puts
// at or before it, by at most 1 ms, moves to 1 ns after it; the page's clock has 100 us steps
// where it is not isolated).
// `reports`: bytes of ProcessReports from any descendant (read and checked here; a bad one is
// left out and named in problems). A child the program started keeps the start and end the
// program saw (its report's own are dropped); a grandchild keeps its parent's record of its start
// and end where its parent's report has one (an mt child's real driver records its children's
// starts), else its own: one start and one end per lane. The result is recorded again from scratch, so its totals count the stored events (a truncated program trace loses the
// totals of what it did not store).
MergedProcesses merge_processes(const trace::Trace& program, double anchor_ms, trace::Time anchor,
                                const std::vector<ChildSeen>& seen,
                                const std::vector<std::string>& reports);

}  // namespace interleave::run
