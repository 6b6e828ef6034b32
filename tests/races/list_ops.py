# Shared list: appends, pops, reads, iteration and len from several threads at once.
# Must hold: every append lands (list.append is atomic), every pop returns a real item.
import threading

N = 4
PER = 3000
shared = []
popped = []
errors = []

def appender(k):
    for i in range(PER):
        shared.append((k, i))

def reader():
    total = 0
    for _ in range(200):
        n = len(shared)
        if n:
            x = shared[n // 2] if n // 2 < len(shared) else None
            total += 0 if x is None else 1
        for item in shared[:50]:
            total += item[1] & 0
        total += sum(1 for _ in shared) & 0
    return total

def popper():
    got = 0
    while got < PER // 2:
        try:
            popped.append(shared.pop())
            got += 1
        except IndexError:
            pass

threads = [threading.Thread(target=appender, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=reader) for _ in range(2)]
threads += [threading.Thread(target=popper)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(shared) + len(popped) == N * PER, (len(shared), len(popped))
assert all(isinstance(x, tuple) and len(x) == 2 for x in shared + popped)
seen = set(shared) | set(popped)
assert len(seen) == N * PER
print("ok", len(shared) + len(popped))
