# Timed lock acquire with keywords (the blocked CALL re-runs with its KW_NAMES), Event.wait
# timeout, PriorityQueue order, Timer, threading.enumerate().
import threading, time, queue
lock = threading.Lock()
lock.acquire()
def holder():
    time.sleep(0.05)
    lock.release()
threading.Thread(target=holder).start()
print("timed acquire:", lock.acquire(timeout=1))
print("second timed acquire:", lock.acquire(blocking=True, timeout=0.02))
ev = threading.Event()
print("wait kw:", ev.wait(timeout=0.01))
pq = queue.PriorityQueue()
for p in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(p)
print([pq.get() for _ in range(3)])
t = threading.Timer(0.02, lambda: print("timer fired"))
t.start()
t.join()
print(threading.enumerate()[0].name, len(threading.enumerate()))
