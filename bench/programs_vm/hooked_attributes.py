# The same work as attributes.py through a class's __setattr__ and __getattribute__ (no inline
# cache applies): what the hooks cost, against python3.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)

    def __getattribute__(self, name):
        return object.__getattribute__(self, name)

def work():
    total = 0
    for i in range(100_000):
        p = Point(i, 2)
        p.x = p.x + p.y
        total += p.x
    return total

print(work())
