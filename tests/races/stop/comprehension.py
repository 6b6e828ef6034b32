# Stop latency: a huge list comprehension (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

while True:
    [x * 2 for x in range(10**7)]
