#!/usr/bin/env bash
# Builds one or more presets and assembles dist/ from public/ and the two web builds.
# Usage: scripts/build.sh PRESET...   (native native-debug asan tsan web-mt web-st)
#        scripts/build.sh dist        (web-mt + web-st, then dist/)
# Third-party code is fetched and built on first use (scripts/thirdparty.sh, cached by version).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
JOBS=${JOBS:-$(nproc)}

build_preset() {
  local preset=$1
  if [[ ! -f build/$preset/build.ninja ]]; then
    cmake --preset "$preset" -DINTERLEAVE_WERROR="${INTERLEAVE_WERROR:-OFF}" >/dev/null
  fi
  cmake --build --preset "$preset" -j "$JOBS"
}

assemble_dist() {
  rm -rf dist.tmp && mkdir -p dist.tmp
  cp -R public/. dist.tmp/
  cp build/web-mt/web/interleave-mt.{js,wasm,worker.js} dist.tmp/
  cp build/web-st/web/interleave-st.{js,wasm} dist.tmp/
  rm -rf dist && mv dist.tmp dist
}

for target in "$@"; do
  case $target in
    dist) build_preset web-mt; build_preset web-st; assemble_dist ;;
    *) build_preset "$target" ;;
  esac
done
