#!/usr/bin/env python3
# Checks a file written by interleave::trace::write_chrome_json against the Chrome Trace Event
# format (JSON object form): a traceEvents array of events with the fields each phase needs, and
# flows paired by id. Used by tests/unit/trace/json_test.cpp; exit 0 when valid, 1 with a reason.
import json
import sys

def fail(msg):
    print(msg)
    sys.exit(1)

with open(sys.argv[1], "rb") as f:
    doc = json.loads(f.read().decode("utf-8"))
if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
    fail("no traceEvents array")
flows = {}
for i, e in enumerate(doc["traceEvents"]):
    ph = e.get("ph")
    if ph not in ("M", "X", "s", "f", "i", "C"):
        fail(f"event {i}: unexpected ph {ph!r}")
    if not isinstance(e.get("name"), str) or not isinstance(e.get("pid"), int):
        fail(f"event {i}: name and integer pid required")
    if not isinstance(e.get("tid"), int):
        fail(f"event {i}: integer tid required")
    if ph == "M":
        if e["name"] not in ("process_name", "thread_name", "process_sort_index",
                             "thread_sort_index") or "args" not in e:
            fail(f"event {i}: bad metadata")
        continue
    if not isinstance(e.get("ts"), (int, float)):
        fail(f"event {i}: numeric ts required")
    if ph == "X" and (not isinstance(e.get("dur"), (int, float)) or e["dur"] < 0):
        fail(f"event {i}: X needs dur >= 0")
    if ph in ("s", "f"):
        flows.setdefault(e.get("id"), []).append(ph)
        if ph == "f" and e.get("bp") != "e":
            fail(f"event {i}: f without bp=e")
    if ph == "i" and e.get("s") not in ("t", "p", "g"):
        fail(f"event {i}: instant scope")
    if ph == "C" and not all(isinstance(v, (int, float)) for v in e.get("args", {}).values()):
        fail(f"event {i}: counter args must be numbers")
for fid, phs in flows.items():
    if sorted(phs) != ["f", "s"]:
        fail(f"flow {fid}: {phs}")
if doc.get("interleave", {}).get("format") != "interleave-trace":
    fail("no interleave section")
print("ok", len(doc["traceEvents"]))
