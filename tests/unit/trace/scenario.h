// A hand-built two-thread run shared by the trace tests: MainThread and Thread-1 of process 1
// take turns on one GIL, on two simulated cores, with a drop request, a lock wait and an output.
// Times are chosen so that every expected span can be worked out by hand (see the comments).
#pragma once

#include "trace/recorder.h"

namespace interleave::trace::test {

inline void record_scenario(Recorder& rec) {
  rec.name_process(1, "MainProcess");
  rec.set_cores(2);
  Writer& p = rec.process_writer(1);
  Writer& m = rec.writer(1, 0, "MainThread");
  Writer& t = rec.writer(1, 1, "Thread-1");
  p.process_start(0);
  m.thread_start(0);
  m.gil_take(100);  // starting [0,100)
  m.run_begin(100, 0);
  t.thread_start(200, 0);
  t.gil_request(300);  // starting [200,300), then waiting for the GIL
  t.drop_request(500, 0);
  m.run_end(600);  // running [100,600)
  m.gil_drop(600);
  m.gil_request(600);
  t.gil_take(650, 0);  // hand-off 600 -> 650
  t.run_begin(650, 1);
  t.output(700, 1, "hi\n");
  t.run_end(800);  // running [650,800)
  t.gil_drop(800);
  t.block_begin(800, WaitReason::Lock, "Lock 1", 0);
  m.gil_take(850, 1);  // waiting [600,850); hand-off 800 -> 850
  m.run_begin(850, 0);
  m.wake(900, 1, 1);
  m.run_end(950);  // running [850,950)
  m.gil_drop(950);
  t.block_end(950);  // blocked [800,950)
  t.gil_request(950);
  t.gil_take(950, 0);  // hand-off 950 -> 950
  t.run_begin(950, 1);
  m.thread_end(960);  // runnable [950,960), then done
  t.run_end(1000);
  t.gil_drop(1000);
  t.thread_end(1000);
  p.process_end(1000, 0);
}

}  // namespace interleave::trace::test
