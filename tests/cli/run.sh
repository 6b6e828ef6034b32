#!/usr/bin/env bash
# The command line's contract (PRODUCT.md): help and version exit 0; bad usage exits 2 with a clear
# message on stderr; a file that cannot be opened exits 2 with CPython's wording.
# Usage: tests/cli/run.sh path/to/interleave
set -uo pipefail
bin=$1; fails=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

expect() {  # expect STATUS PATTERN -- ARGS...: exit status and a regex the output must contain
  local want=$1 pattern=$2; shift 3
  n=$((n + 1))
  "$bin" "$@" >"$tmp/out" 2>&1; local got=$?
  if [[ $got != "$want" ]] || ! grep -Eq -- "$pattern" "$tmp/out"; then
    fails=$((fails + 1))
    echo "FAIL: interleave $* -> exit $got (want $want), output:"; sed 's/^/  /' "$tmp/out"
    echo "  (wanted /$pattern/)"
  else
    echo "ok   interleave $*"
  fi
}

echo 'print("hi")' >"$tmp/hi.py"
expect 0 'Usage: interleave' -- --help
expect 0 'Print a program|Run a Python program' -- run --help
expect 0 '^interleave [0-9]+\.[0-9]+\.[0-9]+' -- --version
expect 2 'FILE is required' -- run
expect 2 "can't open file '$tmp/missing.py': \[Errno 2\] No such file or directory" -- run "$tmp/missing.py"
expect 2 'maybe not in \{on,off,legacy\}' -- run "$tmp/hi.py" --gil maybe
expect 2 'sim2 not in \{real,sim\}' -- run "$tmp/hi.py" --mode sim2
expect 2 'switch-interval' -- run "$tmp/hi.py" --switch-interval -1
expect 2 'cores' -- run "$tmp/hi.py" --cores 0
expect 2 'timeout' -- run "$tmp/hi.py" --timeout abc
expect 2 'The following argument was not expected|not expected|Could not convert' -- run "$tmp/hi.py" --nonsense
expect 2 'A subcommand is required|subcommand' -- bogus
echo "$((n - fails)) passed, $fails failed"
exit $((fails > 0))
