# Process start latency: start + join of a process that does nothing, by fork and by spawn.
# Prints "RESULT start_<method>_ms <ms per process>" (best of three rounds).
import sys
import time
import multiprocessing as mp


def nothing():
    pass


if __name__ == "__main__":
    rounds = {"fork": 10, "spawn": 4}
    for method in sys.argv[1:] or ["fork", "spawn"]:
        ctx = mp.get_context(method)
        best = None
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(rounds[method]):
                p = ctx.Process(target=nothing)
                p.start()
                p.join()
            per = (time.perf_counter() - start) / rounds[method] * 1000
            best = per if best is None else min(best, per)
        print("RESULT start_%s_ms %.3f" % (method, best))
