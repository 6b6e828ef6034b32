#!/usr/bin/env python3
"""CPython's process costs on this machine, by component, for the simulator's [process] keys
(docs/simulator.md, "Where the process costs come from").

Every number is the median of --reps fresh processes (the kinds take turns, so that a change of
the machine's load hits each alike), CPU time where the cost is CPU work (a loaded machine's wall
times include what other processes took), with the spread min..max:

  interpreter start    `python3 -c pass`'s CPU up to its first statement (time.process_time())
  interpreter exit     its CPU in all (the parent's RUSAGE_CHILDREN) minus the start: Py_Finalize
  import for spawn     `from multiprocessing.spawn import spawn_main` (what a spawned child runs
                       first), CPU minus the bare start
  import for start     the multiprocessing modules a parent imports at its first start(): the
                       spawn or fork Popen (and for spawn the resource tracker's client), CPU
  spawn child to its target   the CPU a spawned child used before its target began
                       (bench/sim_process_phases.py: interpreter start, imports, the module
                       re-run as __mp_main__, unpickling the Process)
  parent's start()     the parent's CPU in its first start() and in a second one
  fork child to its target    wall from the parent's start() to the target's first line
  exit to join         wall from the target's return to the parent's join() returning (the
                       child's exit and the parent's wake-up)
  pipe message         half a Pipe round trip of 16 B and of 64 KiB (per KiB from the two)

Run: python3 bench/sim_cpython_process_costs.py [--python python3] [--reps 7]
With --sim BIN the phase program also runs in `BIN run --mode sim` for comparison.
"""
import argparse
import os
import re
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PHASES = os.path.join(HERE, "sim_process_phases.py")

START = "import time; print(time.process_time())"
IMPORT_SPAWN = ("from multiprocessing.spawn import spawn_main; import time; "
                "print(time.process_time())")
IMPORT_START = ("import multiprocessing, time; c = time.process_time(); "
                "import multiprocessing.popen_%s, multiprocessing.resource_tracker; "
                "print(time.process_time() - c)")
PIPE = r"""
import multiprocessing as mp, sys, time
def echo(conn):
    while True:
        m = conn.recv_bytes()
        if not m:
            return
        conn.send_bytes(m)
if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.get_context("fork").Process(target=echo, args=(b,))
    p.start()
    for size, reps in ((16, 2000), (1 << 16, 300)):
        msg = b"x" * size
        t0 = time.perf_counter()
        for _ in range(reps):
            a.send_bytes(msg)
            a.recv_bytes()
        print((time.perf_counter() - t0) / reps / 2)
    a.send_bytes(b"")
    p.join()
"""


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def run(cmd):
    """(stdout, CPU seconds of the command and every child it reaped)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), r.stderr[-400:]))
    return r.stdout, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def phases(text):
    """bench/sim_process_phases.py's lines -> {"start0": s, "start_cpu0": s, "enter0": s, ...}.
    Read as a stream of words (two processes' lines may meet in the pipe without a newline)."""
    words = re.findall(r"[a-z_]+|[0-9.]+", text)
    fields = {"start": 2, "enter": 2, "leave": 1, "join": 1, "parent_cpu": 0, "children_cpu": 0}
    out = {}
    i = 0
    while i < len(words):
        key = words[i]
        n = fields[key]
        if n == 0:
            out[key] = float(words[i + 1])
        else:
            child = words[i + 1]
            out[key + child] = float(words[i + 2])
            if n == 2:
                out[key + "_cpu" + child] = float(words[i + 3])
        i += 2 + n
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--sim", help="an interleave binary: run the phase program in --mode sim too")
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    py = a.python
    rows = {}

    def add(name, value):
        rows.setdefault(name, []).append(value)

    print("load before: %.1f %.1f %.1f" % os.getloadavg())
    for _ in range(a.reps):
        out, cpu = run([py, "-c", START])
        start = float(out)
        add("interpreter start (CPU)", start)
        add("interpreter exit (CPU)", cpu - start)
        out, _ = run([py, "-c", IMPORT_SPAWN])
        add("import for spawn (CPU)", float(out) - start)
        for method in ("spawn", "fork"):
            out, _ = run([py, "-c", IMPORT_START % ("spawn_posix" if method == "spawn" else "fork")])
            add("import for start, %s (CPU)" % method, float(out))
            for k in (1, 2):
                p = phases(run([py, PHASES, method, "0", str(k)])[0])
                tag = "%s x%d" % (method, k)
                add("%s: parent's start() calls (CPU)" % tag, p["parent_cpu"])
                add("%s: first start() returns (wall)" % tag, p["start0"])
                add("%s: first start() (CPU)" % tag, p["start_cpu0"])
                if k == 2:
                    add("%s: second start() (CPU)" % tag, p["start_cpu1"])
                for i in range(k):
                    if method == "spawn":
                        add("%s: child to its target (CPU)" % tag, p["enter_cpu%d" % i])
                    add("%s: start() to the target (wall)" % tag,
                        p["enter%d" % i] - (p["start%d" % i] if method == "fork" else 0))
                    add("%s: target's end to join() (wall)" % tag,
                        p["join%d" % i] - p["leave%d" % i])
                add("%s: all joined (wall)" % tag, p["join%d" % (k - 1)])
        out, _ = run([py, "-c", PIPE])
        small, big = (float(x) for x in out.split())
        add("pipe message 16 B, one way (wall)", small)
        add("pipe per KiB (wall)", (big - small) / 64)

    print("load after: %.1f %.1f %.1f\n" % os.getloadavg())
    print("| component | median ms | min..max ms |")
    print("|---|---|---|")
    for name, v in rows.items():
        print("| %s | %.3f | %.3f..%.3f |" % (name, median(v) * 1e3, min(v) * 1e3, max(v) * 1e3))

    if a.sim:
        print("\nThe same phase program in --mode sim (%d cores), built-in profile:\n" % a.cores)
        for method in ("spawn", "fork"):
            for k in (1, 2):
                out = subprocess.run([a.sim, "run", PHASES, method, "0", str(k), "--mode", "sim",
                                      "--cores", str(a.cores)], capture_output=True, text=True,
                                     check=True).stdout
                print("%s x%d: %s" % (method, k, " ".join(
                    "%s=%.3fms" % (key, v * 1e3) for key, v in phases(out).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
