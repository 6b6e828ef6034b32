# Core language: arithmetic, strings, containers, control flow, functions, closures.
x = 7
y = 2
print(x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x // y, -x % y)
print(7.5 // 2, 7.5 % 2, 2 ** -1, 10 / 4, 1e16, 1.5e-5, 0.1 + 0.2, 1/3)
print(x & 3, x | 8, x ^ 5, x << 3, x >> 1, ~x)
print(True + True, 3 == 3.0, 1 < 2 < 3, 3 > 2 > 5, 'abc' < 'abd')
s = "Hello, World"
print(s.lower(), s.upper(), s[0], s[-1], s[2:5], s[::-1], len(s), s.split(", "))
print(f"{x} + {y} = {x + y:>5}|{3.14159:.2f}|{'ok'!r}|{x:04d}|{255:x}|{1234567:,}")
print("%s has %d items costing %.2f" % ("cart", 3, 9.5), "%5s|%-5s|" % ("a", "b"))
lst = [3, 1, 2]
lst.append(5)
lst.extend([9, 0])
lst.sort()
print(lst, lst[1:3], lst[-2:], sorted(lst, reverse=True), max(lst), min(lst), sum(lst))
d = {"a": 1, "b": 2}
d["c"] = 3
del d["a"]
print(d, list(d.keys()), list(d.values()), list(d.items()), d.get("z", 0), "b" in d)
st = {3, 1, 2}
st.add(4)
print(sorted(st), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, len(st))
t = (1, "two", 3.0, None, True)
print(t, t[1], len(t), (1,), ())
a, *rest = [1, 2, 3, 4]
b, c = c, b = 5, 6
print(a, rest, b, c)
for i, v in enumerate("abc", 1):
    print(i, v, end=" ")
print()
print(list(zip([1, 2, 3], "ab")), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print([i * i for i in range(5) if i % 2 == 0], {k: v for k, v in zip("ab", [1, 2])},
      {i % 3 for i in range(10)}, sum(i for i in range(101)))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = counter()
c1(); c1()
print(c1())
def kw(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(kw(1, c=3), kw(1, 2, 3, 4, c=5, e=6))
print((lambda q: q * 2)(21))
i = 0
while True:
    i += 1
    if i == 3:
        continue
    if i > 5:
        break
else:
    print("not reached")
for n in range(3):
    pass
else:
    print("for-else ran", n)
print(abs(-3), round(2.5), round(3.5), round(2.675, 2), divmod(17, 5), pow(2, 10), pow(2, 10, 1000))
print(int("42"), int("ff", 16), float("1.5"), str(12), bool(""), bool([0]), chr(65), ord("a"))
print(isinstance(3, int), isinstance(True, int), issubclass(bool, int), type(3.0).__name__)
print(any([0, 0, 1]), all([1, 2, 0]), list(reversed([1, 2, 3])), hash(1) == hash(1.0))
print(repr("it's"), repr('say "hi"'), str(None), [1, [2, [3]]], {'k': [1, (2,)]})
g = (v * 2 for v in range(3))
print(next(g), list(g))
def gen():
    yield 1
    yield 2
    return
print(list(gen()), [x for x in gen()])
print("a,b,,c".split(","), " x ".strip(), "-".join(["a", "b"]), "abc".replace("b", "B"))
print("{} and {name}".format(1, name="two"), "x".center(5, "*"), "7".zfill(3))
print(1_000_000, 0x1F, 0o17, 0b101, 10 ** 18)
matrix = [[1, 2], [3, 4]]
print([row[1] for row in matrix], [[r[i] for r in matrix] for i in range(2)])
