# Private name mangling: inside a class body and the functions in it, `__x` (not `__x__`) is
# `_Class__x` for names and attributes alike, the class name without its leading underscores.
class Account:
    __count = 0
    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
    def owner(self):
        return self.__owner
    @classmethod
    def count(cls):
        return cls.__count
    def helper(self):
        def inner():
            return self.__owner + "!"
        return inner()
    def __repr__(self):
        return "Account(" + self.__owner + ")"
    def __private(self):
        return "private"
    def call_private(self):
        return self.__private()
a = Account("ann")
print(a.owner(), Account.count(), a.helper(), a, a.call_private())
print(sorted(k for k in vars(a)))
print(a._Account__owner)
print(hasattr(a, "__owner"))
class _Under:
    def __init__(self):
        self.__x = 1
print(vars(_Under()))
class __Both__:
    def __init__(self):
        self.__y = 2
print(vars(__Both__()))
class Sub(Account):
    def peek(self):
        try:
            return self.__owner
        except AttributeError as e:
            return "AttributeError: " + str(e)
print(Sub("bo").peek())
class K:
    __slots_like = [1]
    def m(self):
        __local = 5
        return __local, [__v for __v in range(2)], getattr(self, "_K__slots_like")
print(K().m())
print([n for n in vars(K) if "slots" in n])
def outside():
    __name_outside = 1
    return __name_outside
print(outside())
class G:
    def __init__(self):
        self.__dunder__ = 3
        self._single = 4
        self.__ = 5
print(sorted(vars(G())))


class Outer:
    class __Inner:
        def __init__(self):
            self.__deep = "deep"

    def make(self):
        return self.__Inner()


inner = Outer().make()
print(type(inner).__name__, type(inner).__qualname__, vars(inner))
print(Account.__dict__["_Account__private"].__name__, Account._Account__private.__qualname__)


class Kw:
    def f(self, __arg):
        return __arg

    def g(self, **kw):
        return kw


print(Kw().f(1), Kw().g(__raw=2))


class ___:
    def __init__(self):
        self.__kept = 1


print(vars(___()))
