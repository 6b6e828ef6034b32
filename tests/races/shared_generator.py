# One generator and one closure shared by several threads: resuming a generator another thread
# is running raises ValueError (never runs its frame twice at once), every value is produced once,
# and nonlocal counters in a shared closure stay valid ints (updates may be lost, never garbage).
import threading

def numbers(n):
    for i in range(n):
        yield i

def make_counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump

N = 4
gen = numbers(20000)
got = [[] for _ in range(N)]
busy = [0] * N
bump = make_counter()

def consume(k):
    while True:
        try:
            x = next(gen)
        except StopIteration:
            return
        except ValueError:
            busy[k] += 1
            continue
        got[k].append(x)
        bump()

threads = [threading.Thread(target=consume, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
values = sorted(v for part in got for v in part)
assert values == list(range(20000)), (len(values), values[:5])
last = bump()
assert 1 <= last <= 20001, last
print("ok", len(values))
