# Method calls and attribute access on instances.
class Counter:
    def __init__(self):
        self.value = 0

    def add(self, n):
        self.value += n
        return self

def work():
    c = Counter()
    for i in range(1_500_000):
        c.add(i)
    return c.value

print(work())
