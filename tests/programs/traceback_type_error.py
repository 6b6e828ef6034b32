# exit: 1
def g(a, b):
    return a + b
print(g(1, "x"))
