# Generators as CPython runs them: close() raises GeneratorExit at the paused yield, throw() in
# its three forms, yield from forwarding send/throw/close and the return value, and a for loop
# over a generator nobody else holds closing it when the loop ends early.


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None)
        return False


def counted(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("counted finally")


def with_resource():
    with Resource("r1"):
        yield "a"
        yield "b"
    print("not reached after close")


print("-- close")
g = counted(5)
print(next(g), next(g))
print(g.close())
print(next(g, "exhausted"))
print(g.close())
g = with_resource()
print(next(g))
g.close()
g = counted(3)
g.close()  # never started: nothing runs
print(list(g))


def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise


g = catches_exit()
next(g)
g.close()


stay = [True]


def stubborn():
    while stay[0]:
        try:
            yield "still here"
        except GeneratorExit:
            print("ignoring GeneratorExit")


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
stay[0] = False
print(next(g, "stubborn finished"))


def raises_on_close():
    try:
        yield 1
    finally:
        raise ValueError("from finally")


g = raises_on_close()
next(g)
try:
    g.close()
except ValueError as e:
    print("close raised", repr(e))


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


g = returns_on_close()
next(g)
print("close ->", g.close())

print("-- throw")


def echo():
    value = None
    while True:
        try:
            value = yield value
        except ValueError as e:
            print("echo caught", repr(e))
            value = "recovered"
        except KeyError:
            print("echo caught KeyError")
            value = "k"


g = echo()
next(g)
print(g.send(1))
print(g.throw(ValueError("v1")))
print(g.throw(ValueError))
print(g.throw(ValueError, "with value"))
print(g.throw(ValueError, ValueError("instance value")))
print(g.throw(KeyError))
try:
    g.throw(TypeError("not caught"))
except TypeError as e:
    print("propagated", repr(e))
print(next(g, "finished"))
try:
    g.throw(IndexError("into a finished generator"))
except IndexError as e:
    print("finished raises", repr(e))
g = counted(2)
try:
    g.throw(ZeroDivisionError)
except ZeroDivisionError:
    print("unstarted generator: raised at once, no finally")
print(list(g))
try:
    echo().throw(42)
except TypeError as e:
    print("TypeError:", e)


def throw_in_finally():
    try:
        yield 1
    except RuntimeError as e:
        print("inner got", e)
        yield "after throw"
    yield "last"


g = throw_in_finally()
next(g)
print(g.throw(RuntimeError("r")))
print(next(g))

print("-- yield from")


def averager():
    total = 0
    count = 0
    while True:
        value = yield
        if value is None:
            return total / count if count else 0
        total += value
        count += 1


def grouper(results, key):
    while True:
        results[key] = yield from averager()


results = {}
group = grouper(results, "a")
next(group)
for v in (10, 20, 60):
    group.send(v)
group.send(None)
print(results)


def sub():
    received = yield "sub start"
    print("sub received", received)
    try:
        received = yield "sub second"
    except ValueError as e:
        print("sub caught", repr(e))
        received = yield "sub after throw"
    print("sub received", received)
    return "sub result"


def outer():
    result = yield from sub()
    print("outer got", result)
    yield "outer end"


g = outer()
print(next(g))
print(g.send("s1"))
print(g.throw(ValueError("into sub")))
print(g.send("s2"))
print(next(g, "done"))


def sub_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("sub finally")


def delegator():
    try:
        yield from sub_with_finally()
    finally:
        print("delegator finally")


g = delegator()
next(g)
g.close()
g = delegator()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("through both", repr(e))


def list_delegator():
    try:
        yield from [1, 2, 3]
    except ValueError:
        print("list has no throw: raised in the delegator")
        yield "handled"


g = list_delegator()
print(next(g))
print(g.throw(ValueError))


def returns_value():
    yield 1
    return "ret"


def chain():
    r = yield from returns_value()
    r2 = yield from []
    return (r, r2)


g = chain()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value)


def sub_stops_on_throw():
    try:
        yield "x"
    except ValueError:
        return "sub returned on throw"


def outer2():
    v = yield from sub_stops_on_throw()
    yield v


g = outer2()
next(g)
print(g.throw(ValueError))

print("-- for loops close what only they hold")


def numbers(tag):
    try:
        for i in range(10):
            yield i
    finally:
        print("numbers finally", tag)


for x in numbers("break"):
    if x == 2:
        break
print("after break")
for x in numbers(*["star args"]):
    break
print("after the loop over numbers(*args)")


def first_over(limit):
    for x in numbers("return"):
        if x > limit:
            return x
    return None


print("first_over ->", first_over(3))
try:
    for x in numbers("exception"):
        if x == 1:
            raise LookupError("stop")
except LookupError:
    print("caught LookupError")

kept = numbers("kept")
for x in kept:
    if x == 1:
        break
print("kept is still open:", next(kept))
kept.close()

held = []


def make_and_keep():
    g = numbers("held elsewhere")
    held.append(g)
    return g


for x in make_and_keep():
    break
print("after the loop over a generator a list holds:", next(held[0]))
held[0].close()

for y in (n * n for n in numbers("genexpr")):
    if y > 3:
        break
print("after genexpr loop")


def nested():
    for a in numbers("outer loop"):
        for b in numbers("inner loop"):
            if b == 1:
                return a, b


print(nested())
print(sum(x for x in numbers("sum of genexpr") if x < 3))
print([x for x in numbers("listcomp")][:2])
for i in range(2):
    for x in numbers("loop %d" % i):
        break
print("done")


def ctx_inner():
    yield 1


def ctx_outer():
    yield from ctx_inner()


g = ctx_outer()
next(g)
try:
    raise KeyError("handled by the caller")
except KeyError:
    try:
        g.throw(ValueError("thrown"))
    except ValueError as e:
        print("thrown exception's context:", repr(e.__context__))
