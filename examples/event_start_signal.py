# Workers wait on an Event until the main thread says go: they all start
# their work at the same moment instead of as each one is created.
import threading
import time

go = threading.Event()
started = []
guard = threading.Lock()

def worker(i):
    go.wait()
    with guard:
        started.append(i)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
time.sleep(0.05)
print("before the signal:", started)
go.set()
for t in threads:
    t.join()
print("after the signal:", sorted(started))
