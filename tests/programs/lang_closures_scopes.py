def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter(5)
inc(); inc(10)
print(get())
def make_multipliers():
    return [lambda x, n=n: x * n for n in range(1, 4)]
print([m(10) for m in make_multipliers()])
total = 0
def add(v):
    global total
    total += v
add(3); add(4)
print(total)
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "changed"
        inner()
    middle()
    return x
print(outer())
def read_global():
    return total * 2
print(read_global())
def shadow():
    total = 100
    return total
print(shadow(), total)
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    undefined_name
except NameError as e:
    print("NameError:", e)
def decorator(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("result", result)
        return result
    return wrapper
@decorator
def add2(a, b=0):
    return a + b
add2(1, b=2)
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"))
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def acc():
    items = []
    def add(v):
        items.append(v)
        return items
    return add
a = acc(); a(1); print(a(2))
def kwonly(a, *, b, c=3):
    return a, b, c
print(kwonly(1, b=2), kwonly(a=0, b=1, c=2))
def posonly(a, b, /, c):
    return a + b + c
print(posonly(1, 2, c=3))
def varargs(*args, sep="-"):
    return sep.join(str(a) for a in args)
print(varargs(1, 2, 3), varargs(sep="+"), varargs("x", sep=""))
def defaults(a, lst=[]):
    lst.append(a)
    return lst
print(defaults(1), defaults(2))
print((lambda *a, **k: (a, k))(1, x=2))
f = lambda x: x * 2
print(f.__name__, add2.__name__, fib.__name__, make_counter.__name__)
def doc():
    """Docstring here."""
    return 1
print(doc.__doc__)
x = 1
def scope_test():
    x = 2
    def inner():
        return x
    x = 3
    return inner()
print(scope_test())
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
print([Counter() and Counter.count for _ in range(3)][-1])
def rec(n):
    if n == 0:
        return []
    return rec(n - 1) + [n]
print(rec(5))
