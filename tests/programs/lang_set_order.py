# Set iteration order, repr and pop() as CPython 3.11 lays its set table out (ints, floats,
# bools and tuples hash deterministically): displays, comprehensions, growth, dummies left by
# removals, the operators and methods, in-place updates.
print({3, 1, 2})
print({10, 2, 33, 8})
s = set()
for v in [5, 13, 21, 29, 37, 45, 53, 8, 16]:
    s.add(v)
print(s)
print({x * 7 for x in range(12)})
a = {1, 2, 3, 17, 33, 100}
b = {3, 4, 17, 64, 1000}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [9, 25]), a.intersection(b), a.difference(b), a.symmetric_difference(b))
c = set(range(20, 0, -3))
print(c)
pops = []
while c:
    pops.append(c.pop())
print(pops)
d = {100, 200, 300, 400, 500, 600, 700}
d.discard(300)
d.add(1100)
print(d, d.pop(), d.pop(), d)
e = set([(1, 2), (3, 4), (0, 0), (2, 1)])
print(e)
f = {1.5, 2.0, 0.25, -1.0, True, False}
print(f)
g = {1, 2, 3}
g |= {40, 50}
g &= {1, 40, 50, 99}
g -= {40}
g ^= {7, 50}
print(g)
h = set("ab")
print(len(h), sorted(h))
big = set(range(0, 200, 7))
print(big)
big.difference_update(range(0, 150, 7))
print(big)
u = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 33, 65}
print(u, {-1, -2, -3, 2**40, -2**40, 2**61, 2**62})
print(sorted(frozenset([3, 1, 2])), set({9: 1, 1: 2, 17: 3}))
r = {1, 9, 17, 25, 33}
r.remove(9)
r.discard(17)
r.add(41)
r.add(9)
print(r, r.pop(), r.pop(), r)
print({*[5, 21, 37], *(1, 2), *{53: 0}})
print(list({i * 31 % 64 for i in range(40)}))
m = set()
m.update({8: "a", 24: "b", 40: "c"}, [56, 72], range(3))
print(m)
m.symmetric_difference_update([8, 100, 1])
print(m)
m.intersection_update({24, 40, 100, 0, 7})
print(m)
print({3, 1, 2} == {1, 2, 3}, {1, 2} < {1, 2, 3}, {1, 2}.isdisjoint([3, 4]))
print(set(range(100, 0, -9)) - {1})
print(set(range(64, 0, -1)) - {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
print(str({70, 6, 134}), repr({(1, 2), (2, 1)}))
print({1.0, 1, True}, {0, 0.0, False, -0.0})
print("a" in {"a": 1}, 3 in {1: 2}.keys(), 5 in {5, 6}, 7 in {5, 6}, (1, 2) in {(1, 2)})
