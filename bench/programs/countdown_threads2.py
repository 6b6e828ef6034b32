# The same countdown split across two threads: under the GIL no faster than one thread.
import threading

def countdown(n):
    while n > 0:
        n -= 1

N = 20_000_000
t1 = threading.Thread(target=countdown, args=(N // 2,))
t2 = threading.Thread(target=countdown, args=(N // 2,))
t1.start(); t2.start()
t1.join(); t2.join()
