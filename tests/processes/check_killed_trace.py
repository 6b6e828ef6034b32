#!/usr/bin/env python3
# Checks the trace of tests/processes/killed_children.py (docs/processes.md, "Traces"): every child
# the program printed ("child NAME PID EXITCODE"), although it left no events of its own, is a
# process of the trace under its pid and name, with one process start, then one process end whose
# status is the exit code the program saw (-15, -9, 7, -6, written signed), both on the process's
# own lane; and for the viewers (traceEvents), the process named, its "process" track with one
# complete event over its life carrying the exit code, and instants "process started" and
# "exited with -15 (SIGTERM)".
# Usage: check_killed_trace.py TRACE.json PROGRAM_OUTPUT.txt; exit 0 when it holds, 1 and why.
import json
import sys

PROCESS_LANE = 4294967294
LIFE_TID = 1000000001
SIGNALS = {6: "SIGABRT", 9: "SIGKILL", 15: "SIGTERM"}


def fail(msg):
    print("FAIL", msg)
    sys.exit(1)


def exit_text(code):
    text = "exited with %d" % code
    return text + " (%s)" % SIGNALS[-code] if code < 0 else text


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
    ends = [(e[0], e[9] if len(e) > 9 else 0) for e in mine if e[1] == 1 and e[3] == PROCESS_LANE]
    if len(starts) != 1 or len(ends) != 1:
        fail("process %d (%s): starts %r ends %r" % (pid, name, starts, ends))
    if starts[0] > ends[0][0]:
        fail("process %d (%s): ends at %d before its start at %d" % (pid, name, ends[0][0], starts[0]))
    if ends[0][1] != code:
        fail("process %d (%s): end status %d in the trace, exit code %d" % (pid, name, ends[0][1], code))
    # The viewers' events (what Perfetto shows).
    viewer = [e for e in doc["traceEvents"] if e.get("pid") == pid]
    named = [e["args"]["name"] for e in viewer if e["ph"] == "M" and e["name"] == "process_name"]
    if named != [name]:
        fail("process %d (%s): process_name metadata %r" % (pid, name, named))
    track = [e["args"]["name"] for e in viewer
             if e["ph"] == "M" and e["name"] == "thread_name" and e["tid"] == LIFE_TID]
    if track != ["process"]:
        fail("process %d (%s): no named process track (%r)" % (pid, name, track))
    lives = [e for e in viewer if e["ph"] == "X" and e.get("cat") == "process"]
    if len(lives) != 1 or lives[0]["tid"] != LIFE_TID or lives[0]["name"] != name:
        fail("process %d (%s): expected one X on its process track, got %r" % (pid, name, lives))
    life = lives[0]
    if life["args"].get("exitcode") != code or life["args"].get("status") != exit_text(code):
        fail("process %d (%s): lifetime args %r, exit code %d" % (pid, name, life["args"], code))
    if abs(life["ts"] * 1000 - starts[0]) > 1 or abs((life["ts"] + life["dur"]) * 1000 - ends[0][0]) > 1:
        fail("process %d (%s): lifetime %r vs start %d end %d" % (pid, name, life, starts[0], ends[0][0]))
    instants = [(e["name"], e.get("args", {}).get("exitcode")) for e in viewer
                if e["ph"] == "i" and e.get("cat") == "process" and e["tid"] == LIFE_TID]
    if instants != [("process started", None), (exit_text(code), code)]:
        fail("process %d (%s): instants %r" % (pid, name, instants))
raw = open(sys.argv[1]).read()
if "18446744073709551" in raw:
    fail("an exit code written unsigned")
print("ok   trace of killed children: %d processes with start and exit code" % len(children))
