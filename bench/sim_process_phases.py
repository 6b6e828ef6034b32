# The phases of starting, running and joining processes, as a program sees them: run by CPython and
# by `interleave run --mode sim` alike, so the two can be set side by side phase by phase
# (bench/sim_cpython_process_costs.py runs it in fresh processes and takes medians).
# Usage: sim_process_phases.py METHOD N K   (start method fork|spawn, countdown N in each of K
# children). Prints one line per event, seconds since the parent's first start():
#   start I T C    the parent's start() of child I returned at T, having used C s of CPU
#   enter I T C    child I's target began at T, the child having used C s of CPU until then
#                  (interpreter start, imports, the module re-run, unpickling the Process)
#   leave I T      child I's target returned at T
#   join I T       the parent's join() of child I returned at T (the child's exit, the wake-up)
#   parent_cpu C   the parent's CPU time over all its start() calls
#   children_cpu C the joined children's CPU time in all (CPython only: `resource`)
import multiprocessing as mp
import sys
import time


def work(i, n, t0):
    t = time.monotonic() - t0
    c = time.process_time()
    print("enter %d %.6f %.6f" % (i, t, c), flush=True)
    while n > 0:
        n -= 1
    print("leave %d %.6f" % (i, time.monotonic() - t0), flush=True)


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "spawn"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    mp.set_start_method(method)
    t0 = time.monotonic()
    ps = [mp.Process(target=work, args=(i, n, t0)) for i in range(k)]
    c0 = time.process_time()
    for i, p in enumerate(ps):
        c = time.process_time()
        p.start()
        print("start %d %.6f %.6f" % (i, time.monotonic() - t0, time.process_time() - c),
              flush=True)
    parent_cpu = time.process_time() - c0
    for i, p in enumerate(ps):
        p.join()
        print("join %d %.6f" % (i, time.monotonic() - t0), flush=True)
    print("parent_cpu %.6f" % parent_cpu)
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        print("children_cpu %.6f" % (r.ru_utime + r.ru_stime))
