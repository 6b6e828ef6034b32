// The simulator's model as the playground edits it (ui/model_settings.h): values for a person and
// back, the compact text of links and prefs (round trips, bounds, garbage), the INI lines handed
// to the simulator, and the effect of an edited model on real simulated runs through the
// playground's own runner (ThreadRunner): doubled instruction costs double a countdown's virtual
// time, a background load slows two CPU-bound threads, the same edits give the same trace.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "run/sim_profile.h"
#include "trace/summary.h"
#include "ui/model_settings.h"
#include "ui/prefs.h"
#include "ui/run_options.h"
#include "ui/thread_runner.h"

using namespace interleave::ui;
namespace sim = interleave::run::sim;

namespace {

std::size_t key(std::string_view section, std::string_view name) {
  const auto& keys = sim::profile_keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].section == section && keys[i].name == name) return i;
  }
  FAIL("no key " << section << "." << name);
  return 0;
}

bool in_range(const Model& m) {
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    const ModelKeyRange r = model_key_range(i);
    if (sim::get(m, i) < r.min || sim::get(m, i) > r.max) return false;
  }
  return true;
}

// A model with every key set to a random value in its range (durations of every magnitude).
Model random_model(std::mt19937_64& rng) {
  Model m = sim::default_profile();
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    const ModelKeyRange r = model_key_range(i);
    std::int64_t v = r.min;
    switch (rng() % 4) {
      case 0: v = sim::get(m, i); break;  // unedited
      case 1: v = r.min + static_cast<std::int64_t>(rng() % 1000); break;
      case 2: v = static_cast<std::int64_t>(rng() % 7) * 1'000'000; break;  // whole ms
      default: v = r.min + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(r.max - r.min + 1));
    }
    sim::set(m, i, std::clamp(v, r.min, r.max));
  }
  return m;
}

}  // namespace

TEST_CASE("model: values for a person read back exactly, typed values with units") {
  const std::size_t arith = key("ops", "arith"), slice = key("os", "time_slice"),
                    load = key("machine", "background_load"), slack = key("os", "timer_slack");
  CHECK(format_model_value(arith, 24) == "24 ns");
  CHECK(format_model_value(slack, 8'500) == "8.5 us");
  CHECK(format_model_value(slice, 4'000'000) == "4 ms");
  CHECK(format_model_value(slice, 1'234'567) == "1.234567 ms");
  CHECK(format_model_value(slice, 1'500'000'000) == "1.5 s");
  CHECK(format_model_value(slack, 0) == "0 ns");
  CHECK(format_model_value(load, 3) == "3");
  // Every key, at its bounds and odd values, reads back as it was written.
  std::mt19937_64 rng(11);
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    const ModelKeyRange r = model_key_range(i);
    for (std::int64_t v : {r.min, r.max, sim::get(sim::default_profile(), i),
                           r.min + static_cast<std::int64_t>(rng() % 64),
                           std::min(r.max, r.min + static_cast<std::int64_t>(rng() % 9'999'999'999))}) {
      INFO(sim::profile_keys()[i].name << " = " << v << " shown as " << format_model_value(i, v));
      CHECK(parse_model_value(i, format_model_value(i, v)) == v);
    }
  }
  CHECK(parse_model_value(arith, "48") == 48);
  CHECK(parse_model_value(slack, "8.5us") == 8'500);
  CHECK(parse_model_value(slack, " 8.5 US ") == 8'500);
  CHECK(parse_model_value(slack, "8.5 \xc2\xb5s") == 8'500);  // the micro sign
  CHECK(parse_model_value(slack, "8.5\xce\xbcs") == 8'500);   // the Greek mu
  CHECK(parse_model_value(slice, "4 ms") == 4'000'000);
  CHECK(parse_model_value(slice, "1e3") == 1'000);
  CHECK(parse_model_value(slice, "0.5s") == 500'000'000);
  CHECK(parse_model_value(load, "2") == 2);
  // Clamped: never negative, never past the range; an instruction costs at least 1 ns.
  CHECK(parse_model_value(slack, "-5us") == 0);
  CHECK(parse_model_value(arith, "0") == 1);
  CHECK(parse_model_value(arith, "-1") == 1);
  CHECK(parse_model_value(slice, "1e30s") == kMaxModelDurationNs);
  CHECK(parse_model_value(slice, "99999999999999999999999") == kMaxModelDurationNs);
  CHECK(parse_model_value(key("sim", "quantum"), "1ns") == 1'000);
  CHECK(parse_model_value(load, "5000") == kMaxModelCount);
  CHECK(parse_model_value(load, "-3") == 0);
  // Not numbers: refused.
  for (const char* bad : {"", " ", "abc", "5 sec", "4 hours", "nan", "inf", "1.2.3", "--5", "0x10",
                          "5\n[gil]\ntake = 0", "5;", "5 # x", "=5", "ms", "e5"}) {
    INFO(bad);
    CHECK_FALSE(parse_model_value(slice, bad).has_value());
  }
  CHECK_FALSE(parse_model_value(load, "2.5").has_value());
  CHECK_FALSE(parse_model_value(load, "2ms").has_value());
  CHECK_FALSE(parse_model_value(sim::profile_keys().size(), "5").has_value());
}

TEST_CASE("model: the compact text carries exactly the edited keys and reads back") {
  const Model built_in = sim::default_profile();
  CHECK(model_to_text(built_in).empty());
  CHECK(model_profile_text(built_in).empty());
  CHECK(model_edited_count(built_in) == 0);
  CHECK(model_from_text("") == built_in);

  Model m = built_in;
  sim::set(m, key("ops", "arith"), 48);
  sim::set(m, key("machine", "background_load"), 2);
  sim::set(m, key("os", "time_slice"), 8'000'000);
  sim::set(m, key("gil", "signal"), 0);
  CHECK(model_edited_count(m) == 4);
  CHECK(model_key_edited(m, key("ops", "arith")));
  CHECK_FALSE(model_key_edited(m, key("ops", "load")));
  const std::string text = model_to_text(m);
  CHECK(text.find("ops.arith:48") != std::string::npos);
  CHECK(text.find("os.time_slice:8ms") != std::string::npos);
  CHECK(text.find("gil.signal:0") != std::string::npos);
  CHECK(text.find("machine.background_load:2") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), ',') == 3);
  CHECK(model_from_text(text) == m);
  // The simulator reads the INI lines back to the same profile.
  Model read = built_in;
  std::string error;
  REQUIRE(sim::parse_profile(model_profile_text(m), &read, &error));
  CHECK(read == m);

  // Random models of every key: the text stays within its bounds and reads back.
  std::mt19937_64 rng(5);
  for (int round = 0; round < 300; ++round) {
    const Model r = random_model(rng);
    const std::string t = model_to_text(r);
    INFO(t);
    CHECK(t.size() <= kModelTextMax);
    CHECK(model_from_text(t) == r);
    Model back = built_in;
    REQUIRE(sim::parse_profile(model_profile_text(r), &back, &error));
    CHECK(back == r);
  }
}

TEST_CASE("model: untrusted text is read forgivingly, clamped, never injected") {
  const Model built_in = sim::default_profile();
  const std::size_t arith = key("ops", "arith"), load = key("machine", "background_load");
  // Unknown keys, malformed items and bad values are skipped; the rest applies.
  Model m = model_from_text(
      "nonsense,ops.nothing:5,warp.arith:5,ops.arith:48,ops.call:abc,ops.iter:-4,:,.,ops.:1,"
      "ops.global:12 ns,ops.jump:5xs,machine.background_load:3ms,ops.store");
  CHECK(sim::get(m, arith) == 48);
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    if (i != arith) CHECK(sim::get(m, i) == sim::get(built_in, i));
  }
  // Clamped into range; the first of a repeated key counts.
  m = model_from_text("ops.arith:0,machine.background_load:5000,os.time_slice:99999999999999s,"
                      "sim.quantum:1,ops.call:7,ops.call:9");
  CHECK(sim::get(m, arith) == 1);
  CHECK(sim::get(m, load) == kMaxModelCount);
  CHECK(sim::get(m, key("os", "time_slice")) == kMaxModelDurationNs);
  CHECK(sim::get(m, key("sim", "quantum")) == 1'000);
  CHECK(sim::get(m, key("ops", "call")) == 7);
  // Nothing but the generated lines reaches the simulator: no line breaks, sections or comments.
  m = model_from_text("ops.arith:48\n[gil]\ntake=0,ops.call:5#x,ops.iter:6;y,gil.take:1\r");
  CHECK(sim::get(m, key("gil", "take")) == sim::get(built_in, key("gil", "take")));
  CHECK(sim::get(m, key("ops", "call")) == sim::get(built_in, key("ops", "call")));
  CHECK(model_profile_text(m).find('[') == std::string::npos);
  // Past the bounds: too long a text is ignored whole; items past the count are not read.
  std::string long_text = "ops.arith:48,";
  while (long_text.size() <= kModelTextMax) long_text += "ops.nothing:1,";
  CHECK(model_from_text(long_text) == built_in);
  std::string many;
  for (std::size_t i = 0; i < kModelItemsMax; ++i) many += "x.y:1,";
  CHECK(model_from_text(many + "ops.arith:48") == built_in);
  // Random bytes and random mutations of a valid text: never a crash, always in range.
  std::mt19937_64 rng(9);
  const std::string valid = "ops.arith:48,os.time_slice:8ms,machine.background_load:2,gil.signal:0";
  for (int round = 0; round < 3000; ++round) {
    std::string s = round % 2 ? valid : std::string(1 + rng() % 64, 'a');
    for (int k = 0; k < 4; ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    const Model r = model_from_text(s);
    CHECK(in_range(r));
    CHECK(model_from_text(model_to_text(r)) == r);
  }
}

TEST_CASE("model: prefs remember it; unedited prefs have no model line") {
  Prefs p;
  CHECK(prefs_to_text(p).find("model=") == std::string::npos);
  sim::set(p.settings.model, key("ops", "call"), 72);
  sim::set(p.settings.model, key("machine", "background_load"), 4);
  const std::string text = prefs_to_text(p);
  CHECK(text.find("model=ops.call:72,machine.background_load:4\n") != std::string::npos);
  CHECK(parse_prefs(text) == p);
  p.model_window = true;
  CHECK(prefs_to_text(p).find("model_window=open\n") != std::string::npos);
  CHECK(parse_prefs(prefs_to_text(p)) == p);
  CHECK_FALSE(parse_prefs("model_window=1\n").model_window);
  // A bad model line leaves the built-in model; the other settings still apply.
  const Prefs bad = parse_prefs("gil=off\nmodel=ops.arith:-1,ops.call:zz\ncores=2\n");
  CHECK(bad.settings.model == sim::default_profile());
  CHECK(bad.settings.gil == GilMode::Off);
  CHECK(bad.settings.cores == 2);
  CHECK(sim::get(parse_prefs("model=machine.background_load:999\n").settings.model,
                 key("machine", "background_load")) == kMaxModelCount);
}

TEST_CASE("model: run options carry the edited keys to simulated runs only") {
  RunSettings s;
  CHECK(to_run_options(s, true).profile_text.empty());  // unedited: today's runs exactly
  sim::set(s.model, key("ops", "arith"), 48);
  s.mode = RunMode::Simulated;
  CHECK(to_run_options(s, false).profile_text == "ops.arith = 48\n");
  s.mode = RunMode::Real;
  CHECK(to_run_options(s, true).profile_text.empty());
  s.mode = RunMode::Compare;
  CHECK(to_run_options(s, true).profile_text == "ops.arith = 48\n");  // the simulated half
  CHECK(to_run_options(s, false).profile_text.empty());               // the real half
  // A model out of range (from code, not the panel) is clamped on the way.
  sim::set(s.model, key("ops", "arith"), -7);
  CHECK(to_run_options(s, true).profile_text == "ops.arith = 1\n");
}

namespace {

struct Finished {
  int status = -1;
  std::string out;
  std::shared_ptr<const interleave::trace::Trace> trace;
};

Finished run_sim(const std::string& source, const Model& model) {
  ThreadRunner runner;
  RunRequest request;
  request.source = source;
  request.settings.mode = RunMode::Simulated;
  request.settings.cores = 2;
  request.settings.model = model;
  runner.start(request);
  Finished f;
  for (int i = 0; i < 60000; ++i) {
    RunStatus s = runner.poll();
    for (const RunOutput& o : s.output) f.out += o.text;
    if (s.phase == RunPhase::Finished) {
      f.status = s.exit_status.value_or(-1);
      f.trace = s.trace;
      return f;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("the simulated run did not finish");
  return f;
}

double virtual_seconds(const Finished& f) {
  REQUIRE(f.trace != nullptr);
  return static_cast<double>(interleave::trace::summarize(*f.trace).wall_ns) * 1e-9;
}

}  // namespace

TEST_CASE("model: an edited model reaches the simulator through the playground's runner") {
  const std::string countdown = "n = 300000\nwhile n > 0:\n    n -= 1\nprint('done')\n";
  const Model built_in = sim::default_profile();
  const Finished base = run_sim(countdown, built_in);
  REQUIRE(base.status == 0);
  CHECK(base.out == "done\n");

  // Every instruction class twice as costly: the countdown takes twice the virtual time.
  Model doubled = built_in;
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    if (sim::profile_keys()[i].section == "ops") sim::set(doubled, i, 2 * sim::get(built_in, i));
  }
  const Finished slow = run_sim(countdown, doubled);
  REQUIRE(slow.status == 0);
  CHECK(slow.out == "done\n");
  const double ratio = virtual_seconds(slow) / virtual_seconds(base);
  INFO("built-in " << virtual_seconds(base) << " s, doubled ops " << virtual_seconds(slow) << " s");
  CHECK(ratio > 1.9);
  CHECK(ratio < 2.1);

  // Deterministic: the same edits give the same virtual times and events.
  const Finished again = run_sim(countdown, doubled);
  CHECK(virtual_seconds(again) == virtual_seconds(slow));
  CHECK(again.trace->events.size() == slow.trace->events.size());

  // A busy machine: two CPU-bound threads on 2 cores beside 2 competitors take longer.
  const std::string two_threads =
      "import threading\n"
      "def spin():\n    n = 100000\n    while n > 0:\n        n -= 1\n"
      "ts = [threading.Thread(target=spin) for _ in range(2)]\n"
      "for t in ts: t.start()\nfor t in ts: t.join()\n";
  Model busy = built_in;
  sim::set(busy, key("machine", "background_load"), 2);
  const Finished idle_run = run_sim(two_threads, built_in);
  const Finished busy_run = run_sim(two_threads, busy);
  REQUIRE(idle_run.status == 0);
  REQUIRE(busy_run.status == 0);
  INFO("idle " << virtual_seconds(idle_run) << " s, load 2 " << virtual_seconds(busy_run) << " s");
  CHECK(virtual_seconds(busy_run) > 1.2 * virtual_seconds(idle_run));
}
