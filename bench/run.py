#!/usr/bin/env python3
"""Benchmarks Interleave against python3 on this machine, in the same run, as ratios.

Each program of bench/programs runs under python3 and under `interleave run` (for each listed
configuration), REPEAT times, the commands of one benchmark taking turns (so that a change in the
machine's load hits them alike); the best (or median) wall time of each is kept and the ratio
interleave / python3 printed (below 1.0: Interleave is faster). Output: markdown tables.

A second table compares how each runtime behaves rather than how fast it is, each against itself:
  countdown_threads2 / countdown   the same countdown on 2 threads vs 1 under the GIL (CPython's
                                   GIL makes 2 threads no faster, and slower when they fight);
  io_convoy                        the I/O convoy: a thread making 100 short blocking calls (0.1 ms
                                   sleeps) next to a spinning thread; each call waits out a switch
                                   interval to get the GIL back; shown as ms per call (whole run).
The last column, interleave / python3, is the fidelity: 1.00 means the same behaviour. The 2-vs-1
thread ratio is also shown in CPU time (user + system of the whole process), which a busy machine
disturbs less than wall time.

Usage: bench/run.py [--bin build/native/interleave] [--repeat 3] [--stat best|median] [--only NAME ...]
"""
import argparse, os, resource, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> list of (label, extra interleave options)
CONFIGS = {
    "countdown": [("gil on", [])],
    "fib": [("gil on", [])],
    "lists_dicts": [("gil on", [])],
    "method_calls": [("gil on", [])],
    "countdown_threads2": [("gil on", []), ("gil off", ["--gil", "off"])],
    "io_convoy": [("gil on", [])],
}
# Programs a benchmark's behaviour row needs besides itself (measured in the same turns).
BASELINES = {"countdown_threads2": "countdown"}
IO_CONVOY_OPERATIONS = 100  # bench/programs/io_convoy.py's OPERATIONS

def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime

def timed(cmd):
    """(wall seconds, CPU seconds of the process and its threads) or (None, error)."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines()[-1:] or ["exit %d" % r.returncode])[0]
    return (dt, children_cpu() - c0), None

CPU_TIMES = {}  # key -> the best or median CPU seconds of the last best_times() call

def best_times(cmds, repeat, stat):
    """cmds: key -> argv. Runs them in turns, REPEAT rounds; key -> (seconds or None, error), the
    seconds being the best or the median of the rounds (STAT). The CPU times, picked the same
    way, go to CPU_TIMES."""
    times = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    errors = {k: None for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            if errors[k]:
                continue
            res, err = timed(cmd)
            if err:
                errors[k] = err
            else:
                times[k].append(res[0])
                cpus[k].append(res[1])
    pick = min if stat == "best" else statistics.median
    for k in cmds:
        CPU_TIMES[k] = pick(cpus[k]) if cpus[k] and not errors[k] else None
    return {k: (pick(times[k]) if times[k] and not errors[k] else None, errors[k]) for k in cmds}

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "native", "interleave"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--stat", choices=["best", "median"], default="best",
                    help="which of the REPEAT wall times to keep (median: steadier on a busy machine)")
    a = ap.parse_args()
    prog = lambda name: os.path.join(HERE, "programs", name + ".py")
    behaviour = []
    print("| benchmark | config | python3 (s) | interleave (s) | ratio |")
    print("|---|---|---:|---:|---:|")
    for name, configs in CONFIGS.items():
        if a.only and name not in a.only:
            continue
        cmds = {("python3", name): [sys.executable, prog(name)]}
        for label, opts in configs:
            cmds[(label, name)] = [a.bin, "run", prog(name)] + opts
        base = BASELINES.get(name)
        if base:
            cmds[("python3", base)] = [sys.executable, prog(base)]
            cmds[("gil on", base)] = [a.bin, "run", prog(base)]
        res = best_times(cmds, a.repeat, a.stat)
        py, err = res[("python3", name)]
        for label, _ in configs:
            il, ierr = res[(label, name)]
            if py is None or il is None:
                print(f"| {name} | {label} | {py or 'error'} | {il or 'error'} | {err or ierr} |")
            else:
                print(f"| {name} | {label} | {py:.3f} | {il:.3f} | {il / py:.2f} |")
        sys.stdout.flush()
        if base and None not in (py, res[("gil on", name)][0], res[("python3", base)][0], res[("gil on", base)][0]):
            py_r = py / res[("python3", base)][0]
            il_r = res[("gil on", name)][0] / res[("gil on", base)][0]
            behaviour.append((f"{name} / {base}", "gil on", f"{py_r:.2f}", f"{il_r:.2f}", il_r / py_r))
            # CPU time is steadier than wall time on a busy machine (a run waiting for a core
            # does not count), but it leaves out hand-off gaps where no thread runs.
            cpu = [CPU_TIMES.get(k) for k in (("python3", name), ("python3", base),
                                              ("gil on", name), ("gil on", base))]
            if None not in cpu and cpu[1] > 0 and cpu[3] > 0:
                py_c, il_c = cpu[0] / cpu[1], cpu[2] / cpu[3]
                behaviour.append((f"{name} / {base}, CPU time", "gil on", f"{py_c:.2f}",
                                  f"{il_c:.2f}", il_c / py_c))
        if name == "io_convoy" and py is not None and res[("gil on", name)][0] is not None:
            ms = lambda s: 1000.0 * s / IO_CONVOY_OPERATIONS
            il = res[("gil on", name)][0]
            behaviour.append(("io_convoy: ms per 0.1 ms blocking call", "gil on", f"{ms(py):.1f}", f"{ms(il):.1f}", il / py))
    if behaviour:
        print()
        print("| behaviour | config | python3 | interleave | interleave / python3 |")
        print("|---|---|---:|---:|---:|")
        for what, label, p, i, fid in behaviour:
            print(f"| {what} | {label} | {p} | {i} | {fid:.2f} |")

if __name__ == "__main__":
    main()
