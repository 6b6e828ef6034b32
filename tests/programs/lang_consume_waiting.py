# Built-ins that iterate a generator whose body waits (a Queue fed by another thread, a sleep,
# Future.result() in ThreadPoolExecutor.map): list, tuple, set, frozenset, dict, sorted, sum, min,
# max, any, all and str.join get every item, in every mode.
import threading, queue, time
from concurrent.futures import ThreadPoolExecutor

def fed(n):
    q = queue.Queue()
    def producer():
        for i in range(n):
            time.sleep(0.001)
            q.put(i)
        q.put(None)
    threading.Thread(target=producer).start()
    def items():
        while (item := q.get()) is not None:
            yield item
    return items()

for consumer in (list, tuple, set, frozenset, sorted, sum, min, max):
    print(consumer.__name__, consumer(fed(4)))
print("any", any(x > 2 for x in fed(5)), "all", all(x < 9 for x in fed(3)))
print("-".join(str(x) for x in fed(3)))
print(sorted(fed(3), reverse=True), sum(fed(3), 100), max(fed(0), default="empty"))
print(dict((x, x * x) for x in fed(3)))

def slow(x):
    time.sleep(0.005 * (3 - x))
    return x * 10

with ThreadPoolExecutor(3) as ex:
    print(list(ex.map(slow, range(3))), sum(ex.map(slow, range(3))))
try:
    min(x for x in [])
except ValueError as e:
    print("ValueError:", e)

def bad():
    yield 1
    raise KeyError("k")
try:
    list(bad())
except KeyError as e:
    print("KeyError:", e)
print(list(range(3)), tuple([1]), set(), sorted([3, 1]), min(3, 1), max([2, 5]), sum([1, 2]))
