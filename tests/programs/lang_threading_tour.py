# threading: every class and function of the subset, each used deterministically.
import threading
import time

results = []
results_lock = threading.Lock()

def worker(n, scale=1):
    with results_lock:
        results.append(n * scale)

threads = [threading.Thread(target=worker, args=(i,), kwargs={"scale": 10}, name=f"w{i}") for i in range(4)]
print([t.name for t in threads], threads[0].is_alive(), threads[0].ident)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), any(t.is_alive() for t in threads))
print(repr(threads[0]).startswith("<Thread(w0, stopped"), threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), [t.name for t in threading.enumerate()])

class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"counter-{n}")
        self.n = n
        self.total = 0
    def run(self):
        for i in range(self.n):
            self.total += i
c = Counter(100)
c.start(); c.join()
print(c.name, c.total, c.daemon)

t = threading.Thread(target=lambda: None)
print(t.name.startswith("Thread-"), t.name.endswith("(<lambda>)"))
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start(); t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)

lock = threading.Lock()
print(lock.acquire(), lock.locked(), lock.acquire(blocking=False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

rl = threading.RLock()
with rl:
    with rl:
        print("reentered")
try:
    rl.release()
except RuntimeError as e:
    print("RuntimeError:", e)

cond = threading.Condition()
items = []
def consumer():
    with cond:
        while not items:
            cond.wait()
        print("consumed", items.pop())
ct = threading.Thread(target=consumer)
ct.start()
time.sleep(0.05)
with cond:
    items.append("apple")
    cond.notify()
ct.join()
with cond:
    print("wait_for:", cond.wait_for(lambda: True), cond.wait(timeout=0.01))

sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release(); sem.release()
bs = threading.BoundedSemaphore(1)
bs.acquire(); bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
def setter():
    time.sleep(0.02)
    ev.set()
threading.Thread(target=setter).start()
print(ev.wait(5), ev.is_set())
ev.clear(); print(ev.is_set())

order = []
barrier = threading.Barrier(3, action=lambda: order.append("action"))
def at_barrier(i):
    idx = barrier.wait()
    with results_lock:
        order.append(idx)
bt = [threading.Thread(target=at_barrier, args=(i,)) for i in range(3)]
for t in bt: t.start()
for t in bt: t.join()
print(order[0], sorted(order[1:]), barrier.parties, barrier.n_waiting, barrier.broken)

fired = []
tm = threading.Timer(0.02, lambda: fired.append("fired"))
tm.start(); tm.join()
tm2 = threading.Timer(10, lambda: fired.append("never"))
tm2.start(); tm2.cancel(); tm2.join()
print(fired)

local = threading.local()
local.value = "main"
seen = {}
def use_local(name):
    local.value = name
    time.sleep(0.01)
    with results_lock:
        seen[name] = local.value
lt = [threading.Thread(target=use_local, args=(f"t{i}",)) for i in range(3)]
for t in lt: t.start()
for t in lt: t.join()
print(local.value, sorted(seen.items()), hasattr(threading.local(), "value"))

d = threading.Thread(target=time.sleep, args=(0.01,), daemon=True)
print(d.daemon); d.start(); d.join()
print(isinstance(threading.get_ident(), int), threading.current_thread().ident == threading.get_ident())
