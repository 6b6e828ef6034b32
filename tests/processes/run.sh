#!/usr/bin/env bash
# Process hygiene of multiprocessing (docs/processes.md): no zombies and no leftover processes
# after every multiprocessing program (shared corpus + tests/programs/mp_*), and children never
# outlive a parent that is killed or stopped by --timeout. Also: traces of multiprocessing runs.
# Usage: tests/processes/run.sh path/to/interleave
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=$(readlink -f "$1")
status=0

# Processes running this binary (its children run /proc/self/exe, the same file).
count() {
  local n=0 p
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/exe" 2>/dev/null) == "$bin" ]] && n=$((n + 1))
  done
  echo $n
}
# Zombies named interleave that stay for 0.5 s (other runs on the machine leave brief ones between
# a child's exit and its reaping).
zombie_pids() { ps -eo pid=,stat=,comm= | awk '$2 ~ /^Z/ && $3 ~ /interleave/ {print $1}' | sort; }
zombies() {
  local first
  first=$(zombie_pids)
  [[ -z $first ]] && { echo 0; return; }
  sleep 0.5
  comm -12 <(echo "$first") <(zombie_pids) | grep -c .
}

# Waits up to 3 s for the count to fall back to $1.
settle() {
  local i
  for i in $(seq 30); do
    (($(count) <= $1)) && return 0
    sleep 0.1
  done
  return 1
}

base=$(count)
programs=()
for f in ../shared/corpus/*.py tests/programs/mp_*.py; do
  grep -q multiprocessing "$f" && programs+=("$f")
done
for f in "${programs[@]}"; do
  "$bin" run "$f" --timeout 30 >/dev/null 2>&1
  if ! settle "$base"; then
    echo "FAIL $f: $(($(count) - base)) process(es) left behind"; status=1
  elif (($(zombies) > 0)); then
    echo "FAIL $f: zombie processes"; status=1
  else
    echo "ok   $f"
  fi
done

# Programs of this folder with their expected output (limits, near misses of deadlocks).
for f in tests/processes/*.expected; do
  prog=${f%.expected}.py
  if diff <("$bin" run "$prog" --timeout 60 2>/dev/null) "$f" >/dev/null && settle "$base"; then
    echo "ok   $prog"
  else
    echo "FAIL $prog: output differs from $f or processes left behind"; status=1
  fi
done

# Deadlocks across processes are reported (exit 3, the waits named on stderr), with both start
# methods, and leave no process behind.
for prog in tests/processes/deadlock_*.py; do
  for method in spawn fork; do
    err=$("$bin" run "$prog" --start-method "$method" --timeout 30 2>&1 >/dev/null)
    rc=$?
    if ((rc == 3)) && grep -q "Deadlock: every process is blocked" <<<"$err" && settle "$base"; then
      echo "ok   $prog ($method): deadlock reported"
    else
      echo "FAIL $prog ($method): status $rc: $err"; status=1
    fi
  done
done

# A traced run: every process of the run in the trace, named and numbered as the program saw them,
# with its start and end, and every message as a send/receive pair on one clock.
out=$(mktemp)
trace=$(mktemp --suffix=.json)
if "$bin" run tests/processes/trace_messages.py --trace "$trace" --timeout 30 >"$out" 2>&1 &&
  python3 tests/processes/check_process_trace.py "$trace" "$out" &&
  python3 tests/unit/trace/check_chrome_trace.py "$trace" >/dev/null; then
  :
else
  echo "FAIL traced multiprocessing run (tests/processes/trace_messages.py)"; status=1
fi
settle "$base" || { echo "FAIL traced run: processes left behind"; status=1; }
rm -f "$out" "$trace"

# Children killed by a signal or ended by os._exit / os.abort leave no trace of their own: the
# parent's trace still has each one's process lane, its start and its end with the exit code.
out=$(mktemp)
trace=$(mktemp --suffix=.json)
if "$bin" run tests/processes/killed_children.py --trace "$trace" --timeout 30 >"$out" 2>/dev/null &&
  python3 tests/processes/check_killed_trace.py "$trace" "$out" &&
  python3 tests/unit/trace/check_chrome_trace.py "$trace" >/dev/null; then
  :
else
  echo "FAIL traced run with killed children (tests/processes/killed_children.py)"; status=1
fi
settle "$base" || { echo "FAIL traced run with killed children: processes left behind"; status=1; }
rm -f "$out" "$trace"

for method in spawn fork; do
  # The parent is killed: every child (non-daemon too) dies with it.
  out=$(mktemp)
  "$bin" run tests/processes/orphan_parent.py -- "$method" >"$out" 2>&1 &
  parent=$!
  for i in $(seq 50); do [[ -s $out ]] && break; sleep 0.1; done
  kill -KILL $parent; wait $parent 2>/dev/null
  if settle "$base"; then echo "ok   parent killed ($method): children ended"
  else echo "FAIL parent killed ($method): $(($(count) - base)) left"; status=1; fi
  # The parent reaches --timeout: it kills its children before exiting with 124.
  "$bin" run tests/processes/orphan_parent.py --timeout 1 -- "$method" >/dev/null 2>&1
  rc=$?
  if ((rc == 124)) && settle "$base"; then echo "ok   --timeout ($method): status 124, children ended"
  else echo "FAIL --timeout ($method): status $rc, $(($(count) - base)) left"; status=1; fi
  rm -f "$out"
done
exit $status
