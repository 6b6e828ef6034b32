# Used by run.sh: starts children that would run forever, prints their pids, then sleeps so the
# test can kill the parent (children must die with it) or let --timeout end the run.
import sys
import time
import multiprocessing as mp


def forever():
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    method = "fork" if sys.argv[1:] == ["fork"] else "spawn"
    ctx = mp.get_context(method)
    ps = [ctx.Process(target=forever) for _ in range(2)]
    d = ctx.Process(target=forever, daemon=True)
    for p in ps + [d]:
        p.start()
    print(" ".join(str(p.pid) for p in ps + [d]), flush=True)
    time.sleep(60)
