# A class's own __setattr__, __delattr__ and __getattribute__ run for every assignment, deletion
# and read (object.__X__ and super().__X__ inside them); __getattr__ only when the normal lookup
# fails, an AttributeError from a property or __getattribute__ included.
class Logged:
    def __init__(self):
        self.a = 1
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)

o = Logged()
o.b = 2
print(o.a, o.b, vars(o))
del o.a
print(vars(o))
setattr(o, "c", 3)
delattr(o, "c")
print(vars(o))

class Frozen:
    def __init__(self, x):
        super().__setattr__("x", x)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}: frozen")
    def __delattr__(self, name):
        raise AttributeError("frozen")
f = Frozen(5)
print(f.x)
try:
    f.x = 6
except AttributeError as e:
    print("AttributeError:", e)
try:
    del f.x
except AttributeError as e:
    print("AttributeError:", e)
print(f.x)

class Sub(Logged):
    pass
s = Sub()
s.z = 9
print(s.z)

class Counting:
    def __init__(self):
        self.reads = 0
    def __getattribute__(self, name):
        if name != "reads":
            object.__setattr__(self, "reads", object.__getattribute__(self, "reads") + 1)
        return object.__getattribute__(self, name)
    def hello(self):
        return "hi"
c = Counting()
c.x = 1
print(c.x, c.hello(), c.reads)
print(getattr(c, "x"), hasattr(c, "nope"), c.reads)

class Fallback:
    y = 10
    def __getattr__(self, name):
        return "fallback:" + name
    @property
    def broken(self):
        raise AttributeError("inner")
fb = Fallback()
fb.x = 1
print(fb.x, fb.y, fb.zz, fb.broken)

class GA:
    def __getattribute__(self, name):
        if name.startswith("secret"):
            raise AttributeError(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "ga:" + name
g = GA()
g.v = 3
print(g.v, g.secret_x)

class NoFallback:
    def __getattr__(self, name):
        raise AttributeError(f"custom {name}")
try:
    NoFallback().q
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(NoFallback(), "q"), getattr(NoFallback(), "q", "dflt"))

class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattr__(self, name):
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        setattr(self._target, name, value)
class T: pass
t = T()
p = Proxy(t)
p.k = 5
print(t.k, p.k, "k" in vars(p))

class Slotted:
    def __setattr__(self, name, value):
        if name not in ("a", "b"):
            raise AttributeError(name)
        self.__dict__[name] = value
sl = Slotted()
sl.a = 1
try:
    sl.c = 2
except AttributeError as e:
    print("AttributeError:", e)
print(sl.__dict__)

class Dyn: pass
d = Dyn()
d.a = 1
def hook(self, name, value):
    print("hooked", name)
    object.__setattr__(self, name, value * 2)
Dyn.__setattr__ = hook
d.b = 5
print(d.b)
del Dyn.__setattr__
d.c = 5
print(d.c)

class E(Exception):
    def __setattr__(self, name, value):
        print("E set", name)
        super().__setattr__(name, value)
e = E("m")
e.note = 1
print(e.note)
print(object.__getattribute__(d, "a"))
try:
    object.__getattribute__(d, "zz")
except AttributeError as e:
    print("AttributeError:", e)

class AugA:
    def __init__(self): object.__setattr__(self, "n", 0)
    def __setattr__(self, name, value):
        print("aug set", name, value)
        object.__setattr__(self, name, value)
aa = AugA()
aa.n += 5
print(aa.n)

# A hook added to a class after instances were read and written through the inline caches.
class Late:
    pass
late = Late()
for i in range(3):
    late.v = i
    print(late.v)
def late_get(self, name):
    return "late:" + name
Late.__getattribute__ = late_get
for i in range(2):
    print(late.v, late.other)
del Late.__getattribute__
print(late.v)

# __getattribute__ also sees method lookups and __dict__.
class Traced:
    def __getattribute__(self, name):
        print("get", name)
        return super().__getattribute__(name)
    def run(self):
        return "ran"
tr = Traced()
print(tr.run())
print(tr.__dict__)
print(type(tr).__name__)

# Errors: a hook that raises something else; bad names.
class Raising:
    def __getattribute__(self, name):
        raise KeyError(name)
    def __getattr__(self, name):
        return "never"
try:
    Raising().x
except KeyError as e:
    print("KeyError:", e)
try:
    object.__setattr__(late, 1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__setattr__(Late, "x", 2)
except TypeError as e:
    print("TypeError:", e)
class Prop:
    @property
    def p(self):
        return 1
try:
    del Prop().p
except AttributeError as e:
    print("AttributeError:", e)
