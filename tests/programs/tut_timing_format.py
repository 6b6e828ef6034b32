# Timing helpers that tutorials print, made deterministic.
import time
start = time.perf_counter()
time.sleep(0.02)
elapsed = time.perf_counter() - start
print(f"slept at least 20 ms: {elapsed >= 0.02}")
print(type(time.time()).__name__, time.monotonic() > 0, isinstance(time.time_ns(), int) if hasattr(time, "time_ns") else True)
t0 = time.time()
print(round(t0) > 1600000000)
print(f"{1.23456:.2f}s", f"{12.5:6.1f}|", f"{1e-3:.3e}", f"{123456789:,}", f"{0.5:.0%}", format(3.14159, ".3"))
print("{:.1f} ms".format(0.0123 * 1000), "%5.1f%%" % 12.345, "%-5s|" % "ab", "%05d" % 42, "%x %X %o" % (255, 255, 8))
