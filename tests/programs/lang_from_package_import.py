# `from PACKAGE import SUBMODULE` imports the submodule, as CPython does.
from concurrent import futures

with futures.ThreadPoolExecutor(max_workers=2) as pool:
    print(sorted(pool.map(abs, [-3, 1, -2])))

import concurrent
print(concurrent.futures is futures)

try:
    from concurrent import nothing_here
except ImportError as e:
    print(type(e).__name__)
