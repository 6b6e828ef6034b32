#!/usr/bin/env python3
"""Simulator fidelity (issue 5): the simulator's prediction next to CPython's measurement on this
machine, in the same run, as a markdown table with the error.

Programs (bench/programs_sim/, each prints the seconds it measured with perf_counter):
  countdown-1   countdown(N) in the main thread
  countdown-2t  countdown(N/2) in 2 threads
  countdown-2p  countdown(N/2) in 2 processes (spawn), start and join included; its CPU time
                (all processes) is compared too: the process costs' sum, which load changes less
                than the wall time
  io-threads    4 threads sleeping 10 ms x 20 (the sleeps overlap)
  convoy        40 sleeps of 1 ms next to a CPU-bound thread (each return waits for the GIL)
Columns: CPython (the median of --reps fresh processes: a CPython process draws its speed for
this loop at start-up, the same loop differing by up to 2x between processes while steady within
one, so the best of a few runs measures the luckiest draw, not a program's typical run; the
spread min..max is printed too), the simulator with the built-in profile, and with a profile
`interleave calibrate` measured at the start of this run by the same procedure (countdown once
in each of several fresh processes, the median of their CPU times); errors against CPython.

Then the shape of countdown over 1/2/4/8 threads at 5 ms and 1 us on this machine: CPython
(bench/programs_sim/shape_all.py: every count in one process, in the order 1 2 4 8 8 4 2 1, so
that its speed draw and drift cancel; the median over --reps processes of each count's ratio to
one thread, wall and CPU) next to the simulator with --cores (this machine's cores), built-in
and calibrated profile; the published shape (new GIL, 4 cores, "Python behind the scenes #13",
tenthousandmeters.com) as ratios to one thread, simulated; and the simulator's speed: simulating
countdown(5M) against running it for real (goal <= 1.5x).

--hogs 0,1,2 then measures the same five programs again with K CPU-bound processes (`while True:
pass`, in this session) running beside CPython, for each K, and runs the simulator with
`--load K` (machine.background_load: K always-runnable competitors for the simulated cores) and
with the idle-machine model (load 0) next to it: how much of the loaded machine's wall time the
background-load model explains. --load K|auto passes a load to the simulator in the first table;
auto estimates it before the run as the mean number of runnable tasks in /proc/loadavg (sampled
every 10 ms for a second, this script's own excluded), which counts every other process that
wants a CPU, CPU-bound or not.

--nice N (-20..19) sets this session's autogroup nice value (/proc/self/autogroup, Linux) for the
whole run and restores it at the end: on a machine shared with other sessions' builds, -20 gives
this run's processes the cores first whenever they are runnable, which brings CPython's
measurements close to an idle machine's (other jobs still use the cores while ours sleep).

Usage: python3 bench/fidelity.py [--bin build/native/interleave] [--n 3000000] [--reps 3]
                                [--no-calibrate] [--profile FILE] [--skip-shape] [--skip-speed]
                                [--skip-local-shape] [--local-shape-n 2000000] [--nice N]
                                [--hogs 0,1,2] [--load K|auto]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from autogroup import run_niced

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_sim")
PUBLISHED = {0.005: [6.53, 6.58, 7.20, 7.19], 0.000001: [6.89, 17.16, 31.68, 86.44]}
# name, program, takes N, how its CPU time is compared (on a loaded machine CPython's wall times
# include what other processes took from it, its CPU time much less):
#   "wall"  CPU-bound on one core at a time: on an idle machine CPython's wall time is its CPU
#           time, so the simulated wall time is compared with CPython's CPU time
#   "sum"   several processes: the simulated CPU time of all of them (--summary's cpu_ns) is
#           compared with CPython's (every child's start, work and exit included)
#   None    mostly waiting: no CPU comparison
# and the program whose CPU time is subtracted from CPython's (the interpreter's start and exit,
# and for "sum" the import of multiprocessing, which the program does before its clock starts
# and the simulator does not charge).
BASE = "print(0)"
BASE_MP = "import multiprocessing, sys, time"
CASES = [
    ("countdown-1", "countdown_1.py", True, "wall", BASE),
    ("countdown-2t", "countdown_2t.py", True, "wall", BASE),
    ("countdown-2p", "countdown_2p.py", True, "sum", BASE_MP),
    ("io-threads", "io_threads.py", False, None, BASE),
    ("convoy", "convoy.py", False, None, BASE),
]


def run_seconds(cmd, cpu=None):
    """The seconds the program printed; with a list `cpu`, appends its CPU time (user + sys)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr[-400:]))
    if cpu is not None:
        cpu.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return float(r.stdout.strip().splitlines()[-1])


def countdown_ns(profile):
    """Interleave's countdown iteration under a profile file written by `interleave calibrate`
    (every key, in ns): 4 loads, COMPARE_OP, 2 jumps, BINARY_OP, STORE_FAST."""
    ops = {}
    section = None
    with open(profile) as f:
        for line in f:
            line = line.split("#")[0].strip()
            if line.startswith("["):
                section = line.strip("[]")
            elif section == "ops" and "=" in line:
                k, v = (x.strip() for x in line.split("=", 1))
                ops[k] = float(v.rstrip("ns"))
    return 4 * ops["load"] + ops["compare"] + 2 * ops["jump"] + ops["arith"] + ops["store"]


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def wall_and_cpu(cmd, reps):
    """Best wall time and best CPU time (user + system) of `reps` runs."""
    best_wall = best_cpu = None
    for _ in range(reps):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        dt = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(cmd), r.stderr[-400:]))
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        best_wall = dt if best_wall is None else min(best_wall, dt)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return best_wall, best_cpu


def err(sim, real):
    return "%+.1f%%" % ((sim - real) / real * 100)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/native/interleave")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--n", type=int, default=3_000_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--profile", help="a calibrated profile to use instead of calibrating now")
    ap.add_argument("--no-calibrate", action="store_true")
    ap.add_argument("--calibrate-scale", default="0.3")
    ap.add_argument("--skip-shape", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--shape-n", type=int, default=1_000_000)
    ap.add_argument("--skip-local-shape", action="store_true")
    ap.add_argument("--local-shape-n", type=int, default=2_000_000)
    ap.add_argument("--nice", type=int, help="this session's autogroup nice value during the run")
    ap.add_argument("--hogs", help="comma-separated K: also measure with K CPU-bound processes "
                    "beside CPython, against the simulator's --load K")
    ap.add_argument("--load", default="0",
                    help="the simulator's background load in the first table: K or auto")
    a = ap.parse_args()
    return run_niced(a.nice, run, a)


def local_shape(a, bin_, profile):
    """CPython's countdown over 1/2/4/8 threads on this machine next to the simulator's."""
    prog = os.path.join(PROGRAMS, "shape_all.py")
    counts = (1, 2, 4, 8)

    def ratios(lines):
        got = {int(c): (float(w), float(u)) for c, w, u in (l.split() for l in lines)}
        return ([got[c][0] / got[1][0] for c in counts], [got[c][1] / got[1][1] for c in counts])

    print("\n## This machine's shape: countdown(%d) over 1/2/4/8 threads, %d cores, ratio to 1 "
          "thread\n" % (a.local_shape_n, a.cores))
    print("| interval | who | wall 1/2/4/8 | CPU 1/2/4/8 | wall error 2/4/8 | CPU error 2/4/8 |")
    print("|---|---|---|---|---|---|")
    for interval in (0.005, 0.000001):
        walls, cpus = [], []
        load0 = os.getloadavg()[0]
        for _ in range(a.reps):
            out = subprocess.run([a.python, prog, str(a.local_shape_n), repr(interval)],
                                 capture_output=True, text=True, timeout=600, check=True)
            w, c = ratios(out.stdout.strip().splitlines())
            walls.append(w)
            cpus.append(c)
        real_w = [median([r[k] for r in walls]) for k in range(4)]
        real_c = [median([r[k] for r in cpus]) for k in range(4)]
        fmt = lambda v: " / ".join("%.2f" % x for x in v)
        print("| %g s | CPython, median of %d (load %.1f..%.1f) | %s | %s | - | - |" % (
            interval, a.reps, load0, os.getloadavg()[0], fmt(real_w), fmt(real_c)))
        runs = [("sim default", [])]
        if profile:
            runs.append(("sim calibrated", ["--profile", profile]))
        for label, extra in runs:
            out = subprocess.run([bin_, "run", prog, str(a.local_shape_n), repr(interval),
                                  "--mode", "sim", "--cores", str(a.cores)] + extra,
                                 capture_output=True, text=True, timeout=600, check=True)
            w, c = ratios(out.stdout.strip().splitlines())
            print("| | %s | %s | %s | %s | %s |" % (
                label, fmt(w), fmt(c),
                " / ".join(err(w[k], real_w[k]) for k in (1, 2, 3)),
                " / ".join(err(c[k], real_c[k]) for k in (1, 2, 3))))
        sys.stdout.flush()


def runnable_others(seconds=1.0, every=0.01):
    """The mean number of runnable tasks on the machine besides this script: /proc/loadavg's
    fourth field (running/total) sampled every `every` s for `seconds`, minus the sampler."""
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with open("/proc/loadavg") as f:
            samples.append(int(f.read().split()[3].split("/")[0]))
        time.sleep(every)
    return max(0.0, sum(samples) / len(samples) - 1)


def start_hogs(python, k):
    hogs = [subprocess.Popen([python, "-c", "while True: pass"]) for _ in range(k)]
    time.sleep(0.3)  # running before the measurement begins, as the simulated competitors are
    return hogs


def stop_hogs(hogs):
    for h in hogs:
        h.kill()
        h.wait()


def hog_tables(a, bin_, profile, startup):
    """The five programs with K real CPU-bound processes beside CPython, next to the simulator
    with --load K and with the idle-machine model (--load 0)."""
    ks = [int(k) for k in a.hogs.split(",")]
    print("\n## Background load: K CPU-bound processes beside CPython, the simulator with "
          "--load K\n")
    print("Errors against CPython's median wall time; `idle model` is the simulator with load 0 "
          "(what it predicted before the background-load model). CPU: CPython's CPU time minus "
          "its start-up, for the CPU-bound rows.\n")
    print("| K | program | CPython wall s (median) | min..max | CPython CPU s | sim idle model "
          "| error | sim --load K | error | calibrated --load K | error |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    worst = {}
    walls_at = {}  # (K, program) -> (CPython's median wall, the simulator's with --load K)
    stretch = {}   # (K, program) -> CPython's median of wall / CPU, CPU-bound rows
    for k in ks:
        measured = {name: ([], []) for name, _, _, _, _ in CASES}
        load0 = os.getloadavg()[0]
        hogs = start_hogs(a.python, k)
        try:
            for _ in range(a.reps):
                for name, prog, takes_n, _, _ in CASES:
                    walls, cpu = measured[name]
                    walls.append(run_seconds([a.python, os.path.join(PROGRAMS, prog)] +
                                             ([str(a.n)] if takes_n else []), cpu))
        finally:
            stop_hogs(hogs)
        for name, prog, takes_n, cpu_kind, base in CASES:
            args = [str(a.n)] if takes_n else []
            walls, cpu = measured[name]
            real = median(walls)
            real_cpu = median([c - median(startup[base]) for c in cpu])
            if cpu_kind == "wall":
                # Each run's wall over its own CPU: the stretch the load causes, free of the
                # loop's speed drift between processes.
                stretch[(k, name)] = median([w / (c - median(startup[base]))
                                             for w, c in zip(walls, cpu)])
            row = "| %d | %s | %.4f | %.4f..%.4f | %s |" % (
                k, name, real, min(walls), max(walls),
                "%.4f" % real_cpu if cpu_kind == "wall" else "-")
            runs = [("idle", ["--load", "0"]), ("load", ["--load", str(k)])]
            if profile:
                runs.append(("calibrated", ["--load", str(k), "--profile", profile]))
            for label, extra in runs:
                cmd = [bin_, "run", os.path.join(PROGRAMS, prog)] + args + [
                    "--mode", "sim", "--cores", str(a.cores)] + extra
                v = run_seconds(cmd)
                e = abs(v - real) / real
                worst.setdefault((label, k), 0.0)
                worst[(label, k)] = max(worst[(label, k)], e)
                row += " %.4f | %s |" % (v, err(v, real))
                if label == "load":
                    walls_at[(k, name)] = (real, v)
            if not profile:
                row += " - | - |"
            print(row)
            sys.stdout.flush()
        print("| %d | (load average %.1f..%.1f) | | | | | | | | | |" % (
            k, load0, os.getloadavg()[0]))
    if 0 in ks:
        # The slowdown the load causes, each side against its own K = 0 run: the op costs'
        # error (CPython's speed draw against the profile's) cancels out.
        print("\nSlowdown by the load (wall at K / wall at K = 0), CPython against the "
              "simulator (--load K / --load 0):\n")
        print("| K | program | CPython | simulator | error |")
        print("|---|---|---|---|---|")
        for k in ks:
            if k == 0:
                continue
            for name, _, _, _, _ in CASES:
                real = walls_at[(k, name)][0] / walls_at[(0, name)][0]
                sim = walls_at[(k, name)][1] / walls_at[(0, name)][1]
                print("| %d | %s | %.3f | %.3f | %s |" % (k, name, real, sim, err(sim, real)))
        print("\nStretch of the CPU-bound rows (wall / CPU time: CPython's median over its runs; "
              "the simulator's --load K wall over its --load 0 wall, its CPU being the same):\n")
        print("| K | program | CPython | simulator | error |")
        print("|---|---|---|---|---|")
        for k in ks:
            for name, _, _, cpu_kind, _ in CASES:
                if cpu_kind != "wall":
                    continue
                real = stretch[(k, name)]
                sim = walls_at[(k, name)][1] / walls_at[(0, name)][1]
                print("| %d | %s | %.3f | %.3f | %s |" % (k, name, real, sim, err(sim, real)))
    print()
    for k in ks:
        print("K = %d, worst wall error: idle model %.1f%%, --load K %.1f%%%s" % (
            k, worst[("idle", k)] * 100, worst[("load", k)] * 100,
            ", calibrated --load K %.1f%%" % (worst[("calibrated", k)] * 100) if profile else ""))


def run(a):
    bin_ = os.path.abspath(a.bin)
    if a.load == "auto":
        others = runnable_others()
        a.load = str(int(round(others)))
        print("--load auto: %.2f other runnable tasks on average over 1 s: the simulator runs "
              "with --load %s\n" % (others, a.load))

    profile = a.profile
    if profile is None and not a.no_calibrate:
        profile = os.path.join(tempfile.mkdtemp(), "calibrated.ini")
        subprocess.run([bin_, "calibrate", "--python", a.python, "--scale", a.calibrate_scale,
                        "-o", profile], check=True, capture_output=True)

    summary = os.path.join(tempfile.mkdtemp(), "summary.json")

    def sim(prog, extra, args):
        """(the seconds the simulated program printed, the simulated CPU seconds of all its
        processes)."""
        cmd = [bin_, "run", os.path.join(PROGRAMS, prog)] + args + [
            "--mode", "sim", "--cores", str(a.cores), "--load", a.load, "--summary", summary] + extra
        seconds = run_seconds(cmd)
        with open(summary) as f:
            numbers = json.load(f)
        # CPython's resource tracker outlives the program and is never waited for, so its CPU
        # is not in CPython's RUSAGE_CHILDREN: leave the simulated tracker's out too.
        tracker = sum(p["cpu_ns"] for p in numbers["processes"] if p["name"] == "resource tracker")
        return seconds, (numbers["cpu_ns"] - tracker) * 1e-9

    print("## Fidelity: simulator vs CPython on this machine (%d cores, load %.1f; the "
          "simulator with --load %s)\n" % (a.cores, os.getloadavg()[0], a.load))
    # CPython's CPU time (minus its start-up) is printed too: on a loaded machine the wall time
    # includes what other processes took, while a one-thread CPU-bound program's CPU time is
    # close to its wall time on an idle machine.
    startup = {BASE: [], BASE_MP: []}
    for _ in range(a.reps):
        for base, cpu in startup.items():
            run_seconds([a.python, "-c", base + "; print(0)"], cpu)
    if profile:
        print("calibrated profile: countdown %.1f ns/iteration\n" % countdown_ns(profile))
    print("| program | CPython s (median) | min..max | CPython CPU s | min..max | sim default s "
          "| error | error vs CPU | sim calibrated s | error | error vs CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    worst = {"default": 0.0, "calibrated": 0.0}
    worst_cpu = {"default": 0.0, "calibrated": 0.0}
    results = {}
    # CPython's runs take turns over the programs (rep 1 of each, then rep 2...), so that a
    # change in the machine's load during the run hits every row alike.
    measured = {name: ([], []) for name, _, _, _, _ in CASES}
    for _ in range(a.reps):
        for name, prog, takes_n, _, _ in CASES:
            walls, cpu = measured[name]
            walls.append(run_seconds([a.python, os.path.join(PROGRAMS, prog)] +
                                     ([str(a.n)] if takes_n else []), cpu))
    for name, prog, takes_n, cpu_kind, base in CASES:
        args = [str(a.n)] if takes_n else []
        walls, cpu = measured[name]
        cpus = [c - median(startup[base]) for c in cpu]
        real, real_cpu = median(walls), median(cpus)
        row = "| %s | %.4f | %.4f..%.4f | %.4f | %.4f..%.4f |" % (
            name, real, min(walls), max(walls), real_cpu, min(cpus), max(cpus))
        runs = [("default", [])]
        if profile:
            runs.append(("calibrated", ["--profile", profile]))
        results[name] = {"CPython": real, "CPython CPU": real_cpu}
        for label, extra in runs:
            v, v_cpu = sim(prog, extra, args)
            results[name][label] = v
            results[name][label + " CPU"] = v if cpu_kind == "wall" else v_cpu
            worst[label] = max(worst[label], abs(v - real) / real)
            row += " %.4f | %s |" % (v, err(v, real))
            if cpu_kind is not None and real_cpu > 0:
                c = results[name][label + " CPU"]
                worst_cpu[label] = max(worst_cpu[label], abs(c - real_cpu) / real_cpu)
                row += " %s%s |" % (err(c, real_cpu),
                                    " (sim CPU %.4f)" % c if cpu_kind == "sum" else "")
            else:
                row += " - |"
        if not profile:
            row += " - | - | - |"
        print(row)
        sys.stdout.flush()
    print("\nworst error: default %.1f%%, calibrated %s (goal 10%%, never worse than 15%%)" %
          (worst["default"] * 100, "%.1f%%" % (worst["calibrated"] * 100) if profile else "-"))
    print("worst error against CPython's CPU time (rows with one): default %.1f%%, calibrated %s" %
          (worst_cpu["default"] * 100,
           "%.1f%%" % (worst_cpu["calibrated"] * 100) if profile else "-"))
    print("(on a loaded machine CPython's wall times include what other processes took from it; "
          "load average now %.1f)" % os.getloadavg()[0])

    # Ratios to countdown-1 (bench/sim_plan.md): a slowdown that load puts on every CPython run
    # alike cancels out.
    print("\n| ratio | CPython | CPython CPU | sim default | error | error vs CPU | sim calibrated "
          "| error | error vs CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    one = results["countdown-1"]
    for name in ("countdown-2t", "countdown-2p"):
        r = results[name]
        row = "| %s / countdown-1 | %.3f | %.3f |" % (name, r["CPython"] / one["CPython"],
                                                    r["CPython CPU"] / one["CPython CPU"])
        for label in ("default", "calibrated"):
            if label in r:
                q = r[label] / one[label]
                q_cpu = r[label + " CPU"] / one[label + " CPU"]
                row += " %.3f | %s | %s |" % (q, err(q, r["CPython"] / one["CPython"]),
                                              err(q_cpu, r["CPython CPU"] / one["CPython CPU"]))
            else:
                row += " - | - | - |"
        print(row)

    if a.hogs:
        hog_tables(a, bin_, profile, startup)

    if not a.skip_local_shape:
        local_shape(a, bin_, profile)

    if not a.skip_shape:
        print("\n## Published shape: countdown over 1/2/4/8 threads, 4 cores, ratio to 1 thread\n")
        print("| interval | published 1/2/4/8 | simulated 1/2/4/8 | simulated / published |")
        print("|---|---|---|---|")
        for interval, pub in PUBLISHED.items():
            secs = [run_seconds([bin_, "run", os.path.join(PROGRAMS, "shape.py"), str(a.shape_n),
                                 str(t), "--mode", "sim", "--cores", "4", "--switch-interval",
                                 repr(interval)]) for t in (1, 2, 4, 8)]
            print("| %g s | %s | %s | %s |" % (
                interval, " / ".join("%.2f" % (p / pub[0]) for p in pub),
                " / ".join("%.2f" % (s / secs[0]) for s in secs),
                " / ".join("%.2f" % ((s / secs[0]) / (p / pub[0])) for s, p in zip(secs, pub))))
            sys.stdout.flush()

    if not a.skip_speed:
        prog = os.path.join(PROGRAMS, "countdown_1.py")
        # Taking turns, so that a change in the machine's load hits both alike.
        real, simulated = (None, None), (None, None)
        for _ in range(max(a.reps, 5)):
            r = wall_and_cpu([bin_, "run", prog, "5000000", "--mode", "real"], 1)
            m = wall_and_cpu([bin_, "run", prog, "5000000", "--mode", "sim"], 1)
            real = tuple(x if y is None else min(x, y) for x, y in zip(r, real))
            simulated = tuple(x if y is None else min(x, y) for x, y in zip(m, simulated))
        print("\n## Simulator speed: countdown(5M), best of %d\n" % max(a.reps, 5))
        print("| | real run | simulated run | ratio (goal <= 1.5) |")
        print("|---|---|---|---|")
        print("| wall s | %.3f | %.3f | %.2f |" % (real[0], simulated[0], simulated[0] / real[0]))
        print("| CPU s (sim cost / real cost) | %.3f | %.3f | %.2f |" %
              (real[1], simulated[1], simulated[1] / real[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
