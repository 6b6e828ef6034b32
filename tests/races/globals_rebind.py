# Threads rebinding module globals (and adding/removing others, resizing the globals dict) while
# other threads read them through LOAD_GLOBAL's inline cache: every read sees a value some
# thread stored, never garbage, and builtins stay reachable.
import threading

N = 3
PER = 5000
current = 0

def rebinder(k):
    global current
    for i in range(PER):
        current = k * PER + i
        globals()["tmp_%d_%d" % (k, i % 50)] = i
        if i % 50 == 49:
            for j in range(50):
                del globals()["tmp_%d_%d" % (k, j)]

def reader():
    bad = 0
    for _ in range(PER):
        v = current
        if not (0 <= v < N * PER):
            bad += 1
        if len("x") != 1:
            bad += 1
    assert bad == 0

threads = [threading.Thread(target=rebinder, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=reader) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not any(name.startswith("tmp_") for name in list(globals()))
print("ok", 0 <= current < N * PER)
