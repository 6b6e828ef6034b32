# pow with a modulus, negative exponents included (the modular inverse, CPython 3.8+).
print(pow(3, -1, 7), pow(3, -2, 7), pow(-3, -1, 7), pow(3, -1, -7), pow(38, -1, 97), pow(0, -1, 1))
print(pow(2, 10, 1000), pow(-2, 3, 5), pow(2, 3, -5), pow(7, 0, 13), pow(7, 0, 1), pow(5, 117, 19))
print(pow(123456789, -1, 1000000007), pow(2, -5, 1000000007) * pow(2, 5, 1000000007) % 1000000007)
print(pow(9223372036854775807, -1, 9223372036854775806), pow(3, -9223372036854775807, 1000003))
for b, e, m in [(2, -1, 4), (0, -1, 7), (6, -3, 9), (2, 3, 0), (2, -1, 0), (2.0, 1, 3)]:
    try:
        print(pow(b, e, m))
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)
inverses = [pow(a, -1, 11) for a in range(1, 11)]
print(inverses, all(a * inv % 11 == 1 for a, inv in zip(range(1, 11), inverses)))
