# logging as threading tutorials use it: thread names in the format, levels, named loggers.
import logging
import multiprocessing as mp
import sys
import threading
import time


def child_task():
    logging.basicConfig(level=logging.INFO, format="%(processName)s/%(threadName)s %(name)s: %(message)s",
                        stream=sys.stdout, force=True)
    logging.getLogger("child").info("hello from the child")


def worker(n, ready):
    logging.debug("starting %d", n)
    ready.wait()
    logging.info("worker %s running", n)
    logging.debug("exiting")


def main():
    logging.basicConfig(level=logging.DEBUG, format="(%(threadName)-10s) %(levelname)-8s %(message)s",
                        stream=sys.stdout)

    events = [threading.Event() for _ in range(2)]
    ts = [threading.Thread(target=worker, args=(i, events[i]), name=f"worker-{i}") for i in range(2)]
    ts[0].start()
    time.sleep(0.05)
    ts[1].start()
    time.sleep(0.05)
    logging.warning("releasing workers: %s", [t.name for t in ts])
    for event, t in zip(events, ts):
        event.set()
        t.join()

    p = mp.Process(target=child_task, name="Reporter")
    p.start()
    p.join()
    print("child exit", p.exitcode)

    log = logging.getLogger("app.db")
    log.setLevel(logging.WARNING)
    log.info("hidden")
    log.warning("connection slow: %dms", 350)
    child = logging.getLogger("app.db.pool")
    print(child.parent is log, log.parent is logging.getLogger(), child.getEffectiveLevel(), logging.getLevelName(child.getEffectiveLevel()))
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("{name}|{levelname}|{message}", style="{"))
    mine = logging.getLogger("mine")
    mine.addHandler(handler)
    mine.propagate = False
    mine.error("with braces %s", "arg")
    mine.critical("count=%(n)d", {"n": 3})
    try:
        1 / 0
    except ZeroDivisionError:
        mine.error("failed", exc_info=False)
    quiet = logging.getLogger("quiet")
    quiet.setLevel(logging.ERROR)
    print(quiet.isEnabledFor(logging.WARNING), quiet.isEnabledFor(logging.ERROR), logging.getLevelName(25), logging.getLevelName("INFO"))
    print(logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
    print(logging.root, mine, handler)
    logging.disable(logging.INFO)
    logging.info("disabled")
    logging.warning("still on")


if __name__ == "__main__":
    main()
