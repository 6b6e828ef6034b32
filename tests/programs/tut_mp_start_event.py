# A multiprocessing.Lock serialising access; Event to start workers together; Semaphore.
from multiprocessing import Process, Lock, Event, Semaphore, Value, Queue
import time

def worker(i, lock, start, sem, counter, q):
    start.wait()
    with sem:
        with lock:
            counter.value += i
    q.put(i)

if __name__ == "__main__":
    lock, start, sem = Lock(), Event(), Semaphore(2)
    counter = Value("i", 0, lock=False)
    q = Queue()
    ps = [Process(target=worker, args=(i, lock, start, sem, counter, q)) for i in range(5)]
    for p in ps: p.start()
    time.sleep(0.05)
    print("started, counter =", counter.value)
    start.set()
    print(sorted(q.get() for _ in ps))
    for p in ps: p.join()
    print("counter =", counter.value)
