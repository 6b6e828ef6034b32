# functools and itertools as concurrency examples use them: partial with Pool.map, reduce over
# worker results, wraps in a timing decorator, lru_cache shared by threads, itertools for chunks.
import functools
import itertools
import threading
from functools import partial, reduce, wraps, lru_cache, total_ordering, cmp_to_key
from itertools import count, islice, chain, groupby, product, permutations, combinations
from multiprocessing import Pool


def power(base, exponent):
    return base ** exponent


def scale(x, factor=1, offset=0):
    return x * factor + offset


def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        calls.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


calls = []


@logged
def add(a, b):
    """Adds two numbers."""
    return a + b


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


def chunks(iterable, size):
    it = iter(iterable)
    while True:
        batch = list(islice(it, size))
        if not batch:
            return
        yield batch


if __name__ == "__main__":
    square = partial(power, exponent=2)
    with Pool(2) as pool:
        print(pool.map(square, range(6)))
        print(pool.map(partial(scale, factor=3, offset=1), [1, 2, 3]))
        sums = pool.map(sum, chunks(range(100), 25))
    print(sums, reduce(lambda a, b: a + b, sums), reduce(max, [3, 9, 2], 0))
    print(square.func.__name__, square.args, square.keywords, square(7))
    print(repr(partial(scale, 2, offset=5)).startswith("functools.partial(<function scale at 0x"))
    print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__.__name__, calls)

    results = []
    ts = [threading.Thread(target=lambda n=n: results.append(fib(n))) for n in (20, 25, 30)]
    for t in ts: t.start()
    for t in ts: t.join()
    # Threads that miss the same key at once both compute it (as with CPython's lru_cache), so
    # the counts are read from a run on one thread.
    fib.cache_clear()
    print(sorted(results), fib(30), fib.cache_info().misses, fib(30), fib.cache_info().hits)
    fib.cache_clear()
    print(fib.cache_info())
    print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]), Version(1, 0) >= Version(0, 9), Version(2, 0) <= Version(1, 9))
    print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
    try:
        reduce(lambda a, b: a + b, [])
    except TypeError as e:
        print("TypeError:", e)

    print(list(islice(count(10, 5), 4)), list(islice("abcdefg", 1, 6, 2)), list(chain([1, 2], (3,), "ab")))
    print(list(chain.from_iterable([[1], [2, 3]])), list(itertools.repeat("x", 3)), list(islice(itertools.cycle("ab"), 5)))
    data = sorted(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda w: w[0])
    print([(k, list(g)) for k, g in groupby(data, key=lambda w: w[0])])
    print(list(product("ab", [0, 1])), len(list(permutations(range(4), 2))), list(combinations("abcd", 3)))
    print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
    print(list(itertools.zip_longest("abc", [1], fillvalue="-")), list(itertools.pairwise([1, 2, 3])))
    print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
    print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.filterfalse(None, [0, 1, "", 2])), list(itertools.compress("abcd", [1, 0, 1, 0])))
    a, b = itertools.tee([1, 2, 3])
    print(list(a), list(b), list(itertools.combinations_with_replacement("ab", 2)))
    ids = count(1)
    lock = threading.Lock()
    got = []
    def take():
        for _ in range(50):
            with lock:
                got.append(next(ids))
    ws = [threading.Thread(target=take) for _ in range(4)]
    for w in ws: w.start()
    for w in ws: w.join()
    print(len(got), len(set(got)), max(got))
    try:
        islice([1], -1)
    except ValueError as e:
        print("ValueError:", e)
    shared = count()
    seen = []
    def grab():
        for _ in range(200):
            seen.append(next(shared))
    ws = [threading.Thread(target=grab) for _ in range(4)]
    for w in ws: w.start()
    for w in ws: w.join()
    print(sorted(seen) == list(range(800)), list(islice(count(0.5, 0.25), 3)))
