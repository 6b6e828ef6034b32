// The calibration program and its output -> profile (see sim_calibrate.h).
/*
   How the op costs are set. The bare countdown loop (`while n > 0: n -= 1`) run once in each of
   several fresh processes, as a program runs it, fixes one factor: the median of their CPU times
   per iteration (CPU time, so that other processes' load is left out; the median, because the
   loop's speed is drawn per process: CPython 3.11 on the development machine ran it at 25-45 ns
   in one process and steadily so, at another speed in the next; the best of many short runs in
   one process measured only the fastest draw). Every op class of the built-in profile is scaled
   by it, so a simulated countdown costs what the measured one did. Per-class costs are measured too and written as comments (differences of
   a few ns between loops are noise on a busy machine; the factor is not):
   each snippet runs in the countdown loop;
   the bare loop's time is subtracted and the rest divided among the snippet's instructions as
   Interleave compiles them (`interleave dis`), one opcode class at a time:
     x = n      LOAD_FAST STORE_FAST                      -> load = store = half
     x = n - 1  2 loads, BINARY_OP, STORE_FAST            -> arith
     x = n > 0  2 loads, COMPARE_OP, STORE_FAST           -> compare
     x = g      LOAD_GLOBAL STORE_FAST                    -> global
     x = o.a    LOAD_FAST LOAD_ATTR STORE_FAST            -> attr
     x = l[0]   2 loads, BINARY_SUBSCR, STORE_FAST        -> subscr
     x = (n, n) 2 loads, BUILD_TUPLE, STORE_FAST          -> build
     f()        LOAD_GLOBAL CALL POP_TOP + RESUME LOAD_CONST RETURN_VALUE -> call (round trip)
     for x in range(n): pass   FOR_ITER STORE_FAST JUMP_BACKWARD         -> iter
   and the bare loop (4 loads, COMPARE_OP, POP_JUMP_IF_FALSE, BINARY_OP, STORE_FAST,
   JUMP_BACKWARD) gives the jump: so a simulated countdown costs what the measured one did.
   Runtime costs: Thread.start() (it returns once the thread runs), an Event ping-pong between
   two threads (half a round trip: a wake-up with its GIL hand-off), a GIL waiter's share of a
   core at a 1 us interval while the holder is inside one long C call (-> gil.wait_cycle, by
   wait_cycle_for_share: the turn that gives the simulated waiter that share), Process
   start+join for spawn and fork, fork with 32 MiB more heap, the resource tracker's CPU (a fresh
   program's first spawn starts it; /proc/PID/schedstat), and Pipe round trips of a short and a
   64 KiB string.
*/
#include "run/sim_calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace interleave::run::sim {

const std::string_view kCalibrationProgram = R"PY(import sys
import time
import threading
import multiprocessing as mp

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
N = max(20000, int(400000 * SCALE))
g = 7


class O:
    def __init__(self):
        self.a = 1


def f():
    pass


def base(n, o, l):
    while n > 0:
        n -= 1


def load_store(n, o, l):
    while n > 0:
        x = n
        n -= 1


def arith(n, o, l):
    while n > 0:
        x = n - 1
        n -= 1


def compare(n, o, l):
    while n > 0:
        x = n > 0
        n -= 1


def glob(n, o, l):
    while n > 0:
        x = g
        n -= 1


def attr(n, o, l):
    while n > 0:
        x = o.a
        n -= 1


def subscr(n, o, l):
    while n > 0:
        x = l[0]
        n -= 1


def build(n, o, l):
    while n > 0:
        x = (n, n)
        n -= 1


def call(n, o, l):
    while n > 0:
        f()
        n -= 1


def iterate(n, o, l):
    for x in range(n):
        pass


def per_iteration(fn, runs=5, n=N):
    o = O()
    l = [1, 2]
    best = 1e9
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(n, o, l)
        best = min(best, time.perf_counter() - t0)
    return best / n * 1e9


def fresh_countdown(conn, n):
    c0 = time.process_time()
    t0 = time.perf_counter()
    base(n, None, None)
    wall = time.perf_counter() - t0
    conn.send(((time.process_time() - c0) / n * 1e9, wall / n * 1e9))
    conn.close()


def countdown_fresh(runs, n):
    """countdown(n) once in each of `runs` fresh processes, as a program runs it: sorted CPU and
    wall ns per iteration. Its speed is a property of the process (the same loop differs by up
    to 2x between processes and is steady within one), so short runs in this one process
    would measure one draw, and their best the fastest."""
    ctx = mp.get_context("spawn")
    cpu = []
    wall = []
    for _ in range(runs):
        a, b = ctx.Pipe()
        p = ctx.Process(target=fresh_countdown, args=(b, n))
        p.start()
        c, w = a.recv()
        p.join()
        cpu.append(c)
        wall.append(w)
    return sorted(cpu), sorted(wall)


def out(key, ns):
    print("%s = %.3f" % (key, max(ns, 0.0)))


def nothing():
    pass


def thread_start(reps):
    best = 1e9
    for _ in range(reps):
        t = threading.Thread(target=nothing)
        t0 = time.perf_counter()
        t.start()
        best = min(best, time.perf_counter() - t0)
        t.join()
    return best * 1e9


def ping(a, b, reps):
    for _ in range(reps):
        a.wait()
        a.clear()
        b.set()


def hand_off(reps):
    a = threading.Event()
    b = threading.Event()
    t = threading.Thread(target=ping, args=(a, b, reps))
    t.start()
    t0 = time.perf_counter()
    for _ in range(reps):
        a.set()
        b.wait()
        b.clear()
    dt = time.perf_counter() - t0
    t.join()
    return dt / reps / 2 * 1e9


def gil_waiter_share(n):
    """The share of a core that a thread waiting for the GIL uses at a 1 us switch interval:
    its own CPU (time.thread_time) over the time it waited, while the main thread holds the GIL
    in one long C call (sum over a range never reaches the eval breaker). Each turn of the
    waiter is a timed wait of 1 us that times out at the end of the timer slack, a wake-up, the
    check and a new wait; the simulator's gil.wait_cycle is the CPU of one turn. None where
    time.thread_time is missing."""
    if not hasattr(time, "thread_time"):
        return None
    got = {}

    def waiter():
        c0 = time.thread_time()
        time.sleep(0.01)
        got["cpu"] = time.thread_time() - c0

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    t = threading.Thread(target=waiter)
    t.start()
    time.sleep(0.001)
    t0 = time.perf_counter()
    sum(range(n))
    waited = time.perf_counter() - t0 - 0.009
    t.join()
    sys.setswitchinterval(old)
    if waited <= 0.005:
        return None
    return got["cpu"] / waited


def echo(conn):
    while True:
        m = conn.recv()
        if m is None:
            return
        conn.send(m)


def report_cpu(conn):
    conn.send(time.process_time())
    conn.close()


def starts(conn, method, mib):
    """In a fresh process (so that its first start() is a first): the CPU of this process's
    first and second start() of a `method` child, each child's CPU when its target began,
    and (with `resource`) each child's CPU in all."""
    ballast = ["x" * (1 << 20) for _ in range(mib)]
    ctx = mp.get_context(method)
    got = []
    for _ in range(2):
        a, b = ctx.Pipe()
        p = ctx.Process(target=report_cpu, args=(b,))
        c0 = time.process_time()
        p.start()
        parent = time.process_time() - c0
        entered = a.recv()
        r0 = rusage_children()
        p.join()
        r1 = rusage_children()
        got.append((parent, entered, r1 - r0 if r0 >= 0 else -1.0))
    conn.send(got)
    conn.close()
    del ballast


def rusage_children():
    try:
        import resource
    except ImportError:
        return -1.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def process_costs(method, runs, mib=0):
    """`starts` in each of `runs` fresh spawned processes: lists of ns."""
    first, second, entered, total = [], [], [], []
    for _ in range(runs):
        a, b = mp.get_context("spawn").Pipe()
        p = mp.get_context("spawn").Process(target=starts, args=(b, method, mib))
        p.start()
        got = a.recv()
        p.join()
        first.append(got[0][0] * 1e9)
        second.append(got[1][0] * 1e9)
        for parent, cpu, all_cpu in got:
            entered.append(cpu * 1e9)
            if all_cpu >= 0:
                total.append(all_cpu * 1e9)
    return sorted(first), sorted(second), sorted(entered), sorted(total)


FIRST_START = """import multiprocessing as mp, os, sys, time
if __name__ == '__main__':
    ctx = mp.get_context(sys.argv[1])
    got = []
    for _ in range(2):
        p = ctx.Process(target=os.getpid)
        c = time.process_time()
        p.start()
        got.append(time.process_time() - c)
        p.join()
    tracker = -1.0
    try:  # the resource tracker's CPU (ns, Linux's schedstat); spawn starts one, fork does not
        from multiprocessing import resource_tracker
        with open("/proc/%d/schedstat" % resource_tracker._resource_tracker._pid) as f:
            tracker = float(f.read().split()[0])
    except Exception:
        pass
    print(got[0], got[1], tracker)
"""


def first_starts(method, runs):
    """The CPU of the first and of the second start() in each of `runs` fresh programs (a
    multiprocessing child is no fresh program: its parent's imports and resource tracker are
    there already), and the CPU of the resource tracker each started (where /proc tells).
    CPython only: the programs are started by `subprocess`."""
    try:
        import subprocess
    except ImportError:
        return [], [], []
    first, second, tracker = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_START, method], capture_output=True,
                             text=True).stdout.split()
        if len(out) == 3:
            first.append(float(out[0]) * 1e9)
            second.append(float(out[1]) * 1e9)
            if float(out[2]) > 0:
                tracker.append(float(out[2]))
    return sorted(first), sorted(second), sorted(tracker)


def median(v):
    return v[len(v) // 2] if v else 0.0


def ms(v):
    return " ".join("%.2f" % (x / 1e6) for x in v)


def round_trip(conn, message, reps):
    best = 1e9
    for _ in range(reps):
        t0 = time.perf_counter()
        conn.send(message)
        conn.recv()
        best = min(best, time.perf_counter() - t0)
    return best / 2 * 1e9


def main():
    t = {}
    for name, fn in [("base", base), ("load_store", load_store), ("arith", arith),
                     ("compare", compare), ("global", glob), ("attr", attr),
                     ("subscr", subscr), ("build", build), ("call", call),
                     ("iter", iterate)]:
        t[name] = per_iteration(fn)
        print("# loop %-10s %8.2f ns/iteration" % (name, t[name]))
    d = {}
    for k in t:
        d[k] = t[k] - t["base"]
    load = d["load_store"] / 2
    store = load
    arith_ns = d["arith"] - 2 * load - store
    compare_ns = d["compare"] - 2 * load - store
    jump = (t["base"] - 4 * load - compare_ns - arith_ns - store) / 2
    glob_ns = d["global"] - store
    attr_ns = d["attr"] - load - store
    subscr_ns = d["subscr"] - 2 * load - store
    build_ns = d["build"] - 2 * load - store
    other = 2.0
    call_ns = d["call"] - glob_ns - 2 * load - 2 * other
    iter_ns = t["iter"] - store - jump
    for k, v in [("load", load), ("store", store), ("global", glob_ns), ("attr", attr_ns),
                 ("arith", arith_ns), ("compare", compare_ns), ("jump", jump),
                 ("subscr", subscr_ns), ("build", build_ns), ("call", call_ns),
                 ("iter", iter_ns)]:
        print("# derived ops.%s = %.2f" % (k, v))
    print("# countdown in this process, best of 30 short runs: %.2f ns/iteration" %
          per_iteration(base, 30, max(10000, N // 4)))
    cpu, wall = countdown_fresh(max(5, int(9 * SCALE)), max(100000, int(3000000 * SCALE)))
    print("# countdown in fresh processes, CPU ns/iteration: " +
          " ".join("%.1f" % v for v in cpu))
    print("# countdown in fresh processes, wall ns/iteration: " +
          " ".join("%.1f" % v for v in wall))
    print("# countdown_ns = %.3f" % cpu[len(cpu) // 2])
    reps = max(20, int(200 * SCALE))
    out("thread.start", thread_start(reps))
    out("os.wake_latency", hand_off(reps * 5))
    shares = [gil_waiter_share(max(1000000, int(8000000 * SCALE))) for _ in range(3)]
    shares = sorted(x for x in shares if x is not None)
    if shares:
        print("# a GIL waiter's share of a core at a 1 us interval: " +
              " ".join("%.3f" % x for x in shares))
        print("# gil_waiter_share = %.4f" % shares[len(shares) // 2])
    runs = max(3, int(7 * SCALE))
    first, second, entered, total = process_costs("spawn", runs)
    print("# spawn, a child process's second start(), CPU (ms): " + ms(second))
    print("# spawn, child's CPU when its target began (ms): " + ms(entered))
    if total:
        print("# spawn, child's CPU in all (ms): " + ms(total))
    out("process.spawn_start", median(second))
    out("process.spawn", median(entered))
    if total:
        out("process.exit", median(total) - median(entered))
    first, second, entered, total = process_costs("fork", runs)
    print("# fork, a child process's second start(), CPU (ms): " + ms(second))
    print("# fork, child's CPU when its target began (ms): " + ms(entered))
    out("process.fork", median(second))
    out("process.fork_child", median(entered))
    big = process_costs("fork", runs, 32)[1]
    print("# fork with 32 MiB more heap, CPU of a second start() (ms): " + ms(big))
    out("process.fork_per_mib", (median(big) - median(second)) / 32)
    extra = []
    for method in ("spawn", "fork"):
        first, second, tracker = first_starts(method, runs)
        if first:
            print("# %s, a fresh program's first start(), CPU (ms): %s" % (method, ms(first)))
            print("# %s, its second start(), CPU (ms): %s" % (method, ms(second)))
            extra.append(median(first) - median(second))
        if method == "spawn" and tracker:
            print("# spawn, the resource tracker's CPU (ms): " + ms(tracker))
            out("process.resource_tracker", median(tracker))
    if extra:
        out("process.first_start", sum(extra) / len(extra))
    a, b = mp.Pipe()
    p = mp.get_context("spawn").Process(target=echo, args=(b,))
    p.start()
    small = round_trip(a, "x", reps * 5)
    big = round_trip(a, "x" * 65536, reps)
    a.send(None)
    p.join()
    out("process.ipc_message", small)
    out("process.ipc_per_kib", (big - small) / 64)


if __name__ == "__main__":
    main()
)PY";

namespace {

// Interleave's countdown loop: 4 loads, COMPARE_OP, POP_JUMP_IF_FALSE, BINARY_OP, STORE_FAST,
// JUMP_BACKWARD (`interleave dis`).
std::int64_t countdown_cost(const Profile& p) {
  auto c = [&](vm::OpClass k) { return p.op_ns[static_cast<std::size_t>(k)]; };
  return 4 * c(vm::OpClass::Load) + c(vm::OpClass::Compare) + 2 * c(vm::OpClass::Jump) +
         c(vm::OpClass::Arith) + c(vm::OpClass::Store);
}

}  // namespace

std::int64_t wait_cycle_for_share(const Profile& p, double share) {
  share = std::clamp(share, 0.0, 0.9);
  const double rest = 1000.0 + static_cast<double>(p.timer_slack_ns) +
                      static_cast<double>(p.wake_latency_ns) +
                      static_cast<double>(p.wake_jitter_ns) / 2;
  return std::llround(share * rest / (1 - share));
}

namespace {

// The number after `key` in `output`, or 0 when the key is missing or the number is not one.
double measured_value(std::string_view output, std::string_view key) {
  const std::size_t at = output.find(key);
  if (at == std::string_view::npos) return 0;
  const std::string number(output.substr(at + key.size(), 32));
  const double v = std::strtod(number.c_str(), nullptr);
  return std::isfinite(v) ? v : 0;
}

}  // namespace

bool profile_from_calibration(std::string_view output, Profile* profile, std::string* error) {
  constexpr std::string_view kCountdown = "# countdown_ns = ";
  const std::size_t at = output.find(kCountdown);
  if (at == std::string_view::npos) {
    *error = "the calibration program printed no measurement";
    return false;
  }
  const std::string number(output.substr(at + kCountdown.size(), 32));
  const double countdown_ns = std::strtod(number.c_str(), nullptr);
  if (!(countdown_ns > 0)) {
    *error = "the calibration program measured no countdown time";
    return false;
  }
  Profile p = default_profile();
  if (!parse_profile(output, &p, error)) return false;
  if (const double share = measured_value(output, "# gil_waiter_share = "); share > 0) {
    p.gil_wait_cycle_ns = wait_cycle_for_share(p, share);
  }
  const double factor = countdown_ns / static_cast<double>(countdown_cost(default_profile()));
  for (std::int64_t& ns : p.op_ns) {
    ns = std::max<std::int64_t>(0, std::llround(static_cast<double>(ns) * factor));
  }
  *profile = p;
  return true;
}

namespace {

// Every line of `output` as a comment of the profile file ("# " unless it is one already).
void append_as_comments(std::string& text, std::string_view output) {
  std::size_t at = 0;
  while (at < output.size()) {
    std::size_t end = output.find('\n', at);
    if (end == std::string_view::npos) end = output.size();
    const std::string_view line = output.substr(at, end - at);
    text += line.substr(0, 1) == "#" ? "" : "# ";
    text += line;
    text += '\n';
    at = end + 1;
  }
}

}  // namespace

std::string calibrated_profile_text(const Profile& profile, std::string_view source,
                                    std::string_view source_output, std::string_view other_name,
                                    std::string_view other_output) {
  std::string text = "# Written by `interleave calibrate` from the measurements of ";
  text += source;
  text += ".\n# Keys not measured keep the built-in value. Load with --profile FILE.\n";
  text += format_profile(profile);
  if (!source_output.empty()) {
    text += "\n# The measurements, as ";
    text += source;
    text += " printed them (a key's line is its value before the op classes were scaled to\n"
            "# countdown_ns; ns unless a line says ms):\n";
    append_as_comments(text, source_output);
  }
  if (!other_output.empty()) {
    text += "\n# For comparison, the same program run by ";
    text += other_name;
    text += ":\n";
    append_as_comments(text, other_output);
  }
  return text;
}

}  // namespace interleave::run::sim
