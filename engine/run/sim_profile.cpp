// The built-in profile and the INI reader/writer (see sim_profile.h). One table (profile_keys)
// names every field once, so parsing, writing and the docs cannot drift apart. Pure functions.
#include "run/sim_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace interleave::run::sim {

namespace {

using vm::OpClass;

constexpr std::size_t kOps = vm::kOpClassCount;

// The non-op fields in key order (after the kOps op keys).
std::int64_t Profile::*const kFields[] = {
    &Profile::gil_take_ns,       &Profile::gil_drop_ns,           &Profile::gil_signal_ns,
    &Profile::gil_wait_cycle_ns, &Profile::gil_mutex_hold_ns,
    &Profile::context_switch_ns, &Profile::wake_latency_ns,       &Profile::wake_jitter_ns,
    &Profile::time_slice_ns,     &Profile::wakeup_granularity_ns, &Profile::timer_slack_ns,
    &Profile::tick_ns,           &Profile::sleeper_credit_ns,     &Profile::background_load,
    &Profile::thread_start_ns,
    &Profile::first_start_ns,    &Profile::fork_ns,               &Profile::fork_ns_per_mib,
    &Profile::fork_child_ns,     &Profile::fork_ns_per_kib,       &Profile::spawn_start_ns,
    &Profile::spawn_ns,          &Profile::exit_ns,               &Profile::resource_tracker_ns,
    &Profile::ipc_message_ns,    &Profile::ipc_ns_per_kib,        &Profile::quantum_ns,
    &Profile::overlap_ns,
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// "26", "5ms", "0.5 us", "1e3ns" -> nanoseconds (rounded to nearest). False on anything else.
bool parse_duration(std::string_view text, std::int64_t* out) {
  std::size_t unit_at = text.size();
  while (unit_at > 0 &&
         ((text[unit_at - 1] >= 'a' && text[unit_at - 1] <= 'z') || text[unit_at - 1] == ' ')) {
    --unit_at;
  }
  const std::string_view unit = trim(text.substr(unit_at));
  const std::string number(trim(text.substr(0, unit_at)));
  if (number.empty()) return false;
  // strtod: the locale is "C" in the engine (no setlocale anywhere).
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(v)) return false;
  double scale = 1;
  if (unit.empty() || unit == "ns") {
    scale = 1;
  } else if (unit == "us") {
    scale = 1e3;
  } else if (unit == "ms") {
    scale = 1e6;
  } else if (unit == "s") {
    scale = 1e9;
  } else {
    return false;
  }
  const double ns = v * scale;
  if (ns < 0 || ns > 9.0e18) return false;
  *out = static_cast<std::int64_t>(std::llround(ns));
  return true;
}

constexpr std::int64_t kMaxCount = 1024;  // sim_cores.h's kMaxBackgroundLoad

// "2" -> 2: digits only, at most kMaxCount.
bool parse_count(std::string_view text, std::int64_t* out) {
  if (text.empty() || text.size() > 4) return false;
  std::int64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > kMaxCount) return false;
  *out = v;
  return true;
}

}  // namespace

Profile default_profile() {
  Profile p;
  // CPython 3.11.7: the relative costs of bench/sim_cpython_costs.py, scaled so that countdown
  // (`while n > 0: n -= 1`: 4 loads, COMPARE_OP, 2 jumps, BINARY_OP, STORE_FAST) is 54 ns per
  // iteration, CPython's CPU time per iteration as programs run it: the median of fresh processes
  // (bench/fidelity.py's countdown-1 row, `interleave calibrate`), 50-53 ns on the development
  // machine. (It was 27 ns, the fastest a process ever ran the loop: CPython draws that speed
  // per process, 25-90 ns here; docs/simulator.md, "CPython's countdown speed".)
  auto op = [&](OpClass c, std::int64_t ns) { p.op_ns[static_cast<std::size_t>(c)] = ns; };
  op(OpClass::Load, 2);
  op(OpClass::Store, 2);
  op(OpClass::Global, 16);
  op(OpClass::Attr, 26);
  op(OpClass::Arith, 24);
  op(OpClass::Compare, 12);
  op(OpClass::Jump, 4);
  op(OpClass::Subscr, 26);
  op(OpClass::Build, 38);
  op(OpClass::Call, 36);
  op(OpClass::Iter, 12);
  op(OpClass::Other, 4);
  p.gil_take_ns = 40;
  p.gil_drop_ns = 40;
  p.gil_signal_ns = 2'000;
  // A waiter's turn: 8.5 us of CPU as the OS accounts it (time.thread_time), measured with
  // CPython 3.11 at a 1 us interval, a waiter next to a holder inside one long C call: 43.6 ms
  // over 5143 turns counted by perf (bench/sim_gil_handoff.py, docs/simulator.md).
  p.gil_wait_cycle_ns = 8'500;
  p.gil_mutex_hold_ns = 1'000;
  p.context_switch_ns = 2'000;
  p.wake_latency_ns = 10'000;
  p.wake_jitter_ns = 2'000;
  p.time_slice_ns = 4'000'000;
  p.wakeup_granularity_ns = 1'000'000;
  p.timer_slack_ns = 50'000;
  // Background load (off by default): the tick of CONFIG_HZ=250, which two CPU-bound processes
  // pinned to one CPU alternate at (3.98 ms stints, bench/sim_background_probe.py); CFS's sleeper
  // credit (sched_latency / 2, the latency 6 ms x (1 + log2 of 2 CPUs)), above the wake-up
  // granularity, so that a thread back from a sleep takes a core from a competitor at once, as
  // the same probe's sleeper did (on time within 0.1 ms beside a hog).
  p.tick_ns = 4'000'000;
  p.sleeper_credit_ns = 6'000'000;
  p.background_load = 0;
  p.thread_start_ns = 20'000;
  // Processes: CPython 3.11's components, each the median CPU time of fresh processes
  // (bench/sim_cpython_process_costs.py; docs/simulator.md says which run measured what).
  p.first_start_ns = 5'500'000;
  p.fork_ns = 800'000;
  p.fork_ns_per_mib = 7'000;
  p.fork_child_ns = 1'500'000;
  p.fork_ns_per_kib = 500;
  p.spawn_start_ns = 500'000;
  p.spawn_ns = 70'000'000;
  p.exit_ns = 11'000'000;
  p.resource_tracker_ns = 80'000'000;
  p.ipc_message_ns = 12'000;
  p.ipc_ns_per_kib = 224;
  p.quantum_ns = 100'000;
  p.overlap_ns = 40;
  return p;
}

const std::vector<ProfileKey>& profile_keys() {
  static const std::vector<ProfileKey> keys = {
      {"ops", "load", "LOAD_FAST, LOAD_CONST, LOAD_DEREF, POP_TOP, COPY, SWAP, PUSH_NULL, NOP"},
      {"ops", "store", "STORE_FAST/NAME/GLOBAL/DEREF, DELETE_*"},
      {"ops", "global", "LOAD_GLOBAL, LOAD_NAME"},
      {"ops", "attr", "LOAD_ATTR, STORE_ATTR, DELETE_ATTR, LOAD_METHOD"},
      {"ops", "arith", "BINARY_OP, UNARY_*"},
      {"ops", "compare", "COMPARE_OP, IS_OP, CONTAINS_OP"},
      {"ops", "jump", "JUMP_*, POP_JUMP_*"},
      {"ops", "subscr", "BINARY_SUBSCR, STORE_SUBSCR, DELETE_SUBSCR, BUILD_SLICE"},
      {"ops", "build", "BUILD_*, LIST_APPEND, SET_ADD, MAP_ADD, UNPACK_*, FORMAT_VALUE, ..."},
      {"ops", "call", "CALL, CALL_FUNCTION_EX: the whole call round trip"},
      {"ops", "iter", "GET_ITER, FOR_ITER"},
      {"ops", "other", "every other opcode (RESUME, RETURN_VALUE, MAKE_FUNCTION, ...)"},
      {"gil", "take", "take_gil when the GIL is free"},
      {"gil", "drop", "drop_gil"},
      {"gil", "signal", "extra for a drop or a take that wakes a waiting thread (futex wake)"},
      {"gil", "wait_cycle", "a waiter's core time per timed wait on the GIL (begin or time-out)"},
      {"gil", "mutex_hold", "gil->mutex held per take or waiter check (contenders sleep)"},
      {"os", "context_switch", "a core switching from one thread to another"},
      {"os", "wake_latency", "signal or timer expiry -> the thread is runnable"},
      {"os", "wake_jitter", "up to this much more per wake-up (seeded, deterministic)"},
      {"os", "time_slice", "round-robin slice when runnable threads outnumber cores"},
      {"os", "wakeup_granularity", "a woken thread preempts one with this much more CPU time"},
      {"os", "timer_slack", "a timed wait or sleep ends this much after its deadline (Linux)"},
      {"os", "tick", "background load: slices end, and competitors yield, only at ticks"},
      {"os", "sleeper_credit", "background load: a woken thread's lead over the competitors"},
      {"machine", "background_load", "always-runnable CPU-bound competitors (a count)", true},
      {"thread", "start", "Thread.start() -> the new thread is runnable"},
      {"process", "first_start", "parent CPU, first start(): multiprocessing's start imports"},
      {"process", "fork", "parent CPU, each fork start(): os.fork()"},
      {"process", "fork_per_mib", "parent CPU, fork: per MiB of its heap"},
      {"process", "fork_child", "fork child CPU before its target (after-fork handlers)"},
      {"process", "fork_per_kib", "fork child CPU per KiB of the heap snapshot it restores"},
      {"process", "spawn_start", "parent CPU, each spawn start(): fork+exec, pickling"},
      {"process", "spawn", "spawned child CPU before its target: interpreter start, imports"},
      {"process", "exit", "spawned child CPU after its target: interpreter finalisation"},
      {"process", "resource_tracker",
       "the resource tracker's CPU: the interpreter a run's first spawn start() starts"},
      {"process", "ipc_message", "one message through a pipe or queue, one way (latency)"},
      {"process", "ipc_per_kib", "sender CPU per KiB of pickled payload"},
      {"sim", "quantum", "longest run() of a thread between looks at the rest of the world"},
      {"sim", "overlap", "GIL off: threads on cores at once take turns of 1..this (seeded)"},
  };
  return keys;
}

std::optional<std::size_t> find_profile_key(std::string_view section, std::string_view name) {
  const auto& keys = profile_keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].section == section && keys[i].name == name) return i;
  }
  return std::nullopt;
}

std::int64_t get(const Profile& p, std::size_t key_index) {
  if (key_index < kOps) return p.op_ns[key_index];
  return p.*kFields[key_index - kOps];
}

void set(Profile& p, std::size_t key_index, std::int64_t value) {
  if (key_index < kOps) {
    p.op_ns[key_index] = value;
  } else {
    p.*kFields[key_index - kOps] = value;
  }
}

bool parse_profile(std::string_view text, Profile* profile, std::string* error) {
  static_assert(sizeof kFields / sizeof kFields[0] + kOps == 40, "profile_keys() and kFields");
  const auto& keys = profile_keys();
  Profile p = *profile;
  std::string_view section;
  int line_no = 0;
  auto fail = [&](const std::string& why) {
    if (error != nullptr) *error = "profile line " + std::to_string(line_no) + ": " + why;
    return false;
  };
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (const std::size_t c = line.find_first_of("#;"); c != std::string_view::npos) {
      line = line.substr(0, c);
    }
    line = trim(line);
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line.back() != ']') return fail("a section header ends with ']'");
      section = trim(line.substr(1, line.size() - 2));
      continue;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return fail("expected 'name = value'");
    std::string_view name = trim(line.substr(0, eq));
    std::string_view sec = section;
    if (const std::size_t dot = name.find('.'); dot != std::string_view::npos) {
      sec = name.substr(0, dot);  // "gil.take = 40" outside a section works too
      name = name.substr(dot + 1);
    }
    const std::optional<std::size_t> found = find_profile_key(sec, name);
    if (!found) return fail("unknown key '" + std::string(sec) + "." + std::string(name) + "'");
    const std::size_t index = *found;
    std::int64_t value = 0;
    const std::string_view text_value = trim(line.substr(eq + 1));
    if (keys[index].count) {
      if (!parse_count(text_value, &value)) {
        return fail("'" + std::string(text_value) + "' is not a whole number from 0 to " +
                    std::to_string(kMaxCount));
      }
      set(p, index, value);
      continue;
    }
    if (!parse_duration(text_value, &value)) {
      return fail("'" + std::string(trim(line.substr(eq + 1))) +
                  "' is not a duration (a number >= 0, unit ns, us, ms or s)");
    }
    set(p, index, value);
  }
  *profile = p;
  return true;
}

std::string format_profile(const Profile& profile) {
  std::string out = "# Interleave simulator profile (docs/simulator.md). Values in ns.\n";
  std::string_view section;
  const auto& keys = profile_keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].section != section) {
      section = keys[i].section;
      out += "\n[";
      out += section;
      out += "]\n";
    }
    std::string line = std::string(keys[i].name) + " = " + std::to_string(get(profile, i));
    line.resize(std::max<std::size_t>(line.size() + 1, 28), ' ');
    out += line;
    out += "# ";
    out += keys[i].doc;
    out += '\n';
  }
  return out;
}

}  // namespace interleave::run::sim
