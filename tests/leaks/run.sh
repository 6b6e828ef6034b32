#!/usr/bin/env bash
# Runs every program of ../shared/corpus, tests/programs and examples/ through an ASan+UBSan build of the
# command line with LeakSanitizer on, and fails on any sanitizer report: a leak, a memory error or
# undefined behaviour, in the program's own process or in a process it spawned (multiprocessing
# children run the same binary and inherit the options). Output and exit status are the corpus
# steps' business; this step only reads the sanitizers' logs. Known leaks, each with its cause and
# fix, are listed in tests/leaks/lsan.supp until fixed.
# Usage: tests/leaks/run.sh path/to/asan/interleave [NAME...]   (NAMEs: only those programs)
# Runs two programs at a time; about two minutes on the 2-core machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
shift
logs=$(mktemp -d "${TMPDIR:-/tmp}/interleave-leaks.XXXXXX")
trap 'rm -rf "$logs"' EXIT

# One report file per process (log_path appends .PID); nothing written means nothing found.
# exitcode 86 marks a sanitizer exit apart from the programs' own statuses.
export ASAN_OPTIONS="detect_leaks=1:exitcode=86:abort_on_error=0:log_path=$logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$logs/ubsan"
export LSAN_OPTIONS="exitcode=86:suppressions=$PWD/tests/leaks/lsan.supp:print_suppressions=0"

programs=()
# The gallery's examples too, those the corpus does not already have (no .expected needed).
for f in ../shared/corpus/*.py tests/programs/*.py examples/*.py; do
  name=$(basename "$f" .py)
  if [[ $f == examples/* ]]; then
    [[ -f ../shared/corpus/$name.py || -f tests/programs/$name.py ]] && continue
  else
    [[ -f ${f%.py}.expected ]] || continue
  fi
  if (($#)); then
    keep=0
    for want in "$@"; do [[ $name == "$want" ]] && keep=1; done
    ((keep)) || continue
  fi
  programs+=("$f")
done

run_one() {  # run_one FILE: runs it from its folder, as the corpus checks do
  local file=$1 dir name limit=${LEAKS_LIMIT:-10} status
  dir=$(dirname "$file")
  name=$(basename "$file")
  # A program expected to run into its time limit gets a short one.
  [[ -f ${file%.py}.expected ]] && grep -qx '!timeout' "${file%.py}.expected" && limit=1
  (cd "$dir" && timeout 120 "$bin" run "$name" --timeout "$limit" </dev/null >/dev/null 2>&1)
  status=$?
  if ((status == 86)); then echo "SANITIZER $file"; elif ((status == 124 && limit > 1)); then
    echo "slow      $file (hit its ${limit}s limit)"; else echo "ran       $file (exit $status)"; fi
}
export -f run_one
export bin

echo "== ${#programs[@]} programs under $bin"
printf '%s\n' "${programs[@]}" | xargs -P 2 -I{} bash -c 'run_one "$@"' _ {}

reports=("$logs"/*)
if [[ -e ${reports[0]} ]]; then
  echo
  echo "== sanitizer reports: ${#reports[@]}"
  for r in "${reports[@]}"; do
    echo "--- $(basename "$r")"
    head -n 60 "$r"
  done
  exit 1
fi
echo "no sanitizer report"
