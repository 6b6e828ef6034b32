# Instances made and their attributes written and read, with no attribute hooks: the inline
# caches' fast paths (bench/vm_ab.py compares two builds on it).
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def work():
    total = 0
    for i in range(400_000):
        p = Point(i, 2)
        p.x = p.x + p.y
        total += p.x
    return total

print(work())
