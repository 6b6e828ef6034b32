# Threads spend their time in Python code called back from builtins (sorted's key, sum and list
# over generators, a dict calling __hash__ and __eq__, map and filter), where the GIL changes
# hands inside the builtin (docs/gil.md); they also share one dict of such keys. Every result must
# stay exact however the threads interleave.
import threading

ROUNDS = 30
errors = []


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        s = 0
        for i in range(8):
            s += i
        return self.v % 13

    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v


shared = {}
shared_lock = threading.Lock()


def slow_neg(x):
    s = 0
    for i in range(6):
        s += i
    return -x


def numbers(n):
    for i in range(n):
        yield i


def worker(index):
    data = list(range(1500))
    for _ in range(ROUNDS):
        if sorted(data, key=slow_neg) != data[::-1]:
            errors.append("sorted")
        if sum(numbers(3000)) != 3000 * 2999 // 2:
            errors.append("sum")
        if list(numbers(500)) != list(range(500)):
            errors.append("list")
        if list(map(slow_neg, range(300))) != [-i for i in range(300)]:
            errors.append("map")
        if list(filter(lambda x: slow_neg(x) % 2 == 0, range(300))) != list(range(0, 300, 2)):
            errors.append("filter")
        own = {}
        for i in range(200):
            own[Key(i)] = i
        for i in range(200):
            if own[Key(i)] != i:
                errors.append("own dict")
                break
        for i in range(100):
            k = index * 1000 + i
            with shared_lock:
                shared[Key(k)] = k
        for i in range(100):
            k = index * 1000 + i
            if shared.get(Key(k)) != k:
                errors.append("shared dict")
                break


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if len(shared) != 400:
    errors.append("shared size %d" % len(shared))
print("ok" if not errors else "errors: %s" % sorted(set(errors)))
