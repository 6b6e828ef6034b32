# Many short-lived threads, started in waves, each appending to a shared list: every one runs
# exactly once and is joined.
import threading

results = []
def work(k):
    results.append(k)

for wave in range(25):
    ts = [threading.Thread(target=work, args=(wave * 20 + i,)) for i in range(20)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
assert sorted(results) == list(range(500)), len(results)
assert threading.active_count() == 1
print("ok", len(results))
