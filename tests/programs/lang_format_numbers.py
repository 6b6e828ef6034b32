# Format specs, % with * widths, rounding, division and 64-bit ints at their edge.
import threading, queue, time
class Item:
    def __init__(self, name, price):
        self.name, self.price = name, price
items = [Item("b", 2.5), Item("a", 10), Item("c", 1)]
print("{0.name} costs {0.price:.2f}".format(items[0]), "{d[k]}-{l[1]}".format(d={"k": 5}, l=[7, 8]))
print("%*d|%-*s|" % (5, 42, 4, "ab"), "%.3s" % "abcdef", "%c" % 65, "%r" % [1])
print(*sorted(i.name for i in items), sep=", ", end="!\n")
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(r) for r in zip(*matrix)])
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(1.25, 1), round(3.14159, 3))
print(10 / 4, 10 // 4, -10 // 4, 10 % -3, 2 ** -1, 7.0 // 2, divmod(-7, 2), abs(-2.5))
cond = threading.Condition()
ready = []
def waiter(i):
    with cond:
        cond.wait_for(lambda: len(ready) > 0)
        ready.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for w in ws: w.start()
time.sleep(0.02)
with cond:
    ready.append("go")
    cond.notify(2)
time.sleep(0.02)
with cond:
    cond.notify()
for w in ws: w.join()
print(len(ready))
s = threading.Semaphore(0)
s.release(2)
print(s.acquire(timeout=0.01), s.acquire(timeout=0.01), s.acquire(timeout=0.01))
l1, l2 = threading.Lock(), threading.Lock()
with l1, l2:
    print(l1.locked(), l2.locked())
q = queue.Queue(maxsize=1)
q.put(1)
try:
    q.put(2, timeout=0.01)
except queue.Full:
    print("Full")
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("Empty", repr(queue.Empty()))
print(f"{'left':<10}|{'right':>10}|{'center':^10}|", f"{3.0:g} {1e20:g} {0.0001:g} {123456789.0:g}")
print(f"{255:#06x} {255:08b} {-42:+d} {42: d} {1234.5:,.1f} {0.125:.1%} {12:e}")
big = 1
for i in range(1, 21): big *= i
print(big)
# Interleave's int is 64-bit (docs/language.md): CPython prints 51090942171709440000 here.
try:
    print(big * 21)
except OverflowError as e:
    print("OverflowError")
