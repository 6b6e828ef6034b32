# A parallel prime count with multiprocessing.Pool: segments of a range, summed.
from multiprocessing import Pool
import math

def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    for d in range(3, int(math.isqrt(n)) + 1, 2):
        if n % d == 0:
            return False
    return True

def count_primes(bounds):
    lo, hi = bounds
    return sum(1 for n in range(lo, hi) if is_prime(n))

def primes_in(lo, hi):
    return [n for n in range(lo, hi) if is_prime(n)]

if __name__ == "__main__":
    limit = 20000
    step = 5000
    chunks = [(lo, min(lo + step, limit)) for lo in range(0, limit, step)]
    with Pool(processes=2) as pool:
        counts = pool.map(count_primes, chunks)
        print(chunks)
        print(counts, sum(counts))
        small = pool.starmap(primes_in, [(0, 30), (30, 60)])
        print(small)
        unordered = sorted(pool.imap_unordered(is_prime, range(20)))
        print(unordered.count(True))
        collected = []
        rs = [pool.apply_async(count_primes, ((i * 100, i * 100 + 100),), callback=collected.append) for i in range(5)]
        for r in rs:
            r.wait()
        print(sorted(collected), [r.get() for r in rs])
        errs = []
        bad = pool.apply_async(math.sqrt, (-1,), error_callback=lambda e: errs.append(repr(e)))
        bad.wait()
        print(bad.successful(), errs)
