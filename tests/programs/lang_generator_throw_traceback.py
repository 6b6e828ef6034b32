# exit: 1
# An exception thrown into a paused generator and not caught there: the traceback shows the
# throw() call and the generator's paused yield, then the delegation through `yield from`.


def inner():
    yield "first"
    yield "second"


def outer():
    yield from inner()


g = outer()
print(next(g))
g.throw(ValueError("thrown in"))
