#!/bin/sh
# Builds and runs bench/gil_switching.cpp (optimised, against engine/run's sources directly, so it
# needs nothing else of the engine). Usage: bench/gil_switching.sh [milliseconds per measurement]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/bench-gil
mkdir -p "$out"
${CXX:-c++} -std=c++20 -O2 -pthread -Wall -Wextra -I"$root/engine" \
  "$root/bench/gil_switching.cpp" "$root/engine/run/gil.cpp" "$root/engine/run/real_driver.cpp" \
  "$root/engine/run/deadlock.cpp" "$root/engine/run/watchdog.cpp" -o "$out/gil_switching"
exec "$out/gil_switching" "$@"
