# Shared set: adds, discards and membership tests from several threads (set.add is atomic).
# Must hold: every value added and never discarded is present at the end.
import threading

N = 4
PER = 3000
s = set()

def adder(k):
    for i in range(PER):
        s.add(k * PER + i)
        if i % 4 == 0:
            s.discard(k * PER + i)

def prober():
    hits = 0
    for i in range(N * PER):
        if i in s:
            hits += 1
    return hits

threads = [threading.Thread(target=adder, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=prober) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = {k * PER + i for k in range(N) for i in range(PER) if i % 4 != 0}
assert s == expected, (len(s), len(expected))
print("ok", len(s))
