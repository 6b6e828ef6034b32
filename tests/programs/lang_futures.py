# concurrent.futures: ThreadPoolExecutor (map, submit, worker names, shutdown, context manager),
# Future (result, exception, cancel, timeouts, callbacks), as_completed, wait; executors never shut
# down are joined at exit as CPython does.
import concurrent.futures
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED
import threading, time

def work(n):
    time.sleep(0.01 * (3 - n % 3))
    return n * n

with ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(work, range(6))))
    futs = [ex.submit(work, i) for i in range(3)]
    print(sorted([f.result() for f in as_completed(futs)]))
    done, not_done = wait(futs)
    print(len(done), len(not_done))

def name(_):
    time.sleep(0.01)
    return threading.current_thread().name
with concurrent.futures.ThreadPoolExecutor(2) as ex:
    print(sorted({n for n in ex.map(name, range(4))}))

def boom(x):
    raise ValueError("bad %d" % x)
with ThreadPoolExecutor(2) as ex:
    f = ex.submit(boom, 7)
    try:
        f.result()
    except ValueError as e:
        print("caught", e)
    print(type(f.exception()).__name__, f.done(), f.cancelled())

ex = ThreadPoolExecutor(1)
slow = ex.submit(time.sleep, 0.05)
queued = ex.submit(work, 2)
print(queued.cancel(), queued.cancelled())
try:
    slow.result(timeout=0.001)
except concurrent.futures.TimeoutError:
    print("timeout")
ex.shutdown()
try:
    ex.submit(work, 1)
except RuntimeError as e:
    print(e)
results = []
f = ThreadPoolExecutor(1).submit(work, 4)
f.add_done_callback(lambda fut: results.append(fut.result()))
d, nd = wait([f], return_when=FIRST_COMPLETED)
time.sleep(0.01)
print(results, len(d))
for fut in as_completed([ThreadPoolExecutor(2).submit(work, 5)]):
    print("as_completed", fut.result())
print("end")
