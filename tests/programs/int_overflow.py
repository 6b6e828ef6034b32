# int is 64-bit in Interleave (docs/language.md): every result past the signed 64-bit range raises
# OverflowError with a message naming the limit; nothing wraps around. Results at the edges of
# the range are exact. (CPython's ints are unbounded: its output differs on the overflow lines.)
import math

M = 9223372036854775807
m = -M - 1

def show(label, f):
    try:
        print(label, "=", f())
    except OverflowError as e:
        print(label, "-> OverflowError", "(64 bits)" if "64 bits" in str(e) else repr(str(e)))
    except (ValueError, IndexError, MemoryError, ZeroDivisionError) as e:
        print(label, "->", type(e).__name__)

def aug_add():
    x = M
    x += 1
    return x

show("M + 1", lambda: M + 1)
show("m - 1", lambda: m - 1)
show("M * 2", lambda: M * 2)
show("m * -1", lambda: m * -1)
show("m // -1", lambda: m // -1)
show("m % -1", lambda: m % -1)
show("divmod(m, -1)", lambda: divmod(m, -1))
show("2 ** 63", lambda: 2 ** 63)
show("(-2) ** 63", lambda: (-2) ** 63)
show("3 ** 40", lambda: 3 ** 40)
show("pow(2, 63)", lambda: pow(2, 63))
show("1 << 63", lambda: 1 << 63)
show("1 << 62", lambda: 1 << 62)
show("-1 << 63", lambda: -1 << 63)
show("1 << 1000", lambda: 1 << 1000)
show("m >> 1000", lambda: m >> 1000)
show("-m", lambda: -m)
show("~m", lambda: ~m)
show("abs(m)", lambda: abs(m))
show("abs(m + 1)", lambda: abs(m + 1))
show("x += 1", aug_add)
show("sum([M, 1])", lambda: sum([M, 1]))
show("sum([m, -1])", lambda: sum([m, -1]))
show("sum([1], M)", lambda: sum([1], M))
show("int('9223372036854775807')", lambda: int("9223372036854775807"))
show("int('-9223372036854775808')", lambda: int("-9223372036854775808"))
show("int('9223372036854775808')", lambda: int("9223372036854775808"))
show("int('9' * 30)", lambda: int("9" * 30))
show("int('f' * 17, 16)", lambda: int("f" * 17, 16))
show("int(1e30)", lambda: int(1e30))
show("round(1e300)", lambda: round(1e300))
show("math.floor(-1e300)", lambda: math.floor(-1e300))
show("math.factorial(21)", lambda: math.factorial(21))
show("len(range(m, M))", lambda: len(range(m, M)))
show("range(0, M, 2)[-1]", lambda: range(0, M, 2)[-1])
show("[1, 2, 3][::m]", lambda: [1, 2, 3][::m])
show("list(enumerate('ab', M))", lambda: list(enumerate("ab", M)))
show("len([0] * M)", lambda: len([0] * M))
show("len('ab' * M)", lambda: len("ab" * M))
show("(1e300).is_integer()", lambda: (1e300).is_integer())
show("for past M", lambda: [i for i in range(M - 3, M, 2)])
show("range(m, M)[3]", lambda: range(m, M)[3])
