# A bounded buffer guarded by a Condition: the producer waits while the buffer
# is full, the consumer waits while it is empty, and each wakes the other.
import threading
import time

buffer = []
CAPACITY = 3
cond = threading.Condition()
received = []

def producer():
    for item in range(10):
        with cond:
            while len(buffer) >= CAPACITY:
                cond.wait()
            buffer.append(item)
            cond.notify_all()
    with cond:
        buffer.append(None)  # the end of the stream
        cond.notify_all()

def consumer():
    while True:
        with cond:
            while not buffer:
                cond.wait()
            item = buffer.pop(0)
            cond.notify_all()
        if item is None:
            break
        time.sleep(0.005)  # slower than the producer: the buffer fills up
        received.append(item)

threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(received)
