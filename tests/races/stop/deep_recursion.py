# Stop latency: deep recursion, over and over (two threads spin meanwhile); the run must end within 200 ms of --timeout.
import threading
def _spin():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=_spin, daemon=True).start()

import sys
sys.setrecursionlimit(100000)
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
while True:
    down(50000)
