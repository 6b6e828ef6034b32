#!/usr/bin/env python3
# Measures CPython's process costs on this machine for the simulator's profile (docs/simulator.md):
# Process start+join with fork and with spawn, the extra fork cost per MiB of heap, and a
# multiprocessing.Pipe round trip per message and per byte. Run: python3 bench/sim_cpython_process_costs.py
import multiprocessing as mp
import time


def child():
    pass


def echo(conn):
    while True:
        m = conn.recv_bytes()
        if not m:
            return
        conn.send_bytes(m)


def start_join(method, reps):
    ctx = mp.get_context(method)
    best = 1e9
    for _ in range(reps):
        t0 = time.perf_counter()
        p = ctx.Process(target=child)
        p.start()
        p.join()
        best = min(best, time.perf_counter() - t0)
    return best


def round_trip(size, reps=2000):
    a, b = mp.Pipe()
    p = mp.get_context("fork").Process(target=echo, args=(b,))
    p.start()
    msg = b"x" * size
    t0 = time.perf_counter()
    for _ in range(reps):
        a.send_bytes(msg)
        a.recv_bytes()
    dt = (time.perf_counter() - t0) / reps / 2  # one way
    a.send_bytes(b"")
    p.join()
    return dt


if __name__ == "__main__":
    fork = start_join("fork", 20)
    spawn = start_join("spawn", 5)
    ballast = [bytes(1 << 20) for _ in range(64)]  # 64 MiB of heap
    fork64 = start_join("fork", 10)
    del ballast
    small = round_trip(16)
    big = round_trip(1 << 16, 500)
    print(f"fork start+join          {fork * 1e3:8.3f} ms")
    print(f"fork with 64 MiB heap    {fork64 * 1e3:8.3f} ms  ({(fork64 - fork) / 64 * 1e6:.1f} us/MiB)")
    print(f"spawn start+join         {spawn * 1e3:8.3f} ms")
    print(f"pipe message, 16 B       {small * 1e6:8.2f} us one way")
    print(f"pipe message, 64 KiB     {big * 1e6:8.2f} us one way"
          f"  ({(big - small) / (1 << 16) * 1e9:.3f} ns/byte)")
