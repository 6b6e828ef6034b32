# Children that leave no trace of their own: killed by terminate() (-15) or kill() (-9), ended by
# os._exit(7) or os.abort() (-6), started by spawn and by fork. Run traced, the parent's trace must
# still show each one's process lane with its start and its end (check_killed_trace.py).
# Prints "child NAME PID EXITCODE" per child.
import multiprocessing as mp
import os
import time


def sleeper():
    time.sleep(30)


def leave(code):
    os._exit(code)


def crash():
    os.abort()


if __name__ == "__main__":
    for method in ("spawn", "fork"):
        ctx = mp.get_context(method)
        t = ctx.Process(target=sleeper)
        k = ctx.Process(target=sleeper)
        e = ctx.Process(target=leave, args=(7,))
        a = ctx.Process(target=crash)
        for p in (t, k, e, a):
            p.start()
        time.sleep(0.3)
        t.terminate()
        k.kill()
        for p in (t, k, e, a):
            p.join()
            print("child", p.name, p.pid, p.exitcode)
