# exit: 1
def g(a):
    pass
g(1, 2)
