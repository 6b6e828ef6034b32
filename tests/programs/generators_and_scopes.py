# Generators, closures over loop variables, global/nonlocal, class bodies, comprehensions' scope.
def countdown(n):
    while n > 0:
        yield n
        n -= 1

print(list(countdown(3)), sum(countdown(4)), max(countdown(5)))

def pairs(seq):
    it = iter(seq)
    for a in it:
        yield a, next(it, None)

print(list(pairs([1, 2, 3, 4, 5])))
fs = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fs])
total = 0

def add(n):
    global total
    total += n

for k in range(4):
    add(k)
print(total)

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()

print(outer())

class Config:
    defaults = {"a": 1}
    keys = [k.upper() for k in defaults]

print(Config.keys)
gen = (x * x for x in range(4))
print(type(gen).__name__, list(gen), list(gen))

def with_yield_from():
    yield from range(3)
    yield "end"

print(list(with_yield_from()))
d = dict(a=1, b=2)
print(d, dict([("x", 1)]), dict(zip("ab", range(2))))
print(sorted({"b": 2, "a": 1}.items(), key=lambda kv: kv[1], reverse=True))
print(list(range(10, 0, -3)), range(5)[1:3], len(range(0, 10, 3)), 5 in range(10))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print([*range(3), *"ab"], {**{"a": 1}, "b": 2}, (*[1, 2],))
first, *middle, last = "hello"
print(first, middle, last)
