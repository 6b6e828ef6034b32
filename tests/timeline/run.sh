#!/usr/bin/env bash
# The timeline in the desktop app under Xvfb (Mesa llvmpipe): records countdown.py with two threads
# in simulated mode, opens the trace in the app (INTERLEAVE_OPEN_TRACE, zoomed to the two-thread
# phase so the GIL hand-offs are visible), screenshots the window (build/timeline/shot.png, for a
# person to look at) and checks that the spans were drawn by the span shader: the state colours of
# running (green) and waiting for the GIL (orange) both cover many pixels.
# Usage: tests/timeline/run.sh path/to/interleave [from_ms-to_ms]   (INTERLEAVE_SHOT_DIR: another folder)
# Without a window: from 5 ms before the first GIL hand-off to a thread other than MainThread to
# 40 ms after it, read from the recorded trace (so a change of the simulator's costs moves it along).
set -uo pipefail
bin=$(realpath "$1")
window=${2:-}
cd "$(dirname "$0")/../.."
out=${INTERLEAVE_SHOT_DIR:-build/timeline}; mkdir -p "$out"; rm -f "$out/shot.png"
IM=/usr/bin   # Debian's imagemagick (a stand-in `convert` may shadow it on PATH)

"$bin" run examples/countdown.py --mode sim --trace "$out/countdown.json" >/dev/null || {
  echo "recording the trace failed"; exit 1; }
if [[ -z $window ]]; then
  window=$(python3 - "$out/countdown.json" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
start = min(e["ts"] for e in events
            if e.get("cat") == "gil" and e.get("ph") == "X" and e["name"] != "MainThread")
print("%d-%d" % (start / 1000 - 5, start / 1000 + 40))
PY
  ) || { echo "no GIL hand-off to another thread in the trace"; exit 1; }
fi
echo "window: $window ms"

INTERLEAVE_OPEN_TRACE="$out/countdown.json#$window" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" & pid=$!
  for _ in $(seq 1 40); do sleep 0.1; kill -0 $pid 2>/dev/null || break; done
  if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "the app exited early: $?"; exit 1; fi
  '"$IM"'/import -window root "$2"
  kill -TERM $pid; wait $pid' _ "$bin" "$out/shot.png" || exit 1

[[ -f $out/shot.png ]] || { echo "no screenshot"; exit 1; }
echo "screenshot $out/shot.png: $($IM/convert "$out/shot.png" -format %wx%h info:)"
# Pixels of a state colour (engine/ui/timeline_palette.cpp), allowing for the hatching and borders.
count() { $IM/convert "$out/shot.png" -fill white -fuzz 3% +opaque "$1" -fill black -opaque "$1" \
            -negate -format "%[fx:mean*w*h]" info:; }
running=$(count "rgb(56,176,96)")
waiting=$(count "rgb(236,138,50)")
echo "running-green pixels: ${running%.*}, waiting-for-GIL-orange pixels: ${waiting%.*}"
(( ${running%.*} > 2000 )) || { echo "no running spans drawn"; exit 1; }
(( ${waiting%.*} > 2000 )) || { echo "no waiting-for-GIL spans drawn"; exit 1; }
echo "1 passed, 0 failed"
