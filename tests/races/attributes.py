# Attribute writes on one shared instance from several threads, each to its own attribute and to
# a common one, while others read them: no write to a distinct attribute may be lost, and the
# instance dict is created exactly once even when the first stores race.
import threading

N = 4
PER = 3000

class Box:
    pass

for round_ in range(20):
    box = Box()
    start = threading.Barrier(N)

    def first_store(k):
        start.wait()
        setattr(box, "f%d" % k, k)

    ts = [threading.Thread(target=first_store, args=(k,)) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(getattr(box, "f%d" % k) == k for k in range(N)), vars(box)

shared = Box()
shared.common = 0

def worker(k):
    name = "a%d" % k
    for i in range(PER):
        setattr(shared, name, i)
        shared.common = i
        x = shared.common
        assert 0 <= x < PER
        assert getattr(shared, name) == i

threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert all(getattr(shared, "a%d" % k) == PER - 1 for k in range(N))
print("ok")
