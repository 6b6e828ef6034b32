# A class's methods and attributes replaced while other threads call them through the inline
# caches of LOAD_METHOD and LOAD_ATTR: every call reaches one of the installed versions.
import threading

PER = 4000

class Greeter:
    kind = 0
    def hello(self):
        return 0

def v1(self):
    return 1

def v2(self):
    return 2

def swapper():
    for i in range(PER):
        Greeter.hello = v1 if i % 2 else v2
        Greeter.kind = i % 3

def caller():
    g = Greeter()
    seen = set()
    for _ in range(PER):
        seen.add(g.hello())
        assert g.kind in (0, 1, 2)
    assert seen <= {0, 1, 2}, seen

threads = [threading.Thread(target=swapper)] + [threading.Thread(target=caller) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
Greeter.hello = v2
assert Greeter().hello() == 2
print("ok")
