#!/usr/bin/env bash
# Builds the Windows installer with NSIS (Debian's makensis) around the
# packaged exe: packaging/windows/photodesk.nsi.
#   scripts/build-installer.sh VERSION EXE OUT-setup.exe
set -euo pipefail
version=${1:?usage: build-installer.sh VERSION EXE OUT} exe=$(realpath "${2:?}") out=$(realpath -m "${3:?}")
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Windows wants four numbers in a version resource: 0.1.0 -> 0.1.0.0.
IFS=. read -r a b c d <<<"${version%%[-+]*}"
vi="${a:-0}.${b:-0}.${c:-0}.${d:-0}"
[[ $vi =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "build-installer: version '$version' is not numeric" >&2; exit 1; }

convert "$src/resources/icon.png" -define icon:auto-resize=256,64,48,32,16 "$work/photodesk.ico"
mkdir -p "$(dirname "$out")"
makensis -V2 -NOCD -DVERSION="$version" -DVIVERSION="$vi" -DEXE="$exe" -DICON="$work/photodesk.ico" \
	-DOUTFILE="$out" "$src/packaging/windows/photodesk.nsi"
echo "build-installer: $out"
