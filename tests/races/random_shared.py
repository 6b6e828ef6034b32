# The random module's one generator used by several threads at once: every value stays in range.
import random, threading

N = 4
bad = []

def draw():
    for _ in range(5000):
        x = random.random()
        k = random.randint(1, 6)
        if not (0.0 <= x < 1.0 and 1 <= k <= 6):
            bad.append((x, k))

threads = [threading.Thread(target=draw) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not bad, bad[:3]
print("ok")
