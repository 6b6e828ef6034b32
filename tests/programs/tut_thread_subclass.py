# Class features tutorials use: class counters, __str__ vs __repr__, properties, staticmethods, inheritance.
import threading

class Worker(threading.Thread):
    count = 0
    _lock = threading.Lock()

    def __init__(self, jobs, *, label="w"):
        super().__init__()
        with Worker._lock:
            Worker.count += 1
            self.index = Worker.count
        self.jobs = jobs
        self.label = label
        self.result = None

    def run(self):
        self.result = sum(j * self.index for j in self.jobs)

    def __str__(self):
        return f"{self.label}{self.index}"

    @property
    def done(self):
        return self.result is not None

    @staticmethod
    def describe():
        return "a worker thread"

    @classmethod
    def made(cls):
        return cls.count

ws = [Worker(range(4), label="job-") for _ in range(3)]
print([w.done for w in ws])
for w in ws: w.start()
for w in ws: w.join()
print([str(w) for w in ws], [w.result for w in ws], [w.done for w in ws])
print(Worker.describe(), Worker.made(), ws[0].is_alive())
print(f"{ws[0]!s} {ws[1]}")
class Shape:
    def area(self):
        raise NotImplementedError("subclasses implement area")
    def __repr__(self):
        return f"{type(self).__name__}(area={self.area():.2f})"
    def __lt__(self, other):
        return self.area() < other.area()
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return 3.14159 * self.r ** 2
shapes = [Sq(3), Circle(1), Sq(1.5)]
print(sorted(shapes), min(shapes), max(shapes, key=lambda s: s.area()))
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(issubclass(Sq, Shape), isinstance(shapes[1], Sq), Sq.__mro__ if hasattr(Sq, "__mro__") else None)
print(Sq.__name__, Sq.__qualname__, Sq(2).__class__.__name__, Sq.__bases__)
print(hasattr(Sq(1), "s"), getattr(Sq(1), "zz", "none"), vars(Sq(4)))
