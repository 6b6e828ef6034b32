# Two threads take two locks in opposite orders: each holds one and waits for the other.
import threading
import time

a = threading.Lock()
b = threading.Lock()

def first():
    with a:
        time.sleep(0.05)
        with b:
            print("first got both")

def second():
    with b:
        time.sleep(0.05)
        with a:
            print("second got both")

t1 = threading.Thread(target=first)
t2 = threading.Thread(target=second)
t1.start()
t2.start()
t1.join()
t2.join()
