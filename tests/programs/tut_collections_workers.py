# collections in concurrent programs: Counter merged from Pool workers, namedtuple results across
# processes, a deque as a thread-shared work queue, defaultdict(list) filled by threads.
import threading
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
from multiprocessing import Pool

Result = namedtuple("Result", "worker total count")
Job = namedtuple("Job", ["ident", "size"], defaults=[1])

TEXTS = ["the cat sat on the mat", "the dog sat", "a cat and a dog", "the end"]

def count_words(text):
    return Counter(text.split())

def summarize(i):
    return Result(worker=i, total=i * 10, count=i + 1)

if __name__ == "__main__":
    with Pool(2) as pool:
        counters = pool.map(count_words, TEXTS)
        results = pool.map(summarize, range(3))
    total = sum(counters, Counter())
    print(total.most_common(3))
    print(results)
    print(sorted(results, key=lambda r: -r.total)[0], results[1].count, results[2][1])
    print(Job(5), Job(6, 2), Job._fields, Job._field_defaults)

    work = deque(range(20))
    done = defaultdict(list)
    lock = threading.Lock()
    def worker(name):
        while True:
            try:
                item = work.popleft()
            except IndexError:
                return
            done[item % 3].append(item)
    ts = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
    print({k: sorted(v) for k, v in sorted(done.items())}, len(work))

    c = Counter(a=3, b=1)
    d = Counter(a=1, b=2, c=5)
    print(c + d, c - d, c | d, c & d)
    c.subtract(d)
    print(c, +c, -c)
    print(Counter("abracadabra") == Counter("aabbrrcdaaa"), Counter(a=1) == {"a": 1})
    del c["zz"]
    print(len(c), "a" in c, c.get("q", "none"))
    dd = defaultdict(lambda: "?")
    print(dd["x"], repr(dd).startswith("defaultdict(<function <lambda> at 0x"), dict(dd), len(dd))
    plain = defaultdict()
    try:
        plain["missing"]
    except KeyError as e:
        print("KeyError:", e)
    print(repr(defaultdict(int, {"a": 1})), defaultdict(list).default_factory)
    q = deque(maxlen=3)
    for i in range(6):
        q.append(i)
    print(q, list(reversed(q)), q[0], q[-1], len(q), 4 in q)
    try:
        deque().pop()
    except IndexError as e:
        print("IndexError:", e)
    r = deque([1, 2, 3, 4, 5]); r.rotate(-2)
    print(r, r.index(5), r.count(1))
    od = OrderedDict(a=1, b=2, c=3)
    od.move_to_end("a", last=False)
    od.move_to_end("b")
    print(od, od.popitem(), od.popitem(last=False), od)
    print(OrderedDict(), Counter(), deque())
    p = Result(1, 2, 3)
    try:
        p.total = 5
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        Result(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        namedtuple("Bad", "x _y")
    except ValueError as e:
        print("ValueError:", e)
    print(p == (1, 2, 3), hash(p) == hash((1, 2, 3)), p._asdict(), Result._make([4, 5, 6]))
    w, tot, cnt = p
    print(w, tot, cnt, type(p).__name__, Result.__module__)
