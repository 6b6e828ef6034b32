#!/usr/bin/env bash
# Builds one or more presets and assembles dist/ from public/ and the two web builds.
# Usage: scripts/build.sh PRESET...   (native native-debug asan tsan web-mt web-st)
#        scripts/build.sh dist        (web-mt + web-st, then dist/)
#        scripts/build.sh assemble    (dist/ from the existing web builds only)
# DIST_DIR, WEB_MT_DIR and WEB_ST_DIR override dist/, build/web-mt and build/web-st (an engineer's
# own build directories and output, e.g. for the browser tests).
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

DIST_DIR=${DIST_DIR:-dist}
WEB_MT_DIR=${WEB_MT_DIR:-build/web-mt}
WEB_ST_DIR=${WEB_ST_DIR:-build/web-st}

# The site: public/, the page's module and the run worker's engine, each with and without threads.
assemble_dist() {
  local tmp="$DIST_DIR.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  cp -R public/. "$tmp"/
  cp "$WEB_MT_DIR"/web/interleave-mt.{js,wasm,worker.js} "$tmp"/
  cp "$WEB_MT_DIR"/web/interleave-worker-mt.{js,wasm,worker.js} "$tmp"/
  cp "$WEB_ST_DIR"/web/interleave-st.{js,wasm} "$tmp"/
  cp "$WEB_ST_DIR"/web/interleave-worker-st.{js,wasm} "$tmp"/
  rm -rf "$DIST_DIR" && mv "$tmp" "$DIST_DIR"
}

for target in "$@"; do
  case $target in
    dist) build_preset web-mt; build_preset web-st; assemble_dist ;;
    assemble) assemble_dist ;;
    *) build_preset "$target" ;;
  esac
done
