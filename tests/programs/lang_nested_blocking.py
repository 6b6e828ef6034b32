# Calls that must wait inside a callback from a built-in: a generator consumed by list(), sum()
# or "".join(), next() on a generator, map() over a blocking function, a key= that takes a lock.
# real-only: the cooperative driver cannot wait inside a built-in (Driver::nested_block)
import threading, queue, time

q = queue.Queue()
def producer(n):
    for i in range(n):
        time.sleep(0.002)
        q.put(i)
    q.put(None)

def items():
    while (item := q.get()) is not None:
        yield item

threading.Thread(target=producer, args=(4,)).start()
print(list(items()))
threading.Thread(target=producer, args=(5,)).start()
print(sum(items()))
threading.Thread(target=producer, args=(3,)).start()
print("-".join(str(x) for x in items()))
threading.Thread(target=producer, args=(2,)).start()
g = items()
print(next(g), next(g), next(g, "end"))

lock = threading.Lock()
def key(x):
    with lock:
        return -x
def hold():
    with lock:
        time.sleep(0.01)
t = threading.Thread(target=hold)
t.start()
time.sleep(0.002)
print(sorted([3, 1, 2], key=key))
t.join()

done = threading.Event()
threading.Timer(0.01, done.set).start()
print(list(map(lambda e: e.wait(), [done])))
print(dict((k, v) for k, v in zip("ab", (time.sleep(0.001) or i for i in range(2)))))
for i, x in enumerate(time.sleep(0.001) or y for y in "xy"):
    print(i, x)
