#!/usr/bin/env python3
"""Where CPython's threads lose wall time under the GIL on this machine: the scheduler's own
record of a run, read back (needs `perf` with the sched tracepoints, as root).

Runs `python3 bench/programs_sim/shape.py N T` (countdown(N) split over T threads) with
sys.setswitchinterval(INTERVAL) under `perf record -e sched:sched_switch -e sched:sched_waking`,
rebuilds every thread's spans on a CPU from the switches, and reports, for the process's
threads between the first worker's start and the last worker's end:

  wall       the window's length
  busy       time some thread of the process was on a CPU (the union of their spans)
  cpu        the sum of their spans (what time.process_time() counts, almost)
  gaps       time no thread of the process was on a CPU, split by why: `none runnable` (every
             thread asleep: waiting for a timer or a signal), `runnable, a CPU idle` (a thread
             was runnable and some CPU idle: the time an idle CPU takes to run a woken thread),
             `runnable, CPUs busy` (a thread was runnable and every CPU ran another process's
             task: the machine's load). A thread back on a CPU with no wake-up seen since it
             slept (the wake-up raced with its sleep) counts as runnable since it slept.
  handoffs   GIL hand-offs seen as one thread's long span followed by another's (a thread that
             runs >= --long us), with the median and p90 of the gap between them and of its
             `wake->run` part
  short      spans shorter than --long: the waiters' own turns (a timed wait's time-out, the
             drop request, re-arming; a dropper's FORCE_SWITCHING wait), their count and CPU

Usage: python3 bench/sim_gil_handoff.py [--n 6000000] [--threads 2] [--interval 0.005]
                                        [--reps 3] [--long 200] [--stalls K] [--hogs K]
                                        [--python python3] [--nice N]
                                        [--sim build/native/interleave] [--sim-profile FILE]
--hogs K runs K CPU-bound processes (`while True: pass`) beside the measurement, in the same
session (so under the same autogroup nice value): a controlled load. --sim BIN adds a row: the
same program in the simulator with `--load K` (K competitors, docs/simulator.md "Background
load") on this machine's number of cores, its trace's spans on a core summarised the same way
(the columns perf's wake-ups feed are left out). --nice N sets this session's autogroup nice
value during the run (restored at the end).
Each repetition is a fresh process; the load average is printed with each.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

from autogroup import run_niced

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPE = os.path.join(HERE, "programs_sim", "shape.py")

LINE = re.compile(r"^\s*(?P<comm>.+?)\s+(?P<pid>\d+)/(?P<tid>\d+)\s+\[(?P<cpu>\d+)\]\s+"
                  r"(?P<time>[\d.]+):\s+sched:(?P<event>\w+):\s+(?P<trace>.*)$")
SWITCH = re.compile(r"prev_comm=(?P<pcomm>.*?) prev_pid=(?P<ppid>\d+) .*?prev_state=(?P<pstate>\S+)"
                    r" ==> next_comm=(?P<ncomm>.*?) next_pid=(?P<npid>\d+)")
WAKING = re.compile(r"comm=(?P<comm>.*?) pid=(?P<pid>\d+) .*?target_cpu=(?P<cpu>\d+)")


def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


def record(python, n, threads, interval, out):
    """Runs the program under perf; returns the python process's pid and its printed seconds."""
    prog = ("import sys; sys.setswitchinterval(%r); sys.argv = ['shape.py', '%d', '%d']; "
            "exec(compile(open(%r).read(), 'shape.py', 'exec'))" % (interval, n, threads, SHAPE))
    cmd = ["perf", "record", "-q", "-o", out, "-e", "sched:sched_switch", "-e",
           "sched:sched_waking", "-a", "--", python, "-c", prog + "; import os; "
           "print('pid', os.getpid())"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError("perf failed: " + r.stderr[-500:])
    lines = r.stdout.split()
    return int(lines[-1]), float(lines[-3])


def analyse(data, pid, long_ns):
    text = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,pid,cpu,time,event,trace"],
                          capture_output=True, text=True, timeout=600).stdout
    events = []
    mine = set()          # tids of the process: every task that ran with its pid
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            events.append(m)
            if int(m["pid"]) == pid:
                mine.add(int(m["tid"]))
    spans = {}            # tid -> [(start, end)]
    on_cpu = {}           # tid -> start of its current span
    state = {}            # tid -> "run" | "ready" | "sleep"
    cpu_task = {}         # cpu -> pid of the task on it (0: idle)
    begins = {}           # start of a span -> (tid, the time it became runnable)
    ready_since = {}
    slept_at = {}         # tid -> when it left a CPU to sleep, while no wake-up came since
    pieces = []           # [from, to, kind, a CPU idle]: no thread of the process on a CPU
    prev_t = None

    def account(t):
        # Classifies [prev_t, t) when no thread of the process is on a CPU.
        if prev_t is None or t <= prev_t or any(v == "run" for v in state.values()):
            return
        idle = any(task == 0 for task in cpu_task.values())
        if not any(v == "ready" for v in state.values()):
            kind = "none runnable"
        else:
            kind = "runnable, a CPU idle" if idle else "runnable, CPUs busy"
        pieces.append([prev_t, t, kind, idle])

    for m in events:
        t = int(round(float(m["time"]) * 1e9))
        cpu = int(m["cpu"])
        if m["event"] == "sched_waking":
            w = WAKING.search(m["trace"])
            if w and int(w["pid"]) in mine and state.get(int(w["pid"])) != "run":
                account(t)
                prev_t = t
                state[int(w["pid"])] = "ready"
                ready_since[int(w["pid"])] = t
                slept_at.pop(int(w["pid"]), None)
            continue
        if m["event"] != "sched_switch":
            continue
        s = SWITCH.search(m["trace"])
        if not s:
            continue
        account(t)
        prev_t = t
        prev, nxt = int(s["ppid"]), int(s["npid"])
        cpu_task[cpu] = nxt
        if prev in on_cpu:
            spans.setdefault(prev, []).append((on_cpu.pop(prev), t))
            state[prev] = "ready" if s["pstate"].startswith("R") else "sleep"
            if state[prev] == "ready":
                ready_since[prev] = t
            else:
                slept_at[prev] = t
        if nxt in mine:
            if nxt in slept_at:
                # Back on a CPU with no wake-up seen since it left one to sleep: the wake-up
                # raced with the sleep (it came while the thread was still on its CPU), so it
                # was runnable all along; the pieces since then are reclassified.
                since = slept_at.pop(nxt)
                ready_since[nxt] = since
                for piece in pieces:
                    if piece[0] >= since and piece[2] == "none runnable":
                        piece[2] = "runnable, a CPU idle" if piece[3] else "runnable, CPUs busy"
            on_cpu[nxt] = t
            state[nxt] = "run"
            begins.setdefault(t, (nxt, ready_since.pop(nxt, None)))
    # The process's own tids: the main thread and every thread it woke or created.
    tids = {tid for tid in spans if tid in mine}
    r = span_stats(spans, tids, pid, long_ns, begins)
    w0, w1 = r["window"]
    parts = {"none runnable": 0, "runnable, a CPU idle": 0, "runnable, CPUs busy": 0}
    for a, b, kind, _ in pieces:
        if b > w0 and a < w1:
            parts[kind] += min(b, w1) - max(a, w0)
    r["parts"] = parts
    r["stalls"] = sorted(((b - a, a, kind) for a, b, kind, _ in pieces if b > w0 and a < w1),
                         reverse=True)
    return r


def span_stats(spans, tids, main_tid, long_ns, begins=None):
    """Wall, busy, CPU, gaps and hand-offs of the threads `tids` from their spans on a CPU
    ({tid: [(start, end)]}, ns), between the first worker's start and the last worker's end."""
    workers = [tid for tid in tids if tid != main_tid]
    if not workers:
        raise RuntimeError("no worker threads seen")
    w0 = min(spans[tid][0][0] for tid in workers)
    w1 = max(spans[tid][-1][1] for tid in workers)
    all_spans = sorted((max(a, w0), min(b, w1), tid) for tid in tids for a, b in spans[tid]
                       if b > w0 and a < w1)
    cpu = sum(b - a for a, b, _ in all_spans)
    short = [(b - a) for a, b, _ in all_spans if b - a < long_ns]
    busy = 0
    gaps = []  # (start, end): no thread of the process on a CPU
    cur_a = cur_b = None
    for a, b, _ in all_spans:
        if cur_b is None:
            cur_a, cur_b = a, b
        elif a > cur_b:
            busy += cur_b - cur_a
            gaps.append((cur_b, a))
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        busy += cur_b - cur_a
    # Hand-offs: one thread's long span, then another thread's long span.
    longs = sorted((a, b, tid) for a, b, tid in all_spans if b - a >= long_ns)
    handoff, handoff_wake = [], []
    for (a0, b0, t0), (a1, b1, t1) in zip(longs, longs[1:]):
        if t0 != t1 and a1 >= b0:
            handoff.append(a1 - b0)
            _, r = (begins or {}).get(a1, (None, None))
            if r is not None:
                handoff_wake.append(a1 - max(b0, r))
    return {"wall": w1 - w0, "busy": busy, "cpu": cpu, "gaps": sum(g1 - g0 for g0, g1 in gaps),
            "handoffs": handoff, "handoff_wake": handoff_wake, "short_n": len(short),
            "short_cpu": sum(short), "spans": len(all_spans), "window": (w0, w1)}


def simulate(a, cores):
    """The same program in Interleave's simulator with --load = the hogs: its trace's spans of
    the threads on a core, summarised as the perf record is."""
    with tempfile.TemporaryDirectory() as d:
        trace = os.path.join(d, "trace.json")
        out = subprocess.run([a.sim, "run", SHAPE, str(a.n), str(a.threads), "--mode", "sim",
                              "--switch-interval", repr(a.interval), "--cores", str(cores),
                              "--load", str(a.hogs), "--trace", trace] +
                             (["--profile", a.sim_profile] if a.sim_profile else []),
                             capture_output=True, text=True, timeout=600, check=True)
        with open(trace) as f:
            events = json.load(f)["traceEvents"]
    spans = {}
    for e in events:
        if e.get("ph") == "X" and e.get("cat") == "state" and e.get("pid") == 0 and \
                e.get("name") == "running":
            start = int(round(e["ts"] * 1000))
            spans.setdefault(e["tid"], []).append((start, start + int(round(e["dur"] * 1000))))
    for v in spans.values():
        v.sort()
    r = span_stats(spans, set(spans), 0, int(a.long * 1000))
    return float(out.stdout.split()[-1]), r


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--n", type=int, default=6_000_000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--interval", type=float, default=0.005)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--long", type=float, default=200, help="us: a span this long holds the GIL")
    ap.add_argument("--stalls", type=int, default=0, help="print the K longest stalls of each run")
    ap.add_argument("--hogs", type=int, default=0,
                    help="CPU-bound processes (while True: pass) running during the measurement")
    ap.add_argument("--sim", help="also run the program in this interleave binary's simulator "
                    "with --load HOGS and --cores this machine's, summarised the same way")
    ap.add_argument("--sim-profile", help="a profile for --sim")
    ap.add_argument("--nice", type=int, help="this session's autogroup nice value during the run")
    a = ap.parse_args()
    return run_niced(a.nice, run, a)


def run(a):
    python = subprocess.run([a.python, "-c", "import sys; print(sys.executable)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    print("countdown(%d) over %d threads, interval %g s, %s, %d CPU-bound processes beside\n" %
          (a.n, a.threads, a.interval, python, a.hogs))
    print("| load | printed s | wall ms | busy ms | cpu ms | gaps ms | none runnable "
          "| runnable, a CPU idle | runnable, CPUs busy | hand-offs | gap p50/p90 us "
          "| runnable->run p50/p90 us | short spans (n, ms) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    hogs = [subprocess.Popen([python, "-c", "while True: pass"]) for _ in range(a.hogs)]
    try:
        measure(a, python)
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    if a.sim:
        ms = lambda ns: "%.2f" % (ns * 1e-6)
        us = lambda ns: "%.0f" % (ns * 1e-3)
        printed, r = simulate(a, os.cpu_count() or 2)
        print("| sim --load %d | %.3f | %s | %s | %s | %s | - | - | - | %d | %s/%s | - | %d, %s |" % (
            a.hogs, printed, ms(r["wall"]), ms(r["busy"]), ms(r["cpu"]), ms(r["gaps"]),
            len(r["handoffs"]), us(pct(r["handoffs"], 0.5)), us(pct(r["handoffs"], 0.9)),
            r["short_n"], ms(r["short_cpu"])))
    return 0


def measure(a, python):
    ms = lambda ns: "%.2f" % (ns * 1e-6)
    us = lambda ns: "%.0f" % (ns * 1e-3)
    with tempfile.TemporaryDirectory() as d:
        for _ in range(a.reps):
            load = os.getloadavg()[0]
            data = os.path.join(d, "perf.data")
            pid, printed = record(python, a.n, a.threads, a.interval, data)
            r = analyse(data, pid, int(a.long * 1000))
            p = r["parts"]
            print("| %.1f | %.3f | %s | %s | %s | %s | %s | %s | %s | %d | %s/%s | %s/%s | %d, %s |" % (
                load, printed, ms(r["wall"]), ms(r["busy"]), ms(r["cpu"]), ms(r["gaps"]),
                ms(p["none runnable"]), ms(p["runnable, a CPU idle"]),
                ms(p["runnable, CPUs busy"]), len(r["handoffs"]),
                us(pct(r["handoffs"], 0.5)), us(pct(r["handoffs"], 0.9)),
                us(pct(r["handoff_wake"], 0.5)), us(pct(r["handoff_wake"], 0.9)),
                r["short_n"], ms(r["short_cpu"])))
            for length, at, kind in r["stalls"][:a.stalls]:
                print("|   stall | %s us at %.6f s: %s |" % (us(length), at * 1e-9, kind))
            sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
