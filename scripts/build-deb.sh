#!/usr/bin/env bash
# Builds the Debian package from the Linux tarball's binary (so both ship the
# same build) and the files under packaging/linux.
#   scripts/build-deb.sh VERSION TARBALL OUT.deb
# Depends: is computed from the libraries the binary really links
# (dpkg-shlibdeps), never written by hand.
set -euo pipefail
version=${1:?usage: build-deb.sh VERSION TARBALL OUT.deb} tarball=${2:?} out=${3:?}
id=io.github.photodesk.photodesk
src=$(cd "$(dirname "$0")/.." && pwd)
pkg=$src/packaging/linux

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
bin=$(find "$work" -path '*/bin/photodesk' -type f | head -n1)
[ -n "$bin" ] || { echo "build-deb: no bin/photodesk in $tarball" >&2; exit 1; }

root=$work/root
install -D -m 0755 "$bin" "$root/usr/bin/photodesk"
install -D -m 0644 "$pkg/$id.desktop" "$root/usr/share/applications/$id.desktop"
# The release date is the commit date of FyneApp.toml, so rebuilding the same
# version gives the same metainfo.
date=$(git -C "$src" log -1 --format=%cs -- FyneApp.toml 2>/dev/null || true)
[ -n "$date" ] || date=$(date -u +%F)
install -d "$root/usr/share/metainfo"
sed -e "s/@VERSION@/$version/g" -e "s/@DATE@/$date/g" "$pkg/$id.metainfo.xml" >"$root/usr/share/metainfo/$id.metainfo.xml"
for s in 16 32 48 64 128 256 512; do
	d=$root/usr/share/icons/hicolor/${s}x${s}/apps
	install -d "$d"
	convert "$src/resources/icon.png" -resize "${s}x${s}" -strip "PNG32:$d/$id.png"
done
install -d "$root/usr/share/doc/photodesk"
printf 'Photo Desk %s\nhttps://github.com/photodesk/photodesk\n' "$version" >"$root/usr/share/doc/photodesk/README"

# dpkg-shlibdeps wants a debian/control next to the tree it looks at.
mkdir -p "$work/debian"
printf 'Source: photodesk\n\nPackage: photodesk\nArchitecture: amd64\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O -e root/usr/bin/photodesk 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies for the binary" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
install -d "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" "$pkg/control.in" >"$root/DEBIAN/control"
mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "build-deb: $out (Depends: $depends)"
