# Process start latency (start + join of a process that does nothing), for fork and spawn; run by
# hand with interleave and with python3 to compare: `interleave run tests/processes/start_latency.py`.
import time
import multiprocessing as mp


def nothing():
    pass


if __name__ == "__main__":
    for method in ["fork", "spawn"]:
        ctx = mp.get_context(method)
        n = 20
        start = time.perf_counter()
        for _ in range(n):
            p = ctx.Process(target=nothing)
            p.start()
            p.join()
        print("%s: %.2f ms per process" % (method, (time.perf_counter() - start) / n * 1000))
