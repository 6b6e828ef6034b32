# dir() of a scope, a class, an instance, a module and a class with __dir__; locals() in a function
# (a snapshot with cells and free variables); a class's __name__/__qualname__ assigned.
import math
import threading


class Base:
    """A base."""
    shared = 1

    def method(self):
        return self


class Child(Base):
    def __init__(self):
        self.own = 2

    def extra(self):
        pass


c = Child()
c.later = 3
print([n for n in dir(Child) if not n.startswith("__")])
print([n for n in dir(c) if not n.startswith("__")])
# Only names getattr() finds (Interleave's objects lack some of CPython's dunders: docs/language.md).
print(all(hasattr(c, n) for n in dir(c)), all(hasattr(Child, n) for n in dir(Child)))
print([n for n in ("__class__", "__dict__", "__doc__", "__init__", "__module__", "__repr__") if n in dir(c)])
print(dir(object()) == dir(object), "__class__" in dir(c), "__qualname__" in dir(Child))
print([n for n in dir(math) if n.startswith("s")])
print([n for n in dir(threading) if n.startswith("B")])
print("append" in dir([]), "items" in dir({}), "join" in dir(""), "acquire" in dir(threading.Lock()))


def scope(p, q=2, *rest, **opts):
    r = p + q
    print(dir())
    def inner():
        return r
    snapshot = locals()
    print(sorted(snapshot), snapshot["r"])
    snapshot["r"] = 99
    print(r, inner())


scope(1, 2, 3, k=4)


def closure():
    x = 10
    def use():
        y = x + 1
        return locals()
    return use()


print(closure())


class Listed:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]


print(dir(Listed()))
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)


class Err(Exception):
    pass


print([n for n in dir(Err("x")) if not n.startswith("__") and n != "add_note"])


def make():
    class Local:
        pass
    Local.__name__ = Local.__qualname__ = "Renamed"
    return Local


R = make()
print(R.__name__, R.__qualname__, R, repr(R()).startswith("<__main__.Renamed object at 0x"))
try:
    R.__name__ = 5
except TypeError as e:
    print("TypeError:", e)
print(type(threading.local()).__name__, type(threading.local()).__module__)
