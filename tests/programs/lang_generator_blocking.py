# Generators whose bodies block (sleep, Queue.get, Lock, Event, join) while a for loop, a
# comprehension or `yield from` runs them: the tutorials' producer/consumer pipelines.
import threading, queue, time

def ticks(n):
    for i in range(n):
        time.sleep(0.001)
        yield i

print([x for x in ticks(3)])
for x in ticks(2):
    print("tick", x)

q = queue.Queue()
def producer():
    for i in range(5):
        time.sleep(0.002)
        q.put(i * i)
    q.put(None)
threading.Thread(target=producer).start()

def drain(q):
    while True:
        item = q.get()
        if item is None:
            return "drained"
        yield item

def relay(q):
    result = yield from drain(q)
    yield result

for item in relay(q):
    print("got", item)

lock = threading.Lock()
ready = threading.Event()
def holder():
    with lock:
        ready.set()
        time.sleep(0.02)
t = threading.Thread(target=holder)
t.start()
ready.wait()

def guarded(n):
    for i in range(n):
        with lock:
            yield i

print(sum([x for x in guarded(3)]))
t.join()

def waits_for(thread):
    thread.join()
    yield "joined"
    raise StopIteration
w = threading.Thread(target=time.sleep, args=(0.005,))
w.start()
try:
    for s in waits_for(w):
        print(s)
except RuntimeError as e:
    print("RuntimeError:", e)

def failing():
    time.sleep(0.001)
    yield 1
    raise KeyError("k")
try:
    for v in failing():
        print("v", v)
except KeyError as e:
    print("KeyError", e)

def itself():
    yield next(me)
me = itself()
try:
    for _ in me:
        pass
except ValueError as e:
    print("ValueError:", e)

# Two threads share one generator: the one that finds it running in the other gets ValueError.
def slow():
    for i in range(3):
        time.sleep(0.01)
        yield i
shared = slow()
errors = []
def take():
    try:
        for _ in shared:
            pass
    except ValueError as e:
        errors.append(str(e))
a = threading.Thread(target=take)
a.start()
time.sleep(0.003)
take()
a.join()
print(errors)
