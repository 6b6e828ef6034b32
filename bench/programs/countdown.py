# Single thread, CPU-bound: the GIL tutorials' countdown.
def countdown(n):
    while n > 0:
        n -= 1

countdown(20_000_000)
