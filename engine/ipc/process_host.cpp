// The process-wide default ProcessHost (set once by native main before any run).
#include "ipc/process_host.h"

#include <atomic>

namespace interleave::ipc {

namespace {
std::atomic<ProcessHost*> g_default{nullptr};
}

ProcessHost* default_process_host() {
  return g_default.load();
}
void set_default_process_host(ProcessHost* host) {
  g_default.store(host);
}

}  // namespace interleave::ipc
