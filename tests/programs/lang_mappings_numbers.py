# User mappings (keys() and __getitem__) in dict(), update, {**m} and f(**m) with CPython's errors;
# three-argument pow, __round__, __int__'s result checked, exception subclasses' __str__/__repr__,
# slice assignment through __setitem__, iteration protocols in the consuming built-ins.
class M:
    def keys(self): return ["x", "y"]
    def __getitem__(self, k): return k * 2
print(dict(M()), {**M()})
d = {}; d.update(M()); print(d)
class P:
    def __pow__(self, o, m=None): return ("pow", o, m)
print(pow(P(), 2), pow(P(), 2, 5))
class R:
    def __round__(self, n=None): return ("round", n)
print(round(R()), round(R(), 2))
class BadInt:
    def __int__(self): return "x"
try: int(BadInt())
except TypeError as e: print("TypeError:", e)
class E(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
    def __str__(self): return f"E[{self.code}]"
try: raise E(5)
except E as e: print(e, repr(e), e.args, e.code)
class E2(Exception):
    def __repr__(self): return "E2!"
print(repr(E2("x")), str(E2("x")))
class Seq:
    def __init__(self): self.d = [1,2,3,4]
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __len__(self): return len(self.d)
s = Seq(); s[1:3] = [9]; print(s.d, s[::-1], s[-1])
a, *b = Seq(); print(a, b)
print(sorted(Seq(), reverse=True), sum(Seq()), min(Seq()), list(enumerate(Seq())), list(zip(Seq(), "ab")))
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2: raise StopIteration
        return self.n
i = It(); print(next(i), next(i), next(i, None))
print(dict.fromkeys(It()), set(It()), tuple(It()), "-".join(map(str, It())))
class M:
    def keys(self): return ["a"]
    def __getitem__(self, k): return 1
def f(**kw): return kw
print(f(**M()), f(b=2, **M()))
try:
    f(a=1, **M())
except TypeError as e:
    print("TypeError:", e)
try:
    f(**5)
except TypeError as e:
    print("TypeError:", e)
try:
    {**5}
except TypeError as e:
    print("TypeError:", e)
class BadKeys:
    def keys(self): raise KeyError("k")
try:
    dict(BadKeys())
except KeyError as e:
    print("KeyError:", e)
