# Fidelity: countdown(N) in the main thread. Prints the seconds it took.
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000


def countdown(n):
    while n > 0:
        n -= 1


t0 = time.perf_counter()
countdown(N)
print(time.perf_counter() - t0)
