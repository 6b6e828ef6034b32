# Every multiprocessing name LANGUAGE.md lists, used once each, with output CPython 3.11 prints
# too (tests/processes/run.sh compares it with language_list.expected, made by python3).
import multiprocessing as mp


def work(q, x, scale=1):
    q.put((mp.current_process().name, x * scale))


def square(x):
    return x * x


def add(a, b):
    return a + b


def bump(v, arr, lock, ev, sem):
    with lock:
        v.value += 1
    with sem:
        arr[0] += 5
    ev.set()


if __name__ == "__main__":
    mp.set_start_method("spawn")
    print(mp.get_start_method(), mp.cpu_count() >= 1, mp.current_process().name)
    q = mp.Queue()
    p = mp.Process(target=work, args=(q, 3), kwargs={"scale": 2}, name="worker", daemon=False)
    p.start()
    print(p.name, p.daemon, p.pid > 0, q.get())
    p.join()
    print(p.is_alive(), p.exitcode)
    k = mp.get_context("fork").Process(target=square, args=(1,))
    print(type(k).__name__)
    a, b = mp.Pipe()
    a.send([1, "two"])
    print(b.recv())
    v, arr = mp.Value("i", 0), mp.Array("d", [1.0, 2.0])
    lock, rlock, ev, sem = mp.Lock(), mp.RLock(), mp.Event(), mp.Semaphore(1)
    with rlock:
        with rlock:
            pass
    p = mp.Process(target=bump, args=(v, arr, lock, ev, sem))
    p.start()
    print(ev.wait(10))
    p.join()
    print(v.value, arr[:])
    with mp.Pool(2) as pool:
        print(pool.map(square, range(5)), pool.starmap(add, [(1, 2), (3, 4)]))
        print(pool.apply(add, (5, 6)), pool.apply_async(square, (7,)).get(timeout=10))
        print(list(pool.imap(square, [8, 9])))
    pool = mp.Pool(1)
    pool.close()
    pool.join()
    t = mp.Process(target=square, args=(2,))
    t.start()
    t.terminate()
    t.join()
    t2 = mp.Process(target=square, args=(2,))
    t2.start()
    t2.kill()
    t2.join()
    print(t.exitcode in (0, -15), t2.exitcode in (0, -9))
