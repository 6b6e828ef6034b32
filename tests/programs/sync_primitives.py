# Condition, Event with timeout, Barrier, BoundedSemaphore, join(timeout), Queue maxsize/timeouts.
# variants: no (active_count() right after Queue.join() may still count a worker that is ending, with the GIL off)
import threading
import time
import queue

# Condition: a consumer waits until the producer has put three items.
items = []
cond = threading.Condition()

def consumer():
    with cond:
        cond.wait_for(lambda: len(items) >= 3)
        print("consumer saw", items)

c = threading.Thread(target=consumer)
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
c.join()

# Event.wait with a timeout returns False when nobody sets it.
ev = threading.Event()
t0 = time.monotonic()
print("event set?", ev.wait(0.05), "waited enough:", time.monotonic() - t0 >= 0.04)
ev.set()
print("event set now?", ev.wait(1), ev.is_set())

# Barrier: three threads meet; each gets a distinct index.
barrier = threading.Barrier(3)
indices = []
lock = threading.Lock()

def meet():
    i = barrier.wait()
    with lock:
        indices.append(i)

ts = [threading.Thread(target=meet) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier indices", sorted(indices))

# BoundedSemaphore refuses an extra release.
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

# join(timeout) on a thread still sleeping.
sleeper = threading.Thread(target=time.sleep, args=(0.2,), name="sleeper")
sleeper.start()
sleeper.join(0.01)
print(sleeper.name, "alive after short join:", sleeper.is_alive())
sleeper.join()
print("alive after full join:", sleeper.is_alive())

# Queue with maxsize, non-blocking and timed operations, task_done/join.
q = queue.Queue(maxsize=2)
q.put(1)
q.put_nowait(2)
print("full:", q.full(), "size:", q.qsize())
try:
    q.put(3, timeout=0.01)
except queue.Full:
    print("queue.Full raised")
print(q.get(), q.get_nowait(), "empty:", q.empty())
try:
    q.get(block=False)
except queue.Empty:
    print("queue.Empty raised")

work = queue.Queue()
done = []

def worker():
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            break
        done.append(item * 10)
        work.task_done()

w = threading.Thread(target=worker, daemon=True)
w.start()
for i in range(5):
    work.put(i)
work.put(None)
work.join()
print("processed", done)

# Lock rules and RLock counts.
plain = threading.Lock()
try:
    plain.release()
except RuntimeError as e:
    print("RuntimeError:", e)
print("acquire non-blocking on held lock:", plain.acquire(), plain.acquire(False))
plain.release()
r = threading.RLock()
with r:
    with r:
        print("nested RLock ok")
print(threading.current_thread().name, threading.main_thread().name, threading.active_count())
