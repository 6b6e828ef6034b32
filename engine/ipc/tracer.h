// How multiprocessing reports to the run's trace (docs/processes.md, "Traces"). The `_mp` natives
// call the tracer set by run_source when the run is recorded; its implementation lives in run/
// (which sees engine/trace), so that ipc stays free of the trace module. Without a tracer nothing
// is recorded. Thread-safety: each method is called on the executing Python thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace interleave::ipc {

class Tracer {
 public:
  virtual ~Tracer() = default;
  // A message left or arrived on a channel ("Queue", "Pipe", "Pool task"...). `flow` pairs the
  // two ends across processes: (sender's pid << 32) | the sender's counter.
  virtual void sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) = 0;
  virtual void received(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) = 0;
  // This process started a child (in the parent, right after fork or spawn).
  virtual void child_started(std::int64_t pid, std::string_view name) = 0;
  // In a fork child, right after fork(): from now on this process records as `pid`.
  virtual void forked(std::int64_t pid) = 0;
  // This process's multiprocessing name ("Process-1"), in a child at its start.
  virtual void named(std::string_view name) = 0;
  // A child's normal end, just before it leaves the OS process: its trace goes to the parent.
  virtual void exiting(int status) = 0;
};

// The tracer of this OS process's run (null: not recording). Set by run_source.
void set_tracer(Tracer* tracer);

}  // namespace interleave::ipc
