// The `multiprocessing` module and its native half `_mp` (docs/processes.md). install() registers
// both in an interpreter whose process has a ProcessHost, and makes os._exit / os.abort end the
// OS process at once (a fork child has no driver supervisor to end its run). Call before running.
#pragma once

#include <string_view>

#include "ipc/process_host.h"
#include "vm/interp.h"

namespace interleave::ipc {

extern const std::string_view kMultiprocessingSource;
// The main program of a spawned child: runs the program as __mp_main__, then the pickled Process.
extern const std::string_view kChildMainSource;

void install_multiprocessing(vm::Interpreter& interp, ProcessHost& host);
// The program's end: stop notifying the interpreter's driver (it is about to be destroyed).
void uninstall_multiprocessing(ProcessHost& host);

}  // namespace interleave::ipc
