# exit: 1
# heap-limit: 8000000
# stderr-contains: MemoryError
# Grows a list without bound: under the test's small heap limit this must end in MemoryError.
data = []
print("growing")
while True:
    data.append([0] * 1000)
