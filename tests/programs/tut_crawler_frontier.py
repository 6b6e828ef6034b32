# A threaded web-crawler simulation: a frontier deque, a visited set under a lock, workers that
# stop on an Event, results gathered in a dict of lists, reported with f-string alignment.
import threading
import time
from collections import deque, defaultdict

LINKS = {
    "/": ["/a", "/b", "/c"],
    "/a": ["/a/1", "/a/2", "/"],
    "/b": ["/b/1", "/a"],
    "/c": [],
    "/a/1": ["/a/2"],
    "/a/2": [],
    "/b/1": ["/b/1/x"],
    "/b/1/x": ["/"],
}

frontier = deque(["/"])
visited = set()
lock = threading.Lock()
pending = threading.Semaphore(0)
depth_of = {"/": 0}
by_depth = defaultdict(list)
stop = threading.Event()
active = [0]

def crawl():
    while not stop.is_set():
        with lock:
            if not frontier:
                if active[0] == 0:
                    stop.set()
                    return
                url = None
            else:
                url = frontier.popleft()
                active[0] += 1
        if url is None:
            time.sleep(0.001)
            continue
        time.sleep(0.002)
        with lock:
            if url not in visited:
                visited.add(url)
                by_depth[depth_of[url]].append(url)
                for link in LINKS.get(url, []):
                    if link not in visited and link not in depth_of:
                        depth_of[link] = depth_of[url] + 1
                        frontier.append(link)
            active[0] -= 1

workers = [threading.Thread(target=crawl, name=f"crawler-{i}") for i in range(3)]
for w in workers: w.start()
for w in workers: w.join()
for depth in sorted(by_depth):
    urls = sorted(by_depth[depth])
    print(f"depth {depth}: {len(urls):>2} {', '.join(urls)}")
print(f"{'total':<8}{len(visited):>4}", sorted(visited) == sorted(LINKS))
