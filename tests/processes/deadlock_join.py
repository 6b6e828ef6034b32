# The parent joins a child that waits forever on a Queue nobody will feed: a deadlock across
# processes, reported (exit 3) instead of hanging (tests/processes/run.sh).
import multiprocessing as mp


def worker(q):
    q.get()


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    p.join()
    print("not reached")
