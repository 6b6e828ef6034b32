#!/usr/bin/env bash
# The Model window of the desktop app (the simulator's cost profile), under Xvfb: the app starts
# with remembered settings holding an edited model (two keys and a background load of 2) and the
# window open, runs countdown.py simulated, and at exit writes its settings back: the model must
# come back unchanged (the app read it, kept it through a run and wrote it again), the window
# still open. Screenshot: build/desktop-model/model.png (INTERLEAVE_SHOT_DIR: another folder),
# for a person to look at: a blank or clipped window is a failure.
# Usage: tests/desktop/model.sh path/to/interleave
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=${INTERLEAVE_SHOT_DIR:-build/desktop-model}; mkdir -p "$out"
IM=/usr/bin   # Debian's imagemagick (a stand-in `convert` may shadow it on PATH)
model='ops.arith:48,os.time_slice:8ms,machine.background_load:2'

config=$(mktemp -d)
mkdir -p "$config/interleave"
printf 'mode=sim\ngil=on\ncores=2\nmodel=%s\nmodel_window=open\n' "$model" \
  > "$config/interleave/settings.txt"
rm -f "$out/model.png"
XDG_CONFIG_HOME=$config INTERLEAVE_RUN_EXAMPLE=countdown.py \
xvfb-run -a -s "-screen 0 ${INTERLEAVE_SCREEN:-1280x800}x24" bash -c '
  "$1" & pid=$!
  for _ in $(seq 1 40); do sleep 0.1; kill -0 $pid 2>/dev/null || break; done
  if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "the app exited early: $?"; exit 1; fi
  '"$IM"'/import -window root "$2"
  kill -TERM $pid; wait $pid' _ "$bin" "$out/model.png"
status=$?
saved=$(cat "$config/interleave/settings.txt")
rm -rf "$config"
ok=1
[[ $status == 0 ]] || { echo "the app exited with $status"; ok=0; }
grep -qx "model=$model" <<<"$saved" || { echo "the model did not come back: $saved"; ok=0; }
grep -qx 'model_window=open' <<<"$saved" || { echo "the Model window was not remembered open"; ok=0; }
[[ -s $out/model.png ]] || { echo "no screenshot"; ok=0; }
if [[ $ok == 1 ]]; then echo "ok: model window (screenshot $out/model.png)"; exit 0; fi
exit 1
