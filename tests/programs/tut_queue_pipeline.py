# A pipeline of stages connected by queues, each stage a thread; a generator feeding the first
# stage; shutdown by sentinel propagation; per-stage statistics in a dataclass.
import queue
import threading
from dataclasses import dataclass, field
from collections import Counter

STOP = object()


@dataclass
class Stats:
    name: str
    handled: int = 0
    kinds: Counter = field(default_factory=Counter)


def source(n):
    for i in range(n):
        yield {"id": i, "text": f"item-{i}", "kind": "even" if i % 2 == 0 else "odd"}


def stage(name, inq, outq, fn, stats):
    while True:
        item = inq.get()
        if item is STOP:
            if outq is not None:
                outq.put(STOP)
            break
        result = fn(item)
        stats.handled += 1
        stats.kinds[item["kind"]] += 1
        if outq is not None:
            outq.put(result)


def upper(item):
    return {**item, "text": item["text"].upper()}


def tag(item):
    return {**item, "text": f"<{item['text']}>"}


collected = []
q1, q2, q3 = queue.Queue(4), queue.Queue(4), queue.Queue()
stats = [Stats("upper"), Stats("tag"), Stats("sink")]
threads = [
    threading.Thread(target=stage, args=("upper", q1, q2, upper, stats[0])),
    threading.Thread(target=stage, args=("tag", q2, q3, tag, stats[1])),
    threading.Thread(target=stage, args=("sink", q3, None, collected.append, stats[2])),
]
for t in threads:
    t.start()
for item in source(10):
    q1.put(item)
q1.put(STOP)
for t in threads:
    t.join()
print([c["text"] for c in collected][:3], len(collected))
for s in stats:
    print(f"{s.name:>6}: {s.handled:3d} {dict(sorted(s.kinds.items()))}")
print(stats[0])
