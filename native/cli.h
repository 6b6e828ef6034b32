// The command line of PRODUCT.md: `interleave run FILE.py [options]`, `interleave dis FILE.py`.
// Parses arguments (exit 2 with a clear message on bad usage) and runs the engine. Main thread only.
#pragma once

namespace interleave::cli {

// Runs the command line for argv (argv[1] is the subcommand). Returns the process exit status.
int main(int argc, char** argv);

}  // namespace interleave::cli
