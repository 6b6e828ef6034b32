# Fidelity: 4 I/O-bound threads, each sleeping 10 ms 20 times; the sleeps overlap. Prints seconds.
import threading
import time


def io(k):
    for _ in range(k):
        time.sleep(0.01)


t0 = time.perf_counter()
ts = [threading.Thread(target=io, args=(20,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(time.perf_counter() - t0)
