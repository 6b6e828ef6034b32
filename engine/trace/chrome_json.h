// Chrome Trace Event JSON (what Perfetto and chrome://tracing open) from a Trace, and back.
// The file has two parts: "traceEvents" for the viewers (process/thread names, state spans as "X",
// a GIL pseudo-thread per process, core lanes as a pseudo-process, "s"/"f" flows, "i" instants,
// "C" counters) and "interleave", our lossless copy of the events and exact totals, which alone
// is read back. Output is byte-for-byte deterministic (fixed formats, no locale, sorted data).
// Format described in docs/trace.md. Pure functions: any thread.
#pragma once

#include <string>
#include <string_view>

#include "trace/trace.h"

namespace interleave::trace {

struct ExportOptions {
  bool viewer_events = true;  // "traceEvents" for Perfetto (else an empty array)
  bool raw_events = true;     // "interleave".events: needed to read the trace back
};

std::string write_chrome_json(const Trace& trace, const ExportOptions& options = {});

struct ReadResult {
  bool ok = false;
  std::string error;  // "byte 1234: expected ','" and the like
};

// Reads a file written by write_chrome_json (with raw_events) into `trace`.
ReadResult read_chrome_json(std::string_view json, Trace& trace);

}  // namespace interleave::trace
