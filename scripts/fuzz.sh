#!/usr/bin/env bash
# Fuzzes the front end (tests/fuzz/fuzz_compile.cpp: scanner, parser, compiler, disassembler) and
# the heap snapshot reader (tests/fuzz/fuzz_snapshot.cpp, half the budget) with libFuzzer + ASan + UBSan.
# Usage: scripts/fuzz.sh [seconds=60] [extra libFuzzer flags...]
# Configures build/fuzz (or $INTERLEAVE_FUZZ_BUILD) with clang, seeds a scratch corpus from the
# shared tutorial programs, tests/programs and tests/fuzz/regressions (never writing into those),
# runs for the given budget, and leaves any crash reproducer in <build>/findings/.
set -euo pipefail

budget="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${INTERLEAVE_FUZZ_BUILD:-$root/build/fuzz}"
jobs="${INTERLEAVE_JOBS:-2}"

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DINTERLEAVE_APP=OFF -DINTERLEAVE_FUZZ=ON >/dev/null
cmake --build "$build" --target fuzz_compile fuzz_snapshot -j"$jobs"

corpus="$(mktemp -d "${TMPDIR:-/tmp}/interleave-fuzz.XXXXXX")"
trap 'rm -rf "$corpus"' EXIT
for dir in "$root/../shared/corpus" "$root/tests/programs" "$root/tests/fuzz/regressions"; do
  if [ -d "$dir" ]; then
    find "$dir" -name '*.py' -exec cp {} "$corpus"/ \; 2>/dev/null || true
  fi
done
# Keep what the fuzzer learned between runs, outside the seed folders.
persistent="$build/corpus"
findings="$build/findings"
mkdir -p "$persistent" "$findings"

echo "fuzzing for ${budget}s (seeds: $(ls "$corpus" | wc -l) files, kept corpus: $persistent)"
"$build/tests/fuzz/fuzz_compile" "$persistent" "$corpus" \
  -max_total_time="$budget" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/tests/fuzz/python.dict" -artifact_prefix="$findings/" -print_final_stats=1 "$@"

snapshot_budget=$(( (budget + 1) / 2 ))
echo "fuzzing the heap snapshot reader for ${snapshot_budget}s"
mkdir -p "$build/corpus-snapshot"
"$build/tests/fuzz/fuzz_snapshot" "$build/corpus-snapshot" \
  -max_total_time="$snapshot_budget" -max_len=512 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$findings/snapshot-" -print_final_stats=1
