# Stop latency: min/max with key= (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

while True:
    max(range(10**7), key=lambda x: x % 7)
