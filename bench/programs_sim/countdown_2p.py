# Fidelity: countdown(N/2) in each of 2 processes (spawn), start and join included. Prints seconds.
import multiprocessing as mp
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000


def countdown(n):
    while n > 0:
        n -= 1


if __name__ == "__main__":
    mp.set_start_method("spawn")
    t0 = time.perf_counter()
    ps = [mp.Process(target=countdown, args=(N // 2,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(time.perf_counter() - t0)
