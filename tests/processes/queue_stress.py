# Many producers and consumers on one Queue, and a duplex Pipe, with message sizes around the
# framing's edges (docs/processes.md, "Channels and blocking"): small frames, frames just under and
# over the smallest frame on the wire, around PIPE_BUF (4 KiB), and large ones (one writer only:
# frames over PIPE_BUF from several writers may interleave). Every message arrives exactly once,
# and each consumer sees each producer's messages in the order they were put.
import multiprocessing as mp

PRODUCERS = 3
CONSUMERS = 3
PER_PRODUCER = 400


def payload(p, j):
    # Strings of 0..199 characters, and a few of frames just under PIPE_BUF (several writers'
    # frames larger than that may interleave).
    n = (j * 7 + p) % 200
    if j % 97 == 5:
        n = 3990 + j % 60
    return (p, j, "x" * n)


def produce(q, p):
    for j in range(PER_PRODUCER):
        q.put(payload(p, j))


def consume(q, out):
    last = {}
    count = 0
    total = 0
    in_order = True
    while True:
        m = q.get()
        if m is None:
            break
        p, j, s = m
        if s != payload(p, j)[2]:
            in_order = False
        if last.get(p, -1) >= j:
            in_order = False
        last[p] = j
        count += 1
        total += j
    out.put((count, total, in_order))


def big_producer(q, n):
    for j in range(n):
        q.put((j, chr(97 + j % 26) * (50000 + j * 1000)))


def big_consumer(q, out):
    ok = True
    got = []
    while True:
        m = q.get()
        if m is None:
            break
        j, b = m
        ok = ok and len(b) == 50000 + j * 1000 and b == chr(97 + j % 26) * len(b)
        got.append(j)
    out.put((got, ok))


def echo(conn):
    while True:
        m = conn.recv()
        if m is None:
            break
        conn.send(m)


def run(method):
    ctx = mp.get_context(method)
    q = ctx.Queue()
    out = ctx.Queue()
    consumers = [ctx.Process(target=consume, args=(q, out)) for _ in range(CONSUMERS)]
    producers = [ctx.Process(target=produce, args=(q, p)) for p in range(PRODUCERS)]
    for c in consumers + producers:
        c.start()
    for p in producers:
        p.join()
    for _ in consumers:
        q.put(None)
    results = [out.get() for _ in consumers]
    for c in consumers:
        c.join()
    count = sum(r[0] for r in results)
    total = sum(r[1] for r in results)
    expected_total = PRODUCERS * sum(range(PER_PRODUCER))
    print(method, "queue:", count, "messages,", "sum ok" if total == expected_total else "sum WRONG",
          "in order" if all(r[2] for r in results) else "OUT OF ORDER")

    q = ctx.Queue()
    consumers = [ctx.Process(target=big_consumer, args=(q, out)) for _ in range(2)]
    producer = ctx.Process(target=big_producer, args=(q, 20))
    for c in consumers + [producer]:
        c.start()
    producer.join()
    for _ in consumers:
        q.put(None)
    results = [out.get() for _ in consumers]
    for c in consumers:
        c.join()
    got = sorted(j for r in results for j in r[0])
    ordered = all(r[0] == sorted(r[0]) for r in results)
    print(method, "large:", len(got), "messages,", "all once" if got == list(range(20)) else "LOST",
          "intact" if all(r[1] for r in results) and ordered else "BROKEN")

    a, b = ctx.Pipe()
    e = ctx.Process(target=echo, args=(b,))
    e.start()
    same = 0
    for j in range(300):
        m = payload(1, j)
        a.send(m)
        same += a.recv() == m
    a.send(None)
    e.join()
    print(method, "pipe:", same, "of 300 echoed intact")


if __name__ == "__main__":
    run("spawn")
    run("fork")
