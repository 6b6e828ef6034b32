# Annotations in a class body inside a function see the function's locals, as CPython's (the
# symtable resolves their names like any other expression there).
from dataclasses import dataclass
def make():
    Kind = str
    @dataclass
    class Local:
        name: Kind
        size: int = 0
    return Local
L = make()
print(L("x"), L.__annotations__)
def outer():
    T = float
    class C:
        v: T = 1.0
    return C.__annotations__
print(outer())
(parenthesized): int = 1
print(__annotations__, parenthesized)
