# list, dict, set, tuple methods.
a = [5, 3, 8, 1]
a.append(2); a.insert(0, 9); a.insert(-1, 7); a.insert(100, 0)
print(a, a.index(8), a.count(3), a.pop(), a.pop(0), a)
a.remove(3); a.reverse(); print(a)
a.sort(key=lambda v: -v); print(a)
b = a.copy(); b.clear(); print(a, b, a * 2, a + [1], [0] * 3)
a.extend(range(2)); a += (4,); print(a, len(a), 8 in a, 100 not in a)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [[1]] * 2, [] or "empty")
try:
    a.remove(100)
except ValueError as e:
    print(e)
try:
    a.index(100)
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
nested = [[3, "c"], [1, "a"], [2, "b"]]
nested.sort(); print(nested)
words = ["banana", "Apple", "cherry"]
print(sorted(words), sorted(words, key=str.lower), max(words, key=len))
d = {"one": 1, "two": 2}
d["three"] = 3
d.update({"four": 4}, five=5); d.update([("six", 6)])
print(d, len(d), d.get("one"), d.get("zz"), d.setdefault("seven", 7), d.setdefault("one", 100))
print(d.pop("two"), d.pop("missing", "dflt"), d.popitem(), list(d), list(d.keys())[:2], list(d.values())[-1])
print({k: v for k, v in d.items() if v % 2}, "one" in d, 1 in d, dict.fromkeys("ab", 0), dict.fromkeys([1, 2]))
e = d.copy(); e.clear(); print(e, d == d.copy(), {1: 2} == {1: 2.0}, {"a": 1} | {"b": 2})
try:
    d["nope"]
except KeyError as ex:
    print("KeyError", ex, repr(ex))
try:
    d.pop("nope")
except KeyError as ex:
    print("KeyError", ex)
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError", ex)
for k in sorted(d):
    print(k, d[k], end=" ")
print()
print(repr({}), repr({1: "a", "b": [2]}), repr({(1, 2): None}), str({"q": 'x"y'}))
s = {1, 2, 3}
s.add(4); s.discard(10); s.remove(1); print(s, len(s))
t = {3, 4, 5}
print(s | t, s & t, s - t, s ^ t, sorted(s.union([9])), s.intersection(t), s.difference(t), s.symmetric_difference(t))
print(s.issubset({2, 3, 4, 5}), s <= t, s < s, s.issuperset({2}), s.isdisjoint({9}), {1} == {1}, set() == set())
s.update([7, 8]); s.intersection_update({2, 7, 8}); print(sorted(s), len(s)); s.symmetric_difference_update({2, 9}); print(sorted(s))
s.difference_update({7}); print(s)
try:
    s.remove(99)
except KeyError as ex:
    print("KeyError", ex)
print(repr(set()), repr({1}), sorted({"b", "a"}), frozenset([1, 2]) == {1, 2})
tp = (1, 2, 3, 2)
print(tp.count(2), tp.index(3), tp + (4,), tp * 2, tp[1:], (1, 2) < (1, 3), len(tp), (1,) * 3, tuple())
print(hash((1, "a")) == hash((1, "a")), (1, 2) == (1, 2), 2 in tp, min(tp), max(tp), sorted(tp))
try:
    tp.index(9)
except ValueError as e:
    print(e)
try:
    hash([1])
except TypeError as e:
    print(e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    {{1}}
except TypeError as e:
    print(e)
m = [[0] * 3 for _ in range(3)]
m[1][1] = 5
print(m, [row[1] for row in m], list(zip(*m)))
print(list(map(list, zip(*[[1, 2], [3, 4]]))))
counts = {}
for w in "the cat the dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
stack = []; stack.append(1); stack.append(2); print(stack.pop(), stack)
print(list(reversed(sorted({3: "c", 1: "a"}.items()))))
print([1, [2, [3, [4]]]], ((1, 2),), {1: {2: {3: 4}}})
x = [1, 2]; x.append(x); print(x)
dd = {}; dd["self"] = dd; print(dd)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), sorted([3.5, 1, 2.25]), [True, 0, 1.5] == [1, False, 1.5])
print(list(d.items())[0], type(d.keys()).__name__, d.keys() if False else "", list(iter(d))[:1])
