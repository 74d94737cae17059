#!/usr/bin/env bash
# Puts plotly.js (npm package plotly.js-dist-min, pinned version and sha512) into the app's static resources:
#   <build dir>/classes/META-INF/resources/vendor/plotly.min.js  (served at /vendor/plotly.min.js; copied beside
#   static reports). Run by Maven (exec-maven-plugin, generate-resources) so the 4.6 MB file is never committed.
#
# The npm tarball is cached in ${VOLSURF_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/volsurf/npm}: the first build
# fetches it (npm pack, else curl/wget from the npm registry), every later build, online or not, reads the cache.
# The tarball's sha512 is checked against the registry's published integrity each time.
# VOLSURF_PLOTLY_TGZ=/path/to/plotly.js-dist-min-4.1.2.tgz uses a tarball from anywhere instead.
set -euo pipefail

VERSION=4.1.2
PACKAGE=plotly.js-dist-min
# npm's dist.integrity for plotly.js-dist-min@4.1.2 (sha512-VSmS9KVN...), in hex.
SHA512=552992f4a54dba7d7a4bca85618a7d2e52ff5c16f2e2e79e1aa07e2bd02a44256cba9f1d4a91942daa785324757f69b3e29577aa35a9d6c479721c0b80828fa1
TARBALL_NAME=$PACKAGE-$VERSION.tgz
REGISTRY_URL=https://registry.npmjs.org/$PACKAGE/-/$TARBALL_NAME

build_dir=${1:?usage: fetch-plotly.sh <maven build directory>}
out_dir=$build_dir/classes/META-INF/resources/vendor
cache_dir=${VOLSURF_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/volsurf/npm}
tarball=${VOLSURF_PLOTLY_TGZ:-$cache_dir/$TARBALL_NAME}

fail() {
  cat >&2 <<MSG
fetch-plotly: $*
The web page and the static reports need plotly.js $VERSION from npm. With network access, run once:
  mkdir -p $cache_dir && npm pack $PACKAGE@$VERSION --pack-destination $cache_dir
or without npm:
  mkdir -p $cache_dir && curl -fL -o $cache_dir/$TARBALL_NAME $REGISTRY_URL
(or copy that tarball from another machine and set VOLSURF_PLOTLY_TGZ=/path/to/$TARBALL_NAME), then build again.
MSG
  exit 1
}

sha512_of() {
  if command -v sha512sum >/dev/null 2>&1; then
    sha512sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 512 "$1" | cut -d' ' -f1
  else
    openssl dgst -sha512 -r "$1" | cut -d' ' -f1
  fi
}

fetch() {
  mkdir -p "$cache_dir"
  local tmp
  tmp=$(mktemp -d "$cache_dir/.fetch.XXXXXX")
  trap 'rm -rf "$tmp"' RETURN
  echo "fetch-plotly: fetching $PACKAGE@$VERSION into $cache_dir (once; later builds work offline)" >&2
  if command -v npm >/dev/null 2>&1 \
      && (cd "$tmp" && npm pack "$PACKAGE@$VERSION" --pack-destination "$tmp" --silent >/dev/null 2>"$tmp/npm.log") \
      && [ -s "$tmp/$TARBALL_NAME" ]; then
    :
  elif command -v curl >/dev/null 2>&1 && curl -fsSL --retry 2 -o "$tmp/$TARBALL_NAME" "$REGISTRY_URL"; then
    :
  elif command -v wget >/dev/null 2>&1 && wget -q -O "$tmp/$TARBALL_NAME" "$REGISTRY_URL"; then
    :
  else
    [ -s "$tmp/npm.log" ] && sed 's/^/  npm: /' "$tmp/npm.log" | tail -n 5 >&2
    fail "cannot fetch $PACKAGE@$VERSION (no network, or neither npm nor curl nor wget works)"
  fi
  [ "$(sha512_of "$tmp/$TARBALL_NAME")" = "$SHA512" ] || fail "the fetched $TARBALL_NAME does not match its pinned sha512"
  mv "$tmp/$TARBALL_NAME" "$cache_dir/$TARBALL_NAME"
}

if [ ! -s "$tarball" ]; then
  [ -n "${VOLSURF_PLOTLY_TGZ:-}" ] && fail "VOLSURF_PLOTLY_TGZ=$tarball does not exist"
  fetch
fi
[ "$(sha512_of "$tarball")" = "$SHA512" ] \
  || fail "$tarball does not match the pinned sha512 of $PACKAGE@$VERSION: delete it and build again"

if [ -s "$out_dir/plotly.min.js" ] \
    && grep -q "v$VERSION" "$build_dir/.plotly-version" 2>/dev/null; then
  exit 0
fi
mkdir -p "$out_dir"
tmp=$(mktemp -d "$build_dir/.plotly.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tar -xzmf "$tarball" -C "$tmp" package/plotly.min.js package/LICENSE
[ -s "$tmp/package/plotly.min.js" ] || fail "$tarball holds no package/plotly.min.js"
mv "$tmp/package/plotly.min.js" "$out_dir/plotly.min.js"
mv "$tmp/package/LICENSE" "$out_dir/plotly.LICENSE.txt"
echo "v$VERSION" > "$build_dir/.plotly-version"
echo "fetch-plotly: $PACKAGE@$VERSION -> $out_dir/plotly.min.js" >&2
