# Pipe: a duplex request/response conversation with a worker process, and a one-way pipe.
from multiprocessing import Process, Pipe

def server(conn):
    while True:
        msg = conn.recv()
        if msg == "quit":
            conn.send("bye")
            conn.close()
            return
        op, a, b = msg
        if op == "add":
            conn.send(a + b)
        elif op == "mul":
            conn.send(a * b)
        else:
            conn.send(ValueError(f"unknown op {op!r}"))

def writer(conn, items):
    for it in items:
        conn.send(it)
    conn.close()

if __name__ == "__main__":
    parent, child = Pipe()
    p = Process(target=server, args=(child,))
    p.start()
    for req in [("add", 2, 3), ("mul", 4, 5), ("pow", 1, 1)]:
        parent.send(req)
        reply = parent.recv()
        print(req, "->", repr(reply))
    parent.send("quit")
    print(parent.recv())
    p.join()
    print("exitcode", p.exitcode)
    r, w = Pipe(duplex=False)
    q = Process(target=writer, args=(w, [{"k": 1}, [1, 2], (3,), "s", 4.5, None]))
    q.start()
    w.close()
    got = []
    while True:
        try:
            got.append(r.recv())
        except EOFError:
            break
    q.join()
    print(got)
    print(r.poll(), "poll after EOF")
