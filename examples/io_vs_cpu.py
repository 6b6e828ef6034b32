# The same four threads twice: first each one sleeps (I/O-bound: it releases
# the GIL while it waits), then each one counts (CPU-bound: it needs the GIL).
# Sleeps overlap; counting takes turns.
import time
import threading

def wait_io():
    time.sleep(0.1)

def count():
    n = 500_000
    while n > 0:
        n -= 1

for work in (wait_io, count):
    threads = [threading.Thread(target=work) for _ in range(4)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(work.__name__, "four threads took", round(time.time() - start, 2), "s")
