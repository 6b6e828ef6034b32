# recv() raises EOFError once every process that held the other end has closed it. Under spawn a
# child inherits only the ends passed to it, so closing the parent's copy is enough.
import multiprocessing as mp


def producer(conn):
    for i in range(3):
        conn.send(i)
    conn.close()


def consumer(conn, out):
    got = []
    while True:
        try:
            got.append(conn.recv())
        except EOFError:
            break
    out.put(got)


def drain(conn):
    got = []
    while True:
        try:
            got.append(conn.recv())
        except EOFError:
            return got


if __name__ == "__main__":
    for method in ["spawn", "fork"]:
        ctx = mp.get_context(method)
        a, b = ctx.Pipe()
        p = ctx.Process(target=producer, args=(b,))
        p.start()
        b.close()
        print(method, "parent got", drain(a), "poll after EOF:", a.poll())
        p.join()
    ctx = mp.get_context("spawn")
    r, w = ctx.Pipe(duplex=False)
    q = ctx.Queue()
    c = ctx.Process(target=consumer, args=(r, q))
    c.start()
    r.close()
    for i in range(4):
        w.send(i * i)
    w.close()
    print("spawn child got", q.get())
    c.join()
    try:
        w.send(1)
    except OSError as e:
        print("OSError:", e)
