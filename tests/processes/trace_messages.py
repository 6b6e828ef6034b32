# A traced multiprocessing run (tests/processes/run.sh, docs/processes.md "Traces"): a Queue to a
# spawned child, a Pipe to a forked child, a Pool; prints each child's name and pid so that the
# checker can match them with the trace's processes.
import multiprocessing as mp


def echo(conn):
    conn.send(conn.recv() + 1)
    conn.close()


def produce(q, n):
    for i in range(n):
        q.put(i)


def square(x):
    return x * x


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=produce, args=(q, 5))
    p.start()
    print("child", p.name, p.pid)
    total = 0
    for _ in range(5):
        total += q.get()
    print(total)
    p.join()

    a, b = mp.Pipe()
    f = mp.get_context("fork").Process(target=echo, args=(b,))
    f.start()
    print("child", f.name, f.pid)
    a.send(41)
    print(a.recv())
    f.join()

    with mp.Pool(2) as pool:
        print(pool.map(square, range(6)))
        for w in pool._pool:
            print("child", w.name, w.pid)
