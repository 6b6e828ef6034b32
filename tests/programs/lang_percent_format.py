# printf-style % formatting: flags, '*' width and precision, mapping keys, every conversion and
# CPython's errors, compared case by case.
class Idx:
    def __index__(self):
        return 7

class Flt:
    def __float__(self):
        return 2.5

class R:
    def __repr__(self):
        return "R()"
    def __str__(self):
        return "str-of-R"

cases = [
    ("%d", 42), ("%5d|%-5d|%05d", (1, 2, 3)), ("%+d % d", (5, 5)), ("%x %X %o %#x %#o", (255, 255, 8, 255, 8)),
    ("%*d|%-*d|%.*f|%*.*f", (6, 1, 6, 2, 2, 3.14159, 8, 3, 2.5)), ("%*d", (-6, 7)), ("%.*f", (-2, 1.5)),
    ("%s %r %a", ("é", "é", 1)), ("%10s|%-10s|%.2s", ("abc", "abc", "abc")), ("%c%c", (65, "z")),
    ("%e %E %g %G %f %F", (12345.678, 0.000123, 1e20, 1e-7, 2.5, -0.0)), ("%.0f %.1e %#g %#.3g", (2.5, 1234.5, 1.0, 2.0)),
    ("%(a)s-%(b)05.1f-%(a)r", {"a": "x", "b": 2.25}), ("%(missing)s", {"a": 1}), ("%(a)s", (1,)),
    ("%d", "str"), ("%x", 2.5), ("%d", 2.9), ("%d", -2.9), ("%i %u", (True, False)), ("%d", Idx()), ("%x", Idx()),
    ("%f", Flt()), ("%f", "x"), ("%c", "ab"), ("%c", 1114112), ("%s %s", (1,)), ("%s", (1, 2)), ("abc", 5),
    ("abc", {}), ("abc", []), ("%s", [1, 2]), ("%s", R()), ("%r", R()), ("%z", 1), ("%", ()), ("%(a", {"a": 1}),
    ("%*d", ("x", 1)), ("%5%|%%", ()), ("%s", ()), ("%.3s|%5.1s|", ("abcdef", "xyz")), ("%-+08.2f|", 3.14159),
    ("%#X %#o %x", (0, 0, -255)), ("%3c|%-3c|", (66, 67)), ("%(x)d %%", {"x": 4}), ("%s", None), ("%d%%", 50),
]
for fmt, args in cases:
    try:
        print(repr(fmt), "->", repr(fmt % args))
    except Exception as e:
        print(repr(fmt), "!!", type(e).__name__, e)
class M:
    def __getitem__(self, k):
        return k
print(repr("x" % M()), repr("%(a)s" % {"a": 1}))
