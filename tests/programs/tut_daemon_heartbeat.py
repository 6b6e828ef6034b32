# Daemon threads: the program exits without waiting for them; daemon is inherited.
import threading
import time

ticks = []

def background():
    while True:
        ticks.append(1)
        time.sleep(0.01)

def spawner():
    child = threading.Thread(target=lambda: None)
    print("child inherits daemon:", child.daemon)

d = threading.Thread(target=background, daemon=True, name="heartbeat")
d.start()
print(d.daemon, d.name, d.is_alive())
s = threading.Thread(target=spawner, daemon=True)
s.start(); s.join()
n = threading.Thread(target=spawner)
n.start(); n.join()
time.sleep(0.05)
print("ticked:", len(ticks) > 0)
try:
    d.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
print("main exits while heartbeat runs:", d.is_alive())
