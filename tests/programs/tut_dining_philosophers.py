# Dining philosophers: forks taken in a global order, so no deadlock.
import threading

N = 5
forks = [threading.Lock() for _ in range(N)]
meals = [0] * N
log_lock = threading.Lock()

def philosopher(i, rounds):
    left, right = i, (i + 1) % N
    first, second = sorted((left, right))
    for _ in range(rounds):
        with forks[first]:
            with forks[second]:
                meals[i] += 1

ts = [threading.Thread(target=philosopher, args=(i, 50), name=f"phil-{i}") for i in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("meals:", meals)
print("forks free:", not any(f.locked() for f in forks))
for i, m in enumerate(meals):
    print(f"philosopher {i}: {m:3d} meals {'*' * (m // 10)}")
