# multiprocessing.Queue fan-out/fan-in with a poison pill per worker and current_process names.
import multiprocessing as mp

def work(inq, outq):
    name = mp.current_process().name
    n = 0
    for item in iter(inq.get, None):
        outq.put(item * 2)
        n += 1
    outq.put(("done", name.startswith("worker-"), n >= 0))

if __name__ == "__main__":
    inq, outq = mp.Queue(), mp.Queue()
    procs = [mp.Process(target=work, args=(inq, outq), name=f"worker-{i}") for i in range(3)]
    for p in procs: p.start()
    for i in range(15):
        inq.put(i)
    for _ in procs:
        inq.put(None)
    results, dones = [], 0
    while dones < len(procs):
        msg = outq.get()
        if isinstance(msg, tuple):
            dones += 1
            assert msg[1] and msg[2]
        else:
            results.append(msg)
    for p in procs: p.join()
    print(sorted(results))
    print([p.exitcode for p in procs], [p.is_alive() for p in procs])
    print(mp.current_process().name)
