#!/usr/bin/env bash
# Runs a command the way a desktop user's session would: a throwaway HOME, a
# D-Bus session bus with an unlocked gnome-keyring (a real Secret Service, so
# keyring tests talk to the real thing) and an X server (Xvfb) for the clipboard.
#   scripts/desktop-session.sh COMMAND [ARGS...]
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: desktop-session.sh COMMAND..." >&2; exit 2; }

# Keep Go's caches where they are: the Fyne C build is slow and must not be
# redone just because HOME moved.
export GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOPATH="$(go env GOPATH)"
home=$(mktemp -d)
# A desktop program run in the session (the file manager of the drag-out
# test) may mount gvfs's FUSE folder under the throwaway HOME; unmount it
# first, and never let cleaning up turn passing tests into a failure.
cleanup() {
	fusermount -uz "$home/.cache/gvfs" 2>/dev/null || true
	rm -rf "$home" 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$home/.local/share/keyrings" && chmod -R 700 "$home/.local"
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache XDG_DATA_HOME=$home/.local/share
export LANG=${LANG:-C.UTF-8} PHOTODESK_REQUIRE_KEYRING=1 PHOTODESK_REQUIRE_DESKTOP=1

dbus-run-session -- bash -c '
	echo -n photodesk | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$@"' _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)
