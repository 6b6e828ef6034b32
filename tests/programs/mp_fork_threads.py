# A fork child has only the thread that forked: another thread that was running (here one spinning
# for the GIL) neither runs nor is waited for in the child, which ends normally.
import threading, time
import multiprocessing as mp
stop = False
def spin():
    n = 0
    while not stop:
        n += 1
def child(q):
    q.put("child ok")
if __name__ == "__main__":
    mp.set_start_method("fork")
    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    q = mp.Queue()
    ps = [mp.Process(target=child, args=(q,)) for _ in range(5)]
    for p in ps: p.start()
    print([q.get(timeout=5) for _ in ps])
    for p in ps: p.join()
    stop = True
    t.join()
    print([p.exitcode for p in ps])
