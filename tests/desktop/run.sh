#!/usr/bin/env bash
# The desktop app in a real window under Xvfb (Mesa llvmpipe): it opens, runs the countdown example
# in compare mode (INTERLEAVE_RUN_EXAMPLE / INTERLEAVE_RUN_MODE), draws while it runs and after, takes
# a screenshot of the whole screen (build/desktop/shot.png, for a person to look at), and closes
# cleanly on SIGTERM (exit 0). The screenshot must not be blank: many distinct colours and the
# menu bar. Preferences go to a fresh config directory (the user's are neither read nor changed).
# Usage: tests/desktop/run.sh path/to/interleave   (INTERLEAVE_SHOT_DIR: another screenshot folder)
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=${INTERLEAVE_SHOT_DIR:-build/desktop}; mkdir -p "$out"; rm -f "$out/shot.png"
export XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
export INTERLEAVE_RUN_EXAMPLE=${INTERLEAVE_RUN_EXAMPLE:-countdown.py}
export INTERLEAVE_RUN_MODE=${INTERLEAVE_RUN_MODE:-compare}
wait_s=${INTERLEAVE_SHOT_AFTER:-12}   # seconds: the run, then part of the speedup sweep
IM=/usr/bin   # Debian's imagemagick (a stand-in `convert` may shadow it on PATH)

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" & pid=$!
  for _ in $(seq 1 $(( $3 * 10 ))); do sleep 0.1; kill -0 $pid 2>/dev/null || break; done
  if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "the app exited early: $?"; exit 1; fi
  '"$IM"'/import -window root "$2"
  kill -TERM $pid; wait $pid; status=$?
  echo "app exit status after SIGTERM: $status"; exit $status' _ "$bin" "$out/shot.png" "$wait_s" || exit 1
[[ -f $XDG_CONFIG_HOME/interleave/settings.txt ]] || { echo "the settings were not saved"; exit 1; }
grep -q "^mode=$INTERLEAVE_RUN_MODE$" "$XDG_CONFIG_HOME/interleave/settings.txt" || { echo "the mode was not remembered"; exit 1; }

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
