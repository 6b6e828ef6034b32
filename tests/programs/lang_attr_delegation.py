# Hooks in the patterns of threading tutorials: a lock-wrapping proxy through __getattr__ used by four
# threads, a Thread subclass with __setattr__; runaway hooks end in RecursionError.
import threading
class W:
    def __getattr__(self, name):
        return self.other
try:
    W().x
except RecursionError as e:
    print("RecursionError")
class S:
    def __setattr__(self, name, value):
        self.__dict__[name] = value
        setattr(self, name, value)
try:
    S().a = 1
except RecursionError:
    print("RecursionError 2")
class Synchronized:
    def __init__(self, obj):
        self._obj = obj
        self._lock = threading.Lock()
    def __getattr__(self, name):
        attr = getattr(self._obj, name)
        if callable(attr):
            def wrapped(*a, **k):
                with self._lock:
                    return attr(*a, **k)
            return wrapped
        return attr
s = Synchronized([])
def work():
    for i in range(1000): s.append(i)
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(s._obj))
class T(threading.Thread):
    def __setattr__(self, name, value):
        super().__setattr__(name, value)
t = T(target=lambda: print("in thread"))
t.start(); t.join()
print(t.name.startswith("Thread"))
