# CPU-bound work spread over a pool of processes: each worker has its own
# interpreter and its own GIL, so on several cores the map runs in parallel.
import time
from multiprocessing import Pool

def burn(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

if __name__ == "__main__":
    jobs = [200_000] * 8
    start = time.time()
    serial = [burn(n) for n in jobs]
    one = time.time() - start

    start = time.time()
    with Pool(4) as pool:
        parallel = pool.map(burn, jobs)
    four = time.time() - start
    print("same results:", serial == parallel)
    print("serial", round(one, 2), "s; pool of 4", round(four, 2), "s")
