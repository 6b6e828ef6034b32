# Stop latency: sorted() with a key= calling Python (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

while True:
    sorted(range(10**6), key=lambda x: -x)
