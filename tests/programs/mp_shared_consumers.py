# Several processes read from one Queue and from one end of a Pipe: each message goes to exactly
# one of them, none is lost or read ahead, and every consumer gets its own stop message.
import multiprocessing as mp


def consume(tasks, results):
    total = 0
    while True:
        x = tasks.get()
        if x is None:
            break
        total += x
    results.put(total)


def answer(conn, results):
    msg = conn.recv()
    results.put(msg * 2)


if __name__ == "__main__":
    for method in ["spawn", "fork"]:
        ctx = mp.get_context(method)
        tasks, results = ctx.Queue(), ctx.Queue()
        ps = [ctx.Process(target=consume, args=(tasks, results)) for _ in range(4)]
        for p in ps:
            p.start()
        for i in range(1, 201):
            tasks.put(i)
        for p in ps:
            tasks.put(None)
        print(method, "sum:", sum([results.get() for _ in ps]))
        for p in ps:
            p.join()
        a, b = ctx.Pipe()
        ps = [ctx.Process(target=answer, args=(b, results)) for _ in range(3)]
        for p in ps:
            p.start()
        for i in range(3):
            a.send(i + 1)
        print(method, "answers:", sorted([results.get() for _ in ps]))
        for p in ps:
            p.join()
        print(method, "exit codes:", [p.exitcode for p in ps])
