# The I/O convoy (CPython bpo-7946): an I/O-bound thread blocks briefly 100 times (a 0.1 ms sleep
# stands for a short recv()) while a CPU-bound thread spins. Every blocking call drops the GIL; to
# come back the I/O thread must wait for the spinner: under CPython's GIL one switch interval
# (5 ms) before it may ask for the drop. So each 0.1 ms operation costs about 5 ms, and the wall
# time is about 100 intervals. (A queue ping-pong between two threads shows no convoy: the GIL
# passes between them directly and the spinner starves instead, in CPython as here.)
import threading
import time

OPERATIONS = 100
done = False

def spin():
    n = 0
    while not done:
        n += 1

spinner = threading.Thread(target=spin)
spinner.start()
for _ in range(OPERATIONS):
    time.sleep(0.0001)
done = True
spinner.join()
