a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[::3], a[::-1], a[8:2:-2], a[-1:-4:-1], a[100:], a[-100:2])
print(a[slice(1, 4)], a[slice(None, None, -3)])
b = a[:]
b[2:5] = ["x", "y"]
print(b)
b[::2] = [0] * len(b[::2])
print(b)
del b[1:3]
print(b)
del b[::2]
print(b)
c = [1, 2, 3]
c[1:1] = [9, 9]
print(c)
c[:] = []
print(c)
t = tuple(range(6))
print(t[1:4], t[::-2], "hello"[1:-1])
x, y = 1, 2
x, y = y, x
print(x, y)
(a1, b1), c1 = (1, 2), 3
print(a1, b1, c1)
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
h, *t2 = [1]
print(h, t2)
[p, q] = "pq"
print(p, q)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
for a2, *rest in [(1, 2, 3), (4, 5)]:
    print(a2, rest)
print([*range(3), *"ab"], (*[1, 2], 3), {*"aa", "b"} == {"a", "b"}, {**{"a": 1}, "b": 2, **{"a": 3}})
def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], 3, *(4,), k=1, **{"z": 2}))
try:
    m, n = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    m, *n, o = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    m, n = 5
except TypeError as e:
    print("TypeError:", e)
i = j = k = 0
i += 1
print(i, j, k)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
s = "abc"
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    print(a[20])
except IndexError as e:
    print("IndexError:", e)
try:
    print((1, 2)[5])
except IndexError as e:
    print("IndexError:", e)
try:
    print("ab"[5])
except IndexError as e:
    print("IndexError:", e)
