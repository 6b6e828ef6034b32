# Two threads take the same two locks in opposite orders. Each gets its first
# lock, then waits for the one the other holds: neither can go on. A runner
# reports the deadlock (who waits for what) instead of hanging.
import threading
import time

a = threading.Lock()
b = threading.Lock()

def one():
    with a:
        time.sleep(0.01)  # let the other thread take b
        with b:
            print("one has both")

def two():
    with b:
        time.sleep(0.01)
        with a:
            print("two has both")

t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print("never printed")
