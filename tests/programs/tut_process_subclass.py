# Subclassing multiprocessing.Process, exit codes, names, a Manager-less result queue.
import multiprocessing as mp
import sys

class Squarer(mp.Process):
    def __init__(self, n, out):
        super().__init__(name=f"squarer-{n}")
        self.n = n
        self.out = out
    def run(self):
        self.out.put((self.name, self.n * self.n))

def failing():
    raise SystemExit(3)

def bad():
    sys.exit("bye")

if __name__ == "__main__":
    q = mp.Queue()
    ps = [Squarer(i, q) for i in range(4)]
    for p in ps: p.start()
    got = sorted(q.get() for _ in ps)
    for p in ps: p.join()
    print(got)
    print([p.exitcode for p in ps], ps[0].name)
    f = mp.Process(target=failing); f.start(); f.join()
    print("exit", f.exitcode)
    b = mp.Process(target=bad); b.start(); b.join()
    print("exit", b.exitcode)
    print(mp.cpu_count() >= 1, mp.get_start_method() in ("fork", "spawn", "forkserver"))
