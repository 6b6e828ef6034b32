# Pipe: duplex by default, one-way with duplex=False; poll with and without a timeout.
from multiprocessing import Process, Pipe


def ping(conn, count):
    for _ in range(count):
        msg = conn.recv()
        conn.send(("pong", msg))
    conn.close()


def producer(w):
    for i in range(3):
        w.send(i)
    w.send("done")


if __name__ == "__main__":
    a, b = Pipe()
    p = Process(target=ping, args=(b, 3))
    p.start()
    print(a.poll(), a.poll(0.01))
    for i in range(3):
        a.send(i)
        print(a.recv())
    p.join()
    r, w = Pipe(duplex=False)
    print(r.readable, r.writable, w.readable, w.writable)
    q = Process(target=producer, args=(w,))
    q.start()
    got = []
    while True:
        x = r.recv()
        if x == "done":
            break
        got.append(x)
    q.join()
    print(got, r.poll(0.01))
    try:
        r.send(1)
    except OSError as e:
        print("OSError:", e)
