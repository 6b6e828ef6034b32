# Stop latency: a generator consumed by sum() (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

def gen():
    while True:
        yield 1
sum(gen())
