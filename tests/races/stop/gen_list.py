# Stop latency: a generator consumed by list() (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

def gen():
    i = 0
    while True:
        yield i
        i += 1
list(gen())
