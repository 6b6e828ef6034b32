# Matrix multiply split across processes, rows sent via Pool.starmap; a monte-carlo pi with a
# seeded random per worker; results aggregated and formatted.
import random
from multiprocessing import Pool

def row_times(row, matrix):
    return [sum(a * b for a, b in zip(row, col)) for col in zip(*matrix)]

def estimate(seed, n):
    rng_hits = 0
    random.seed(seed)
    for _ in range(n):
        x, y = random.random(), random.random()
        if x * x + y * y <= 1.0:
            rng_hits += 1
    return rng_hits

if __name__ == "__main__":
    A = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]]
    B = [[1, 0], [0, 1], [2, 2]]
    with Pool(2) as pool:
        C = pool.starmap(row_times, [(row, B) for row in A])
        hits = pool.starmap(estimate, [(seed, 2000) for seed in range(4)])
    for row in C:
        print(" ".join(f"{v:4d}" for v in row))
    print(hits, f"pi ~ {4 * sum(hits) / 8000:.4f}")
    print(max(C, key=sum), min(map(min, C)), [sum(col) for col in zip(*C)])
