# Products around the edges of the VM's small ints (63-bit payload) and of 31-bit factors, where
# the multiplication fast path changes strategy (wasm32 skips the overflow check for factors of 31
# bits). Only products that fit 64 bits are taken, so CPython prints the same. Both operands are
# variables: nothing is folded at compile time, each product runs BINARY_OP.
edges = [0, 1, -1, 2, 3, 46340, 46341, 65535, 65536, 2**31 - 2, 2**31 - 1, 2**31, 2**31 + 1,
         -(2**31) + 1, -(2**31), -(2**31) - 1, 2**32 - 1, 2**32, 3037000499, -3037000499,
         2**61 - 1, -(2**61), 2**62 - 1, -(2**62)]
total = 0
for x in edges:
    for y in edges:
        if x != 0 and abs(y) > 9223372036854775807 // abs(x):
            continue  # past 64 bits: OverflowError here, a big int in CPython
        p = x * y
        total ^= p & 0xFFFFFFFFFFFF
        if abs(x) in (2**31 - 1, 2**31, 3037000499) and abs(y) in (2**31 - 1, 2**31, 3037000499):
            print(x, "*", y, "=", p)
a = 2**31 - 1
a *= a
print("in place:", a, a * 2, a * -2)
print("checksum:", total)
