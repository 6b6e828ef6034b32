# Fidelity: the convoy effect. A thread doing 40 short blocking waits (1 ms) next to a CPU-bound
# thread: each time it comes back it waits for the GIL, up to a switch interval (5 ms).
# Prints the I/O thread's seconds.
import threading
import time

done = []


def spin():
    while not done:
        pass


def io():
    for _ in range(40):
        time.sleep(0.001)


cpu = threading.Thread(target=spin)
cpu.start()
time.sleep(0.01)
t0 = time.perf_counter()
t = threading.Thread(target=io)
t.start()
t.join()
elapsed = time.perf_counter() - t0
done.append(1)
cpu.join()
print(elapsed)
