# collections: Counter, defaultdict, deque, namedtuple, OrderedDict.
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict

words = "a b c a b a d e a c".split()
c = Counter(words)
print(c)
print(c.most_common(2), c["a"], c["zzz"])
c.update(["d", "d"])
print(sorted(c.items()))
print(Counter("mississippi").most_common())
print(list(c.elements())[:6], c.total())
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
counts = defaultdict(int)
for w in words:
    counts[w] += 1
print(sorted(counts.items()), counts.default_factory)
d = deque([1, 2, 3], maxlen=4)
d.append(4); d.append(5); d.appendleft(0)
print(d, d.maxlen, len(d))
d.rotate(1)
print(d, d.popleft(), d.pop(), list(d))
dq = deque()
dq.extend("abc"); dq.extendleft("xy")
print(dq, dq[0], dq[-1], "b" in dq)
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x + p.y, p._replace(x=5), p._asdict(), tuple(p))
x, y = p
print(x, y, Point._fields)
od = OrderedDict()
od["b"] = 1; od["a"] = 2
od.move_to_end("b")
print(list(od), od.popitem(last=False))
