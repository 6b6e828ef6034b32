# Big allocations respect the heap limit: each raises MemoryError (never an OS kill), and the
# program goes on afterwards.
n = 0
for make in (lambda: [0] * 10**10, lambda: "x" * 10**11, lambda: list(range(10**10)),
             lambda: [None] * (2**62)):
    try:
        make()
    except MemoryError:
        n += 1
print("ok", n)
assert n == 4
