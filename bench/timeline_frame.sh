#!/bin/sh
# Builds and runs bench/timeline_frame.cpp (optimised, against engine/trace, the timeline's files of
# engine/ui and Dear ImGui's core directly: no window, no GPU). Usage: bench/timeline_frame.sh [frames [1M]]  (1M: skip the 10M-span run)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${BENCH_OUT:-$root/build/bench-timeline}  # BENCH_OUT: another build directory
imgui=$("$root/scripts/thirdparty.sh" sources)/imgui-1.86
mkdir -p "$out"
# Dear ImGui compiled once (third-party: its warnings are not ours).
for f in imgui imgui_draw imgui_tables imgui_widgets; do
  [ -f "$out/$f.o" ] || ${CXX:-c++} -std=c++20 -O2 -w -DIMGUI_DISABLE_OBSOLETE_FUNCTIONS -c "$imgui/$f.cpp" -o "$out/$f.o"
done
${CXX:-c++} -std=c++20 -O2 -g -pthread -Wall -Wextra -DIMGUI_DISABLE_OBSOLETE_FUNCTIONS -I"$root/engine" \
  -isystem "$imgui" "$root/bench/timeline_frame.cpp" "$root"/engine/trace/*.cpp "$root/engine/support/utf8.cpp" \
  "$root"/engine/ui/timeline_*.cpp "$root/engine/ui/gfx.cpp" "$out"/imgui*.o -o "$out/timeline_frame"
exec "$out/timeline_frame" "$@"
