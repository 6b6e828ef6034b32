# The parent waits on recv() from a Pipe whose other end only a child that already exited was
# meant to use (the parent still holds that end, so no EOF comes): reported (exit 3).
import multiprocessing as mp


def worker(conn):
    pass


if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.Process(target=worker, args=(b,))
    p.start()
    p.join()
    print(a.recv())
