# Pool.imap preserves order; imap_unordered; map_async with a callback; starmap_async.
import multiprocessing as mp
import time

def slow_square(x):
    time.sleep(0.01 * (5 - x))
    return x * x

def mul(a, b):
    return a * b

if __name__ == "__main__":
    with mp.Pool(3) as pool:
        print(list(pool.imap(slow_square, range(5))))
        print(sorted(pool.imap_unordered(slow_square, range(5), chunksize=2)))
        got = []
        r = pool.map_async(slow_square, range(4), callback=got.append)
        r.wait()
        print(r.get(), got)
        s = pool.starmap_async(mul, [(2, 3), (4, 5)])
        print(s.get(timeout=5))
        print(pool.apply(mul, (6,), {"b": 7}))
