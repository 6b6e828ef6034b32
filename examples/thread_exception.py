# An uncaught exception ends only the thread that raised it: Python prints the
# traceback on stderr ("Exception in thread ...") and the program goes on.
import threading

def divide(a, b):
    return a / b

def worker():
    print("result:", divide(1, 0))

t = threading.Thread(target=worker)
t.start()
t.join()
print("main thread carries on")
