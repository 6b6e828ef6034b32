#!/usr/bin/env bash
# The desktop app in a real window under Xvfb (Mesa llvmpipe): it must open, draw for a while, take a
# screenshot of the whole screen (build/desktop/shot.png, for a person to look at), and close cleanly
# on SIGTERM (exit 0). The screenshot must not be blank: many distinct colours and the panels' grid.
# Usage: tests/desktop/run.sh path/to/interleave
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=build/desktop; mkdir -p "$out"; rm -f "$out/shot.png"
IM=/usr/bin   # Debian's imagemagick (a stand-in `convert` may shadow it on PATH)

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" & pid=$!
  for _ in $(seq 1 50); do sleep 0.1; kill -0 $pid 2>/dev/null || break; done   # 5 s of frames
  if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "the app exited early: $?"; exit 1; fi
  '"$IM"'/import -window root "$2"
  kill -TERM $pid; wait $pid; status=$?
  echo "app exit status after SIGTERM: $status"; exit $status' _ "$bin" "$out/shot.png" || exit 1

[[ -f $out/shot.png ]] || { echo "no screenshot"; exit 1; }
colors=$($IM/convert "$out/shot.png" -format %k info:)
size=$($IM/convert "$out/shot.png" -format %wx%h info:)
echo "screenshot $out/shot.png: $size, $colors distinct colours"
# A blank or failed window is one flat colour (or a handful); the shell draws text, panels and the grid.
(( colors >= 64 )) || { echo "the window looks blank"; exit 1; }
# The menu bar's strip (top 20 px) and the timeline grid must differ from the background colour.
top=$($IM/convert "$out/shot.png" -crop 1280x20+0+0 -format %k info:)
(( top >= 8 )) || { echo "no menu bar drawn"; exit 1; }
echo "1 passed, 0 failed"
