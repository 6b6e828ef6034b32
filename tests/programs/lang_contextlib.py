# contextlib around locks and resources: contextmanager (entry, exit, an exception thrown in),
# suppress, closing, nullcontext, ExitStack, and a contextmanager used as a decorator.
import threading
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack

log = []


@contextmanager
def acquired(lock, name):
    lock.acquire()
    log.append(f"acquire {name}")
    try:
        yield name.upper()
    finally:
        lock.release()
        log.append(f"release {name}")


@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        log.append(f"swallowed {type(e).__name__}: {e}")


lock = threading.Lock()
counter = 0


def work():
    global counter
    for _ in range(100):
        with acquired(lock, "w") as tag:
            counter += 1
    return tag


ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(counter, log.count("acquire w"), log.count("release w"), lock.locked())
log.clear()
with swallow(KeyError):
    {}["missing"]
try:
    with acquired(lock, "x"):
        raise ValueError("inside")
except ValueError as e:
    print("ValueError:", e, lock.locked())
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print(log)


class Conn:
    def close(self):
        print("closed")


with closing(Conn()) as c:
    print(type(c).__name__)
with nullcontext(5) as v:
    print(v)
with ExitStack() as stack:
    names = [stack.enter_context(acquired(threading.Lock(), n)) for n in "ab"]
    stack.callback(print, "callback ran")
    print(names)
print(log[-4:])


@swallow(RuntimeError)
def flaky():
    raise RuntimeError("decorated")


flaky()
print(log[-1])


@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)
