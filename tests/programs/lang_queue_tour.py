import queue
import threading

q = queue.Queue()
for i in range(3):
    q.put(i)
print(q.qsize(), q.empty(), q.full(), q.get(), q.get_nowait(), q.get(block=False))
try:
    q.get_nowait()
except queue.Empty:
    print("Empty raised", repr(queue.Empty()))
try:
    q.get(timeout=0.01)
except queue.Empty as e:
    print("Empty after timeout", type(e).__name__)
b = queue.Queue(maxsize=2)
b.put("a"); b.put_nowait("b")
print(b.full(), b.qsize())
try:
    b.put("c", block=False)
except queue.Full:
    print("Full raised")
try:
    b.put("c", timeout=0.01)
except queue.Full:
    print("Full after timeout")
lifo = queue.LifoQueue()
for v in [1, 2, 3]:
    lifo.put(v)
print([lifo.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, "low"), (1, "high"), (2, "mid"), (1, "also-high")]:
    pq.put(item)
print([pq.get() for _ in range(4)])
tasks = queue.Queue()
done = []
lock = threading.Lock()
def worker():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        with lock:
            done.append(item * item)
        tasks.task_done()
workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for i in range(10):
    tasks.put(i)
tasks.join()
print("all tasks done:", sorted(done))
for _ in workers:
    tasks.put(None)
for w in workers:
    w.join()
try:
    tasks.task_done()
except ValueError as e:
    print("ValueError:", e)
# producer/consumer with a sentinel, one consumer so the order is deterministic
pc = queue.Queue(maxsize=1)
def producer():
    for i in range(5):
        pc.put(f"item{i}")
    pc.put(None)
out = []
def consumer():
    while (v := pc.get()) is not None:
        out.append(v)
p = threading.Thread(target=producer); c = threading.Thread(target=consumer)
p.start(); c.start(); p.join(); c.join()
print(out)
sq = queue.SimpleQueue()
sq.put(1); print(sq.get(), sq.empty(), sq.qsize())
