#!/usr/bin/env bash
# The memory view of the desktop app after real runs with child processes (OS processes, which
# hand their module globals to the parent at their exit with their trace): square_quad.py in
# real mode, started by spawn and by fork, under Xvfb. The app writes its memory view as text at
# exit (INTERLEAVE_MEMORY_OUT); it must show the main process's `result` unchanged (None) and
# each child's own `result` (49 for the child that squared, marked against the main's value).
# Screenshots: build/desktop-memory/{spawn,fork}.png, for a person to look at.
# Usage: tests/desktop/memory.sh path/to/interleave   (INTERLEAVE_SHOT_DIR: another folder)
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=${INTERLEAVE_SHOT_DIR:-build/desktop-memory}; mkdir -p "$out"
IM=/usr/bin   # Debian's imagemagick (a stand-in `convert` may shadow it on PATH)
passed=0 failed=0

for start in spawn fork; do
  config=$(mktemp -d)
  mkdir -p "$config/interleave"
  # Remembered settings the app starts with: a real run, this start method.
  printf 'mode=real\ngil=on\nstart=%s\ntimeout=20\n' "$start" > "$config/interleave/settings.txt"
  memory="$out/$start.txt"; rm -f "$memory" "$out/$start.png"
  XDG_CONFIG_HOME=$config INTERLEAVE_RUN_EXAMPLE=square_quad.py INTERLEAVE_MEMORY_OUT=$memory \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" & pid=$!
    for _ in $(seq 1 60); do sleep 0.1; kill -0 $pid 2>/dev/null || break; done
    if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "the app exited early: $?"; exit 1; fi
    '"$IM"'/import -window root "$2"
    kill -TERM $pid; wait $pid' _ "$bin" "$out/$start.png"
  status=$?
  rm -rf "$config"
  ok=1
  [[ $status == 0 ]] || { echo "$start: the app exited with $status"; ok=0; }
  if [[ ! -f $memory ]]; then
    echo "$start: no memory view written"; ok=0
  else
    # The main process's box comes first: its result is None (the child's write stayed in the child).
    main_box=$(awk '/^MainProcess/{on=1; next} /^[^ ]/{on=0} on' "$memory")
    child_box=$(awk '/own memory$/{on=1; next} /^[^ ]/{on=0} on' "$memory")
    grep -qx '  result = None' <<<"$main_box" || { echo "$start: the main process's result is not None"; ok=0; }
    grep -q 'thread Thread-1' <<<"$main_box" || { echo "$start: the threads are not in the main box"; ok=0; }
    grep -qx '  result = 49   (main: None)' <<<"$child_box" ||
      { echo "$start: no child shows its own result = 49"; ok=0; }
  fi
  if (( ok )); then
    echo "ok: $start: parent result = None, child result = 49 ($out/$start.png)"; passed=$((passed + 1))
  else
    echo "FAILED: $start"; [[ -f $memory ]] && sed 's/^/    /' "$memory"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
(( failed == 0 ))
