// Entry point of build/native/interleave: without arguments the desktop playground; with a
// subcommand (run, dis) the command line of PRODUCT.md.
#include <cstdlib>
#include <cstring>

#include "cli.h"
#if INTERLEAVE_HAS_APP
#include "desktop.h"
#endif

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--frames") != 0) return interleave::cli::main(argc, argv);
#if INTERLEAVE_HAS_APP
  interleave::desktop::Options options;
  if (argc == 3) options.frames = std::atoi(argv[2]);  // --frames N: smoke tests and measurements
  return interleave::desktop::main(options);
#else
  return interleave::cli::main(argc, argv);
#endif
}
