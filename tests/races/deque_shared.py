# collections.deque shared as a work queue without a lock (as CPython allows: append and popleft
# are atomic): producers append, consumers popleft, one thread also pops from the right and
# appends to the left. Every item is taken exactly once, however the threads interleave.
import sys
import threading
from collections import deque

PRODUCERS = 3
PER_PRODUCER = 3000
work = deque()
taken = [[] for _ in range(4)]
done = threading.Event()


def produce(base):
    for i in range(PER_PRODUCER):
        work.append(base + i)


def consume(slot):
    while True:
        try:
            taken[slot].append(work.popleft())
        except IndexError:
            if done.is_set() and not work:
                return


def churn(slot):
    # pop from the right and put back on the left: moves items without losing or doubling any.
    for _ in range(2000):
        try:
            x = work.pop()
        except IndexError:
            continue
        work.appendleft(x)


producers = [threading.Thread(target=produce, args=(p * 100000,)) for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consume, args=(c,)) for c in range(3)]
churner = threading.Thread(target=churn, args=(3,))
for t in producers + consumers + [churner]:
    t.start()
for t in producers + [churner]:
    t.join()
done.set()
for t in consumers:
    t.join()
got = sorted(x for part in taken for x in part)
want = sorted(p * 100000 + i for p in range(PRODUCERS) for i in range(PER_PRODUCER))
if got != want:
    print("lost or doubled items:", len(got), "of", len(want))
    sys.exit(1)
print("ok", len(got))
