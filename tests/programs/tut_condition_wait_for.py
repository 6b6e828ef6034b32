# threading.Condition: wait_for a predicate, notify and notify_all.
import threading

class BoundedBuffer:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.cond = threading.Condition()

    def put(self, item):
        with self.cond:
            self.cond.wait_for(lambda: len(self.items) < self.capacity)
            self.items.append(item)
            self.cond.notify_all()

    def get(self):
        with self.cond:
            self.cond.wait_for(lambda: len(self.items) > 0)
            item = self.items.pop(0)
            self.cond.notify_all()
            return item

buf = BoundedBuffer(2)
out = []

def produce():
    for i in range(10):
        buf.put(i)

def consume():
    for _ in range(10):
        out.append(buf.get())

p = threading.Thread(target=produce)
c = threading.Thread(target=consume)
c.start(); p.start()
p.join(); c.join()
print("consumed in order:", out)

cond = threading.Condition()
with cond:
    r = cond.wait_for(lambda: False, timeout=0.01)
print("wait_for timed out ->", r)
with cond:
    print("wait timed out ->", cond.wait(timeout=0.01))

ready = []
flag = {"go": False}
def waiter(i):
    with cond:
        cond.wait_for(lambda: flag["go"])
        ready.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for w in ws: w.start()
with cond:
    flag["go"] = True
    cond.notify_all()
for w in ws: w.join()
print("all woke:", sorted(ready))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
