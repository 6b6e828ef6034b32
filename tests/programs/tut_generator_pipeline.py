# Generator pipelines and iteration protocols.
def read_lines():
    for line in ["10", "x", "20", "", "30"]:
        yield line

def parse(lines):
    for l in lines:
        try:
            yield int(l)
        except ValueError:
            continue

def running_total(nums):
    total = 0
    for n in nums:
        total += n
        yield total

print(list(running_total(parse(read_lines()))))

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x for x in Countdown(2)])

def chunked(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
print(list(chunked(list(range(7)), 3)))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            return received
        received.append(x)
e = echo(); next(e); e.send("a"); e.send("b")
try:
    e.send(None)
except StopIteration as s:
    print("returned", s.value)
it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
print(list(enumerate("ab")), list(filter(None, [0, 1, "", "a"])), all([]), any([]))
squares = (i * i for i in range(4))
print(sum(squares), sum(squares))
