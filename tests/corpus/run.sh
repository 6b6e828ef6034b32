#!/usr/bin/env bash
# Runs ../shared/corpus/check (the tutorial programs and their expected output) and this project's
# own programs (tests/programs) through the native command line.
# Usage: tests/corpus/run.sh path/to/interleave
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=$1
status=0
runner="$bin run {file} --timeout {timeout}"
corpus=../shared/corpus
# Every program of the corpus must pass, the multiprocessing ones included (docs/processes.md).
only=()
for f in "$corpus"/*.py; do
  only+=("$(basename "$f" .py)")
done
echo "== shared corpus (threads and processes): ${#only[@]} programs"
python3 "$corpus/check" --runner "$runner" --only "${only[@]}" "$corpus" || status=1
if ls tests/programs/*.expected >/dev/null 2>&1; then
  echo "== tests/programs (exit statuses and stderr too)"
  python3 tests/programs/check.py "$bin" || status=1
  # The same programs under the other GIL models and the simulator, where their output cannot
  # depend on the mode (check.py skips the others).
  for mode in "--gil off" "--gil legacy" "--mode sim"; do
    echo "== tests/programs with $mode"
    # shellcheck disable=SC2086
    python3 tests/programs/check.py "$bin" $mode || status=1
  done
fi
exit $status
