# threading.Timer: runs once after a delay; cancel() before it fires stops it.
import threading
import time

fired = []

def hello(name, greeting="hi"):
    fired.append(f"{greeting} {name}")

t = threading.Timer(0.02, hello, args=("world",), kwargs={"greeting": "hello"})
t.start()
t.join()
print(fired)

c = threading.Timer(5.0, hello, args=("never",))
c.start()
c.cancel()
c.join()
print(fired, c.is_alive())
print(isinstance(t, threading.Thread), t.name.startswith("Thread-"))
start = time.monotonic()
done = threading.Event()
tm = threading.Timer(0.05, done.set)
tm.start()
print(done.wait(2), time.monotonic() - start >= 0.04)
