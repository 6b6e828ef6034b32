"""Runs a benchmark with this session's autogroup at another nice value, then restores it.

Linux shares the CPUs between autogroups (sessions) first, so on a shared machine the other
sessions' builds take CPU from a benchmark whatever its own nice value; writing
/proc/self/autogroup changes the whole session's share (`--nice -20` needs root). Used by the
benchmarks' `--nice N` option (fidelity.py, sim_gil_handoff.py, sim_background_probe.py).
"""

AUTOGROUP = "/proc/self/autogroup"


def run_niced(nice, run, *args):
    """run(*args) with the autogroup's nice set to `nice` (None: unchanged); restored after."""
    if nice is None:
        return run(*args)
    with open(AUTOGROUP) as f:
        before = int(f.read().split()[-1])
    with open(AUTOGROUP, "w") as f:
        f.write(str(nice))
    try:
        print("(autogroup nice %d during this run, %d before)\n" % (nice, before))
        return run(*args)
    finally:
        with open(AUTOGROUP, "w") as f:
            f.write(str(before))
