#!/bin/sh
# Builds web/node_run.cpp natively against a native build's engine libraries: the command line that
# bench/browser.mjs --node runs as the native side, so that native and Wasm are measured by the
# same code (in-process repeats, `elapsed: S cpu: S` per run). Prints the executable's path.
# Usage: bench/native_run.sh [NATIVE_BUILD_DIR]   (default build/native; the engine must be built)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build/native}" && pwd)
out=$build/interleave-run-native
libs=$build/engine
for lib in run trace ipc vm lang support version; do
  [ -f "$libs/libinterleave_$lib.a" ] || { echo "native_run.sh: $libs/libinterleave_$lib.a missing (build $build first)" >&2; exit 1; }
done
# The native build's own optimisation flags (CMAKE_CXX_FLAGS_RELEASE) and definitions: headers
# change with INTERLEAVE_THREADS, so it must match the libraries'.
${CXX:-c++} -std=c++20 -O3 -DNDEBUG -DINTERLEAVE_THREADS=1 -pthread -I"$root/engine" "$root/web/node_run.cpp" \
  "$libs/libinterleave_run.a" "$libs/libinterleave_trace.a" "$libs/libinterleave_ipc.a" \
  "$libs/libinterleave_vm.a" "$libs/libinterleave_lang.a" "$libs/libinterleave_support.a" \
  "$libs/libinterleave_version.a" -o "$out"
echo "$out"
