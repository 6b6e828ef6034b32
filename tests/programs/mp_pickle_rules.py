# What crosses a process boundary under spawn follows pickle's rules: module-level functions and
# classes by name, never lambdas or local functions; queues and locks only by inheritance
# (Connection.send pickles at once, so the error is raised there).
import multiprocessing as mp


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)


def echo(q, value):
    q.put(value)


def relay(q, r):
    q.put(r)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    q = mp.Queue()
    values = [None, True, 3, -2**40, 2.5, "text", (1, (2, 3)), [1, [2]], {"k": [1, 2]}, {4, 5},
              Point(1, 2), ValueError("bad", 3), range(2, 9, 3), len, Point, echo]
    for v in values:
        p = mp.Process(target=echo, args=(q, v))
        p.start()
        print(repr(q.get()))
        p.join()
    try:
        mp.Process(target=lambda: None).start()
    except Exception as e:
        msg = str(e)
        print(type(e).__name__, msg[:msg.index(" at ")] if " at " in msg else msg, msg[msg.index(":"):])

    def local():
        pass

    try:
        mp.Process(target=local).start()
    except Exception as e:
        print(type(e).__name__, e)
    a, b = mp.Pipe()
    try:
        a.send(mp.Queue())
    except Exception as e:
        print(type(e).__name__, e)
    try:
        a.send(mp.Lock())
    except Exception as e:
        print(type(e).__name__, e)
    r = mp.Queue()
    p = mp.Process(target=relay, args=(q, "via inherited queue"))
    p.start()
    print(q.get())
    p.join()
    print(p.exitcode)
