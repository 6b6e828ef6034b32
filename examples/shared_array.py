# A multiprocessing Array is one block of shared memory: each process fills
# its own slice and the parent sees every write, with no messages sent.
from multiprocessing import Process, Array

def fill(shared, start, stop):
    for i in range(start, stop):
        shared[i] = i * i

if __name__ == "__main__":
    shared = Array("i", 8)
    procs = [Process(target=fill, args=(shared, k * 4, k * 4 + 4)) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(list(shared))
