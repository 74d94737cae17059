#!/usr/bin/env bash
# Generates the Java proxies with SWIG and compiles libvolsurfql.so against Debian's
# QuantLib (libquantlib0-dev). Skips each step when its outputs are newer than its inputs,
# because compiling against QuantLib's headers takes tens of seconds.
# Usage: build-native.sh <module basedir>
set -euo pipefail
base="${1:-.}"
src="$base/src/main/swig"
gen="$base/target/generated-sources/swig"
pkgdir="$gen/io/volsurf/greeks/ql"
cxxdir="$base/target/swig-cxx"
libdir="$base/target/classes/native/linux-x86_64"
lib="$libdir/libvolsurfql.so"
wrap="$cxxdir/volsurfql_wrap.cxx"

if ! command -v swig >/dev/null 2>&1; then
  echo "volsurf greeks: 'swig' not found: install the Debian package swig (4.1)" >&2; exit 1
fi
if [ ! -f /usr/include/ql/quantlib.hpp ] && [ ! -f /usr/local/include/ql/quantlib.hpp ]; then
  echo "volsurf greeks: QuantLib headers not found: install the Debian package libquantlib0-dev" >&2; exit 1
fi

newer_than() { # true when $1 exists and is newer than every file after it
  local out="$1"; shift
  [ -e "$out" ] || return 1
  for f in "$@"; do [ "$f" -nt "$out" ] && return 1; done
  return 0
}

inputs=("$src/volsurfql.i" "$src/volsurf_ql.hpp" "$src/build-native.sh")
stamp="$cxxdir/swig.stamp"
if ! newer_than "$stamp" "${inputs[@]}" || [ ! -d "$pkgdir" ]; then
  rm -rf "$pkgdir"; mkdir -p "$pkgdir" "$cxxdir"
  swig -java -c++ -package io.volsurf.greeks.ql -outdir "$pkgdir" -o "$wrap" "$src/volsurfql.i"
  touch "$stamp"
  echo "volsurf greeks: SWIG generated $(ls "$pkgdir" | wc -l) Java files"
fi

if ! newer_than "$lib" "$wrap" "$src/volsurf_ql.hpp"; then
  java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}"
  mkdir -p "$libdir"
  echo "volsurf greeks: compiling libvolsurfql.so (QuantLib headers make this take a while)"
  g++ -std=c++17 -O2 -shared -fPIC -w \
    -I"$src" -I"$java_home/include" -I"$java_home/include/linux" \
    "$wrap" -o "$lib.tmp" -lQuantLib
  mv "$lib.tmp" "$lib"
fi
