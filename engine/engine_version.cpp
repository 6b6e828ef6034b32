// Defines interleave::version(); INTERLEAVE_VERSION comes from the project's CMake version.
#include "version.h"

#ifndef INTERLEAVE_VERSION
#define INTERLEAVE_VERSION "0.0.0"
#endif

namespace interleave {
const char* version() { return INTERLEAVE_VERSION; }
}  // namespace interleave
