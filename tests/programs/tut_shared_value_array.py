# Shared Value and Array with get_lock; a raw Value without a lock.
from multiprocessing import Process, Value, Array, Lock

def add_many(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1

def fill(arr, base):
    for i in range(len(arr)):
        arr[i] = base + i * i

def scale(arr, factor, lock):
    with lock:
        for i in range(len(arr)):
            arr[i] *= factor

if __name__ == "__main__":
    counter = Value("i", 0)
    ps = [Process(target=add_many, args=(counter, 200)) for _ in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("counter:", counter.value)
    arr = Array("d", 5)
    p = Process(target=fill, args=(arr, 0.5)); p.start(); p.join()
    print("array:", arr[:])
    lock = Lock()
    p = Process(target=scale, args=(arr, 2, lock)); p.start(); p.join()
    print("scaled:", list(arr), len(arr), sum(arr))
    ints = Array("i", [3, 1, 2])
    print(sorted(ints), ints[0], ints[-1], ints[1:])
    raw = Value("d", 1.5, lock=False)
    raw.value *= 2
    print(raw.value, hasattr(raw, "get_lock"))
    f = Value("f", 0.25)
    print(f.value)
