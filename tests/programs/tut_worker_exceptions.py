# Exceptions in worker threads: caught and collected, custom exception classes, excepthook output.
import threading

class TaskError(Exception):
    def __init__(self, task, reason):
        super().__init__(f"task {task} failed: {reason}")
        self.task = task
        self.reason = reason

errors = []
def run(task):
    try:
        if task % 3 == 0:
            raise TaskError(task, "divisible by three")
        return 100 // (task - 4)
    except TaskError as e:
        errors.append((e.task, str(e)))
    except ZeroDivisionError as e:
        errors.append((task, repr(e)))
    finally:
        pass

ts = [threading.Thread(target=run, args=(i,)) for i in range(7)]
for t in ts: t.start()
for t in ts: t.join()
for e in sorted(errors):
    print(e)
e = TaskError(1, "x")
print(e.args, repr(e), isinstance(e, Exception))
try:
    try:
        {}["k"]
    except KeyError as k:
        raise ValueError("wrapped") from k
except ValueError as v:
    print(repr(v), repr(v.__cause__), v.__context__ is v.__cause__)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e), e.args, str(e) == "")
def checked(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
try:
    checked(-1)
except AssertionError as e:
    print("AssertionError:", e)
class Retry(Exception):
    pass
attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise Retry(attempts)
        break
    except Retry as r:
        print("retrying after", r)
print("attempts", attempts)
