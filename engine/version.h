// The engine's version string, shared by the CLI, the app and the web page's info().
// Immutable after start-up; any thread may read it.
#pragma once

namespace interleave {
const char* version();
}  // namespace interleave
