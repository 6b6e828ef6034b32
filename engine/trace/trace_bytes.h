// A Trace as compact bytes, for handing a finished run's trace from the browser's run worker to
// the page (a transferable ArrayBuffer) without the cost of Chrome JSON: writing is a copy of the
// fields, reading a copy and a check. Little-endian, fixed widths, a magic and a version first;
// the layout is in trace_bytes.cpp. The reader accepts exactly what the writer makes and keeps
// every Trace invariant (events in time order, text ids in range, processes and threads sorted),
// so a damaged or foreign buffer is an error, never a Trace the UI cannot draw.
// Pure functions: any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/chrome_json.h"
#include "trace/trace.h"

namespace interleave::trace {

// At most `max_events` events are written: past that the trace is cut as the recorder cuts it at its
// memory bound (every event at or after the first one left out goes, detail_end says where,
// `truncated` is set and dropped_events counts them); the totals stay exact.
std::vector<std::uint8_t> write_trace_bytes(const Trace& trace,
                                            std::size_t max_events = SIZE_MAX);

// Reads what write_trace_bytes wrote into `trace` (untouched on failure; error names the problem).
ReadResult read_trace_bytes(std::string_view bytes, Trace& trace);

}  // namespace interleave::trace
