// `interleave calibrate`'s pieces: the measuring program compiles under Interleave's VM, its
// output becomes a profile, the file written parses back to the same profile through
// --profile, and a calibrated profile changes what the simulator predicts for a program.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "run/program.h"
#include "run/sim_calibrate.h"
#include "temp_path.h"

namespace interleave::run::sim {
namespace {

// Countdown at twice the built-in 54 ns: every op class doubles.
const char* const kMeasured =
    "# loop base          108.00 ns/iteration\n"
    "# derived ops.load = 2.40\n"
    "# countdown_ns = 108.000\n"
    "thread.start = 30000.000\n"
    "process.spawn = 80000000.000\n";

TEST_CASE("calibrate: the measuring program compiles under Interleave's VM") {
  std::string err;
  const int status = disassemble_source(kCalibrationProgram, "calibrate.py",
                                        [&](int fd, std::string_view text) {
                                          if (fd == 2) err.append(text);
                                        });
  INFO(err);
  CHECK(status == 0);
}

TEST_CASE("calibrate: measurements become a profile; others keep the built-in values") {
  Profile p;
  std::string error;
  REQUIRE(profile_from_calibration(kMeasured, &p, &error));
  const Profile d = default_profile();
  for (std::size_t c = 0; c < p.op_ns.size(); ++c) CHECK(p.op_ns[c] == 2 * d.op_ns[c]);
  CHECK(p.thread_start_ns == 30'000);
  CHECK(p.spawn_ns == 80'000'000);
  CHECK(p.gil_take_ns == d.gil_take_ns);
  CHECK(p.wake_latency_ns == d.wake_latency_ns);

  CHECK_FALSE(profile_from_calibration("Traceback (most recent call last):\n", &p, &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(profile_from_calibration("# countdown_ns = 30\nops.load = fast\n", &p, &error));
  CHECK(error.find("line 2") != std::string::npos);
}

TEST_CASE("calibrate: a GIL waiter's measured share of a core sets gil.wait_cycle") {
  Profile p = default_profile();
  p.timer_slack_ns = 50'000;
  p.wake_latency_ns = 10'000;
  p.wake_jitter_ns = 2'000;
  // The rest of a turn: 1 us + 50 us + 10 us + 1 us = 62 us; a share of 0.2 is a turn of
  // 0.2 x 62 / 0.8 = 15.5 us, and the simulated waiter then uses 15.5 / 77.5 = 0.2 of a core.
  CHECK(wait_cycle_for_share(p, 0.2) == 15'500);
  CHECK(wait_cycle_for_share(p, 0.0) == 0);
  CHECK(wait_cycle_for_share(p, 5.0) == wait_cycle_for_share(p, 0.9));  // clamped
  // From the program's output, with the wake-up latency it measured in the same run.
  Profile got;
  std::string error;
  REQUIRE(profile_from_calibration(std::string(kMeasured) +
                                       "os.wake_latency = 20000\n# gil_waiter_share = 0.1000\n",
                                   &got, &error));
  CHECK(got.wake_latency_ns == 20'000);
  // 0.1 x (1 + 50 + 20 + 1) us / 0.9 = 8 us.
  CHECK(got.gil_wait_cycle_ns == 8'000);
  // Without the line (Interleave's VM has no time.thread_time) the built-in value stays.
  REQUIRE(profile_from_calibration(kMeasured, &got, &error));
  CHECK(got.gil_wait_cycle_ns == default_profile().gil_wait_cycle_ns);
}

TEST_CASE("calibrate: the file keeps the raw measurements as comments and reads back the same") {
  Profile p;
  std::string error;
  REQUIRE(profile_from_calibration(kMeasured, &p, &error));
  const std::string text =
      calibrated_profile_text(p, "python3 on this machine", kMeasured, "", "");
  // Every line of the measuring run is in the file, as a comment.
  CHECK(text.find("\n# loop base          108.00 ns/iteration\n") != std::string::npos);
  CHECK(text.find("\n# countdown_ns = 108.000\n") != std::string::npos);
  CHECK(text.find("\n# process.spawn = 80000000.000\n") != std::string::npos);
  // Read back: the same values (the commented raw lines change nothing, 108 ns included).
  Profile back = default_profile();
  REQUIRE(parse_profile(text, &back, &error));
  CHECK(back == p);
  CHECK(back.spawn_ns == 80'000'000);
  CHECK(back.op_ns == p.op_ns);
  // A malformed line in the file is rejected with its line number; the profile is unchanged.
  std::string broken = text;
  const std::size_t at = broken.find("\nspawn = ");
  REQUIRE(at != std::string::npos);
  broken.insert(at + 1, "spawn = soon\n");
  const int line = 2 + static_cast<int>(std::count(broken.begin(), broken.begin() + at, '\n'));
  Profile untouched = default_profile();
  CHECK_FALSE(parse_profile(broken, &untouched, &error));
  CHECK(error == "profile line " + std::to_string(line) +
                     ": 'soon' is not a duration (a number >= 0, unit ns, us, ms or s)");
  CHECK(untouched == default_profile());
  broken = text + "[process]\nspwan = 1ms\n";
  const int last = static_cast<int>(std::count(broken.begin(), broken.end(), '\n'));
  CHECK_FALSE(parse_profile(broken, &untouched, &error));
  CHECK(error == "profile line " + std::to_string(last) + ": unknown key 'process.spwan'");
}

TEST_CASE("calibrate: the written file loads with --profile and changes the prediction") {
  Profile p;
  std::string error;
  REQUIRE(profile_from_calibration(kMeasured, &p, &error));
  const std::string text = calibrated_profile_text(p, "python3 on this machine", kMeasured,
                                                   "Interleave's real driver", kMeasured);
  Profile back = default_profile();
  REQUIRE(parse_profile(text, &back, &error));
  CHECK(back == p);

  const std::string path = interleave::testing::temp_path("sim_calibrate_test.ini");
  std::ofstream(path, std::ios::binary) << text;
  const std::string program =
      "import time\n"
      "def countdown(n):\n"
      "    while n > 0:\n"
      "        n -= 1\n"
      "t = time.perf_counter()\n"
      "countdown(100000)\n"
      "print(round((time.perf_counter() - t) * 1e9 / 100000, 1))\n";
  auto ns_per_iteration = [&](const std::string& profile_path) {
    Options o;
    o.mode = "sim";
    o.profile_path = profile_path;
    std::string out;
    REQUIRE(run_source(program, "countdown.py", o, [&](int fd, std::string_view s) {
              if (fd == 1) out.append(s);
            }) == 0);
    return std::stod(out);
  };
  const double built_in = ns_per_iteration("");
  const double calibrated = ns_per_iteration(path);
  std::remove(path.c_str());
  // Interleave's countdown: 4 loads, COMPARE_OP, 2 jumps, BINARY_OP, STORE_FAST.
  CHECK(built_in == doctest::Approx(4 * 2 + 12 + 2 * 4 + 24 + 2).epsilon(0.01));
  CHECK(calibrated == doctest::Approx(108).epsilon(0.01));
}

}  // namespace
}  // namespace interleave::run::sim
