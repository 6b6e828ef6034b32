# threading.Barrier: phases, the action, the index each party gets, abort and BrokenBarrierError.
import threading

N = 3
phases = []
def on_phase():
    phases.append("phase done")

barrier = threading.Barrier(N, action=on_phase)
results = {}
lock = threading.Lock()

def worker(i):
    total = 0
    for step in range(3):
        total += i * step
        idx = barrier.wait()
        with lock:
            results.setdefault(step, []).append(idx)
    with lock:
        results[f"w{i}"] = total

ts = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print(len(phases), "phases")
for step in range(3):
    print(step, sorted(results[step]))
print([results[f"w{i}"] for i in range(N)])
print(barrier.parties, barrier.n_waiting, barrier.broken)

b2 = threading.Barrier(2, timeout=0.05)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError after timeout; broken =", b2.broken)
b2.reset()
print("after reset broken =", b2.broken)
b3 = threading.Barrier(2)
b3.abort()
try:
    b3.wait()
except threading.BrokenBarrierError as e:
    print("aborted:", type(e).__name__, isinstance(e, RuntimeError))
