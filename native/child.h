// `interleave __child__ PAYLOAD_FD PROGRAM [run options]`: the entry of a process started with
// the spawn method (docs/processes.md). Not a user-facing command. Main thread only.
#pragma once

namespace interleave::native {

int child_main(int argc, char** argv);

}  // namespace interleave::native
