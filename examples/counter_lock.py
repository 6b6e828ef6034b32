# A thread-safe counter: the read-add-write of `self.value += 1` happens with
# the lock held, so no update is lost however the threads interleave.
import threading

class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1

counter = Counter()

def work():
    for _ in range(50_000):
        counter.increment()

threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("expected 200000, got", counter.value)
