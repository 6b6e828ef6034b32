# The parent waits on q.get() for a child that already exited without putting: reported (exit 3).
import multiprocessing as mp


def worker(q):
    pass


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    p.join()
    print(q.get())
