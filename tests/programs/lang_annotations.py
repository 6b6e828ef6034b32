# Variable annotations in module and class bodies are kept in __annotations__ (names mangled,
# nested blocks included, function bodies not); a class without any has an empty dict of its own.
x: int = 3
y: "str"
class A:
    """doc"""
    a: int = 1
    __p: float = 2.0
    b: list
    if True:
        c: dict = {}
    def m(self):
        z: int = 5
        return z
print(__annotations__)
print(A.__annotations__, A.a, A().m(), "b" in A.__dict__)
class B(A):
    pass
print(B.__dict__.get("__annotations__"), hasattr(B, "__annotations__"))
class C:
    pass
print(hasattr(C, "__annotations__"))
