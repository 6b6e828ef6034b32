# ProcessPoolExecutor: map over a CPU-bound function, submit with as_completed, an exception from
# a worker, an initializer, a spawn context, shutdown; Pool.apply_async callbacks delivered by join().
import concurrent.futures as cf
import multiprocessing as mp
import math
import os

def is_prime(n):
    if n < 2:
        return False
    for d in range(2, math.isqrt(n) + 1):
        if n % d == 0:
            return False
    return True

def count_primes(lo, hi):
    return sum(1 for n in range(lo, hi) if is_prime(n))

def fail(x):
    raise KeyError(f"no entry {x}")

_greeting = None
def init(greeting):
    global _greeting
    _greeting = greeting

def greet(name):
    return f"{_greeting}, {name}"

def other_pid(parent):
    return os.getpid() != parent and os.getppid() == parent

if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(is_prime, range(10, 20))))
        futs = {ex.submit(count_primes, lo, lo + 1000): lo for lo in range(0, 4000, 1000)}
        got = {}
        for f in cf.as_completed(futs):
            got[futs[f]] = f.result()
        print(sorted(got.items()))
        bad = ex.submit(fail, 7)
        print(type(bad.exception()).__name__, bad.exception())
        try:
            bad.result()
        except KeyError as e:
            print("KeyError:", e)
        print(all(ex.map(other_pid, [os.getpid()] * 4)))
        done, _ = cf.wait([ex.submit(pow, 2, k) for k in range(5)])
        print(sorted(f.result() for f in done))
    with cf.ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"), initializer=init,
                                initargs=("hello",)) as ex:
        print(list(ex.map(greet, ["ann", "bob"])))
        print(ex.submit(math.factorial, 10).result())
    try:
        ex.submit(greet, "late")
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cf.ProcessPoolExecutor(max_workers=0)
    except ValueError as e:
        print("ValueError:", e)
    collected = []
    errors = []
    pool = mp.Pool(2)
    for i in range(8):
        pool.apply_async(count_primes, (0, 10 * i), callback=collected.append)
    pool.apply_async(fail, (1,), error_callback=lambda e: errors.append(repr(e)))
    pool.map_async(is_prime, [2, 3, 4], callback=collected.append)
    pool.close()
    pool.join()
    print(sorted(collected, key=str), errors)
