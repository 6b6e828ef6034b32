# Error messages and edge behaviour of the threading and queue primitives, plus everyday
# containers, checked against python3.
import threading, queue, time
q = queue.Queue()
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
l = threading.Lock()
print(l.acquire(timeout=-1), l.acquire(timeout=0))
l.release()
try:
    l.acquire(blocking=False, timeout=1)
except ValueError as e:
    print("ValueError:", e)
try:
    l.acquire(timeout=-2)
except ValueError as e:
    print("ValueError:", e)
e = threading.Event()
print(e.wait(0.01), e.is_set())
t = threading.Thread(target=time.sleep, args=(0.2,), daemon=True)
t.start()
t.join(timeout=0.01)
print(t.is_alive(), t.daemon)
class Slot:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
s = Slot()
print(s.a, hasattr(s, "b"))
print(sorted([(1, "b"), (0, "z"), (1, "a")], key=lambda p: p[0]))
print({1, 2, 3} & {2, 3, 4}, {1, 2} | {3}, {1, 2, 3} - {2}, {1, 2} ^ {2, 3}, {1, 2} <= {1, 2, 3})
d = {"b": 1, "a": 2}
d["c"] = 0
print(list(d), sorted(d.items(), key=lambda kv: kv[1]), {v: k for k, v in d.items()}, d | {"z": 9})
print(max({"x": 3, "y": 5}.items(), key=lambda kv: kv[1])[0], sum([[1], [2]], []), list(map(lambda x, y: x + y, [1, 2], [3, 4])))
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")
for x in gen():
    print("got", x)
    break
notes = []
b = threading.Barrier(2, action=lambda: 1 / 0)
def w():
    try:
        b.wait()
    except threading.BrokenBarrierError:
        notes.append("broken in thread")
th = threading.Thread(target=w); th.start()
while b.n_waiting == 0:
    time.sleep(0.001)
try:
    b.wait()
except ZeroDivisionError:
    print("action failed in main")
except threading.BrokenBarrierError:
    print("broken in main")
th.join()
print(notes)
print(threading.Thread(target=None).name.startswith("Thread-"), threading.current_thread().name)
print(str(threading.Semaphore), repr(threading.Lock)[:30])
