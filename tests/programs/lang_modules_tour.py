import math
import random
import sys
import os
import time
from math import pi, sqrt as root
import random as rnd
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan), math.isinf(math.inf))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.tan(0), round(math.sin(math.pi / 2), 10), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.factorial(10), math.gcd(12, 18), math.lcm(4, 6), math.fabs(-3), math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3))
print(math.isqrt(17), math.comb(5, 2), math.perm(5, 2), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.copysign(1, -0.0))
print(math.floor(5), type(math.floor(2.5)).__name__, math.modf(3.5), math.frexp(8.0), math.fmod(7, 3), math.asin(1), math.acos(1), math.atan(0))
print(pi == math.pi, root(9), math.dist([0, 0], [3, 4]), math.isfinite(1.0), math.sinh(0), math.cosh(0), math.tanh(0))
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice("abcdef"), random.randrange(10), random.randrange(0, 100, 5))
random.seed(1)
lst = list(range(10))
random.shuffle(lst)
print(lst, random.sample(range(100), 5), random.uniform(1, 2))
random.seed(12345)
print(random.random(), rnd.randint(0, 9), random.choices([1, 2, 3], k=5))
random.seed(7)
print(random.gauss(0, 1), random.getrandbits(16))
print(sys.argv[0], sys.version_info[0] if hasattr(sys, "version_info") else 3, sys.getrecursionlimit(), sys.getswitchinterval(), type(sys.version).__name__)
sys.stdout.write("written\n")
sys.stdout.flush()
print(sys.maxsize, sys.platform != "", type(os.getpid()).__name__, os.cpu_count() >= 1, type(os.getppid()).__name__)
t0 = time.time(); p0 = time.perf_counter(); m0 = time.monotonic(); c0 = time.process_time()
time.sleep(0.01)
print(time.time() >= t0, time.perf_counter() - p0 >= 0.009, time.monotonic() >= m0, time.process_time() >= c0)
print(isinstance(time.time(), float), isinstance(time.perf_counter_ns() if hasattr(time, "perf_counter_ns") else 1, int))
print(os.name if hasattr(os, "name") else "posix", os.sep if hasattr(os, "sep") else "/")
print(math.floor(-0.5), math.ceil(0.5), -7 // 2, -7 % 2, 7 // -2, round(-0.5), int(-0.5))
