#!/usr/bin/env python3
# Checks the trace of tests/processes/killed_children.py (docs/processes.md, "Traces"): every child
# the program printed ("child NAME PID EXITCODE"), although it left no events of its own, is a
# process of the trace under its pid and name, with one process start, then one process end whose
# status is the exit code the program saw (-15, -9, 7, -6), both on the process's own lane.
# Usage: check_killed_trace.py TRACE.json PROGRAM_OUTPUT.txt; exit 0 when it holds, 1 and why.
import json
import sys

PROCESS_LANE = 4294967294


def fail(msg):
    print("FAIL", msg)
    sys.exit(1)


def signed(v):
    return v - (1 << 64) if v >= (1 << 63) else v


doc = json.load(open(sys.argv[1]))
il = doc["interleave"]
children = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 4 and parts[0] == "child":
        children[int(parts[2])] = (parts[1], int(parts[3]))
if sorted(code for _, code in children.values()) != sorted([-15, -9, 7, -6] * 2):
    fail("the program's children ended with %r" % sorted(children.values()))
names = {pid: name for pid, name in il["processes"]}
lanes = {(t["pid"], t["tid"]) for t in il["threads"]}
for pid, (name, code) in children.items():
    if names.get(pid) != name:
        fail("process %d: expected name %r in the trace, got %r" % (pid, name, names.get(pid)))
    if (pid, PROCESS_LANE) not in lanes:
        fail("process %d (%s): no process lane" % (pid, name))
    mine = [e for e in il["events"] if e[2] == pid]
    starts = [e[0] for e in mine if e[1] == 0 and e[3] == PROCESS_LANE]
    ends = [(e[0], signed(e[9] if len(e) > 9 else 0)) for e in mine if e[1] == 1 and e[3] == PROCESS_LANE]
    if len(starts) != 1 or len(ends) != 1:
        fail("process %d (%s): starts %r ends %r" % (pid, name, starts, ends))
    if starts[0] > ends[0][0]:
        fail("process %d (%s): ends at %d before its start at %d" % (pid, name, ends[0][0], starts[0]))
    if ends[0][1] != code:
        fail("process %d (%s): end status %d in the trace, exit code %d" % (pid, name, ends[0][1], code))
print("ok   trace of killed children: %d processes with start and exit code" % len(children))
