# Stop latency: any() over a huge range of falsy values (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

print(any(x < 0 for x in range(10**15)))
