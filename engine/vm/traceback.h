// Formatting of uncaught exceptions exactly as CPython 3.11 prints them: chained causes and
// contexts, "Traceback (most recent call last):", one `File "...", line N, in name` entry per
// frame with its stripped source line and ^^^ / ~~^~~ markers, and the `Type: message` line.
// Executing thread only (it may call __str__).
#pragma once

#include <string>

#include "vm/interp.h"

namespace interleave::vm {

std::string format_exception(Thread& t, Value exc);
// The last line only: "ValueError: bad input".
std::string format_exception_only(Thread& t, Value exc);

}  // namespace interleave::vm
