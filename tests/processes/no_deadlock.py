# Near misses of a cross-process deadlock that must not be reported: each wait ends after a while
# because another thread or process (running, sleeping, or started later) feeds the queue.
import threading
import time
import multiprocessing as mp


def getter(q, out):
    out.put(q.get() + 1)


def late_put(q, delay, value):
    time.sleep(delay)
    q.put(value)


def echo_late(conn):
    v = conn.recv()
    time.sleep(0.8)
    conn.send(v * 2)


if __name__ == "__main__":
    # 1. A child waits on q while a second child sleeps before it puts.
    q, out = mp.Queue(), mp.Queue()
    a = mp.Process(target=getter, args=(q, out))
    b = mp.Process(target=late_put, args=(q, 0.8, 1))
    a.start()
    b.start()
    a.join()
    b.join()
    print("child fed by a sleeping sibling:", out.get())

    # 2. The parent joins a waiting child while one of its threads puts later.
    a = mp.Process(target=getter, args=(q, out))
    a.start()
    t = threading.Thread(target=late_put, args=(q, 0.8, 10))
    t.start()
    a.join()
    t.join()
    print("child fed by a parent thread:", out.get())

    # 3. The parent waits on get() while its only child sleeps, then puts.
    c = mp.Process(target=late_put, args=(out, 0.8, 100))
    c.start()
    print("parent fed by a sleeping child:", out.get())
    c.join()

    # 4. A child waits on a queue that the parent feeds after a sleep (the parent is not waiting).
    a = mp.Process(target=getter, args=(q, out))
    a.start()
    time.sleep(0.8)
    q.put(1000)
    print("child fed by the parent after a sleep:", out.get())
    a.join()

    # 5. A child waits on a Pipe that the parent sends on after a sleep; then the parent waits on
    #    recv() while the child sleeps before it answers.
    x, y = mp.Pipe()
    e = mp.Process(target=echo_late, args=(y,))
    e.start()
    time.sleep(0.8)
    x.send(5)
    print("pipe answered after sleeps:", x.recv())
    e.join()

    # 6. Idle Pool workers while the parent waits on a queue a sleeping child feeds.
    with mp.Pool(2) as pool:
        print(pool.map(abs, [-1, -2]))
        c = mp.Process(target=late_put, args=(out, 0.8, 7))
        c.start()
        print("parent fed while pool workers idle:", out.get())
        c.join()
