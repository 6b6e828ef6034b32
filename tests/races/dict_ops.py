# Shared dict: inserts (resizing it many times), deletes, lookups and iteration from several threads.
# Must hold: each thread's own keys are all present at the end, deleted ones are gone.
import threading

N = 4
PER = 2000
d = {}

def writer(k):
    for i in range(PER):
        d[(k, i)] = i
        if i % 3 == 0:
            del d[(k, i)]

def reader():
    hits = 0
    for r in range(100):
        for k in range(N):
            if d.get((k, r), -1) == r:
                hits += 1
        try:
            for key in list(d.keys())[:20]:
                hits += 0 if key in d else 0
        except RuntimeError:
            pass
        hits += len(d) & 0
    return hits

threads = [threading.Thread(target=writer, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=reader) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = sum(1 for i in range(PER) if i % 3 != 0) * N
assert len(d) == expected, (len(d), expected)
for k in range(N):
    for i in range(PER):
        assert ((k, i) in d) == (i % 3 != 0)
print("ok", len(d))
