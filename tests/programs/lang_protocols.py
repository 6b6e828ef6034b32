# The protocols of user classes, compared with python3: __index__ (indexing, slicing, range, hex/bin/oct,
# sequence repetition, len, float), truth, containment, iteration, hashing in dicts and sets,
# ordering in sorted/min/max, calls, context managers that swallow, __format__, numeric dunders
# (__divmod__, in-place forms, math.floor/ceil/trunc), object.__ne__ from __eq__, __class__.

import math
class Idx:
    def __init__(self, n): self.n = n
    def __index__(self): return self.n
i2 = Idx(2)
lst = [10, 20, 30, 40, 50]
print(lst[i2], (1, 2, 3)[Idx(1)], "hello"[Idx(4)])
print(lst[Idx(1):Idx(4)], lst[::Idx(2)], "abcdef"[Idx(1):])
print(list(range(Idx(3))), list(range(Idx(1), Idx(7), Idx(2))))
print(hex(Idx(255)), bin(Idx(5)), oct(Idx(8)))
print([0] * Idx(3), Idx(2) * [1], "ab" * Idx(2), (1,) * Idx(2))
lst[Idx(0)] = 99
print(lst)
del lst[Idx(0)]
print(lst)

print(range(10)[Idx(3)], range(10)[Idx(2):Idx(5)])
try:
    lst[Idx("x")]
except TypeError as e:
    print("TypeError:", e)
class NoIdx: pass
try:
    lst[NoIdx()]
except TypeError as e:
    print("TypeError:", e)
try:
    hex(NoIdx())
except TypeError as e:
    print("TypeError:", e)
print(int(Idx(3)) if hasattr(Idx, "__int__") else "noint")
print(lst.pop(Idx(0)), lst.insert(Idx(0), 5), lst)
print(round(2.5), format(Idx(3), "") if False else "")

class Box:
    def __init__(self, items): self.items = items
    def __contains__(self, x): print("contains", x); return x in self.items
    def __len__(self): return len(self.items)
print(2 in Box([1, 2]), 5 not in Box([1]))
print(bool(Box([])), bool(Box([1])), "yes" if Box([]) else "no")
class B2:
    def __bool__(self): return False
    def __len__(self): return 5
print(bool(B2()), not B2(), len(B2()))
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class BadLen:
    def __len__(self): return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(It()), sum(It()), [x * 2 for x in It()], max(It()), sorted(It(), reverse=True))
a, b, c = It()
print(a, b, c, *It())
class GI:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
print(list(GI()), 10 in GI(), 5 in GI())
class Key:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, Key) and self.k == o.k
    def __hash__(self): return hash(self.k)
    def __repr__(self): return f"Key({self.k})"
d = {Key(1): "a"}
print(d[Key(1)], Key(1) in d, {Key(1), Key(1), Key(2)} == {Key(2), Key(1)}, len({Key(1), Key(1)}))
class Ord:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"O{self.v}"
print(sorted([Ord(3), Ord(1), Ord(2)]), min(Ord(3), Ord(1)), max([Ord(3), Ord(5)]))
print(Ord(1) > Ord(0))
class Call:
    def __call__(self, x, *, y=1): return x + y
print(Call()(1, y=5), callable(Call()), list(map(Call(), [1, 2])))
class Swallow:
    def __enter__(self): return "entered"
    def __exit__(self, *a): print("exit", a[0].__name__ if a[0] else None); return True
with Swallow() as s:
    print(s)
    raise ValueError("x")
print("after")
class Fmt:
    def __format__(self, spec): return f"<{spec}>"
print(f"{Fmt():>10}", format(Fmt(), "x"), "{:abc}".format(Fmt()))
class Num:
    def __init__(self, v): self.v = v
    def __int__(self): return self.v
    def __float__(self): return self.v + 0.5
    def __abs__(self): return "abs"
    def __neg__(self): return "neg"
    def __round__(self, n=None): return "round"
    def __str__(self): return "Num"
print(int(Num(3)), float(Num(3)), abs(Num(1)), -Num(1), round(Num(1)))
class Rev:
    def __reversed__(self): return iter([3, 2, 1])
print(list(reversed(Rev())))
class GSI:
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
g = GSI(); g["a"] = 1; print(g["a"]); del g["a"]; print(g.d)
class Sl:
    def __getitem__(self, k): return k
print(Sl()[1:2], Sl()[1, 2], Sl()[::2])
class Cmp:
    def __eq__(self, o): return "eq"
    def __ne__(self, o): return "ne"
print(Cmp() == 1, Cmp() != 1)
class Ctx:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, v, tb): print("exit", t); return False
try:
    with Ctx():
        raise KeyError("k")
except KeyError:
    print("propagated")
class H:
    __hash__ = None
try:
    hash(H())
except TypeError as e:
    print("TypeError:", e)
class Iadd:
    def __init__(self): self.v = []
    def __iadd__(self, o): self.v.append(o); return self
x = Iadd(); x += 1; x += 2; print(x.v)
class Pow:
    def __pow__(self, o): return "pow"
    def __rpow__(self, o): return "rpow"
    def __matmul__(self, o): return "matmul"
    def __floordiv__(self, o): return "fd"
    def __mod__(self, o): return "mod"
    def __divmod__(self, o): return "divmod"
    def __lshift__(self, o): return "lshift"
    def __and__(self, o): return "and"
    def __invert__(self): return "inv"
    def __pos__(self): return "pos"
print(Pow() ** 2, 2 ** Pow(), Pow() @ 1, Pow() // 1, Pow() % 1, divmod(Pow(), 1), Pow() << 1, Pow() & 1, ~Pow(), +Pow())
class Cl:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
print(Cl(1) in [Cl(0), Cl(1)], [Cl(1)].index(Cl(1)), [Cl(1), Cl(1)].count(Cl(1)))
class LenIdx:
    def __len__(self): return Idx(3)
try:
    print(len(LenIdx()))
except TypeError as e:
    print("TypeError:", e)
class Rep:
    def __repr__(self): return "R!"
print([Rep()], {1: Rep()}, (Rep(),), f"{Rep()!r}", str(Rep()))
class Bo:
    def __bool__(self): return False
print([1 for _ in [0] if Bo()], Bo() or "x", type(Bo() and "y").__name__, any([Bo()]), all([Bo()]))
while Bo():
    break
print(list(filter(None, [Bo(), 1])))
class Idx:
    def __init__(self, n): self.n = n
    def __index__(self): return self.n
class LenIdx:
    def __len__(self): return Idx(3)
print(len(LenIdx()))
print(float(Idx(2)), "abc".center(Idx(7), "*"), [1, 2, 3].pop(Idx(0)), round(1.2345, Idx(2)))
class DM:
    def __divmod__(self, o): return "divmod"
    def __rdivmod__(self, o): return "rdivmod"
print(divmod(DM(), 1), divmod(1, DM()))
class Fl:
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
    def __trunc__(self): return "trunc"
print(math.floor(Fl()), math.ceil(Fl()), math.trunc(Fl()))
class Ab:
    def __float__(self): return 1.5
print(math.floor(Ab()), math.sqrt(Ab()))
class BadStr:
    def __str__(self): return 1
    def __repr__(self): return 2
for f in (str, repr):
    try:
        f(BadStr())
    except TypeError as e:
        print("TypeError:", e)
class BadHash:
    def __hash__(self): return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
class Cont:
    def __contains__(self, x): return 5
print(1 in Cont(), 1 not in Cont())
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
try:
    for x in BadIter(): pass
except TypeError as e:
    print("TypeError:", e)
class A: pass
class B: pass
try:
    A() < B()
except TypeError as e:
    print("TypeError:", e)
a = A()
print(a == a, a == A(), a != a)
class LenBool:
    def __len__(self): return True
print(len(LenBool()))
class NoLen: pass
print(bool(NoLen()))
class Call:
    def __call__(self, *a, **k): return (a, k)
c = Call()
print(c(1, x=2), c(*[1, 2], **{"y": 3}))
class Rev:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i
print(list(reversed(Rev())), list(Rev()), 2 in Rev())
class Neg:
    def __neg__(self): return "neg"
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __abs__(self): return "abs"
print(-Neg(), +Neg(), ~Neg(), abs(Neg()))
class Eq:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return NotImplemented
print(Eq(1) == Eq(1), Eq(1) != 2)
class Ge:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __gt__(self, o): return self.v > o.v
    def __le__(self, o): return self.v <= o.v
    def __ge__(self, o): return self.v >= o.v
print(sorted([Ge(2), Ge(1)], key=lambda g: g)[0].v, max(Ge(1), Ge(3)).v, Ge(1) <= Ge(1))
class Bo:
    def __bool__(self): raise ValueError("nope")
try:
    if Bo(): pass
except ValueError as e:
    print("ValueError:", e)
class K:
    def hi(self): return "K"
class K2:
    def hi(self): return "K2"
k = K()
k.__class__ = K2
print(k.hi(), type(k).__name__, isinstance(k, K2))
try:
    k.__class__ = int
except TypeError as e:
    print("TypeError:", e)
class Iadd:
    def __init__(self): self.v = 0
    def __iadd__(self, o): self.v += o; return self
    def __isub__(self, o): self.v -= o; return self
    def __imul__(self, o): self.v *= o; return self
    def __ior__(self, o): return "ior"
    def __itruediv__(self, o): return "itd"
x = Iadd(); x += 5; x -= 1; x *= 3
print(x.v)
x |= 1; print(x)
y = Iadd(); y /= 2; print(y)
class StrFmt:
    def __format__(self, spec): return "F" + spec
print(f"{StrFmt():abc}", "%s" % "x", format(StrFmt()))
class Ctx:
    def __enter__(self): return self
    def __exit__(self, *a): return None
with Ctx() as c2: print(type(c2).__name__)
