#!/usr/bin/env python3
"""The OS scheduler's numbers behind the simulator's background-load model
(`machine.background_load`, docs/simulator.md, "Background load"), measured on this machine
with plain CPython processes pinned to one CPU (os.sched_setaffinity):

  slice    two CPU-bound processes (`while True`) pinned to one CPU: each records the gaps in
           its own clock readings, so its stints on the CPU are the spans between gaps; their
           lengths are the scheduler's effective time slice (slices end at a tick)
  wake     a thread sleeping --sleep-ms in a loop on a CPU that one CPU-bound process holds:
           how late each sleep ends beyond the asked time (the wait for the CPU after the
           timer fired), against the same loop on that CPU with nothing else pinned there
           (the timer slack and the wake-up alone)

Other processes on the machine run on the same CPU too: run it on a quiet machine, or with
--nice -20 (this session's autogroup nice value during the run, restored at the end), and read
the medians. Usage: python3 bench/sim_background_probe.py [--cpu 1] [--seconds 2]
                                                          [--sleep-ms 5] [--nice N]
"""
import argparse
import multiprocessing as mp
import os
import sys
import time

from autogroup import run_niced


def pin(cpu):
    os.sched_setaffinity(0, {cpu})


def hog_stints(cpu, seconds, gap_ns, out):
    """Spins on `cpu` for `seconds`; puts its stints on the CPU (ns) into `out`."""
    pin(cpu)
    clock = time.monotonic_ns
    end = clock() + int(seconds * 1e9)
    start = last = clock()
    stints = []
    while True:
        now = clock()
        if now - last > gap_ns:
            stints.append(last - start)
            start = now
        last = now
        if now >= end:
            break
    out.put(stints[1:])  # the first began before its rival ran


def hog_forever(cpu):
    pin(cpu)
    while True:
        pass


def late_sleeps(cpu, seconds, sleep_s):
    pin(cpu)
    lates = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.monotonic_ns()
        time.sleep(sleep_s)
        lates.append(time.monotonic_ns() - t0 - int(sleep_s * 1e9))
    return lates


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def describe(values_ns):
    ms = lambda ns: "%.3f" % (ns * 1e-6)
    return "n %d, p10 %s, p50 %s, p90 %s, mean %s ms" % (
        len(values_ns), ms(pct(values_ns, 0.1)), ms(pct(values_ns, 0.5)), ms(pct(values_ns, 0.9)),
        ms(sum(values_ns) / max(1, len(values_ns))))


def run(a):
    print("CPU %d, load %.1f\n" % (a.cpu, os.getloadavg()[0]))
    q = mp.Queue()
    hogs = [mp.Process(target=hog_stints, args=(a.cpu, a.seconds, 50_000, q)) for _ in range(2)]
    for h in hogs:
        h.start()
    stints = q.get() + q.get()
    for h in hogs:
        h.join()
    print("slice: two CPU-bound processes on one CPU, their stints: " + describe(stints))

    print("wake: sleep(%g ms) on the CPU alone: %s" % (
        a.sleep_ms, describe(late_sleeps(a.cpu, a.seconds, a.sleep_ms * 1e-3))))
    hog = mp.Process(target=hog_forever, args=(a.cpu,), daemon=True)
    hog.start()
    time.sleep(0.2)
    try:
        print("wake: sleep(%g ms) beside a CPU-bound process: %s" % (
            a.sleep_ms, describe(late_sleeps(a.cpu, a.seconds, a.sleep_ms * 1e-3))))
    finally:
        hog.kill()
        hog.join()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cpu", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--sleep-ms", type=float, default=5.0)
    ap.add_argument("--nice", type=int, help="this session's autogroup nice value during the run")
    a = ap.parse_args()
    return run_niced(a.nice, run, a)


if __name__ == "__main__":
    sys.exit(main())
