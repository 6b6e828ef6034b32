# PEP 572: `:=` inside a comprehension or generator expression binds in the nearest enclosing
# scope that is not a comprehension (the module's globals at top level).


def in_function():
    data = [1, 2, 3, 4]
    ys = [y for x in data if (y := x * 2) > 2]
    print(ys, y)
    total = 0
    sums = [total := total + v for v in data]
    print(sums, total)

    def inner():
        return [(last := v) for v in "abc"], last

    print(inner())
    grid = [[(z := a * b) for a in range(2)] for b in range(3)]
    return grid, z


print(in_function())
squares = [(k := i) * k for i in range(5)]
print(squares, k)
gen = ((n := i * i) for i in range(3))
print(list(gen), n)
if any((hit := w) > 2 for w in [1, 5, 2]):
    print("first over 2:", hit)
print({(key := c): c.upper() for c in "xy"}, key)
print({(member := v % 3) for v in range(7)}, member)


def with_global():
    global counted
    [counted := j for j in range(4)]


with_global()
print("global:", counted)


def outer():
    cnt = 0

    def bump():
        nonlocal cnt
        [cnt := cnt + 1 for _ in range(3)]

    bump()
    return cnt


print("nonlocal:", outer())
funcs = [lambda: (q := 5) for _ in range(1)]
print(funcs[0](), "q" in globals())


def shadowed_iteration():
    x = "before"
    [x for x in range(3)]
    return x


print(shadowed_iteration())


class Holder:
    values = [v * 2 for v in range(3)]

    def method(self):
        return [(found := v) for v in self.values], found


print(Holder().method())
