// The POSIX ProcessHost (docs/processes.md): fork, spawn (fork+exec of /proc/self/exe __child__
// from a long-lived launcher thread, so PR_SET_PDEATHSIG outlives Python threads), one reaper
// thread per child (waitpid -> notify), one reader / feeder thread per channel descriptor, memfd
// shared memory. Objects handed out as wait objects live until the process ends.
// Thread-safety: every method from any thread.
#pragma once

#include <memory>
#include <string>

#include "ipc/process_host.h"

namespace interleave::native {

struct SpawnedChild {
  std::string program_path;
  std::string program_source;
  std::string payload;
  int trace_fd = -1;  // a traced run: where the child leaves its trace for the parent
};

// The host of this process. `child` is set in a spawned child (`interleave __child__`).
std::unique_ptr<ipc::ProcessHost> make_posix_process_host(std::unique_ptr<SpawnedChild> child);

}  // namespace interleave::native
