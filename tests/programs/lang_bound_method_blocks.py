# A bound built-in method kept in an attribute or a variable that blocks and is called again when
# woken: Condition.acquire (the lock's own acquire, as threading.py binds it), a Lock's acquire.
import threading, time

cond = threading.Condition()
acquire = threading.Lock().acquire
count = 0

def worker():
    global count
    for _ in range(50):
        cond.acquire()
        try:
            count += 1
            time.sleep(0.0001)
        finally:
            cond.release()

threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(count)

acquire()
threading.Timer(0.01, lambda: print("released by the timer") or acquire.__self__.release()).start()
print(acquire(), "after the timer")
