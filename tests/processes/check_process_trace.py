#!/usr/bin/env python3
# Checks the trace of tests/processes/trace_messages.py (docs/processes.md, "Traces"):
#   - one process per child the program printed ("child NAME PID"), named and numbered as printed,
#     plus MainProcess, each with a thread lane and a process start before its end (exit code 0);
#   - every message receive pairs with a send of the same flow id in another process, no later
#     than the receive (one clock), and every send of a child that ended normally is received;
#   - the Chrome part draws one message arrow ('s' + 'f') per pair.
# Usage: check_process_trace.py TRACE.json PROGRAM_OUTPUT.txt; exit 0 when it holds, 1 and why.
import json
import sys


def fail(msg):
    print("FAIL", msg)
    sys.exit(1)


doc = json.load(open(sys.argv[1]))
il = doc["interleave"]
children = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 3 and parts[0] == "child":
        children[int(parts[2])] = parts[1]
names = {pid: name for pid, name in il["processes"]}
main = [pid for pid, name in names.items() if name == "MainProcess"]
if len(main) != 1:
    fail("expected one MainProcess, got %r" % names)
for pid, name in children.items():
    if names.get(pid) != name:
        fail("process %d: expected name %r in the trace, got %r" % (pid, name, names.get(pid)))
if set(names) != set(children) | set(main):
    fail("trace processes %r, program children %r" % (names, children))

events = il["events"]
def field(e, i, default):
    return e[i] if len(e) > i else default
for pid in children:
    starts = [e[0] for e in events if e[1] == 0 and e[2] == pid]
    ends = [(e[0], field(e, 9, 0)) for e in events if e[1] == 1 and e[2] == pid]
    lanes = [t for t in il["threads"] if t["pid"] == pid and t["tid"] != 4294967294]
    if len(starts) != 1 or len(ends) != 1 or starts[0] > ends[0][0] or ends[0][1] != 0:
        fail("process %d: starts %r ends %r" % (pid, starts, ends))
    if not lanes:
        fail("process %d: no thread lane (its own events were not merged)" % pid)

sends = {field(e, 9, 0): e for e in events if e[1] == 14}
recvs = {field(e, 9, 0): e for e in events if e[1] == 15}
if len(recvs) < 5 + 2 + 2 * 2:
    fail("only %d receives" % len(recvs))
for flow, r in recvs.items():
    s = sends.get(flow)
    if s is None:
        fail("receive of flow %d has no send" % flow)
    if s[2] == r[2]:
        fail("flow %d sent and received in process %d" % (flow, s[2]))
    if s[0] > r[0]:
        fail("flow %d received %d ns before it was sent" % (flow, s[0] - r[0]))
    if (flow >> 32) != s[2]:
        fail("flow %d does not carry its sender's pid %d" % (flow, s[2]))
unreceived = [f for f, s in sends.items() if f not in recvs and s[2] in children]
if unreceived:
    fail("%d child sends never received" % len(unreceived))
arrows = [e for e in doc["traceEvents"] if e.get("cat") == "message" and e.get("ph") in ("s", "f")]
if len(arrows) != 2 * len(recvs):
    fail("%d message arrow events for %d pairs" % (len(arrows), len(recvs)))
print("ok   trace: %d processes, %d message pairs" % (len(names), len(recvs)))
