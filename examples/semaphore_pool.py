# A pool of three "connections" shared by eight threads: a BoundedSemaphore
# lets three in at a time; the others queue at the gate until one leaves.
import threading
import time

pool = threading.BoundedSemaphore(3)
free = ["conn-a", "conn-b", "conn-c"]
guard = threading.Lock()
used = []

def job(i):
    with pool:
        with guard:
            conn = free.pop()
        time.sleep(0.03)  # the query
        with guard:
            used.append(conn)
            free.append(conn)

threads = [threading.Thread(target=job, args=(i,)) for i in range(8)]
start = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
print("jobs:", len(used), "connections:", sorted(set(used)))
print("about three rounds of 0.03 s:", round(time.time() - start, 2) < 0.5)
