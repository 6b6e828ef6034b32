# concurrent.futures: shutdown(cancel_futures=True) cancels what is still queued; a failing initializer
# breaks the pool and every queued future gets BrokenThreadPool.
import time
from concurrent.futures import ThreadPoolExecutor
ex = ThreadPoolExecutor(1)
first = ex.submit(time.sleep, 0.02)
rest = [ex.submit(pow, 2, i) for i in range(3)]
ex.shutdown(cancel_futures=True)
print(first.done(), [f.cancelled() for f in rest])
def bad_init():
    raise ValueError("no")
ex = ThreadPoolExecutor(1, initializer=bad_init)
fs = [ex.submit(pow, 2, i) for i in range(3)]
print(sorted(type(f.exception()).__name__ for f in fs))
