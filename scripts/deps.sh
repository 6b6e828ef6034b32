#!/usr/bin/env bash
# Installs what Interleave needs and is missing: Debian packages (with sudo when not root) and the
# npm packages of package.json (into the project's node_modules). Idempotent and quiet when all is
# there. Usage: scripts/deps.sh [--check]   (--check: only say what is missing, exit 1 if anything)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates xz-utils debian-archive-keyring
  clang libclang-rt-14-dev                       # sanitizers (ASan, UBSan, TSan) and libFuzzer
  libsdl2-dev libgl-dev doctest-dev libcli11-dev # desktop app, tests, command line
  fonts-dejavu-core                              # the fonts embedded in the app
  emscripten nodejs@node npm@npm                 # the browser builds and their tests
  chromium xvfb xauth imagemagick                # browser tests, desktop screenshot test
  python3@python3                                # the corpus checker and benchmarks
  ccache                                         # compiler cache (./check keeps it in ~/.cache)
)

# NAME@COMMAND: the package is not needed when COMMAND is already on the PATH (e.g. a newer node).
missing=()
for entry in "${PACKAGES[@]}"; do
  p=${entry%@*}
  if [[ $entry == *@* ]] && command -v "${entry#*@}" >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [[ ${1:-} == --check ]]; then
  ((${#missing[@]} == 0)) && exit 0
  echo "missing Debian packages: ${missing[*]}"; exit 1
fi

if ((${#missing[@]})); then
  echo "[deps] installing Debian packages: ${missing[*]}"
  SUDO=; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -f package.json ]]; then
  stamp=node_modules/.deps-stamp
  if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
    echo "[deps] installing npm packages"
    if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
    touch "$stamp"
  fi
fi
