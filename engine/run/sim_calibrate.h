// `interleave calibrate`: the measuring program (Python that both CPython and Interleave's VM
// run) and the step from its output to a simulator profile. The program prints profile lines
// ("ops.load = 1.3ns") that parse_profile() reads over the built-in profile, plus `#` comments
// with the raw measurements. Whoever runs it (native/cli.cpp: python3 and the real driver) only
// needs a file to put it in. Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "run/sim_profile.h"

namespace interleave::run::sim {

// The measuring program. argv[1]: a scale (1.0 default; 0.2 for a quick run). Must be run as a
// file (its multiprocessing part spawns children that re-import it).
extern const std::string_view kCalibrationProgram;

// The built-in profile with the measured keys of `output` (the program's stdout) applied.
// False with `*error` set when the output holds no measurement or a line does not parse.
bool profile_from_calibration(std::string_view output, Profile* profile, std::string* error);

// gil.wait_cycle from a GIL waiter's measured share of a core at a 1 us interval (the program's
// `# gil_waiter_share`): in the simulator a waiter's turn of `cycle` is followed by a timed wait
// of 1 us + os.timer_slack and a wake-up (os.wake_latency + half the jitter on average), so
// share = cycle / (cycle + rest), cycle = share x rest / (1 - share). The share is clamped to
// 0..0.9.
std::int64_t wait_cycle_for_share(const Profile& profile, double share);

// The file `interleave calibrate -o FILE` writes: a header naming where the numbers come from,
// the profile (format_profile), then as comments the raw output of the measuring run it came
// from (`source_output`) and of `other_name`'s run (the other interpreter), so that a reader
// sees where each number came from. Parses back to `profile` (comments are ignored).
std::string calibrated_profile_text(const Profile& profile, std::string_view source,
                                    std::string_view source_output, std::string_view other_name,
                                    std::string_view other_output);

}  // namespace interleave::run::sim
