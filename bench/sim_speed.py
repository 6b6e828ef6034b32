#!/usr/bin/env python3
"""The simulator's speed: simulating a program (--mode sim) against running it for real on one
thread (--mode real), as a ratio of CPU times (user + system), and optionally two builds of
Interleave against each other (A/B) so that a change to the VM can be checked for both modes.

The commands take turns (real, sim, real, sim...; A then B), so a change in the machine's load
hits them alike; the best of --reps CPU times is kept for each (on a shared machine the best run is
the one least disturbed). CPU time is used rather than wall time: on a loaded machine the wall
time also counts the time other processes took.

  python3 bench/sim_speed.py --bin build/native/interleave
  python3 bench/sim_speed.py --bin NEW --base OLD          # A/B: OLD/NEW per mode, both modes
Goal (docs/simulator.md): simulating countdown(5M) costs at most 1.5x the real run.
"""
import argparse
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROGRAMS = [
    ("countdown(5M)", os.path.join(HERE, "programs_sim", "countdown_1.py"), ["5000000"]),
    ("fib", os.path.join(HERE, "programs", "fib.py"), []),
    ("method_calls", os.path.join(HERE, "programs", "method_calls.py"), []),
    ("lists_dicts", os.path.join(HERE, "programs", "lists_dicts.py"), []),
]


def cpu_seconds(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       timeout=600)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr[-400:]))
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/native/interleave")
    ap.add_argument("--base", help="another build to compare against (A/B)")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--only", nargs="*", help="program labels to run (default: all)")
    a = ap.parse_args()
    bins = [("new", os.path.abspath(a.bin))]
    if a.base:
        bins.insert(0, ("base", os.path.abspath(a.base)))
    programs = [p for p in DEFAULT_PROGRAMS if not a.only or p[0] in a.only]

    print("## Simulator speed, CPU s (best of %d, load %.1f)\n" % (a.reps, os.getloadavg()[0]))
    head = "| program |"
    for label, _ in bins:
        head += " %s real | %s sim | sim / real |" % (label, label)
    if a.base:
        head += " real new/base | sim new/base |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    for name, path, args in programs:
        best = {}
        for _ in range(a.reps):
            for label, b in bins:
                for mode in ("real", "sim"):
                    t = cpu_seconds([b, "run", path] + args + ["--mode", mode])
                    key = (label, mode)
                    best[key] = min(best.get(key, t), t)
        row = "| %s |" % name
        for label, _ in bins:
            r, s = best[(label, "real")], best[(label, "sim")]
            row += " %.3f | %.3f | %.2f |" % (r, s, s / r)
        if a.base:
            row += " %.2f | %.2f |" % (best[("new", "real")] / best[("base", "real")],
                                       best[("new", "sim")] / best[("base", "sim")])
        print(row)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
