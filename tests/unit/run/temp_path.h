// A file path in the system's temporary directory that belongs to this test process alone: the
// process id is part of the name, so the same test binary run twice at once (two build trees, a
// check and a developer's run) never reads the other's files.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace interleave::testing {

inline std::string temp_path(std::string_view name) {
  return std::string(P_tmpdir) + "/interleave_" + std::to_string(::getpid()) + "_" +
         std::string(name);
}

}  // namespace interleave::testing
