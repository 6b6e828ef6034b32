// Records a simulated run into engine/trace: every SimEvent becomes the matching Writer call of
// its thread (pid = simulated process, tid = thread number in start order, core lanes from the
// cores), so
// the timeline, the Chrome JSON export and the summary read a simulated run like a real one.
// Thread-safety: the simulator's one OS thread (the recorder's own rules allow it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "run/sim_driver.h"
#include "trace/recorder.h"

namespace interleave::run::sim {

class TraceSink {
 public:
  // Names the process and the core count in `recorder`. `driver` gives the thread names.
  TraceSink(trace::Recorder& recorder, const SimDriver& driver,
            std::string process_name = "MainProcess");
  void record(const SimEvent& event);
  // The process's end (after run() returned): its exit status at the run's last virtual time.
  void finish(std::int64_t time, int status);

 private:
  trace::Writer& writer(int thread, int process);
  trace::Recorder& recorder_;
  const SimDriver& driver_;
  std::vector<trace::Writer*> writers_;  // by thread number
  std::vector<bool> started_;            // by process: process_start recorded
};

// Installs a TraceSink as `driver`'s event sink (chaining `also`, e.g. a test's log, if given)
// and returns it, to call finish() once run() returned. The sink must outlive the run.
std::unique_ptr<TraceSink> record_into(trace::Recorder& recorder, SimDriver& driver,
                                       EventSink also = nullptr);

}  // namespace interleave::run::sim
