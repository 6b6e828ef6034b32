# Locks, semaphores, events, Value and Array shared between processes (spawn and fork).
import time
import multiprocessing as mp


def add_many(counter, arr, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1
            arr[0] = arr[0] + 1


def wait_then_set(started, go, out):
    started.set()
    go.wait()
    out.value = 42.5


def limited(sem, active, peak, lock):
    with sem:
        with lock:
            active.value += 1
            if active.value > peak.value:
                peak.value = active.value
        time.sleep(0.02)
        with lock:
            active.value -= 1


if __name__ == "__main__":
    for method in ["spawn", "fork"]:
        ctx = mp.get_context(method)
        counter = ctx.Value("i", 0)
        arr = ctx.Array("i", [0, 7, 9])
        lock = ctx.Lock()
        procs = [ctx.Process(target=add_many, args=(counter, arr, lock, 300)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(method, counter.value, arr[:], len(arr))

        started, go = ctx.Event(), ctx.Event()
        out = ctx.Value("d", 0.0)
        p = ctx.Process(target=wait_then_set, args=(started, go, out))
        p.start()
        print("started:", started.wait(10))
        print("value before go:", out.value)
        go.set()
        p.join()
        print("value after go:", out.value, go.is_set())

        sem = ctx.Semaphore(2)
        active, peak = ctx.Value("i", 0), ctx.Value("i", 0)
        plock = ctx.RLock()
        procs = [ctx.Process(target=limited, args=(sem, active, peak, plock)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("peak <= 2:", peak.value <= 2, "active:", active.value)

    l = mp.Lock()
    print(l.acquire(), l.acquire(False), l.acquire(timeout=0.01))
    l.release()
    try:
        l.release()
        l.release()
    except ValueError as e:
        print("ValueError:", e)
    r = mp.RLock()
    print(r.acquire(), r.acquire())
    r.release()
    r.release()
    v = mp.Value("i", 5)
    print(v, v.value)
