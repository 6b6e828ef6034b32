# multiprocessing.JoinableQueue: workers call task_done, the parent joins the queue.
from multiprocessing import Process, JoinableQueue, Queue

def worker(tasks, results):
    while True:
        n = tasks.get()
        if n is None:
            tasks.task_done()
            break
        results.put((n, n ** 3))
        tasks.task_done()

if __name__ == "__main__":
    tasks = JoinableQueue()
    results = Queue()
    workers = [Process(target=worker, args=(tasks, results)) for _ in range(2)]
    for w in workers: w.start()
    for n in range(10):
        tasks.put(n)
    for _ in workers:
        tasks.put(None)
    tasks.join()
    out = sorted(results.get() for _ in range(10))
    for w in workers: w.join()
    print(out)
    print(dict(out)[9], [w.exitcode for w in workers])
