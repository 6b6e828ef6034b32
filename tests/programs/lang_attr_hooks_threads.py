# Attribute hooks and descriptors used by several threads at once while another thread keeps
# changing classes (each change makes every thread's inline caches and hook words stale): no
# update through a hook is lost, since each takes a lock; checked under every GIL mode.
import threading

class Counted:
    lock = threading.Lock()
    stores = 0
    def __setattr__(self, name, value):
        with Counted.lock:
            Counted.stores += 1
        object.__setattr__(self, name, value)

class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        return obj.__dict__.get(self.name, 0)
    def __set__(self, obj, value):
        if value < 0:
            raise ValueError("negative")
        obj.__dict__[self.name] = value

class Account(Counted):
    balance = Positive()
    def __getattribute__(self, name):
        if name == "audit":
            return "audited"
        return super().__getattribute__(name)

class Unrelated:
    pass

N = 2000
accounts = [Account() for _ in range(4)]
results = []

def worker(acc, k):
    seen = 0
    for i in range(N):
        acc.balance = i
        acc.note = k
        if acc.balance == i and acc.audit == "audited" and acc.note == k:
            seen += 1
    results.append(seen)

def churn(stop):
    i = 0
    while not stop.is_set():
        Unrelated.x = i
        i += 1

stop = threading.Event()
churner = threading.Thread(target=churn, args=(stop,))
churner.start()
threads = [threading.Thread(target=worker, args=(accounts[k], k)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop.set()
churner.join()
print(sorted(results))
print(Counted.stores == 4 * N * 2, [a.balance for a in accounts])
