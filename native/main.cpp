// Entry point of build/native/interleave: without arguments the desktop playground; with a
// subcommand (run, dis) the command line of PRODUCT.md.
#include <cstdlib>
#include <cstring>

#include "child.h"
#include "cli.h"
#include "ipc/process_host.h"
#include "process_host.h"
#if INTERLEAVE_HAS_APP
#include "desktop.h"
#endif

int main(int argc, char** argv) {
  // multiprocessing: a spawned child (hidden subcommand), else this process's OS process host.
  if (argc >= 2 && std::strcmp(argv[1], "__child__") == 0) {
    return interleave::native::child_main(argc, argv);
  }
  interleave::ipc::set_default_process_host(
      interleave::native::make_posix_process_host(nullptr).release());  // lives until exit
  if (argc >= 2 && std::strcmp(argv[1], "--frames") != 0) return interleave::cli::main(argc, argv);
#if INTERLEAVE_HAS_APP
  interleave::desktop::Options options;
  if (argc == 3) options.frames = std::atoi(argv[2]);  // --frames N: smoke tests and measurements
  return interleave::desktop::main(options);
#else
  return interleave::cli::main(argc, argv);
#endif
}
