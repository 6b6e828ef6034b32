# Pool: map with CPython's chunksize rule, starmap, apply, apply_async, imap, a worker's exception
# re-raised in the parent, close/join and the context manager (which terminates).
from multiprocessing import Pool


def square(x):
    return x * x


def add(a, b):
    return a + b


def check(x):
    if x == 3:
        raise ValueError("three is not allowed")
    return x


if __name__ == "__main__":
    with Pool(3) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(square, range(10), chunksize=4))
        print(pool.map(square, []))
        print(pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
        print(pool.apply(add, (10, 20)))
        r = pool.apply_async(square, (12,))
        print(r.get(timeout=10), r.ready(), r.successful())
        print(list(pool.imap(square, range(5))))
        print(sorted(pool.imap_unordered(square, range(5))))
        try:
            pool.map(check, range(6))
        except ValueError as e:
            print("ValueError:", e)
        a = pool.map_async(square, [1, 2, 3])
        print(a.get())
    pool = Pool(2)
    results = [pool.apply_async(add, (i, i)) for i in range(6)]
    print([r.get() for r in results])
    pool.close()
    pool.join()
    try:
        pool.map(square, [1])
    except ValueError as e:
        print("ValueError:", e)
