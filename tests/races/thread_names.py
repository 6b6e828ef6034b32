# Thread.name set by one thread while others read it (the Python attribute, repr(), the name the
# runtime keeps for reports and traces): every read is one of the names written, never garbage.
import threading

N = 3
ROUNDS = 3000
names = [f"worker-{i}-" + "x" * (i * 7) for i in range(8)]
allowed = set(names) | {"target"}
bad = []

def idle():
    done.wait()

done = threading.Event()
target = threading.Thread(target=idle, name="target")
target.start()

def renamer():
    for i in range(ROUNDS):
        target.name = names[i % len(names)]
        threading.current_thread().name = names[(i + 1) % len(names)]

def reader():
    for _ in range(ROUNDS):
        n = target.name
        r = repr(target)
        listed = [t.name for t in threading.enumerate()]
        if n not in allowed or not r.startswith("<Thread(") or len(listed) < 2:
            bad.append((n, r))

threads = [threading.Thread(target=renamer)] + [threading.Thread(target=reader) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
done.set()
target.join()
assert not bad, bad[:3]
assert target.name in allowed
print("ok")
