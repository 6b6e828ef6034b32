# exit: 1
def divide(a, b):
    return a / b

def run():
    values = [1, 2, 0]
    total = 0
    for v in values:
        total += divide(10, v)
    return total

print("start")
run()
