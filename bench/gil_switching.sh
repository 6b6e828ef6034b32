#!/bin/sh
# Builds and runs bench/gil_switching.cpp (optimised, against the real driver's sources and
# engine/trace directly: no VM needed). Usage: bench/gil_switching.sh [milliseconds per measurement]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/bench-gil
mkdir -p "$out"
${CXX:-c++} -std=c++20 -O2 -pthread -Wall -Wextra -I"$root/engine" \
  "$root/bench/gil_switching.cpp" "$root/engine/run/gil.cpp" "$root/engine/run/real_driver.cpp" \
  "$root/engine/run/deadlock.cpp" "$root/engine/run/watchdog.cpp" "$root"/engine/trace/*.cpp \
  "$root/engine/support/utf8.cpp" \
  -o "$out/gil_switching"
exec "$out/gil_switching" "$@"
