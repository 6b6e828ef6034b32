# Stop latency: sorted() of a big list without a key (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

data = list(range(10**7, 0, -1))
while True:
    sorted(data)
