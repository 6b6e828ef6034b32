# The cure for the two-lock deadlock: every thread takes the locks in the same
# order (a before b), so whoever holds a can always go on to take b.
import threading
import time

a = threading.Lock()
b = threading.Lock()
log = []

def worker(name):
    with a:
        time.sleep(0.01)
        with b:
            log.append(name)

threads = [threading.Thread(target=worker, args=(n,)) for n in ("one", "two")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(log))
