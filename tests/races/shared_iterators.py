# One iterator of each built-in kind advanced by several threads at once (next() and for loops):
# every value comes out exactly once (each step of an iterator is atomic, as in CPython 3.13t),
# none is invented, and exhaustion is seen by every thread.
import threading

N = 4
SIZE = 4000

def drain(it, got, k):
    for x in it:
        got[k].append(x)

def drain_next(it, got, k):
    while True:
        try:
            x = next(it)
        except StopIteration:
            return
        got[k].append(x)

def check(name, make, expected):
    it = make()
    got = [[] for _ in range(N)]
    threads = [threading.Thread(target=drain if k % 2 else drain_next, args=(it, got, k))
               for k in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values = sorted(v for part in got for v in part)
    assert values == sorted(expected), (name, len(values), len(expected))
    assert next(it, "end") == "end", name

items = list(range(SIZE))
text = "".join(chr(0x41 + i % 26) for i in range(SIZE))
table = {i: -i for i in range(SIZE)}
check("list", lambda: iter(items), items)
check("tuple", lambda: iter(tuple(items)), items)
check("range", lambda: iter(range(SIZE)), items)
check("range step", lambda: iter(range(SIZE * 3, 0, -3)), list(range(SIZE * 3, 0, -3)))
check("str", lambda: iter(text), list(text))
check("dict", lambda: iter(table), list(table))
check("dict values", lambda: iter(table.values()), list(table.values()))
check("dict items", lambda: iter(table.items()), list(table.items()))
check("set", lambda: iter(set(items)), items)
check("reversed list", lambda: reversed(items), items)
check("reversed range", lambda: reversed(range(SIZE)), items)
check("reversed str", lambda: reversed(text), list(text))
check("enumerate", lambda: map(lambda p: p[1], enumerate(items)), items)
check("map", lambda: map(abs, items), items)
check("filter", lambda: filter(None, items), items[1:])
check("zip", lambda: map(lambda p: p[0], zip(items, items)), items)

class Seq:
    def __getitem__(self, i):
        if i >= SIZE:
            raise IndexError(i)
        return i
check("__getitem__", lambda: iter(Seq()), items)

# enumerate hands each index out once and pairs it with some item.
it = enumerate(items)
pairs = [[] for _ in range(N)]
threads = [threading.Thread(target=drain, args=(it, pairs, k)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
flat = [p for part in pairs for p in part]
assert sorted(i for i, _ in flat) == items, "enumerate indices"
assert sorted(x for _, x in flat) == items, "enumerate items"

# A list iterator while other threads append: never an item twice, never past the end.
grow = list(range(1000))
it = iter(grow)
got = [[] for _ in range(N)]
def grower():
    for i in range(1000, 3000):
        grow.append(i)
threads = [threading.Thread(target=drain_next, args=(it, got, k)) for k in range(N - 1)]
threads.append(threading.Thread(target=grower))
for t in threads:
    t.start()
for t in threads:
    t.join()
seen = sorted(v for part in got for v in part)
assert len(seen) == len(set(seen)), "duplicate item from a growing list"
assert seen == list(range(len(seen))), "a gap in a growing list's items"
print("ok")
