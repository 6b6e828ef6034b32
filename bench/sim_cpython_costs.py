#!/usr/bin/env python3
# Measures CPython's cost per opcode class on this machine and prints the numbers the simulator's
# built-in profile (engine/run/sim_profile.cpp, docs/simulator.md) was derived from.
# Method: each snippet runs in a countdown loop; the loop's own cost is subtracted and the rest is
# divided among the snippet's bytecodes, solving one opcode class at a time (see `derive`).
# Run: python3 bench/sim_cpython_costs.py [iterations]   (best of 5 runs per snippet)
import dis
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
g = 7


class O:
    def __init__(self):
        self.a = 1


def f():
    pass


SNIPPETS = {
    "base": "pass",
    "load_store": "x = n",
    "arith": "x = n - 1",
    "compare": "x = n > 0",
    "global": "x = g",
    "attr": "x = o.a",
    "subscr": "x = l[0]",
    "build": "x = (n, n)",
    "call": "f()",
}


def make(body):
    src = f"def run(n, o, l):\n    while n > 0:\n        {body}\n        n -= 1\n"
    ns = {"g": g, "f": f}
    exec(src, ns)
    return ns["run"]


def best(fn):
    o, l = O(), [1, 2]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        fn(N, o, l)
        times.append(time.perf_counter() - t0)
    return min(times) / N * 1e9  # ns per iteration


def main():
    per_iter = {name: best(make(body)) for name, body in SNIPPETS.items()}
    d = {k: v - per_iter["base"] for k, v in per_iter.items()}
    load = store = d["load_store"] / 2
    arith = d["arith"] - 2 * load - store
    compare = d["compare"] - 2 * load - store
    # countdown body: LOAD_FAST LOAD_CONST BINARY_OP STORE_FAST LOAD_FAST LOAD_CONST COMPARE_OP
    # POP_JUMP_BACKWARD_IF_TRUE (3.11 loop inversion): 4 loads, arith, store, compare, jump
    jump = per_iter["base"] - 4 * load - arith - store - compare
    glob = d["global"] - store
    attr = d["attr"] - load - store
    subscr = d["subscr"] - 2 * load - store
    build = d["build"] - 2 * load - store
    # PUSH_NULL LOAD_GLOBAL PRECALL CALL POP_TOP + callee RESUME LOAD_CONST RETURN_VALUE:
    # the whole round trip minus the global, 3 loads and 2 cheap ops (PRECALL, RESUME) as loads
    call = d["call"] - glob - 5 * load
    print(f"python {sys.version.split()[0]}, {N} iterations, best of 5")
    for k, v in per_iter.items():
        print(f"  loop with {SNIPPETS[k]!r:14}: {v:6.2f} ns/iteration")
    print("derived ns per instruction:")
    for k, v in [("load", load), ("store", store), ("arith", arith), ("compare", compare),
                 ("jump", jump), ("global", glob), ("attr", attr), ("subscr", subscr),
                 ("build", build), ("call (round trip)", call)]:
        print(f"  {k:18} {v:6.2f}")
    print("countdown disassembly:")
    dis.dis(make("pass"))


if __name__ == "__main__":
    main()
