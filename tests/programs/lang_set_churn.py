# Sets under a long random churn of adds, discards, pops and operators (random's sequences are
# CPython's for an int seed): every state printed must match python3's table order, dummies,
# resizes and pop finger included.
import random

random.seed(2024)
s = set()
other = set()
for step in range(3000):
    r = random.random()
    v = random.randrange(-50, 400)
    if r < 0.45:
        s.add(v)
    elif r < 0.7:
        s.discard(v)
    elif r < 0.8 and s:
        s.pop()
    elif r < 0.85:
        other.add(v * 3)
    elif r < 0.88:
        s |= other
    elif r < 0.9:
        s -= {x for x in other if x % 2}
    elif r < 0.91:
        s ^= set(range(v % 17))
    elif r < 0.92:
        s &= set(range(-50, 400, 2)) | other
    if step % 150 == 0:
        print(step, len(s), list(s)[:12], list(s)[-5:])
print(sorted(s) == sorted(list(s)), len(s))
print(s)
print(other)
print(s | other)
print(s & other)
print(s - other)
print(other - s)
print(s ^ other)
floats = {random.random() for _ in range(30)}
print([round(x, 3) for x in floats][:10])
pairs = {(random.randrange(5), random.randrange(5)) for _ in range(20)}
print(pairs)
while pairs:
    print(pairs.pop(), end=" ")
print()
