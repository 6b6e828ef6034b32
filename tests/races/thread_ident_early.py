# A new thread's first statements see itself whole: current_thread() is its own Thread, with its
# ident and native_id already set, even when (GIL off) it runs before start() has returned in the
# parent. Fails if any thread saw a missing ident or another object.
import sys
import threading

ROUNDS = 300
bad = []


def first_look():
    me = threading.current_thread()
    ident = threading.get_ident()
    if me.ident != ident or me.native_id != threading.get_native_id() or me.name == "":
        bad.append((me.name, me.ident, ident))


for _ in range(ROUNDS):
    batch = [threading.Thread(target=first_look) for _ in range(4)]
    for t in batch:
        t.start()
    for t in batch:
        t.join()
if bad:
    print("threads that did not see themselves:", len(bad), bad[:3])
    sys.exit(1)
print("ok", ROUNDS * 4)
