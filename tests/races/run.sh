#!/usr/bin/env bash
# Free-threading stress: runs every program of tests/races/*.py with `BIN run --gil off` and
# `--gil on`. Each program checks a result that must hold however the threads interleave (every
# append lands, no attribute store is lost, a locked counter is exact...) and exits non-zero
# otherwise. With a ThreadSanitizer build, any data race report fails the program too
# (TSAN_OPTIONS halt_on_error=1 exitcode=66; the caller may add to TSAN_OPTIONS). Then the stop
# latency cases of tests/races/stop/ (tests/races/stop_latency.py, 200 ms) and the memory bombs.
#
# Usage: tests/races/run.sh BIN [--sanitizer]
#   BIN is an `interleave` binary: a Release build, or the tsan preset's (build/tsan/interleave).
#   --sanitizer: only the stress programs (latency is a property of the real build, and a heap
#   driven to its 1 GiB limit takes minutes under a sanitizer's shadow memory).
# Exit status: 0 when everything passed, 1 otherwise.
set -u
bin=${1:?usage: tests/races/run.sh BIN [--sanitizer]}
latency=1
[ "${2:-}" = "--sanitizer" ] && latency=0
here=$(cd "$(dirname "$0")" && pwd)
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
# A sanitizer build runs 5-20x slower: generous per-program limits (a hang still fails).
limit=${RACES_TIMEOUT:-300}

failed=0
passed=0
for prog in "$here"/*.py; do
  name=$(basename "$prog" .py)
  [ "$name" = "stop_latency" ] && continue
  for gil in off on; do
    start=$(date +%s.%N)
    out=$("$bin" run "$prog" --gil "$gil" --timeout "$limit" 2>&1)
    status=$?
    secs=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
    if [ $status -eq 0 ] && printf '%s\n' "$out" | tail -n 1 | grep -q '^ok'; then
      passed=$((passed + 1))
      echo "ok   $name --gil $gil (${secs}s)"
    else
      failed=$((failed + 1))
      why="exit $status"
      [ $status -eq 66 ] && why="ThreadSanitizer report"
      echo "FAIL $name --gil $gil ($why)"
      printf '%s\n' "$out" | grep -E 'WARNING: ThreadSanitizer|^    #[0-3] |Error|assert' | head -n 20 |
        sed 's/^/     /'
    fi
  done
done

# Big allocations end in MemoryError, never in the OS killing the process.
for gil in off on; do
  [ $latency -eq 1 ] || break
  if out=$("$bin" run "$here/stop/memory_bombs.py" --gil "$gil" --timeout "$limit" 2>&1) &&
    printf '%s\n' "$out" | grep -q '^ok'; then
    passed=$((passed + 1))
    echo "ok   memory_bombs --gil $gil"
  else
    failed=$((failed + 1))
    echo "FAIL memory_bombs --gil $gil"
    printf '%s\n' "$out" | tail -n 5 | sed 's/^/     /'
  fi
done

if [ $latency -eq 1 ]; then
  # RACES_LATENCY_LIMIT seconds, default 0.2.
  if python3 "$here/stop_latency.py" "$bin" --gil on off --limit "${RACES_LATENCY_LIMIT:-0.2}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
