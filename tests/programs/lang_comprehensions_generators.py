print([x * y for x in range(1, 4) for y in range(x, 4) if (x + y) % 2 == 0])
print({x: x ** 2 for x in range(5)}, {c.upper() for c in "hello"} == set("HELO"))
print([[i * j for j in range(3)] for i in range(3)])
print(sum(x for x in range(10) if x % 3 == 0), max(len(w) for w in ["a", "bbb", "cc"]))
print(list(x for x in "ab"), tuple(i for i in range(3)), sorted(i % 4 for i in range(8)))
x = 10
print([x for x in range(3)], x)
def gen(n):
    print("start")
    for i in range(n):
        yield i * 10
    print("done")
    return "ret"
g = gen(3)
print(type(g).__name__)
for v in g:
    print("got", v)
g = gen(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(e.value))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
print(list(take(5, fib())))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
def counter():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
c = counter()
print(next(c), c.send(5), c.send(10))
c.close()
ge = (i * i for i in range(4))
print(next(ge), list(ge), list(ge))
def squares():
    yield from (i * i for i in range(3))
print(list(squares()))
pipeline = (s.strip() for s in ["  a ", "b  ", " c"])
upper = (s.upper() for s in pipeline)
print(list(upper))
def gen_exc():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in gen_exc():
    print(v)
print("after loop")
print(list(zip(range(3), gen(2))))
it = iter([1, 2, 3])
for v in it:
    print(v, list(it))
print(all(v > 0 for v in [1, 2]), any(v > 5 for v in [1, 2]))
nested = [[1, 2], [3], []]
print([v for sub in nested for v in sub])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print({k: [v for v in range(k)] for k in range(3)})
print([(lambda y: y + 1)(v) for v in range(3)])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
print(sorted({v % 3: v for v in range(10)}.items()))
