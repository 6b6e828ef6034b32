#!/usr/bin/env python3
"""Stop latency: runs every program of tests/races/stop/ (each loops forever in some native path
that calls back into Python, next to two spinning threads) under `BIN run --timeout T` with the
real driver, and measures how long after the time limit the process is gone.

latency = wall time of the run - T - start-up time (the wall time of an empty program, best of 5).
A case fails unless it exits with status 124 within LIMIT (200 ms) of its time limit.

Usage: stop_latency.py BIN [--gil on|off|legacy ...] [--timeout T] [--limit S] [--repeat N]
Prints one line per case and the worst latency; exit status 1 when any case fails.
"""
import argparse, glob, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))

def wall(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - t0, r

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--gil", nargs="*", default=["on", "off"])
    ap.add_argument("--timeout", type=float, default=0.5)
    ap.add_argument("--limit", type=float, default=0.2)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write("pass\n")
        empty = f.name
    startup = min(wall([a.bin, "run", empty])[0] for _ in range(5))
    os.unlink(empty)
    worst, failed = 0.0, 0
    cases = sorted(p for p in glob.glob(os.path.join(HERE, "stop", "*.py"))
                   if not p.endswith("memory_bombs.py"))
    for gil in a.gil:
        for prog in cases:
            for _ in range(a.repeat):
                dt, r = wall([a.bin, "run", prog, "--gil", gil, "--timeout", str(a.timeout)])
                latency = dt - a.timeout - startup
                ok = r.returncode == 124 and latency <= a.limit
                worst = max(worst, latency)
                failed += not ok
                name = os.path.basename(prog)[:-3]
                print(f"{'ok  ' if ok else 'FAIL'} gil {gil:6} {name:16} exit {r.returncode:3}  "
                      f"latency {latency * 1000:6.1f} ms")
                if not ok and r.returncode != 124:
                    print("     " + "\n     ".join(r.stderr.strip().splitlines()[-3:]))
    print(f"start-up {startup * 1000:.1f} ms; worst stop latency {worst * 1000:.1f} ms; "
          f"{failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
