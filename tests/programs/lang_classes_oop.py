class Animal:
    species_count = 0
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.species_count += 1
    def speak(self):
        return f"{self.name} says {self.sound}"
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
    def __str__(self):
        return f"<{self.name}>"
class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []
    def add_trick(self, t):
        self.tricks.append(t)
        return self
    def speak(self):
        return super().speak() + "!"
class Puppy(Dog):
    def speak(self):
        return "tiny " + super(Puppy, self).speak()
d = Dog("Rex").add_trick("sit").add_trick("roll")
p = Puppy("Bit")
print(d.speak(), p.speak(), d.tricks, Animal.species_count, repr(d), str(p), [d, p])
print(isinstance(p, Animal), isinstance(d, Puppy), issubclass(Puppy, Animal), type(p).__name__, Puppy.__mro__ if False else "")
print(Puppy.__name__, Puppy.__bases__ if False else "", p.__class__.__name__, p.__dict__)
class Temperature:
    def __init__(self, celsius=0.0):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
t = Temperature(25)
t.celsius = 30
print(t.celsius, t.fahrenheit, Temperature.convert(100), Temperature.from_f(212).celsius, t.convert(0))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return Vector(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return Vector(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vector(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return Vector(-self.x, -self.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o): return isinstance(o, Vector) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __lt__(self, o): return abs(self) < abs(o)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __iter__(self): yield self.x; yield self.y
    def __bool__(self): return bool(self.x or self.y)
    def __repr__(self): return f"Vector({self.x}, {self.y})"
    def __contains__(self, v): return v in (self.x, self.y)
    def __call__(self, s): return Vector(self.x * s, self.y * s)
v, w = Vector(3, 4), Vector(1, 1)
print(v + w, v - w, v * 2, 3 * v, -v, abs(v), v == Vector(3, 4), v != w, v < w, len(v), v[0], list(v), bool(Vector(0, 0)))
print(sorted([v, w]), {v, Vector(3, 4)}, 4 in v, v(10), max([v, w]), v[-1], tuple(v))
x, y = v
print(x, y)
class Stack:
    def __init__(self): self._items = []
    def push(self, item): self._items.append(item)
    def pop(self): return self._items.pop()
    def __len__(self): return len(self._items)
    def __setitem__(self, i, v): self._items[i] = v
    def __delitem__(self, i): del self._items[i]
    def __getitem__(self, i): return self._items[i]
s = Stack(); s.push(1); s.push(2); s.push(3); s[0] = 10; del s[1]
print(len(s), s[0], s.pop(), bool(s), [i for i in s])
class Base:
    def template(self): return f"[{self.hook()}]"
    def hook(self): return "base"
class Derived(Base):
    def hook(self): return "derived"
print(Base().template(), Derived().template())
class Shape:
    def area(self): raise NotImplementedError("subclasses implement area")
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
for sh in [Square(3), Shape()]:
    try:
        print(sh.area())
    except NotImplementedError as e:
        print("NotImplementedError:", e)
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.__balance = balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("Deposit must be positive")
        self.__balance += amount
    @property
    def balance(self): return self.__balance
acc = Account("ann", 100); acc.deposit(50)
print(acc.balance, acc.interest, Account.interest)
acc.interest = 0.05
print(acc.interest, Account.interest)
class Point:
    def __init__(self, x, y): self.x = x; self.y = y
    def __eq__(self, other):
        if not isinstance(other, Point): return NotImplemented
        return self.x == other.x and self.y == other.y
print(Point(1, 2) == Point(1, 2), Point(1, 2) == 5, Point(1, 2) != Point(2, 1))
try:
    Point(1, 2) < Point(2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    hash(Point(1, 2))
except TypeError as e:
    print("TypeError:", e)
class Empty: pass
e = Empty(); e.attr = 5; print(e.attr, getattr(e, "attr"))
del e.attr
print(hasattr(e, "attr"))
try:
    e.missing
except AttributeError as ex:
    print("AttributeError:", ex)
try:
    Empty.missing
except AttributeError as ex:
    print("AttributeError:", ex)
try:
    Empty(1)
except TypeError as ex:
    print("TypeError:", ex)
try:
    Dog()
except TypeError as ex:
    print("TypeError:", ex)
print(repr(Empty())[:15], str(Empty)[:22])
class WithClassAttr:
    items = []
    def add(self, v): self.items.append(v)
a1, a2 = WithClassAttr(), WithClassAttr(); a1.add(1); a2.add(2); print(WithClassAttr.items)
class Meta:
    def __getattr__(self, name): return f"dyn_{name}"
print(Meta().foo, Meta().bar)
class Cmp:
    def __init__(self, v): self.v = v
    def __le__(self, o): return self.v <= o.v
    def __gt__(self, o): return self.v > o.v
print(Cmp(1) <= Cmp(2), Cmp(1) >= Cmp(2), Cmp(3) > Cmp(2), Cmp(3) < Cmp(2))
