// Lookups on a finished Trace (trace.h). Pure functions: any thread.
#include "trace/trace.h"

#include <algorithm>

namespace interleave::trace {

const ProcessInfo* Trace::find_process(ProcessId pid) const {
  auto it = std::lower_bound(processes.begin(), processes.end(), pid,
                             [](const ProcessInfo& p, ProcessId id) { return p.pid < id; });
  return it != processes.end() && it->pid == pid ? &*it : nullptr;
}

const ThreadInfo* Trace::find_thread(ProcessId pid, ThreadId tid) const {
  auto it = std::lower_bound(threads.begin(), threads.end(), std::pair(pid, tid),
                             [](const ThreadInfo& t, std::pair<ProcessId, ThreadId> key) {
                               return std::pair(t.pid, t.tid) < key;
                             });
  return it != threads.end() && it->pid == pid && it->tid == tid ? &*it : nullptr;
}

}  // namespace interleave::trace
