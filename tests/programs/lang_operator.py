# The operator module (written in Python, as CPython's Lib/operator.py): index() with __index__,
# itemgetter/attrgetter/methodcaller as sort keys and their reprs, the operators as functions.
import operator
from operator import itemgetter, attrgetter, methodcaller
class Idx:
    def __index__(self): return 7
print(operator.index(Idx()), operator.index(3))
try:
    operator.index(2.5)
except TypeError as e:
    print("TypeError:", e)
pairs = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(pairs, key=itemgetter(1)), max(pairs, key=itemgetter(0)), itemgetter(1, 0)(pairs[0]))
class P:
    def __init__(self, n, a): self.name, self.age = n, a
    def greet(self, g, punct="!"): return g + " " + self.name + punct
ps = [P("x", 3), P("y", 1)]
print([p.name for p in sorted(ps, key=attrgetter("age"))], attrgetter("name", "age")(ps[0]))
print(methodcaller("greet", "hi", punct="?")(ps[0]))
print(itemgetter(1), attrgetter("a", "b"), methodcaller("f", 1, k=2))
print(operator.add(1, 2), operator.mul("a", 3), operator.neg(5), operator.not_(0), operator.truth([]))
print(operator.contains([1, 2], 2), operator.countOf([1, 1, 2], 1), operator.indexOf("abc", "c"))
print(operator.lt(1, 2), operator.eq("a", "a"), operator.abs(-3), operator.pow(2, 10))
l = [1]; print(operator.iadd(l, [2]), l)
d = {}; operator.setitem(d, "k", 1); print(operator.getitem(d, "k")); operator.delitem(d, "k"); print(d)
print(operator.floordiv(7, 2), operator.truediv(7, 2), operator.mod(7, 2), operator.xor(5, 3), operator.or_(4, 1), operator.and_(6, 3))
print(operator.is_(None, None), operator.is_not(1, None), operator.length_hint([1, 2, 3]))
