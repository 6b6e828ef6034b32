# Interleave's limits (docs/processes.md), each with a clear error: at most 64 live child
# processes, and at most 64 MiB in one pickled message (tests/processes/run.sh).
import time
import multiprocessing as mp


def nap():
    time.sleep(30)


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    children = []
    try:
        for i in range(100):
            p = ctx.Process(target=nap, daemon=True)
            p.start()
            children.append(p)
    except RuntimeError as e:
        print("after", len(children), "live children:", e)
    for p in children:
        p.terminate()
    for p in children:
        p.join()
    print("all ended:", all(p.exitcode == -15 for p in children))
    p = ctx.Process(target=nap, daemon=True)
    p.start()
    print("a new child once they ended:", p.is_alive())
    p.terminate()
    p.join()

    q = mp.Queue()
    try:
        q.put("x" * (64 << 20))
    except ValueError as e:
        print(type(e).__name__ + ":", e)
    a, b = mp.Pipe()
    try:
        a.send(["y" * (40 << 20), "z" * (40 << 20)])
    except ValueError as e:
        print(type(e).__name__ + ":", e)
    q.put("small")
    print(q.get())
