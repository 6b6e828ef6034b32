# stderr-contains: RuntimeError: generator ignored GeneratorExit
# A for loop that breaks out of a generator nobody else holds closes it; when the generator
# yields again in response, CPython reports the RuntimeError as unraisable and goes on.


def stubborn():
    for i in range(3):
        try:
            yield i
        except GeneratorExit:
            print("ignoring GeneratorExit")


for x in stubborn():
    print("got", x)
    break
print("after the loop")
