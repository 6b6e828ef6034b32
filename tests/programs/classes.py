# Classes: inheritance, super(), properties, class attributes, dunder methods, exceptions.
class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"Animal({self.name!r})"

    def __str__(self):
        return "an animal called " + self.name


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, tricks=None):
        super().__init__(name)
        self.tricks = tricks or []

    def speak(self):
        return super().speak() + " (woof)"

    @property
    def n_tricks(self):
        return len(self.tricks)

    @staticmethod
    def species():
        return "Canis familiaris"

    @classmethod
    def make(cls, name):
        return cls(name, ["sit"])


a = Animal("generic")
d = Dog.make("rex")
print(a, repr(a), [a], d.speak(), d.kind, Animal.kind, d.n_tricks, Dog.species(), Animal.count)
print(isinstance(d, Animal), type(d).__name__, Dog.__mro__[1].__name__, d.__class__ is Dog)


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)


v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), v != Vec(0, 0), len(v), v[0], list(v), {v: "ok"}[Vec(4, 6)])
print(sorted([Vec(3, 1), Vec(1, 2)]), max(Vec(1, 1), Vec(2, 0)))


class MyError(Exception):
    def __init__(self, code):
        super().__init__(f"failed with {code}")
        self.code = code


try:
    raise MyError(42)
except MyError as e:
    print("caught", e, e.code, e.args, repr(e))

try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e, repr(e))
except Exception:
    print("wrong")

try:
    try:
        1 / 0
    finally:
        print("finally runs")
except ZeroDivisionError as e:
    print("then caught:", e)


def f():
    try:
        return "from try"
    finally:
        print("finally before return")


print(f())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("cleanup", i)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return True


with Ctx() as c:
    raise ValueError("swallowed")
print("after with", type(c).__name__)
try:
    raise RuntimeError("outer") from ValueError("inner")
except RuntimeError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b")
except TypeError as e:
    print(repr(e.__context__))
print(getattr(d, "name"), hasattr(d, "nope"), getattr(d, "nope", "default"))
setattr(d, "age", 3)
print(d.age, vars(a))
assert True, "fine"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("assert:", e)
