// Traces of multiprocessing runs (docs/processes.md, "Traces"): the ipc::Tracer of a recorded
// real-mode run. Messages are recorded in the sending and receiving Python threads' own writers
// (flow ids pair them across processes); the parent names each child ("Process-1", its pid) and
// records its start and end. At a child's normal end its events (and those of its own children)
// are packed and left for the parent (ProcessHost::hand_trace_to_parent), which merges them,
// moved onto its own clock (steady clock = CLOCK_MONOTONIC, shared by the machine's processes),
// once the children ended. A fork child keeps recording into its copy of the parent's recorder:
// only its own events since the fork are packed, under its own pid. After the events a child packs
// its module globals (and its children's), bounded, for the parent's memory view.
// Thread-safety: the ipc::Tracer methods on the run's Python threads; finish() on the thread
// that ran run(), after it returned and the host's shutdown waited for the children.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "ipc/process_host.h"
#include "ipc/tracer.h"
#include "run/process_globals.h"
#include "run/program.h"
#include "run/real_driver.h"
#include "trace/recorder.h"

namespace interleave::run {

class ProcessTrace final : public ipc::Tracer {
 public:
  // Installs itself as the process's tracer and asks the host to trace the children.
  ProcessTrace(trace::Recorder& recorder, RealDriver& driver, ipc::ProcessHost& host);
  ~ProcessTrace() override;  // uninstalls
  ProcessTrace(const ProcessTrace&) = delete;
  ProcessTrace& operator=(const ProcessTrace&) = delete;

  // The trace pid of this process: its OS pid.
  trace::ProcessId pid() const { return pid_; }
  // After the run: merges the children's traces and records their ends.
  void finish();
  // In a traced child: what it hands its parent for the memory view at its exit, with its trace
  // (called on the exiting Python thread). The parent's finish() collects them (and those of
  // their own children): child_globals(), for the threads that called finish().
  void set_exit_globals(std::function<GlobalsList()> snapshot) { exit_globals_ = std::move(snapshot); }
  const std::vector<ChildGlobals>& child_globals() const { return child_globals_; }

  // --- ipc::Tracer
  void sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) override;
  void received(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) override;
  void child_started(std::int64_t pid, std::string_view name) override;
  void forked(std::int64_t pid) override;
  void named(std::string_view name) override;
  void exiting(int status) override;

 private:
  std::string pack(const trace::Trace& merged) const;
  void merge_child(const std::string& packed);

  trace::Recorder& recorder_;
  RealDriver& driver_;
  ipc::ProcessHost& host_;
  trace::ProcessId pid_;          // this process in the trace
  trace::ProcessId recorded_as_;  // the pid its writers carry (the parent's, in a fork child)
  trace::Time since_ = INT64_MIN;  // a fork child's own events start here
  std::string name_ = "MainProcess";
  mutable std::mutex mu_;                       // guards children_, name_
  std::vector<trace::ProcessId> children_;      // started by this process
  std::function<GlobalsList()> exit_globals_;   // a traced child's own globals at its exit
  std::vector<ChildGlobals> child_globals_;     // merged from the children's packed traces
};

}  // namespace interleave::run
