# String work of the kind log-processing examples do.
log = """2024-01-01 INFO start worker=1
2024-01-01 WARN slow worker=2 ms=350
2024-01-02 ERROR failed worker=1 code=7
2024-01-02 INFO done worker=3"""
levels = {}
for line in log.splitlines():
    date, level, *rest = line.split()
    levels.setdefault(level, []).append(date)
    kv = dict(part.split("=") for part in rest if "=" in part)
    print(f"{level:<5} {date} {kv}")
print(levels)
print(sorted(levels, key=len), sorted(levels, key=lambda l: len(levels[l]), reverse=True))
text = "The Quick brown fox"
print(text.upper(), text.lower(), text.title(), text.split(" ", 1), text.rsplit(" ", 1))
print(text.partition(" "), text.rpartition(" "), text.count("o"), text[::-1], text[4:9])
print("  x ".lstrip(), "|", " x  ".rstrip(), "|", "xxhixx".strip("x"), "a-b-c".replace("-", "+", 1))
print(",".join(map(str, range(5))), "Tab\there", repr("quote'\""), "é".upper(), len("héllo"))
print("abc" < "abd", "B" < "a", ord("A"), chr(97), "ab" * 3, "x" in "xyz", "hello"[1:-1])
print("{:>8.3f}|{:<+6d}|{:^10s}|{:*^10}".format(3.14159, 42, "mid", "s"))
print(str(1.0), str(1e16), str(1.5e-7), repr(0.1 + 0.2), 1/3, 2.0 ** 0.5, float("inf"), -0.0)
print(int("ff", 16), int("0b101", 0), int(" 42 "), float("3.5"), str(True), bool(""), bool("0"))
s = "word " * 3
print(s.strip().split(), s.isspace(), "ABC".isupper(), "abc".islower(), "Abc Def".istitle())
print("%s %r %d %5.2f %-4d|" % ("s", "s", 3, 2.5, 7), "%(a)s-%(b)s" % {"a": 1, "b": 2})
print("line1\nline2".splitlines(), "a\tb".expandtabs(4), "x".ljust(3, ".") + "|", "x".rjust(3) + "|")
print("hello world".encode() if False else "skip", "abc".removeprefix("a"), "abc".removesuffix("c"))
