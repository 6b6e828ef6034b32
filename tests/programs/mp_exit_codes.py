# Exit codes as CPython reports them: normal, sys.exit(n), sys.exit("text"), os._exit(n), an
# uncaught exception, terminate() and kill(); names, is_alive and repr states.
import os
import sys
import time
import multiprocessing as mp


def ok():
    pass


def exit_two():
    sys.exit(2)


def exit_text():
    sys.exit("leaving")


def hard(n):
    os._exit(n)


def fail():
    raise KeyError("missing")


def forever():
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    for method in ["spawn", "fork"]:
        ctx = mp.get_context(method)
        codes = []
        for target, args in [(ok, ()), (exit_two, ()), (exit_text, ()), (hard, (7,)), (fail, ())]:
            p = ctx.Process(target=target, args=args)
            p.start()
            p.join()
            codes.append(p.exitcode)
        print(method, codes)
        p = ctx.Process(target=forever, name="looper", daemon=True)
        print(p.name, p.daemon, p.is_alive(), p.exitcode)
        p.start()
        print("alive:", p.is_alive())
        p.join(0.05)
        print("still alive after join(0.05):", p.is_alive(), p.exitcode)
        p.terminate()
        p.join()
        print("terminated:", p.is_alive(), p.exitcode)
        q = ctx.Process(target=forever)
        q.start()
        q.kill()
        q.join()
        print("killed:", q.exitcode)
    print(mp.current_process().name)
