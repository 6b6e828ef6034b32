#!/usr/bin/env python3
"""Benchmarks Interleave against python3 on this machine, in the same run, as ratios.

Each program of bench/programs runs under python3 and under `interleave run` (for each listed
configuration), REPEAT times; the best wall time of each is kept and the ratio
interleave / python3 printed (below 1.0: Interleave is faster). Output: a markdown table.

Usage: bench/run.py [--bin build/native/interleave] [--repeat 3] [--only NAME ...]
"""
import argparse, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> list of (label, extra interleave options)
CONFIGS = {
    "countdown": [("gil on", [])],
    "fib": [("gil on", [])],
    "lists_dicts": [("gil on", [])],
    "method_calls": [("gil on", [])],
    "countdown_threads2": [("gil on", []), ("gil off", ["--gil", "off"])],
}

def best_time(cmd, repeat):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            return None, r.stderr.strip().splitlines()[-1:] or ["exit %d" % r.returncode]
        best = dt if best is None else min(best, dt)
    return best, None

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "native", "interleave"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    print("| benchmark | config | python3 (s) | interleave (s) | ratio |")
    print("|---|---|---:|---:|---:|")
    for name, configs in CONFIGS.items():
        if a.only and name not in a.only:
            continue
        prog = os.path.join(HERE, "programs", name + ".py")
        py, err = best_time([sys.executable, prog], a.repeat)
        for label, opts in configs:
            il, ierr = best_time([a.bin, "run", prog] + opts, a.repeat)
            if py is None or il is None:
                print(f"| {name} | {label} | {py or 'error'} | {il or 'error'} | {(err or ierr or [''])[0]} |")
            else:
                print(f"| {name} | {label} | {py:.3f} | {il:.3f} | {il / py:.2f} |")
        sys.stdout.flush()

if __name__ == "__main__":
    main()
