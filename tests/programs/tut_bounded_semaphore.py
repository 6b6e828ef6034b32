# A BoundedSemaphore limits a pool of "connections"; releasing too often is a ValueError.
import threading
import time

MAX_CONN = 2
pool_sema = threading.BoundedSemaphore(value=MAX_CONN)
active = 0
peak = 0
state_lock = threading.Lock()
log = []

def use_connection(n):
    global active, peak
    with pool_sema:
        with state_lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.01)
        with state_lock:
            active -= 1
            log.append(n)

threads = [threading.Thread(target=use_connection, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("peak concurrent:", peak)
print("all served:", sorted(log))
try:
    pool_sema.release()
except ValueError as e:
    print("ValueError:", e)
s = threading.Semaphore(0)
print(s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release(3)
print([s.acquire(blocking=False) for _ in range(4)])
