# More executor patterns: futures dict, result(timeout), cancel, exception(), map with timeout.
import concurrent.futures as cf
import threading
import time

def task(n):
    time.sleep(0.005)
    return n, threading.current_thread().name.startswith("ThreadPoolExecutor-")

with cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="pool") as ex:
    futures = [ex.submit(task, n) for n in range(8)]
    print([f.result()[0] for f in futures])
    names = {f.result()[1] for f in futures}
    print(names)
with cf.ThreadPoolExecutor(2) as ex:
    slow = ex.submit(time.sleep, 0.5)
    try:
        slow.result(timeout=0.01)
    except cf.TimeoutError:
        print("TimeoutError: not done", slow.done())
    queued = [ex.submit(time.sleep, 0.1) for _ in range(3)]
    print("cancelled last:", queued[-1].cancel())
    print(queued[-1].cancelled(), queued[-1].done())
    try:
        queued[-1].result()
    except cf.CancelledError:
        print("CancelledError")
f = cf.Future()
print(f.done(), repr(f)[:8])
f.set_result(5)
print(f.result(), f.done())
def boom():
    raise KeyError("missing")
with cf.ThreadPoolExecutor() as ex:
    fut = ex.submit(boom)
    exc = fut.exception()
    print(type(exc).__name__, exc)
    results = []
    for fut in cf.as_completed([ex.submit(lambda x=x: x * 2) for x in range(5)]):
        results.append(fut.result())
    print(sorted(results))
    first, rest = cf.wait([ex.submit(time.sleep, 0.01), ex.submit(boom)], return_when=cf.FIRST_EXCEPTION)
    print(len(first) >= 1)
