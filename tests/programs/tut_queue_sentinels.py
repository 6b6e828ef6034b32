# Producer/consumer with queue.Queue and one sentinel per consumer.
import queue
import threading

SENTINEL = None
NUM_CONSUMERS = 3

def producer(q, items):
    for item in items:
        q.put(item)
    for _ in range(NUM_CONSUMERS):
        q.put(SENTINEL)

def consumer(q, results, lock, ident):
    handled = 0
    while True:
        item = q.get()
        if item is SENTINEL:
            q.task_done()
            break
        with lock:
            results.append(item * item)
        handled += 1
        q.task_done()
    with lock:
        counts[ident] = handled

q = queue.Queue(maxsize=5)
results = []
counts = {}
lock = threading.Lock()
consumers = [threading.Thread(target=consumer, args=(q, results, lock, i), name=f"consumer-{i}")
             for i in range(NUM_CONSUMERS)]
for c in consumers:
    c.start()
prod = threading.Thread(target=producer, args=(q, range(20)))
prod.start()
prod.join()
q.join()
for c in consumers:
    c.join()
print(f"processed {len(results)} items, total {sum(results)}")
print("sorted head:", sorted(results)[:5])
print("every consumer stopped:", sorted(counts) == list(range(NUM_CONSUMERS)))
print("handled sum:", sum(counts.values()))
print("queue empty:", q.empty(), q.qsize())
