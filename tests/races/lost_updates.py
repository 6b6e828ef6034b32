# `counter += 1` is a load, an add and a store: with the GIL off the threads really race, so the
# total may be short; it can never exceed the number of increments, and never crash.
import threading, sys

N = 2
PER = 200000
counter = 0

def work():
    global counter
    for _ in range(PER):
        counter += 1

threads = [threading.Thread(target=work) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert 0 < counter <= N * PER, counter
print("ok", counter, "lost" if counter < N * PER else "none lost")
