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
