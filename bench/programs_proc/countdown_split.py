# A CPU-bound countdown in one process, then split across two processes (fork, so that start-up
# is not what is measured). Prints the two times and the speedup (one / two).
import sys
import time
import multiprocessing as mp

COUNT = 6_000_000  # or argv[1]


def countdown(n):
    while n > 0:
        n -= 1


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    ctx = mp.get_context("fork")
    start = time.perf_counter()
    countdown(count)
    one = time.perf_counter() - start
    start = time.perf_counter()
    ps = [ctx.Process(target=countdown, args=(count // 2,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    two = time.perf_counter() - start
    print("RESULT countdown_one_s %.3f" % one)
    print("RESULT countdown_two_s %.3f" % two)
    print("RESULT countdown_speedup %.3f" % (one / two))
