# random.shuffle, random.choice and random.sample on lists other threads change at the same time
# (append, pop, slice assignment): memory-safe, and every value picked is one the lists ever held.
import random, threading

N = 2
ROUNDS = 3000
shared = list(range(100))
bad = []

def mutate():
    for i in range(ROUNDS):
        shared.append(i % 100)
        if len(shared) > 5:
            shared.pop()
            shared.pop(0)
        if i % 50 == 0:
            shared[10:20] = list(range(30))

def shuffler():
    for _ in range(ROUNDS // 10):
        random.shuffle(shared)

def chooser():
    for _ in range(ROUNDS):
        try:
            x = random.choice(shared)
        except IndexError:
            continue
        if not (isinstance(x, int) and 0 <= x < 100):
            bad.append(x)
        try:
            s = random.sample(shared, 3)
        except ValueError:
            continue
        if len(s) != 3 or not all(isinstance(v, int) and 0 <= v < 100 for v in s):
            bad.append(s)

threads = [threading.Thread(target=mutate), threading.Thread(target=shuffler)]
threads += [threading.Thread(target=chooser) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not bad, bad[:3]
assert all(isinstance(v, int) and 0 <= v < 100 for v in shared)
print("ok", len(shared) > 0)
