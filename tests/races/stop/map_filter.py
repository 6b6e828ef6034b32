# Stop latency: map/filter consumed by list() (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

while True:
    list(filter(lambda x: x % 3, map(lambda x: x + 1, range(10**7))))
