# String building in several threads at once: concatenation, join, f-strings, formatting and
# interning of attribute names built at run time.
import threading

N = 4
results = [None] * N

def build(k):
    parts = []
    s = ""
    for i in range(2000):
        s += str(i % 10)
        parts.append(f"{k}:{i}")
        name = "attr_%d" % (i % 20)
        getattr(Holder, name, None)
    results[k] = (len(s), len(",".join(parts)), s[:5])

class Holder:
    pass

threads = [threading.Thread(target=build, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k, r in enumerate(results):
    assert r[0] == 2000 and r[2] == "01234", r
    assert r[1] == len(",".join(f"{k}:{i}" for i in range(2000))), r
print("ok")
