# Allocation pressure from several threads: cycles, dicts, lists and strings churned so that the
# collector runs (stop-the-world) many times while threads mutate shared containers; the data
# each thread keeps alive must survive every collection intact.
import threading

N = 3
ROUNDS = 300
keep = {}

class Node:
    def __init__(self, v):
        self.v = v
        self.other = None

def churn(k):
    mine = []
    for r in range(ROUNDS):
        a = Node(r)
        b = Node(r)
        a.other = b
        b.other = a          # a cycle, garbage at the next round
        junk = [str(i) * 3 for i in range(50)]
        d = {i: junk[i] for i in range(50)}
        mine.append((r, d[7]))
        keep[(k, r)] = a
    assert [x[0] for x in mine] == list(range(ROUNDS))
    assert all(x[1] == "777" for x in mine)

threads = [threading.Thread(target=churn, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(keep) == N * ROUNDS
assert all(keep[(k, r)].other.other is keep[(k, r)] and keep[(k, r)].v == r
           for k in range(N) for r in range(ROUNDS))
print("ok", len(keep))
