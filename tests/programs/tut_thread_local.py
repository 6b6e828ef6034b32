# threading.local: each thread sees its own attributes.
import threading

local = threading.local()
out = {}
lock = threading.Lock()

def show(name):
    local.name = name
    local.items = []
    for i in range(3):
        local.items.append(f"{name}:{i}")
    with lock:
        out[name] = (local.name, list(local.items))

local.name = "main"
ts = [threading.Thread(target=show, args=(f"t{i}",)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
for k in sorted(out):
    print(k, out[k])
print("main still sees:", local.name)
print(hasattr(local, "items"))
def check():
    try:
        local.name
    except AttributeError as e:
        print("AttributeError in new thread:", e)
t = threading.Thread(target=check); t.start(); t.join()
