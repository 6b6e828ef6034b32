# Queue throughput for small messages: one producer process puts N small tuples, one consumer
# process gets them; the consumer times from its first get to its last and hands the time back.
# Prints "RESULT queue_msgs_per_s <messages per second>".
import sys
import time
import multiprocessing as mp

N = 40_000


def producer(q, n):
    for i in range(n):
        q.put((i, "x"))


def consumer(q, n, out):
    q.get()
    start = time.perf_counter()
    for _ in range(n - 1):
        q.get()
    out.put(time.perf_counter() - start)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    out = ctx.Queue()
    c = ctx.Process(target=consumer, args=(q, n, out))
    p = ctx.Process(target=producer, args=(q, n))
    c.start()
    p.start()
    seconds = out.get()
    p.join()
    c.join()
    print("RESULT queue_msgs_per_s %.0f" % ((n - 1) / seconds))
