# Class creation and instantiation protocols: __new__ (a static method; __init__ runs only on an
# instance of the class), descriptors (__get__, __set__, __delete__, data before the instance
# dict, non-data after it), __set_name__ and __init_subclass__ (with the class's keywords).
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
a = Single(1)
b = Single(2)
print(a is b, a.v)

class Point:
    def __new__(cls, x, y):
        print("new", cls.__name__, x, y)
        self = object.__new__(cls)
        self.made_by_new = True
        return self
    def __init__(self, x, y):
        print("init", x, y)
        self.x, self.y = x, y
p = Point(1, y=2)
print(p.x, p.y, p.made_by_new)

class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())

class OnlyNew:
    def __new__(cls, n):
        inst = super().__new__(cls)
        inst.n = n
        return inst
print(OnlyNew(7).n)

class Err(Exception):
    def __new__(cls, *args):
        print("Err.__new__", args)
        return super().__new__(cls, *args)
try:
    raise Err("boom", 1)
except Err as e:
    print("caught", e.args)

try:
    object.__new__(Point, 1)
except TypeError as e:
    print("TypeError:", e)
class Plain:
    pass
try:
    Plain(1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError:", e)
print(type(object.__new__(Plain)).__name__)

class Typed:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 0) * 10
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be an int")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)

class Account:
    balance = Typed()
    owner = Typed()
acc = Account()
acc.balance = 4
print(acc.balance, acc._balance, isinstance(Account.balance, Typed))
acc.__dict__["balance"] = "shadow?"
print(acc.balance)
try:
    acc.owner = "x"
except TypeError as e:
    print("TypeError:", e)
del acc.balance
print(acc.balance, getattr(acc, "balance"), hasattr(acc, "owner"))
setattr(acc, "owner", 3)
print(acc.owner, vars(acc))

class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata:" + objtype.__name__
class UseN:
    n = NonData()
un = UseN()
print(un.n, UseN.n)
un.n = "instance wins"
print(un.n)

class ReadOnly:
    def __get__(self, obj, objtype=None):
        return "ro"
    def __delete__(self, obj):
        pass
class UseR:
    r = ReadOnly()
ur = UseR()
try:
    ur.r = 1
except AttributeError as e:
    print("AttributeError:", e)
print(ur.r)

class Base:
    registry = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        Base.registry.append((cls.__name__, tag))
class C1(Base, tag="one"):
    pass
class C2(C1):
    pass
print(Base.registry)
try:
    class Bad(Base, color="red"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(Plain, tag=1):
        pass
except TypeError as e:
    print("TypeError:", e)

# property with a deleter.
class Temp:
    def __init__(self):
        self._c = 20
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
tmp = Temp()
tmp.celsius = 25
print(tmp.celsius, Temp.celsius.fdel is not None, Temp.celsius.fset is not None)
del tmp.celsius
print(hasattr(tmp, "_c"))
try:
    tmp.celsius
except AttributeError as e:
    print("AttributeError:", e)

# __class_getitem__ (an implicit classmethod); a class without it is not subscriptable.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"
print(Box[int], list[int] is list or list[int] == list[int])
try:
    Plain[int]
except TypeError as e:
    print("TypeError:", e)
class SubBox(Box):
    pass
print(SubBox[str])
