# Fidelity: countdown(N/2) in each of 2 threads (the GIL serialises them). Prints the seconds.
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000


def countdown(n):
    while n > 0:
        n -= 1


t0 = time.perf_counter()
ts = [threading.Thread(target=countdown, args=(N // 2,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(time.perf_counter() - t0)
