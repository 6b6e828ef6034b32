# Built-in functions of modules cross to spawned children by reference; raw shared values.
import multiprocessing as mp
import math
import operator

def show(v):
    return repr(v)

if __name__ == "__main__":
    mp.set_start_method("spawn")
    with mp.Pool(2) as pool:
        print(pool.map(math.sqrt, [1, 4, 9, 16]))
        print(pool.map(math.factorial, range(6)))
        print(pool.starmap(pow, [(2, 3), (3, 2)]))
        print(pool.starmap(max, [(1, 5, 2)]))
        print(pool.apply(divmod, (17, 5)))
    raw = mp.Value("i", 7, lock=False)
    print(raw, raw.value, hasattr(raw, "get_lock"), hasattr(mp.Value("i", 1), "get_lock"))
    print(mp.RawValue("d", 2.5))
    try:
        with mp.Pool(1) as pool:
            pool.apply(show, (raw,))
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(ConnectionResetError.__mro__[1:3], issubclass(BrokenPipeError, OSError))
    try:
        raise FileNotFoundError("no such file")
    except OSError as e:
        print(type(e).__name__, e)
