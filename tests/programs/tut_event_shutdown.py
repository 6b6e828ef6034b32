# Event-driven shutdown: workers loop until a stop event is set.
import threading
import queue
import time

stop = threading.Event()
jobs = queue.Queue()
done = []
lock = threading.Lock()

def worker(wid):
    while not stop.is_set():
        try:
            job = jobs.get(timeout=0.01)
        except queue.Empty:
            continue
        with lock:
            done.append((wid, job))
        jobs.task_done()
    with lock:
        done.append((wid, "stopped"))

ws = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for w in ws: w.start()
for j in range(12):
    jobs.put(j)
jobs.join()
stop.set()
for w in ws: w.join()
print(sorted(j for _, j in done if j != "stopped"))
print(sorted(w for w, j in done if j == "stopped"))
print(stop.is_set(), stop.wait(0))
stop.clear()
print(stop.is_set(), stop.wait(0.01))
