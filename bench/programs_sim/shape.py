# The published shape: countdown(N) split over T threads (argv: N T). Prints the seconds.
import sys
import threading
import time

N = int(sys.argv[1])
T = int(sys.argv[2])


def countdown(n):
    while n > 0:
        n -= 1


t0 = time.perf_counter()
ts = [threading.Thread(target=countdown, args=(N // T,)) for _ in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(time.perf_counter() - t0)
