# exit: 1
import threading

def boom():
    raise ValueError("bad input")

t = threading.Thread(target=boom)
t.start()
t.join()
print("main thread still running")
d = {"a": 1}
try:
    d["b"]
except KeyError:
    raise RuntimeError("lookup failed")
