# Closures, decorators with arguments and functools-free memoization, used around threads.
import threading
import time

def synchronized(lock):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            with lock:
                return fn(*args, **kwargs)
        wrapper.__name__ = fn.__name__
        return wrapper
    return decorate

lock = threading.Lock()
total = 0
@synchronized(lock)
def add(n):
    global total
    total += n

ts = [threading.Thread(target=add, args=(i,)) for i in range(100)]
for t in ts: t.start()
for t in ts: t.join()
print(total, add.__name__)

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter()
print(c(), c(), c())

def memo(fn):
    cache = {}
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    inner.cache = cache
    return inner

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(50), len(fib.cache))

def timed(fn):
    def wrapper(*a):
        t = time.perf_counter()
        r = fn(*a)
        wrapper.calls += 1
        return r, time.perf_counter() - t >= 0
    wrapper.calls = 0
    return wrapper
@timed
def slow(x):
    return x * 2
print(slow(4), slow(5), slow.calls)
callbacks = [lambda i=i: i * 10 for i in range(3)]
print([cb() for cb in callbacks])
