# Heavy use of Lock, RLock, Condition, Event, Semaphore and Queue: a locked counter never loses
# an update, a producer/consumer pipeline delivers every item exactly once.
import threading, queue

N = 4
PER = 2000
lock = threading.Lock()
rlock = threading.RLock()
counter = 0

def locked_inc():
    global counter
    for _ in range(PER):
        with lock:
            counter += 1
        with rlock:
            with rlock:
                pass

ts = [threading.Thread(target=locked_inc) for _ in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert counter == N * PER, counter

q = queue.Queue(maxsize=64)
out = queue.Queue()
def producer(k):
    for i in range(PER):
        q.put((k, i))
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        out.put(item)
        q.task_done()
prods = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
cons = [threading.Thread(target=consumer) for _ in range(3)]
for t in prods + cons:
    t.start()
for t in prods:
    t.join()
q.join()
for _ in cons:
    q.put(None)
for t in cons:
    t.join()
got = []
while not out.empty():
    got.append(out.get())
assert sorted(got) == [(k, i) for k in range(2) for i in range(PER)], len(got)

cond = threading.Condition()
ready = []
ev = threading.Event()
sem = threading.Semaphore(2)
def waiter(k):
    with sem:
        with cond:
            while not ready:
                cond.wait()
        ev.wait()
ws = [threading.Thread(target=waiter, args=(k,)) for k in range(6)]
for t in ws:
    t.start()
with cond:
    ready.append(1)
    cond.notify_all()
ev.set()
for t in ws:
    t.join()
print("ok", counter, len(got))
