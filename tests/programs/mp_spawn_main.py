# Under spawn the child re-runs the module as __mp_main__: top-level code outside the guard runs
# again in every child, code inside the guard only in the parent.
import os
import multiprocessing as mp

print("module body runs as", __name__)


def report(q):
    q.put((__name__, mp.current_process().name, os.getppid() == mp.current_process()._parent_pid))


if __name__ == "__main__":
    mp.set_start_method("spawn")
    q = mp.Queue()
    ps = [mp.Process(target=report, args=(q,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(sorted([q.get(), q.get()]))
    print(mp.current_process().name, len(mp.active_children()))
