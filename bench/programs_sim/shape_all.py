# The shape on one machine, in one process: countdown(N) split over 1, 2, 4 and 8 threads at a
# switch interval (argv: N INTERVAL), each count run twice in the order 1 2 4 8 8 4 2 1 so that a
# drift of the machine's speed during the run hits every count alike, and in the same process
# because CPython draws its speed for this loop per process (docs/simulator.md). Prints one line
# per thread count: the count, the wall seconds and the CPU seconds (time.process_time) of both
# runs summed.
import sys
import threading
import time

N = int(sys.argv[1])
sys.setswitchinterval(float(sys.argv[2]))


def countdown(n):
    while n > 0:
        n -= 1


def run(count):
    w0 = time.perf_counter()
    c0 = time.process_time()
    ts = [threading.Thread(target=countdown, args=(N // count,)) for _ in range(count)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - w0, time.process_time() - c0


counts = [1, 2, 4, 8]
totals = {c: [0.0, 0.0] for c in counts}
for c in counts + counts[::-1]:
    wall, cpu = run(c)
    totals[c][0] += wall
    totals[c][1] += cpu
for c in counts:
    print(c, totals[c][0], totals[c][1])
