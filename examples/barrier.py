# A Barrier holds every thread at a meeting point until all of them arrive,
# then releases them together: phase 2 starts only after all of phase 1.
import threading
import time

barrier = threading.Barrier(3)
log = []
guard = threading.Lock()

def worker(i):
    time.sleep(0.02 * (i + 1))  # arrive at different times
    with guard:
        log.append(("phase 1", i))
    barrier.wait()
    with guard:
        log.append(("phase 2", i))

threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
phases = [phase for phase, _ in log]
print(phases)
print("every phase 1 before any phase 2:", phases == ["phase 1"] * 3 + ["phase 2"] * 3)
