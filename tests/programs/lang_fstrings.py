x, y, name, pi = 42, -7, "Ada", 3.14159265
print(f"{x}|{x:5}|{x:<5}|{x:^5}|{x:>5}|{x:05}|{x:+}|{y:+}|{x: }|{x:x}|{x:X}|{x:o}|{x:b}|{x:#x}|{x:#o}|{x:#b}")
print(f"{pi:.2f}|{pi:10.3f}|{pi:<10.1f}|{pi:e}|{pi:.3E}|{pi:g}|{1e20:g}|{1e-5:g}|{pi:%}|{0.5:.0%}|{pi:.0f}")
print(f"{name!r}|{name!s}|{name:*^9}|{name:>8}|{name:.2}|{name!r:>8}")
print(f"{1234567.891:,.2f}|{1234567:,}|{1234567:_}|{-1234.5:,.1f}|{0xdeadbeef:_x}")
w, p = 10, 3
print(f"{pi:{w}.{p}f}|{name:{'>'}{w}}|{x!r:^{w}}")
print(f"{'nested'}", f"{{literal}}", f"{x * 2 + 1}", f"{[1, 2][0]}", f"{ {'a': 1}['a'] }")
print(f"{x=}", f"{pi=:.2f}", f"{name = }")
d = {"k": "v"}
print(f"{d['k']}", f"{len(d)}", f"{'yes' if x > 0 else 'no'}")
print(f"{True}|{None}|{[1, 'a']}|{(1,)}|{3.0}|{1e100}|{-0.0}")
print(f"{12:3d}%", f"{0.000123:.2e}", f"{123456789:e}", f"{5:03d}", f"{-5:04d}", f"{5.5:08.2f}", f"{-5.5:=+8.2f}")
print(f"{'a':<3}|{'b':>3}|{'c':^3}|{'':5}|")
print(f"{3:.2f}", f"{3.999:.0f}", f"{2.5:.0f}", f"{0.125:.2f}", f"{1/3:.10f}")
print(f"{float('inf'):f}|{float('nan'):>5}|{-float('inf')}")
print(f"{True:d}", f"{True:>5}", f"{10:c}" if False else "")
class V:
    def __format__(self, spec):
        return "V(" + spec + ")"
    def __str__(self):
        return "str-V"
    def __repr__(self):
        return "repr-V"
v = V()
print(f"{v}|{v:abc}|{v!s}|{v!r}")
print("{:>10}".format(v), format(v, "q"))
print(f"multi {x} and {y} and {name}")
print(f'''triple {x}
line''')
