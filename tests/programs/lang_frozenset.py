# frozenset: the set table without the mutating methods; its repr, hash (CPython's), use as a dict
# key and set member, operators keeping the left operand's type, |= rebinding instead of mutating.
f = frozenset([3, 1, 2, 17])
print(f, frozenset(), type(f).__name__, len(f), 3 in f)
print(hash(frozenset([1, 2, 3])), hash(frozenset()), hash(frozenset([(1, 2), 5.5])))
print(f | {40}, {40} | f, f & {1, 17}, f - {1}, f ^ {1, 99})
print(f.union([5]), f.intersection({1, 2}), f.difference([3]), f.symmetric_difference({2}))
print(f == {1, 2, 3, 17}, {frozenset([1]): "a"}, {frozenset([1, 2]), frozenset([2, 1])})
g = f
g |= {8}
print(f, g, f is g)
print(isinstance(f, frozenset), isinstance(f, set), isinstance(set(), frozenset))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError:", e)
print(f.issubset({1, 2, 3, 17, 20}), f.isdisjoint({99}), f.copy())
