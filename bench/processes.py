#!/usr/bin/env python3
"""Benchmarks Interleave's multiprocessing against python3 on this machine, in the same run.

Each program of bench/programs_proc measures itself and prints "RESULT key value" lines; it runs
under python3 and under `interleave run`, RUNS times each, and the best value is kept. Printed:
a markdown table with both values, how many times better Interleave is (higher is better), and
issue 4's aim. A full run takes about a minute on two cores.

Usage: bench/processes.py [--bin build/native/interleave] [--runs 2]
"""
import argparse, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGS = os.path.join(HERE, "programs_proc")

# (label, program, args, result key, unit, higher_is_better, aim); args: (python3's, interleave's)
ROWS = [
    ("process start + join, fork", "start_latency.py", (["fork"],) * 2, "start_fork_ms", "ms", False, ""),
    ("process start + join, spawn", "start_latency.py", (["spawn"],) * 2, "start_spawn_ms", "ms", False,
     ">= 3x faster"),
    ("Queue, small messages, 1 producer -> 1 consumer process", "queue_throughput.py", ([],) * 2,
     "queue_msgs_per_s", "msg/s", True, ">= 4x"),
    ("Pool(2).map over 100k ints", "pool_map.py", ([],) * 2, "pool_map_s", "s", False, ""),
    # Interleave counts four times further, so that both run about as long (a loaded machine's noise).
    ("countdown split across 2 processes: speedup over 1", "countdown_split.py",
     (["6000000"], ["24000000"]), "countdown_speedup", "x", True, "interleave >= 1.6 on 2 idle cores"),
]


def results(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), r.returncode,
                                                 (r.stderr.strip().splitlines() or [""])[-1]))
    out = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "RESULT":
            out[parts[1]] = float(parts[2])
    return out


def best(cmd, key, higher, runs):
    values = [results(cmd)[key] for _ in range(runs)]
    return max(values) if higher else min(values)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "native", "interleave"))
    ap.add_argument("--runs", type=int, default=2)
    a = ap.parse_args()
    print("| benchmark | python3 | interleave | interleave is | aim |")
    print("|---|---:|---:|---:|---|")
    for label, prog, args, key, unit, higher, aim in ROWS:
        path = os.path.join(PROGS, prog)
        try:
            py = best([sys.executable, path] + args[0], key, higher, a.runs)
            il = best([a.bin, "run", path, "--"] + args[1], key, higher, a.runs)
        except (RuntimeError, KeyError, subprocess.TimeoutExpired) as e:
            print("| %s | error | error | %s | %s |" % (label, str(e).replace("|", "/")[:120], aim))
            continue
        if unit == "x":
            better = "%.2f vs %.2f" % (il, py)
        else:
            ratio = il / py if higher else py / il
            better = "%.2fx %s" % (ratio, "better" if higher else "faster")
        fmt = "%.0f" if unit == "msg/s" else "%.3f"
        print("| %s | %s %s | %s %s | %s | %s |" % (label, fmt % py, unit, fmt % il, unit, better, aim))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
