#!/usr/bin/env python3
"""CPython's speed for countdown (`while n > 0: n -= 1`) per process: is it a property of the
process (drawn at start-up), of the moment (load), or of the run length? The numbers behind
docs/simulator.md, "CPython's countdown speed".

Three measurements, all in CPU time (time.thread_time) so that other processes' load is left out
as far as it can be:
  within   in each of --procs fresh processes, 4 rounds of (100 short runs of 30k iterations,
           one run of 3M): if the process's speed is steady, the short runs' median and the long
           run agree round after round
  across   --procs fresh processes, each the median of 40 runs of 100k iterations: the spread
           between processes (the draw)
  no-aslr  the same under `setarch -R` (address-space randomisation off), in alternating order
And the machine's steal time (/proc/stat) over the whole run: a VM whose host takes its CPUs
would show it there.

Usage: python3 bench/sim_countdown_draws.py [--python python3] [--procs 10]
"""
import argparse
import os
import shutil
import subprocess
import sys

CHILD = r"""
import statistics, sys, time
def countdown(n):
    while n > 0:
        n -= 1
def per(n):
    t0 = time.thread_time()
    countdown(n)
    return (time.thread_time() - t0) / n * 1e9
if sys.argv[1] == "within":
    out = []
    for _ in range(4):
        short = statistics.median(per(30000) for _ in range(100))
        out.append("%.0f/%.0f" % (short, per(3000000)))
    print(" ".join(out))
else:
    print("%.1f" % statistics.median(per(100000) for _ in range(40)))
"""


def steal_ticks():
    with open("/proc/stat") as f:
        fields = f.readline().split()
    return int(fields[8]) if len(fields) > 8 else 0


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def spread(values):
    v = sorted(values)
    return "min %.1f  median %.1f  max %.1f  (%s)" % (
        v[0], v[len(v) // 2], v[-1], " ".join("%.0f" % x for x in v))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--procs", type=int, default=10)
    a = ap.parse_args()
    steal0 = steal_ticks()
    print("load average %.1f" % os.getloadavg()[0])
    print("\nwithin one process, per round: short runs' median / one long run (ns/iteration)")
    for _ in range(min(a.procs, 4)):
        print("  " + run([a.python, "-c", CHILD, "within"]))
    aslr, no_aslr = [], []
    setarch = shutil.which("setarch")
    for _ in range(a.procs):
        aslr.append(float(run([a.python, "-c", CHILD, "across"])))
        if setarch:
            no_aslr.append(float(run([setarch, "-R", a.python, "-c", CHILD, "across"])))
    print("\nacross fresh processes (median of 40 x 100k each), ns/iteration:")
    print("  ASLR on:  " + spread(aslr))
    if no_aslr:
        print("  ASLR off: " + spread(no_aslr))
    print("\nsteal ticks over the run: %d; load average %.1f" %
          (steal_ticks() - steal0, os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
