#!/usr/bin/env bash
# Installs the .deb into a throwaway root, checks it and removes it again:
#   scripts/test-deb.sh VERSION DEB
# The throwaway root is a copy-on-write overlay of this machine's own root in
# a private mount namespace (unshare + overlayfs + chroot): `apt-get install
# ./photodesk.deb` resolves Depends: against a real package database and
# nothing reaches the real system. Where that cannot be made (no root, no
# overlayfs), it falls back to `dpkg --root` into an empty folder, which
# checks the files and the maintainer database but not Depends:.
set -euo pipefail
version=${1:?usage: test-deb.sh VERSION DEB} deb=$(realpath "${2:?}")
id=io.github.photodesk.photodesk
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

# checks runs inside the root ($1 is the prefix to reach it from here, ""
# inside the chroot); the same checks for both ways of installing.
checks() {
	local r=$1
	out=$("$r/usr/bin/photodesk" --version) || fail "photodesk --version exited $?"
	case "$out" in "photodesk $version "*) ;; *) fail "--version said '$out', want photodesk $version" ;; esac
	echo "test-deb: --version: $out"
	desktop-file-validate "$r/usr/share/applications/$id.desktop" || fail "desktop-file-validate"
	grep -qx "Icon=$id" "$r/usr/share/applications/$id.desktop" || fail "desktop entry names another icon"
	for s in 16 32 48 64 128 256 512; do
		f=$r/usr/share/icons/hicolor/${s}x${s}/apps/$id.png
		[ "$(identify -format '%wx%h' "$f" 2>/dev/null)" = "${s}x${s}" ] || fail "icon $f is not ${s}x${s}"
	done
	if command -v appstreamcli >/dev/null; then
		appstreamcli validate --no-net --pedantic "$r/usr/share/metainfo/$id.metainfo.xml" || fail "appstreamcli validate"
	fi
	grep -q "version=\"$version\"" "$r/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo lacks release $version"
}

# A probe first: can this machine make the overlay at all?
# TEST_DEB_ROOT=dpkg forces the fallback (to test it).
probe() {
	[ "${TEST_DEB_ROOT:-}" != dpkg ] || return 1
	[ "$(id -u)" -eq 0 ] || return 1
	command -v unshare >/dev/null || return 1
	mkdir -p "$work/p"/{u,w,m}
	unshare --mount --fork sh -c "mount -t overlay overlay -o lowerdir=/,upperdir=$work/p/u,workdir=$work/p/w $work/p/m" 2>/dev/null
}

if probe; then
	echo "test-deb: apt-get install in a throwaway overlay root"
	mkdir -p "$work"/{upper,wrk,root}
	cp "$deb" "$work/photodesk.deb"
	export version id
	export -f checks fail
	unshare --mount --fork bash -euo pipefail -c '
		work=$1
		r=$work/root
		mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/wrk" "$r"
		for d in proc sys dev; do mount --rbind "/$d" "$r/$d"; done
		mount -t tmpfs tmpfs "$r/tmp"
		cp "$work/photodesk.deb" "$r/tmp/photodesk.deb"
		! chroot "$r" dpkg-query -W photodesk >/dev/null 2>&1 || fail "photodesk is already installed on this machine"
		DEBIAN_FRONTEND=noninteractive chroot "$r" apt-get install -y -q --no-install-recommends /tmp/photodesk.deb >"$work/apt.log" 2>&1 ||
			{ cat "$work/apt.log" >&2; fail "apt-get install ./photodesk.deb"; }
		status=$(chroot "$r" dpkg-query -W -f="\${Status} \${Version}" photodesk)
		[ "$status" = "install ok installed $version" ] || fail "dpkg says \"$status\""
		echo "test-deb: installed: $status"
		chroot "$r" bash -euo pipefail -c "$(declare -f checks fail); version=$version id=$id; checks \"\""
		files=$(chroot "$r" sh -c "dpkg -L photodesk | while read -r f; do [ -f \"\$f\" ] && echo \"\$f\"; done")
		DEBIAN_FRONTEND=noninteractive chroot "$r" apt-get purge -y -q photodesk >"$work/apt.log" 2>&1 ||
			{ cat "$work/apt.log" >&2; fail "apt-get purge photodesk"; }
		for f in $files; do [ ! -e "$r$f" ] || fail "$f is still there after apt-get purge"; done
		! chroot "$r" dpkg-query -W -f="\${Status}" photodesk 2>/dev/null | grep -q installed || fail "still installed after purge"
		echo "test-deb: removed cleanly ($(echo "$files" | wc -l) files gone)"
	' _ "$work"
else
	echo "test-deb: no overlay root here (needs root and overlayfs); dpkg --root into an empty folder instead"
	r=$work/root
	mkdir -p "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/info"
	touch "$r/var/lib/dpkg/status"
	dpkg --root="$r" --force-depends --force-not-root --force-script-chrootless -i "$deb" >/dev/null || fail "dpkg -i"
	checks "$r"
	dpkg --root="$r" --force-depends --force-not-root --force-script-chrootless --purge photodesk >/dev/null || fail "dpkg --purge"
	left=$(find "$r" -type f ! -path "$r/var/lib/dpkg/*" ! -path "$r/var/log/*")
	[ -z "$left" ] || fail "left behind after purge: $left"
	echo "test-deb: removed cleanly"
fi
echo "test-deb: ok in $((SECONDS - start))s"
