# The parent joins a child that waits forever on recv() from a Pipe nobody sends on: reported.
import multiprocessing as mp


def worker(conn):
    conn.recv()


if __name__ == "__main__":
    a, b = mp.Pipe(duplex=False)
    p = mp.Process(target=worker, args=(a,))
    p.start()
    p.join()
