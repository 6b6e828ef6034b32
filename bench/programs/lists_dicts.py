# Loops over lists and dicts: iteration, subscripts, appends, dict updates.
def work():
    total = 0
    for round in range(30):
        items = []
        for i in range(20000):
            items.append(i * 2)
        counts = {}
        for x in items:
            key = x % 97
            counts[key] = counts.get(key, 0) + 1
        for k, v in counts.items():
            total += k * v
    return total

print(work())
