# dataclasses in a worker-pool program: job records, results sent between processes, frozen
# configuration, ordering for a priority queue, asdict/astuple/replace and the error messages.
import queue
import threading
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
from multiprocessing import Pool


@dataclass(frozen=True)
class Config:
    workers: int = 2
    name: str = "pool"


@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)
    payload: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class Result:
    job: str
    value: int
    notes: list = field(default_factory=list)

    def __post_init__(self):
        self.notes.append(f"made for {self.job}")


@dataclass
class Point:
    x: float
    y: float = 0.0

    def dist2(self):
        return self.x ** 2 + self.y ** 2


@dataclass
class Point3(Point):
    z: float = 0.0


def run(job):
    return Result(job.name, sum(job.payload) * job.priority)


if __name__ == "__main__":
    cfg = Config()
    print(cfg, cfg == Config(2, "pool"), hash(cfg) == hash(Config()), Config(workers=4))
    try:
        cfg.workers = 8
    except FrozenInstanceError as e:
        print("FrozenInstanceError:", e, isinstance(e, AttributeError))
    jobs = queue.PriorityQueue()
    for p, n in [(3, "low"), (1, "urgent"), (2, "normal")]:
        jobs.put(Job(p, n, [p, p + 1]))
    order = []
    while not jobs.empty():
        order.append(jobs.get())
    print(order, order[0] < order[1], sorted(order, reverse=True)[0].name)
    with Pool(cfg.workers) as pool:
        results = pool.map(run, order)
    for r in results:
        print(r)
    out = []
    lock = threading.Lock()
    def collect(j):
        r = run(j)
        with lock:
            out.append(r)
    ts = [threading.Thread(target=collect, args=(j,)) for j in order]
    for t in ts: t.start()
    for t in ts: t.join()
    print(sorted(r.value for r in out))
    p = Point(3, 4)
    print(p, p.dist2(), asdict(p), astuple(p), replace(p, y=0), Point3(1, 2, 3), Point3(1))
    print([f.name for f in fields(Point3)], is_dataclass(p), is_dataclass(Point), is_dataclass(3))
    print(Point(1) == Point(1.0, 0), Point(1) == (1, 0), Point.__eq__ is not object.__eq__)
    try:
        Point()
    except TypeError as e:
        print("TypeError:", e)
    try:
        Point(1, 2, 3)
    except TypeError as e:
        print("TypeError:", e)
    try:
        Point(1, w=2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        @dataclass
        class Bad:
            items: list = []
    except ValueError as e:
        print("ValueError:", e)
    try:
        @dataclass
        class Bad2:
            a: int = 1
            b: int
    except TypeError as e:
        print("TypeError:", e)
    try:
        hash(Point(1))
    except TypeError as e:
        print("TypeError:", e)
    print(Job.__annotations__ == {"priority": int, "name": str, "payload": list})
