# Pool.map over 100k small items with two worker processes (the pool is started before timing).
# Prints "RESULT pool_map_s <seconds of the map call>" (best of three).
import time
import multiprocessing as mp


def square(x):
    return x * x


if __name__ == "__main__":
    items = list(range(100_000))
    with mp.Pool(2) as pool:
        best = None
        for _ in range(3):
            start = time.perf_counter()
            result = pool.map(square, items)
            dt = time.perf_counter() - start
            best = dt if best is None else min(best, dt)
        assert result[-1] == 99_999 * 99_999 and len(result) == 100_000
    print("RESULT pool_map_s %.4f" % best)
