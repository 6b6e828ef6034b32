#!/bin/sh
# Builds and runs bench/trace_lod.cpp (optimised, against engine/trace's sources directly).
# Usage: bench/trace_lod.sh [spans for the LOD part, default 10000000]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${BENCH_OUT:-$root/build/bench-trace}  # BENCH_OUT: another build directory
mkdir -p "$out"
${CXX:-c++} -std=c++20 -O2 -pthread -Wall -Wextra -I"$root/engine" \
  "$root/bench/trace_lod.cpp" "$root"/engine/trace/*.cpp "$root/engine/support/utf8.cpp" -o "$out/trace_lod"
exec "$out/trace_lod" "$@"
