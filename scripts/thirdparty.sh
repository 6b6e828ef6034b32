#!/usr/bin/env bash
# Fetches and builds third-party code outside the checkout, keyed by version:
#   $INTERLEAVE_CACHE (default ~/.cache/interleave)/
#     apt/                       a private apt configuration (never touches the system's)
#     src/imgui-1.86/            Dear ImGui sources (core + backends), from Debian's source package
#     src/SDL2-2.26.5/           SDL2 sources, from Debian's source package
#     sdl2-2.26.5-web-{mt,st}/   SDL2 built with Emscripten, installed (lib + headers)
# Usage: thirdparty.sh sources | sdl2-web mt|st | path
# Each step is idempotent: a finished step leaves a stamp file and is skipped next time.
set -euo pipefail

IMGUI_VERSION=1.86
SDL2_VERSION=2.26.5
CACHE=${INTERLEAVE_CACHE:-$HOME/.cache/interleave}
SRC=$CACHE/src
APT=$CACHE/apt

log() { printf '[thirdparty] %s\n' "$*" >&2; }

private_apt() {
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
  local key=/usr/share/keyrings/debian-archive-keyring.gpg
  {
    for suite in bookworm bookworm-updates; do
      echo "deb [signed-by=$key] http://deb.debian.org/debian $suite main"
      echo "deb-src [signed-by=$key] http://deb.debian.org/debian $suite main"
    done
    echo "deb [signed-by=$key] http://deb.debian.org/debian-security bookworm-security main"
    echo "deb-src [signed-by=$key] http://deb.debian.org/debian-security bookworm-security main"
  } > "$APT/src.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$APT/src.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o APT::Sandbox::User=root
            -o Debug::NoLocking=1)
}

fetch_sources() {
  if [[ -f $SRC/imgui-$IMGUI_VERSION/.stamp && -f $SRC/SDL2-$SDL2_VERSION/.stamp ]]; then return; fi
  private_apt
  mkdir -p "$SRC" "$APT/dl"
  log "fetching Debian source packages imgui $IMGUI_VERSION and libsdl2 $SDL2_VERSION"
  apt-get "${APT_OPTS[@]}" -qq update
  (cd "$APT/dl" && apt-get "${APT_OPTS[@]}" -qq source --download-only "imgui=$IMGUI_VERSION+ds-1" "libsdl2=$SDL2_VERSION+dfsg-1")
  local imgui_tar sdl_tar
  imgui_tar=$(ls "$APT/dl"/imgui_"$IMGUI_VERSION"*.orig.tar.* | head -n1)
  sdl_tar=$(ls "$APT/dl"/libsdl2_"$SDL2_VERSION"*.orig.tar.* | head -n1)
  rm -rf "$SRC/imgui-$IMGUI_VERSION" "$SRC/SDL2-$SDL2_VERSION"
  mkdir -p "$SRC/imgui-$IMGUI_VERSION" "$SRC/SDL2-$SDL2_VERSION"
  tar xf "$imgui_tar" -C "$SRC/imgui-$IMGUI_VERSION" --strip-components=1
  tar xf "$sdl_tar" -C "$SRC/SDL2-$SDL2_VERSION" --strip-components=1
  [[ -f $SRC/imgui-$IMGUI_VERSION/imgui.cpp ]] || { log "imgui sources incomplete"; exit 1; }
  [[ -f $SRC/SDL2-$SDL2_VERSION/CMakeLists.txt ]] || { log "SDL2 sources incomplete"; exit 1; }
  touch "$SRC/imgui-$IMGUI_VERSION/.stamp" "$SRC/SDL2-$SDL2_VERSION/.stamp"
}

build_sdl2_web() {
  local variant=$1 prefix=$CACHE/sdl2-$SDL2_VERSION-web-$1 flags threads
  [[ -f $prefix/.stamp ]] && return
  fetch_sources
  case $variant in
    mt) flags=-pthread; threads=ON ;;
    st) flags=; threads=OFF ;;
    *) log "unknown variant '$variant' (mt or st)"; exit 2 ;;
  esac
  local build=$CACHE/build/sdl2-$SDL2_VERSION-web-$variant
  rm -rf "$build" "$prefix"; mkdir -p "$build"
  log "building SDL2 $SDL2_VERSION for the web ($variant); this takes a few minutes once"
  export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
  emcmake cmake -S "$SRC/SDL2-$SDL2_VERSION" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_PTHREADS=$threads -DSDL_THREADS=$threads -DCMAKE_C_FLAGS="$flags" >"$build.log" 2>&1 \
    || { tail -30 "$build.log" >&2; exit 1; }
  cmake --build "$build" >>"$build.log" 2>&1 && cmake --install "$build" >>"$build.log" 2>&1 \
    || { tail -30 "$build.log" >&2; exit 1; }
  touch "$prefix/.stamp"
}

# One build at a time per cache: parallel configures (web-mt and web-st) must not race.
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

case ${1:-} in
  sources) fetch_sources; echo "$SRC" ;;
  sdl2-web) build_sdl2_web "${2:?variant mt or st}"; echo "$CACHE/sdl2-$SDL2_VERSION-web-$2" ;;
  path) echo "$CACHE" ;;
  *) echo "usage: $0 sources | sdl2-web mt|st | path" >&2; exit 2 ;;
esac
