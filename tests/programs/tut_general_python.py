# General Python that concurrency programs lean on.
import threading

data = [("bob", 31, 2.5), ("alice", 27, 3.75), ("carol", 35, 1.0)]
for i, (name, age, score) in enumerate(sorted(data, key=lambda r: r[1]), start=1):
    print(f"{i:02d}. {name.title():<8}|{age:>4}|{score:7.2f}|{score:+.1e}|{age:#x}|{age:b}")
print(sorted(data, key=lambda r: (-r[2], r[0]))[0][0])
print(list(zip("abc", range(3), [True, False, None])))
print(dict(zip(["x", "y"], [1, 2])), list(map(str.upper, ["a", "b"])))
print(" | ".join(f"{k}={v!r}" for k, v in {"a": 1, "b": "two"}.items()))

def gen_squares(n):
    for i in range(n):
        yield i * i
g = gen_squares(5)
print(next(g), next(g), list(g))
print(sum(x for x in range(10) if x % 3 == 0), max(range(5), key=lambda v: -v))

class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError

with Resource("r1") as r:
    print("using", r.name)
with Resource("r2"):
    raise KeyError("swallowed")
try:
    with Resource("r3"):
        raise ValueError("passes")
except ValueError as e:
    print("caught", e)

def f():
    try:
        return "from try"
    finally:
        print("finally runs")
print(f())
s = "  Hello, World  "
print(repr(s.strip()), s.lower().split(","), s.strip().replace("World", "There"))
print("a,b,,c".split(","), "x".join("123"), "abc".center(9, "*"), "42".zfill(5))
print("Hello".startswith(("He", "x")), "test.py".endswith(".py"), "abc".find("c"), "abc".index("b"))
print("%s has %d items costing %.2f" % ("cart", 3, 9.5), "{:>6}|{:<6}|{:^6}".format("a", "b", "c"))
print("{0}{1}{0}".format("ab", "-"), "{name} is {age}".format(name="X", age=3))
print(f"{'nested':>{10}}", f"{3.14159:.{2}f}", f"{1234567:_}", f"{0.25:%}", f"{42!r:>5}")
print([w.capitalize() for w in "one two".split()], "CamelCase".swapcase(), "ab12".isalnum(), "12".isdigit())
print(divmod(17, 5), round(2.675, 2), round(7.5), abs(-3), pow(2, 10), 7 // 2, -7 // 2, -7 % 3)
nums = [5, 3, 8, 1]
nums.sort(reverse=True)
print(nums, sorted("banana"), list(reversed(nums)), nums.index(8), nums.count(3))
print({k: v for k, v in zip("ab", [1, 2])}, {x % 3 for x in range(10)}, [[0] * 2 for _ in range(2)])
a, *rest = [1, 2, 3, 4]
print(a, rest, *rest, sep="-")
print(isinstance(threading.Lock(), type(threading.Lock())), type(3).__name__, type("s") is str)
