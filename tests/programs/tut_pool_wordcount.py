# Word count as map-reduce over processes; the reduce step merges dicts.
from multiprocessing import Pool

TEXT = """the quick brown fox jumps over the lazy dog
The dog barks; the fox runs.
A quick brown dog? No -- a quick red fox!
""" * 3

def mapper(line):
    counts = {}
    for word in line.lower().split():
        word = word.strip(".,;:!?-")
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts

def reducer(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out

if __name__ == "__main__":
    lines = [l for l in TEXT.splitlines() if l.strip()]
    with Pool(2) as pool:
        partials = pool.map(mapper, lines, chunksize=2)
    total = {}
    for p in partials:
        total = reducer(total, p)
    top = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    for word, n in top:
        print(f"{word:<6} {n:>3}")
    print(len(total), "distinct words;", sum(total.values()), "in all")
    print(max(total, key=total.get), min(total.values()))
