# ThreadPoolExecutor: submit, as_completed, map, futures' exceptions, shutdown.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_EXCEPTION, ALL_COMPLETED
import time

def fetch(url):
    time.sleep(0.001 * len(url))
    if "bad" in url:
        raise ConnectionError(f"cannot reach {url}")
    return f"<html>{url}</html>", len(url)

urls = ["a.com", "bbbb.org", "bad.net", "cc.io"]
results = {}
errors = []
with ThreadPoolExecutor(max_workers=3) as ex:
    futs = {ex.submit(fetch, u): u for u in urls}
    for f in as_completed(futs):
        u = futs[f]
        try:
            body, n = f.result()
            results[u] = n
        except ConnectionError as e:
            errors.append(str(e))
print(sorted(results.items()))
print(errors)

with ThreadPoolExecutor(max_workers=2) as ex:
    print(list(ex.map(lambda x: x * x, range(8))))
    print(list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    it = ex.map(lambda x: 10 // x, [5, 2, 0, 1])
    try:
        for v in it:
            print("got", v)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    f = ex.submit(int, "x")
    print(type(f.exception()).__name__, f.done(), f.cancelled())
    g = ex.submit(sum, [1, 2, 3])
    g.add_done_callback(lambda fut: print("callback sees", fut.result()))
    wait([g])
    done, not_done = wait([ex.submit(time.sleep, 0.01) for _ in range(3)], return_when=ALL_COMPLETED)
    print(len(done), len(not_done))
ex2 = ThreadPoolExecutor(max_workers=1)
ex2.shutdown()
try:
    ex2.submit(print, "never")
except RuntimeError as e:
    print("RuntimeError:", e)
