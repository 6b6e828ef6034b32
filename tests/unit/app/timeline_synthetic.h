// Synthetic runs for the timeline's tests and benchmark, recorded through the trace recorder as a
// driver would: `threads` threads of one process taking turns on its GIL on `cores` simulated
// cores, each turn `turn_ns` long (a countdown under the GIL, at any scale), with a lock wait
// every 16 turns. About 4 spans per turn across the thread lanes, GIL lane and core lanes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "trace/recorder.h"

namespace interleave::ui::test {

inline std::shared_ptr<const trace::Trace> gil_turns(int threads, long turns, trace::Time turn_ns,
                                                     std::uint32_t cores = 4) {
  trace::RecorderOptions options;
  options.max_events = static_cast<std::size_t>(turns) * 8 + 1024;
  trace::Recorder rec(options);
  rec.name_process(1, "MainProcess");
  rec.set_cores(cores);
  std::vector<trace::Writer*> w;
  for (int i = 0; i < threads; ++i) {
    w.push_back(&rec.writer(1, static_cast<trace::ThreadId>(i),
                            i == 0 ? "MainThread" : "Thread-" + std::to_string(i)));
    w.back()->thread_start(0);
    w.back()->gil_request(1);
  }
  trace::Time t = 10;
  int holder = 0;
  for (long k = 0; k < turns; ++k) {
    trace::Writer& h = *w[static_cast<std::size_t>(holder)];
    h.gil_take(t, static_cast<trace::ThreadId>(holder == 0 ? threads - 1 : holder - 1));
    h.run_begin(t, static_cast<std::uint16_t>(holder % static_cast<int>(cores)));
    const trace::Time d = turn_ns + (k * 37) % (turn_ns / 4 + 1);
    h.run_end(t + d);
    h.gil_drop(t + d);
    if (k % 16 == 15) {
      h.block_begin(t + d, trace::WaitReason::Lock, "Lock #1",
                    static_cast<trace::ThreadId>((holder + 1) % threads));
      h.block_end(t + d + turn_ns);
    }
    h.gil_request(t + d + (k % 16 == 15 ? turn_ns : 0));
    t += d;
    holder = (holder + 1) % threads;
  }
  for (trace::Writer* x : w) x->thread_end(t + turn_ns * 2);
  return std::make_shared<const trace::Trace>(rec.merge());
}

}  // namespace interleave::ui::test
