#!/usr/bin/env python3
"""Compares two builds of interleave (A: before a change, B: after) and python3 in the same run.

Each program runs under python3, `A run` and `B run`, REPEAT rounds, the three taking turns so a
change in the machine's load hits them alike; the best wall time of each is kept. Printed as a
markdown table of seconds and the ratios A/python3 and B/python3 (below 1.0: faster than python3).
Default programs: countdown, fib, lists_dicts, method_calls (bench/programs) and those of
bench/programs_vm.

Usage: bench/vm_ab.py A_BIN B_BIN [--repeat 5] [PROGRAM.py ...]
"""
import argparse, glob, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()[-300:]}")
    return dt

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    programs = args.programs or (
        [os.path.join(HERE, "programs", n + ".py") for n in ("countdown", "fib", "lists_dicts", "method_calls")]
        + sorted(glob.glob(os.path.join(HERE, "programs_vm", "*.py"))))
    print("| program | python3 (s) | A (s) | B (s) | A / python3 | B / python3 | B / A |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for prog in programs:
        cmds = {"py": [sys.executable, prog], "a": [args.a, "run", prog], "b": [args.b, "run", prog]}
        best = {k: float("inf") for k in cmds}
        for _ in range(args.repeat):
            for k, cmd in cmds.items():
                best[k] = min(best[k], timed(cmd))
        py, a, b = best["py"], best["a"], best["b"]
        print(f"| {os.path.basename(prog)[:-3]} | {py:.3f} | {a:.3f} | {b:.3f} | {a / py:.2f} | "
              f"{b / py:.2f} | {b / a:.2f} |")
        sys.stdout.flush()

if __name__ == "__main__":
    main()
